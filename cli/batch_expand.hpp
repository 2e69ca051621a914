// Expansion of a batch file into the list of specifications to estimate: per model, every
// combination of its choices (in the order the settings are sorted by name, the last varying
// fastest), times the levels of its split variable. Each gets a stable id.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/batch_spec.hpp"
#include "cli/model_request.hpp"
#include "data/frame.hpp"

namespace gvcpanel::cli {

struct ExpandedSpec {
    std::string id;                                            // 16 hex digits (cli/batch_id.hpp)
    std::string model;                                         // the [[model]] it came from
    ModelRequest request;                                      // what `fit` would be asked
    std::vector<std::pair<std::string, std::string>> choices;  // (category, value) of what varies
    std::vector<std::string> interest;                         // coefficients of interest
    bool primary = false;
    nlohmann::ordered_json spec;                               // stored with the result: model, request, choices, primary
};

// Split variable -> its levels written as a filter literal ("captive", 2004).
using SplitLevels = std::map<std::string, std::vector<std::string>>;

// The split variables of the file's models (the columns expansion needs from the data).
std::vector<std::string> split_columns(const BatchSpec& spec);
// Levels present in the frame, in sorted order; a missing value is no level.
SplitLevels split_levels(const data::Frame& frame, const std::vector<std::string>& columns);

// How many specifications the file expands to, counted without building them (a product of the
// choices, which can be astronomically large: it saturates at SIZE_MAX).
std::size_t count_specifications(const BatchSpec& spec, const SplitLevels& levels);

// Each specification in turn, built and handed to `visit`, none kept (a listing of any length).
void for_each_specification(const BatchSpec& spec, const std::string& data_checksum, const SplitLevels& levels,
                            const std::function<void(ExpandedSpec&&)>& visit);

std::vector<ExpandedSpec> expand(const BatchSpec& spec, const std::string& data_checksum, const SplitLevels& levels);

// Every column the specifications read (the union of columns_needed; a formula that does not parse
// adds none), or empty when one needs all.
std::vector<std::string> columns_needed(const std::vector<ExpandedSpec>& specs);

}  // namespace gvcpanel::cli
