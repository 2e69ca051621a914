// Where and how commands print results: the output formats of --format, and writing to a file
// (--out) or standard output. JSON output is the result JSON only (notes go to standard error).
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"

namespace gvcpanel::cli {

enum class OutputFormat { text, md, latex, html, csv, json, docx, rtf, xlsx };

// An unknown name is an Error listing the accepted ones.
OutputFormat parse_output_format(const std::string& name);

// docx and xlsx are zip archives: without a file to write (`out` empty) they are an Error asking
// for --out, rather than bytes on a terminal.
void require_file_for_binary(const std::string& format, const std::string& out);

// text: one summary per result; json: one object (or an array for several); the other formats: a
// table of the results side by side. Notes and warnings are printed to standard error.
std::string render_results(const std::vector<estimators::Result>& results, OutputFormat format);

// To `path` (whole or not at all: data/atomic_file), or standard output when it is empty; an
// unwritable path is an Error naming it.
void write_output(const std::string& text, const std::string& path);

// Creates the folder `path` (and its parents) for a command's files; an Error names it and why not.
void create_output_folder(const std::string& path);

}  // namespace gvcpanel::cli
