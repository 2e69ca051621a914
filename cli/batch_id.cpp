// FNV-1a for batch ids and the data checksum: simple, fast (a file of 10^6 rows in a fraction of a
// second), and enough to tell specifications apart; it is not meant to resist deliberate collisions.
#include "cli/batch_id.hpp"

#include <array>
#include <cstdio>
#include <fstream>

#include "data/error.hpp"

namespace gvcpanel::cli {

namespace {

std::string hex(std::uint64_t value) {
    std::array<char, 17> text{};
    std::snprintf(text.data(), text.size(), "%016llx", static_cast<unsigned long long>(value));
    return text.data();
}

}  // namespace

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash) {
    for (const unsigned char byte : bytes) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string file_checksum(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the data file to compute its checksum");
    std::uint64_t hash = fnv1a({});
    std::string buffer(1 << 20, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash = fnv1a(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())), hash);
    }
    return hex(hash);
}

std::string specification_id(const std::string& data_checksum, const std::string& canonical_text) {
    std::uint64_t hash = fnv1a(data_checksum);
    hash = fnv1a("\n", hash);
    hash = fnv1a(canonical_text, hash);
    hash = fnv1a("\n", hash);
    return hex(fnv1a(GVCPANEL_VERSION, hash));
}

}  // namespace gvcpanel::cli
