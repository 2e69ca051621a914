// Variable labels for a table: what the reader sees instead of a term name ("Export share" for
// export_share). They come from a Stata file's variable labels or from a labels file of lines
// `name,label` (CSV quoting allowed; an optional header line `name,label`).
#pragma once

#include <map>
#include <string>

#include "data/frame.hpp"

namespace gvcpanel::reports {

using Labels = std::map<std::string, std::string>;

// Reads a labels file; errors say FILE:LINE.
Labels read_labels(const std::string& path);

// The non-empty column labels of a frame (Stata variable labels), and for each value label a
// factor level's: "region::1" -> "Region = north" (the variable's label, or its name, then the text).
Labels labels_from_frame(const data::Frame& frame);

// The label of `name`, or `fallback` when there is none.
std::string label_or(const Labels& labels, const std::string& name, const std::string& fallback);

}  // namespace gvcpanel::reports
