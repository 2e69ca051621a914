// Stable identifiers for batch specifications: FNV-1a (64 bit) over the data file's bytes (its
// checksum) and over the data checksum, the specification's canonical text and the program version.
// A rerun recognises a stored specification by this id; any change to one of the three makes a new id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gvcpanel::cli {

// FNV-1a 64-bit, continuing from `hash` (the offset basis by default).
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ULL);

// The checksum of a file's bytes as 16 hex digits; an unreadable file is an Error naming it.
std::string file_checksum(const std::string& path);

// The id of one expanded specification: 16 hex digits.
std::string specification_id(const std::string& data_checksum, const std::string& canonical_text);

}  // namespace gvcpanel::cli
