#include "reports/render.hpp"

#include <nlohmann/json.hpp>

#include "data/error.hpp"

namespace gvcpanel::reports {

Format parse_format(const std::string& text) {
    if (text == "text") return Format::text;
    if (text == "md" || text == "markdown") return Format::markdown;
    if (text == "latex" || text == "tex") return Format::latex;
    if (text == "html") return Format::html;
    if (text == "csv") return Format::csv;
    if (text == "json") return Format::json;
    if (text == "docx") return Format::docx;
    if (text == "rtf") return Format::rtf;
    if (text == "xlsx") return Format::xlsx;
    throw Error("unknown table format '" + text + "'; choose text, md, latex, html, csv, json, docx, rtf or xlsx");
}

bool is_binary(Format format) { return format == Format::docx || format == Format::xlsx; }

std::string render(const Layout& layout, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::text: return render_text(layout);
        case Format::markdown: return render_markdown(layout);
        case Format::latex: return render_latex(layout, options);
        case Format::html: return render_html(layout, options);
        case Format::csv: return render_csv(layout);
        case Format::json: return render_json(layout);
        case Format::docx: return render_docx({{"", layout}});
        case Format::rtf: return render_rtf({{"", layout}});
        case Format::xlsx: return render_xlsx({{"", layout}});
    }
    return render_text(layout);
}

std::string render_tables(const std::vector<TitledLayout>& tables, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::docx: return render_docx(tables);
        case Format::rtf: return render_rtf(tables);
        case Format::xlsx: return render_xlsx(tables);
        case Format::json: {
            auto array = nlohmann::ordered_json::array();
            for (const auto& table : tables)
                array.push_back({{"title", table.title}, {"table", nlohmann::ordered_json::parse(render_json(table.layout))}});
            return array.dump(2) + "\n";
        }
        default: break;
    }
    std::string text;
    for (const auto& table : tables) {
        if (!text.empty()) text += "\n";
        switch (format) {
            case Format::markdown: text += "**" + table.title + "**\n\n"; break;
            case Format::latex: text += "% " + table.title + "\n"; break;
            case Format::html: text += "<p class=\"gvcpanel-title\">" + html_escaped(table.title) + "</p>\n"; break;
            case Format::csv: text += csv_field(table.title) + "\n"; break;
            default: text += table.title + "\n\n"; break;
        }
        text += render(table.layout, format, options);
    }
    return text;
}

}  // namespace gvcpanel::reports
