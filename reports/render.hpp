// The output formats of a table and their renderers, one file each (render_text.cpp, ...). A
// renderer turns a Layout into text; it never computes or rounds a number itself.
#pragma once

#include <string>

#include "reports/layout.hpp"

namespace gvcpanel::reports {

enum class Format { text, markdown, latex, html, csv, json };

struct RenderOptions {
    bool latex_decimal_align = false;  // LaTeX: align numbers on the decimal point with dcolumn's
                                       //   D columns (then the document needs \usepackage{dcolumn})
    bool html_standalone = false;      // HTML: a whole page with its style, not a <table> fragment
};

// "text", "md"/"markdown", "latex"/"tex", "html", "csv", "json"; others are an Error listing these.
Format parse_format(const std::string& text);

std::string render(const Layout& layout, Format format, const RenderOptions& options = {});

std::string render_text(const Layout& layout);
std::string render_markdown(const Layout& layout);
std::string render_latex(const Layout& layout, const RenderOptions& options = {});
std::string render_html(const Layout& layout, const RenderOptions& options = {});
std::string render_csv(const Layout& layout);
std::string render_json(const Layout& layout);

}  // namespace gvcpanel::reports
