// The reading options every command that reads data shares (docs/cli.md, docs/reading.md):
// --na (extra missing-value tokens), --decimal (the decimal mark) and --text (columns read as text,
// as written), and the columns a model uses only as categories, whose text is no error.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "cli/model_request.hpp"
#include "data/read.hpp"

namespace gvcpanel::cli {

struct ReadSettings {
    std::vector<std::string> na;    // extra missing-value tokens (each value may list several, comma-separated)
    std::string decimal = ".";      // the decimal mark: "." or ","
    std::vector<std::string> text;  // columns read as text (each value may list several, comma-separated)
    std::string sheet;              // .xlsx: the sheet to read; "" = the first
};

// Adds --na, --decimal, --text and --sheet to `options`, filling `settings`.
void add_read_options(boost::program_options::options_description& options, ReadSettings& settings);

// The reader's options for `settings`; an unknown decimal mark is an Error naming it.
data::ReadOptions read_options(const ReadSettings& settings);

// The columns the requests use only as categories (all of them, never as a value in any).
std::vector<std::string> category_columns(const std::vector<const ModelRequest*>& requests);

}  // namespace gvcpanel::cli
