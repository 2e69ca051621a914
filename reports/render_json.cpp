// JSON: the table as printed, for programs that restyle it (a web page, a report generator).
// Every cell keeps its text and its stars apart; rows say what they are (estimate, statistic...).
#include <nlohmann/json.hpp>

#include "reports/render.hpp"

namespace gvcpanel::reports {

namespace {

using json = nlohmann::ordered_json;

const char* kind_name(RowKind kind) {
    switch (kind) {
        case RowKind::number: return "number";
        case RowKind::title: return "title";
        case RowKind::outcome: return "outcome";
        case RowKind::estimator: return "estimator";
        case RowKind::estimate: return "estimate";
        case RowKind::uncertainty: return "uncertainty";
        case RowKind::fixed_effect: return "fixed_effect";
        case RowKind::statistic: return "statistic";
    }
    return "estimate";
}

json row_json(const Row& row) {
    json cells = json::array();
    for (const auto& cell : row.cells) cells.push_back({{"text", cell.text}, {"stars", cell.stars}});
    return {{"kind", kind_name(row.kind)}, {"label", row.label}, {"cells", cells}};
}

}  // namespace

std::string render_json(const Layout& layout) {
    json j;
    j["columns"] = layout.columns;
    j["groups"] = json::array();
    for (const auto& group : layout.groups) j["groups"].push_back({{"title", group.title}, {"span", group.span}});
    j["header"] = json::array();
    for (const auto& row : layout.header) j["header"].push_back(row_json(row));
    j["panels"] = json::array();
    for (const auto& panel : layout.panels) {
        json blocks = json::array();
        for (const auto& block : panel.blocks) {
            json rows = json::array();
            for (const auto& row : block) rows.push_back(row_json(row));
            blocks.push_back(rows);
        }
        j["panels"].push_back({{"title", panel.title}, {"blocks", blocks}});
    }
    j["notes"] = layout.notes;
    return j.dump(2) + "\n";
}

}  // namespace gvcpanel::reports
