#include "cli/fit_help.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "cli/run_model.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "models/formula_functions.hpp"
#include "models/nls_expression.hpp"

namespace gvcpanel::cli {

namespace {

using Line = std::pair<std::string, std::string>;  // what is written, what it does

// A heading, then one line per entry with the descriptions aligned.
std::string section(const std::string& heading, const std::vector<Line>& lines) {
    std::size_t width = 0;
    for (const auto& line : lines) width = std::max(width, line.first.size());
    std::string text = heading + "\n";
    for (const auto& [written, summary] : lines)
        text += "  " + written + std::string(width + 2 - written.size(), ' ') + summary + "\n";
    return text;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

}  // namespace

std::string fit_reference_help() {
    std::vector<Line> estimators;
    for (const auto& entry : estimator_catalog()) estimators.emplace_back(entry.name, entry.summary);

    std::vector<Line> covariances;
    for (const auto& form : estimators::inference::vcov_forms()) {
        std::string written(form.usage);
        for (std::size_t k = 1; k < form.keywords.size(); ++k)
            written += (k == 1 ? " = " : ", ") + std::string(form.keywords[k]);
        covariances.emplace_back(written, std::string(form.summary));
    }

    std::vector<Line> functions;
    for (const auto& function : models::formula_functions())
        functions.emplace_back(std::string(function.usage), std::string(function.summary));

    return section("Estimators (--estimator):", estimators) + "\n" +
           section("Covariance types (--vcov; chosen after fitting):", covariances) + "\n" +
           section("Formula functions (y ~ terms | fixed effects | endogenous ~ instruments;\n"
                   "  the syntax with examples: gvcpanel help formula):",
                   functions) +
           "  nls formulas call " + joined(models::nls_function_names()) + "\n";
}

}  // namespace gvcpanel::cli
