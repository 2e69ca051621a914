#include "reports/render.hpp"

#include "data/error.hpp"

namespace gvcpanel::reports {

Format parse_format(const std::string& text) {
    if (text == "text") return Format::text;
    if (text == "md" || text == "markdown") return Format::markdown;
    if (text == "latex" || text == "tex") return Format::latex;
    if (text == "html") return Format::html;
    if (text == "csv") return Format::csv;
    if (text == "json") return Format::json;
    throw Error("unknown table format '" + text + "'; choose text, md, latex, html, csv or json");
}

std::string render(const Layout& layout, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::text: return render_text(layout);
        case Format::markdown: return render_markdown(layout);
        case Format::latex: return render_latex(layout, options);
        case Format::html: return render_html(layout, options);
        case Format::csv: return render_csv(layout);
        case Format::json: return render_json(layout);
    }
    return render_text(layout);
}

}  // namespace gvcpanel::reports
