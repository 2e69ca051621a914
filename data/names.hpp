// Spelling help for names the user typed: the closest known names by edit distance, so that an
// unknown column or option can say "did you mean ...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gvcpanel::data {

// Damerau-free Levenshtein distance, case-sensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `max_count` candidates closest to `name`, nearest first (ties keep candidate order).
std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t max_count = 3);

// "; did you mean 'a', 'b' or 'c'?" or "" when there are no candidates.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace gvcpanel::data
