#include "reports/table.hpp"

#include <algorithm>
#include <cctype>

#include "data/error.hpp"
#include "reports/coefficient_rows.hpp"
#include "reports/estimator_label.hpp"
#include "reports/format_number.hpp"
#include "reports/statistic_rows.hpp"

namespace gvcpanel::reports {

namespace {

using Results = std::vector<const estimators::Result*>;

Results pointers(const Panel& panel) {
    Results results;
    for (const auto& r : panel.results) results.push_back(&r);
    return results;
}

std::string capitalised(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

Row outcome_row(const Results& results, std::size_t columns, const Labels& labels) {
    Row row{RowKind::outcome, "Dependent variable", std::vector<Cell>(columns)};
    for (std::size_t c = 0; c < results.size(); ++c)
        row.cells[c] = {label_or(labels, results[c]->outcome, results[c]->outcome), "", false};
    return row;
}

// Shown when asked, or automatically when the columns differ in estimator or IV stage.
bool estimator_shown(const Results& results, Show show) {
    if (show != Show::automatic) return show == Show::always;
    return std::any_of(results.begin(), results.end(),
                       [&](const estimators::Result* r) { return estimator_label(*r) != estimator_label(*results[0]); });
}

Row estimator_row(const Results& results, std::size_t columns) {
    Row row{RowKind::estimator, "Estimator", std::vector<Cell>(columns)};
    for (std::size_t c = 0; c < results.size(); ++c) row.cells[c] = {estimator_label(*results[c]), "", false};
    return row;
}

Block fixed_effect_rows(const Results& results, std::size_t columns, const Labels& labels) {
    std::vector<std::string> names;
    for (const auto* r : results)
        for (const auto& fe : r->fixed_effects)
            if (std::find(names.begin(), names.end(), fe.name) == names.end()) names.push_back(fe.name);
    Block block;
    for (const auto& name : names) {
        Row row{RowKind::fixed_effect, label_or(labels, name, capitalised(name)) + " FE", std::vector<Cell>(columns)};
        for (std::size_t c = 0; c < results.size(); ++c) {
            const auto& fes = results[c]->fixed_effects;
            const bool has = std::any_of(fes.begin(), fes.end(), [&](const auto& fe) { return fe.name == name; });
            row.cells[c] = {has ? "Yes" : "No", "", false};
        }
        block.push_back(std::move(row));
    }
    return block;
}

Block statistic_block(const Results& results, std::size_t columns, const TableOptions& options) {
    Block block;
    for (const auto& key : statistic_keys(options.stats, results)) {
        Row row{RowKind::statistic, statistic_label(key, options.labels), std::vector<Cell>(columns)};
        for (std::size_t c = 0; c < results.size(); ++c) row.cells[c] = statistic_cell(*results[c], key, options.digits);
        block.push_back(std::move(row));
    }
    return block;
}

// True when every column has the same outcome in every panel, so one header row says it.
bool outcome_shared(const std::vector<Panel>& panels) {
    for (const auto& panel : panels)
        for (std::size_t c = 0; c < panel.results.size(); ++c)
            for (const auto& other : panels)
                if (c < other.results.size() && other.results[c].outcome != panel.results[c].outcome) return false;
    return true;
}

std::vector<Row> header_rows(const std::vector<Panel>& panels, std::size_t columns, const TableOptions& options) {
    std::vector<Row> header;
    if (options.numbers) {
        Row row{RowKind::number, "", {}};
        for (std::size_t c = 0; c < columns; ++c) row.cells.push_back({enclosed('(', std::to_string(c + 1), ')'), "", false});
        header.push_back(std::move(row));
    }
    if (!options.titles.empty()) {
        Row row{RowKind::title, "", {}};
        for (const auto& title : options.titles) row.cells.push_back({title, "", false});
        header.push_back(std::move(row));
    }
    const auto widest = std::max_element(panels.begin(), panels.end(), [](const Panel& a, const Panel& b) {
        return a.results.size() < b.results.size();
    });
    if (options.outcome && outcome_shared(panels)) header.push_back(outcome_row(pointers(*widest), columns, options.labels));
    if (estimator_shown(pointers(*widest), options.estimator)) header.push_back(estimator_row(pointers(*widest), columns));
    return header;
}

std::vector<std::string> panel_notes(const std::vector<Panel>& panels, const TableOptions& options) {
    std::vector<std::string> notes;
    std::vector<std::string> covariance;
    for (const auto& panel : panels) {
        std::vector<const estimators::Result*> results;
        for (const auto& r : panel.results) results.push_back(&r);
        covariance.push_back(results_covariance_note(results, options.below));
    }
    const bool same = std::all_of(covariance.begin(), covariance.end(), [&](const auto& n) { return n == covariance[0]; });
    if (options.covariance_note)
        for (std::size_t p = 0; p < panels.size(); ++p) {
            if (covariance[p].empty() || (same && p > 0)) continue;
            notes.push_back(same || panels[p].title.empty() ? covariance[p] : panels[p].title + ": " + covariance[p]);
        }
    if (!options.stars.levels.empty()) notes.push_back(options.stars.legend());
    const bool margins = options.margins && std::any_of(panels.begin(), panels.end(), [](const Panel& panel) {
        return std::any_of(panel.results.begin(), panel.results.end(), [](const auto& r) { return !r.margins.empty(); });
    });
    if (margins) notes.push_back("(dy/dx): partial effects on the response mean, delta-method standard errors.");
    for (const auto& panel : panels)
        for (std::size_t c = 0; c < panel.results.size(); ++c) {
            const auto& r = panel.results[c];
            if (r.converged) continue;
            std::string note = (panel.title.empty() ? "" : panel.title + ", ") + "model (" + std::to_string(c + 1) +
                               ") did not converge";
            notes.push_back(note + (r.convergence_message.empty() ? "." : ": " + r.convergence_message));
        }
    notes.insert(notes.end(), options.notes.begin(), options.notes.end());
    return notes;
}

Layout build_layout(const std::vector<Panel>& panels, const TableOptions& options) {
    if (panels.empty()) throw Error("a table needs at least one result");
    std::size_t columns = 0;
    for (const auto& panel : panels) {
        if (panel.results.empty())
            throw Error("table: panel '" + panel.title + "' holds no result; give each panel one or more");
        columns = std::max(columns, panel.results.size());
    }
    options.validate(columns);

    Results all;
    for (const auto& panel : panels)
        for (const auto& r : panel.results) all.push_back(&r);
    const auto shown = select_terms(term_names(all, options.terms), options.terms);

    Layout layout;
    layout.columns = columns;
    layout.groups = options.groups;
    layout.header = header_rows(panels, columns, options);
    const bool outcome_in_panels = options.outcome && !outcome_shared(panels);
    for (const auto& panel : panels) {
        const auto results = pointers(panel);
        std::vector<std::string> terms;
        for (const auto& term : shown)
            if (std::find_if(results.begin(), results.end(), [&](const estimators::Result* r) {
                    return std::any_of(r->coef.begin(), r->coef.end(),
                                       [&](const auto& row) { return renamed(row.name, options.terms) == term; });
                }) != results.end())
                terms.push_back(term);
        PanelLayout out{panel.title, {}};
        if (outcome_in_panels) out.blocks.push_back({outcome_row(results, columns, options.labels)});
        out.blocks.push_back(coefficient_rows(results, terms, columns, options));
        if (options.margins) out.blocks.push_back(margin_rows(results, columns, options));
        out.blocks.push_back(ancillary_rows(results, columns, options));
        if (options.fixed_effects) out.blocks.push_back(fixed_effect_rows(results, columns, options.labels));
        out.blocks.push_back(statistic_block(results, columns, options));
        std::erase_if(out.blocks, [](const Block& b) { return b.empty(); });
        layout.panels.push_back(std::move(out));
    }
    layout.notes = panel_notes(panels, options);
    return layout;
}

}  // namespace

Table::Table(const std::vector<estimators::Result>& results, const TableOptions& options)
    : Table(std::vector<Panel>{Panel{"", results}}, options) {}

Table::Table(const std::vector<Panel>& panels, const TableOptions& options)
    : layout_(build_layout(panels, options)) {}

std::string Table::render(Format format, const RenderOptions& options) const {
    return reports::render(layout_, format, options);
}

}  // namespace gvcpanel::reports
