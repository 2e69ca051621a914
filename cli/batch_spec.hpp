// The batch specification file (TOML, docs/batch.md): the data, defaults, and named models whose
// settings are single values or lists of choices (expansions). Parsing checks the file's shape and
// names (errors say FILE:LINE:COL); formulas and filters are checked when a specification runs, so
// that one bad specification fails alone.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/read_options.hpp"
#include "data/simulate.hpp"

namespace gvcpanel::cli {

// One setting of a model and its choices: a single value, or several (an expansion).
struct Dimension {
    std::string key;                  // outcome, terms, sw, csw, fixed_effects, instruments, or a `fit` field
    std::string category;             // its row in the specification curve's indicator panel
    std::vector<std::string> values;  // the choices, in file order; the first is the primary one's
};

struct BatchModel {
    std::string name;                        // groups the model's specifications in tables
    std::string where;                       // FILE:LINE:COL of its [[model]] table
    std::vector<Dimension> dimensions;       // every setting, defaults included
    std::vector<std::pair<std::string, std::vector<std::string>>> lists;  // tests, gmm: all apply
    std::string split;                       // one run per level of this column; empty = none
    std::vector<std::string> interest;       // the coefficients of interest
    bool primary = false;                    // its first specification (all first choices) is the primary one
};

struct BatchSpec {
    std::string file;                   // the spec file as named on the command line
    std::string text;                   // its text (for the manifest)
    std::string data;                   // the data file, resolved against the spec file's folder
    bool simulate = false;              // data = the simulated panel, written by the batch
    data::SimulationOptions simulation; // with simulate
    ReadSettings reading;               // na, decimal, text: how the data file is read
    std::vector<BatchModel> models;
};

// `folder` resolves a relative data path (the spec file's folder).
BatchSpec parse_batch_spec(const std::string& text, const std::string& file, const std::string& folder);
BatchSpec read_batch_spec(const std::string& path);

}  // namespace gvcpanel::cli
