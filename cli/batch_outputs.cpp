// Tables through reports::Table, the curve through reports::plot_spec_curve; the summary CSV is
// written here (one flat row per estimate, for spreadsheets and R).
#include "cli/batch_outputs.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "cli/output.hpp"
#include "cli/utc_time.hpp"
#include "estimators/result.hpp"
#include "reports/plot_spec_curve.hpp"
#include "reports/table.hpp"

namespace gvcpanel::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string file_stem(const std::string& name) {
    std::string stem;
    for (const char c : name) stem += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return stem;
}

std::string csv_cell(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(double value) {
    if (std::isnan(value)) return "";
    std::ostringstream text;
    text.precision(17);
    text << value;
    return text.str();
}

std::string choices_text(const ExpandedSpec& spec) {
    std::string text;
    for (const auto& [category, value] : spec.choices) text += (text.empty() ? "" : "; ") + category + ": " + value;
    return text;
}

const Json* stored_result(const ExpandedSpec& spec, const std::map<std::string, Json>& stored) {
    const auto it = stored.find(spec.id);
    return it == stored.end() || it->second.contains("error") ? nullptr : &it->second;
}

std::string summary_csv(const std::vector<ExpandedSpec>& specs, const std::map<std::string, Json>& stored) {
    std::string csv = "id,model,primary,choices,term,estimate,se,p,ci_low,ci_high,nobs,error\n";
    for (const auto& spec : specs) {
        const std::string head = spec.id + "," + csv_cell(spec.model) + "," + (spec.primary ? "true" : "false") +
                                 "," + csv_cell(choices_text(spec)) + ",";
        const auto it = stored.find(spec.id);
        if (it == stored.end() || it->second.contains("error")) {
            const std::string error = it == stored.end() ? "not run" : it->second["error"].get<std::string>();
            csv += head + ",,,,,,," + csv_cell(error) + "\n";
            continue;
        }
        const auto result = estimators::result_from_json(it->second);
        for (const auto& term : spec.interest) {
            const auto row = std::find_if(result.coef.begin(), result.coef.end(),
                                          [&](const estimators::CoefRow& coef) { return coef.name == term; });
            if (row == result.coef.end()) {
                csv += head + csv_cell(term) + ",,,,,,," + std::to_string(result.nobs) + ",not in the model\n";
                continue;
            }
            csv += head + csv_cell(term) + "," + number(row->estimate) + "," + number(row->se) + "," +
                   number(row->p) + "," + number(row->ci_low) + "," + number(row->ci_high) + "," +
                   std::to_string(result.nobs) + ",\n";
        }
    }
    return csv;
}

}  // namespace

std::vector<std::string> write_batch_outputs(const BatchSpec& spec, const std::vector<ExpandedSpec>& specs,
                                             const std::map<std::string, Json>& stored,
                                             const std::string& data_checksum, const std::string& out_dir) {
    const std::filesystem::path out(out_dir);
    std::vector<std::string> written;
    auto write = [&](const std::string& name, const std::string& text) {
        write_output(text, (out / name).string());
        written.push_back(name);
    };

    std::vector<std::string> models;
    for (const auto& item : specs)
        if (std::find(models.begin(), models.end(), item.model) == models.end()) models.push_back(item.model);
    for (const auto& model : models) {
        std::vector<estimators::Result> results;
        reports::TableOptions options;
        for (const auto& item : specs) {
            const auto* line = item.model == model ? stored_result(item, stored) : nullptr;
            if (!line) continue;
            results.push_back(estimators::result_from_json(*line));
            std::string note = "(";
            note.append(std::to_string(results.size())).append(") ").append(item.id);
            if (!item.choices.empty()) note.append(": ").append(choices_text(item));
            options.notes.push_back(std::move(note));
        }
        if (results.empty()) continue;
        const reports::Table table(results, options);
        const std::string stem = "table_" + file_stem(model);
        write(stem + ".txt", table.render(reports::Format::text));
        write(stem + ".md", table.render(reports::Format::markdown));
        write(stem + ".tex", table.render(reports::Format::latex));
    }

    write("summary.csv", summary_csv(specs, stored));

    std::vector<std::string> terms;
    for (const auto& item : specs)
        for (const auto& term : item.interest)
            if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
    for (std::size_t t = 0; t < terms.size(); ++t) {
        std::vector<reports::Specification> curve;
        for (const auto& item : specs) {
            const auto* line = stored_result(item, stored);
            if (!line || std::find(item.interest.begin(), item.interest.end(), terms[t]) == item.interest.end()) continue;
            const auto result = estimators::result_from_json(*line);
            const bool has = std::any_of(result.coef.begin(), result.coef.end(),
                                         [&](const estimators::CoefRow& coef) { return coef.name == terms[t]; });
            if (!has) continue;
            curve.push_back(reports::specification(result, terms[t], item.choices));
            curve.back().primary = item.primary;
        }
        if (curve.empty()) continue;
        reports::SpecCurveOptions options;
        options.estimate_label = terms[t];
        const std::string stem = t == 0 ? "spec_curve" : "spec_curve_" + file_stem(terms[t]);
        for (const char* extension : {".png", ".svg", ".pdf"}) {
            reports::plot_spec_curve(curve, (out / (stem + extension)).string(), options);
            written.push_back(stem + extension);
        }
    }

    std::size_t failed = 0;
    for (const auto& item : specs) failed += stored_result(item, stored) ? 0 : 1;
    Json manifest = {{"program", "gvcpanel"},
                     {"version", GVCPANEL_VERSION},
                     {"time", utc_now()},
                     {"spec_file", spec.file},
                     {"spec_text", spec.text},
                     {"data", spec.data},
                     {"data_checksum", "fnv1a64:" + data_checksum},
                     {"specifications", specs.size()},
                     {"failed", failed},
                     {"ids", Json::array()}};
    for (const auto& item : specs) manifest["ids"].push_back(item.id);
    written.push_back("manifest.json");
    manifest["files"] = written;
    write_output(manifest.dump(2) + "\n", (out / "manifest.json").string());
    return written;
}

}  // namespace gvcpanel::cli
