// What a batch writes into OUT/ after running, from the store alone: a table per model (text,
// Markdown, LaTeX), summary.csv (a row per specification and coefficient of interest), the
// specification curve of each coefficient of interest (spec_curve.png/.svg/.pdf for the first),
// and manifest.json (data checksum, program version, spec text, time).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/batch_expand.hpp"
#include "cli/batch_spec.hpp"

namespace gvcpanel::cli {

// Returns the names of the files written, relative to `out_dir`.
std::vector<std::string> write_batch_outputs(const BatchSpec& spec, const std::vector<ExpandedSpec>& specs,
                                             const std::map<std::string, nlohmann::ordered_json>& stored,
                                             const std::string& data_checksum, const std::string& out_dir);

}  // namespace gvcpanel::cli
