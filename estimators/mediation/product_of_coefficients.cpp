#include "estimators/mediation/product_of_coefficients.hpp"

#include <cmath>

#include "data/error.hpp"
#include "estimators/inference/delta_method.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/inference/suest.hpp"

namespace gvcpanel::estimators::mediation {

namespace {

using inference::equation_name;

std::size_t position(const std::vector<std::string>& names, const std::string& name) {
    for (std::size_t j = 0; j < names.size(); ++j)
        if (names[j] == name) return j;
    throw Error("mediation: no coefficient " + name + " (a variable collinear with the others, or dropped?)");
}

// "a_k * b_k" over the mediators, as an expression of the joint coefficients.
std::string indirect_expression(const MediationPaths& paths, std::size_t k) {
    return equation_name(paths.mediators[k], paths.treatment) + " * " + equation_name(paths.outcome, paths.mediators[k]);
}

}  // namespace

MediationEffects mediation_effects(const MediationPaths& paths, const arma::vec& coef,
                                   const std::vector<std::string>& names) {
    if (paths.mediators.empty()) throw Error("mediation: name at least one mediator");
    std::vector<std::pair<std::string, std::string>> rows;  // name, expression
    std::string indirect;
    for (std::size_t k = 0; k < paths.mediators.size(); ++k)
        indirect += (k == 0 ? "" : " + ") + indirect_expression(paths, k);
    const std::string direct = equation_name(paths.outcome, paths.treatment);
    rows.emplace_back("total", direct + " + " + indirect);
    rows.emplace_back("direct", direct);
    if (paths.mediators.size() > 1)
        for (std::size_t k = 0; k < paths.mediators.size(); ++k)
            rows.emplace_back("indirect:" + paths.mediators[k], indirect_expression(paths, k));
    rows.emplace_back("indirect", indirect);
    rows.emplace_back("prop_mediated", "(" + indirect + ") / (" + direct + " + " + indirect + ")");
    MediationEffects effects;
    effects.values.set_size(rows.size());
    effects.jacobian.set_size(rows.size(), coef.n_elem);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto g = inference::evaluate_nlcom(rows[i].first + " = " + rows[i].second, coef, names);
        effects.names.push_back(rows[i].first);
        effects.values(i) = g.value;
        effects.jacobian.row(i) = g.gradient;
    }
    return effects;
}

std::vector<TestResult> indirect_effect_tests(const MediationPaths& paths, const arma::vec& coef,
                                              const arma::mat& vcov, const std::vector<std::string>& names) {
    std::vector<TestResult> tests;
    for (const auto& [name, sign] : {std::pair{"sobel", 0.0}, std::pair{"aroian", 1.0}, std::pair{"goodman", -1.0}})
        for (const auto& mediator : paths.mediators) {
            const std::size_t ia = position(names, equation_name(mediator, paths.treatment));
            const std::size_t ib = position(names, equation_name(paths.outcome, mediator));
            const double a = coef(ia), b = coef(ib), va = vcov(ia, ia), vb = vcov(ib, ib);
            const double variance = b * b * va + a * a * vb + sign * va * vb;
            TestResult test;
            test.name = paths.mediators.size() > 1 ? std::string(name) + ":" + mediator : std::string(name);
            test.restriction = equation_name(mediator, paths.treatment) + " * " + equation_name(paths.outcome, mediator) + " = 0";
            test.stat = variance > 0.0 ? a * b / std::sqrt(variance) : std::nan("");
            test.df = {};
            test.p = inference::two_sided_p(test.stat, std::nan(""));
            if (!(variance > 0.0)) test.unavailable = "the variance of the product is not positive";
            tests.push_back(std::move(test));
        }
    return tests;
}

}  // namespace gvcpanel::estimators::mediation
