// The output formats of a table and their renderers, one file each (render_text.cpp, ...). A
// renderer turns a Layout into text; it never computes or rounds a number itself.
#pragma once

#include <string>
#include <vector>

#include "reports/layout.hpp"

namespace gvcpanel::reports {

enum class Format { text, markdown, latex, html, csv, json, docx, rtf, xlsx };

// Whether the format's output is binary (a zip archive): docx and xlsx, written to files only.
bool is_binary(Format format);

struct RenderOptions {
    bool latex_decimal_align = false;  // LaTeX: align numbers on the decimal point with dcolumn's
                                       //   D columns (then the document needs \usepackage{dcolumn})
    bool html_standalone = false;      // HTML: a whole page with its style, not a <table> fragment
};

// "text", "md"/"markdown", "latex"/"tex", "html", "csv", "json", "docx", "rtf", "xlsx"; others are an
// Error listing these.
Format parse_format(const std::string& text);

std::string render(const Layout& layout, Format format, const RenderOptions& options = {});

// A table with a title, one of several in a document (describe's summary statistics and
// correlations).
struct TitledLayout {
    std::string title;
    Layout layout;
};

// Several tables in one output: docx and rtf one document with each title above its table, xlsx a
// sheet per table (named after its title); the text formats one table after another, each after
// its title (json: an array of {title, table}).
std::string render_tables(const std::vector<TitledLayout>& tables, Format format, const RenderOptions& options = {});

std::string render_text(const Layout& layout);
std::string render_markdown(const Layout& layout);
std::string render_latex(const Layout& layout, const RenderOptions& options = {});
std::string render_html(const Layout& layout, const RenderOptions& options = {});
std::string render_csv(const Layout& layout);
std::string render_json(const Layout& layout);
// Text escaped for HTML and XML (& < > "); a CSV field, quoted when it holds a comma, quote or line end.
std::string html_escaped(const std::string& text);
std::string csv_field(const std::string& text);

// The document formats take several tables (a title may be empty); a single table is {{"", layout}}.
std::string render_docx(const std::vector<TitledLayout>& tables);  // the bytes of a .docx file
std::string render_rtf(const std::vector<TitledLayout>& tables);
std::string render_xlsx(const std::vector<TitledLayout>& tables);  // the bytes of a .xlsx file

}  // namespace gvcpanel::reports
