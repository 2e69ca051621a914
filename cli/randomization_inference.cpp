#include "cli/randomization_inference.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "estimators/inference/vcov_spec.hpp"
#include "estimators/resampling/randomization.hpp"

namespace gvcpanel::cli {

namespace resampling = estimators::resampling;

namespace {

const models::Grouping* find_in(const std::vector<models::Grouping>& list, const std::string& name) {
    for (const auto& g : list)
        if (g.name == name) return &g;
    return nullptr;
}

bool constant_within(const std::vector<std::int32_t>& codes, const arma::vec& treatment) {
    std::vector<double> seen;
    std::vector<char> known;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (codes[i] < 0) return false;
        const auto c = static_cast<std::size_t>(codes[i]);
        if (c >= seen.size()) {
            seen.resize(c + 1);
            known.resize(c + 1, 0);
        }
        if (!known[c]) {
            known[c] = 1;
            seen[c] = treatment(i);
        } else if (seen[c] != treatment(i)) {
            return false;
        }
    }
    return true;
}

// The units: the first --vcov cluster variable, or the panel entity, within which the treatment is
// constant; else observations. Strata from --ri-strata.
resampling::SamplingPlan assignment_plan(const models::Design& design, const ModelRequest& request, const arma::vec& treatment) {
    std::vector<std::int32_t> strata;
    if (!request.ri_strata.empty()) {
        const auto* g = find_in(design.sample.clusters, request.ri_strata);
        if (!g) g = find_in(design.sample.fixed_effects, request.ri_strata);
        if (!g) throw Error("--ri-strata '" + request.ri_strata + "': not a variable of the estimation sample");
        strata = g->codes;
    }
    for (const auto& name : estimators::inference::parse_vcov(request.vcov).clusters) {
        const auto* g = find_in(design.sample.clusters, name);
        if (g && constant_within(g->codes, treatment)) return resampling::cluster_plan(g->codes, name, strata);
    }
    if (!design.sample.entity.empty() && constant_within(design.sample.entity, treatment))
        return resampling::cluster_plan(design.sample.entity, request.panel.substr(0, request.panel.find(',')), strata);
    return resampling::pairs_plan(design.nobs(), strata);
}

}  // namespace

RiRequest parse_ri(const std::string& text) {
    RiRequest ri;
    const auto colon = text.rfind(':');
    ri.variable = text.substr(0, colon);
    if (colon != std::string::npos) {
        const std::string reps = text.substr(colon + 1);
        if (reps.empty() || !std::all_of(reps.begin(), reps.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
            reps.size() > 9 || std::stoull(reps) == 0)
            throw Error("--ri '" + text + "': write \"treat:B\" with B a positive whole number of permutations");
        ri.reps = std::stoull(reps);
    }
    if (ri.variable.empty()) throw Error("--ri '" + text + "': name the treatment, \"treat:B\"");
    return ri;
}

estimators::TestResult randomization_inference(const models::Design& design, const estimators::Estimate& estimate,
                                               const ModelRequest& request,
                                               const std::function<estimators::Estimate(models::Design)>& fit) {
    const RiRequest ri = parse_ri(request.ri);
    const auto column = std::find(design.names.begin(), design.names.end(), ri.variable);
    const auto coefficient = std::find(estimate.names.begin(), estimate.names.end(), ri.variable);
    if (column == design.names.end() || coefficient == estimate.names.end())
        throw Error("--ri '" + request.ri + "': the model has no coefficient named '" + ri.variable +
                    "'; the treatment must enter as its own term");
    if (!design.endogenous.empty() &&
        std::find(design.endogenous.begin(), design.endogenous.end(), ri.variable) != design.endogenous.end())
        throw Error("--ri '" + request.ri + "': '" + ri.variable + "' is endogenous; permute an exogenous treatment");
    const auto j = static_cast<arma::uword>(column - design.names.begin());
    const arma::vec treatment = design.X.col(j);
    const auto plan = assignment_plan(design, request, treatment);
    const arma::vec values = resampling::unit_values(plan, treatment, ri.variable);
    resampling::RandomizationOptions options;
    options.reps = ri.reps;
    options.seed = request.seed;
    options.threads = request.threads;
    options.variable = ri.variable;
    options.strata = request.ri_strata;
    const double observed = estimate.coef(static_cast<arma::uword>(coefficient - estimate.names.begin()));
    return resampling::randomization_test(plan, values, observed, options, [&](const arma::vec& assignment) {
        models::Design permuted = design;
        for (std::size_t u = 0; u < plan.units(); ++u)
            for (std::size_t a = plan.unit_start[u]; a < plan.unit_start[u + 1]; ++a) permuted.X(plan.rows[a], j) = assignment(u);
        const auto refit = fit(std::move(permuted));
        const auto at = std::find(refit.names.begin(), refit.names.end(), ri.variable);
        if (at == refit.names.end()) throw Error("'" + ri.variable + "' is collinear on this reassignment");
        return refit.coef(static_cast<arma::uword>(at - refit.names.begin()));
    });
}

}  // namespace gvcpanel::cli
