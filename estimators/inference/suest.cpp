#include "estimators/inference/suest.hpp"

#include <algorithm>

#include "data/error.hpp"

namespace gvcpanel::estimators::inference {

std::string equation_name(const std::string& outcome, const std::string& name) {
    return "[" + outcome + "]" + name;
}

namespace {

void check_equation(const Estimate& e, const std::vector<Estimate>& equations, std::size_t j) {
    const std::string who = "--joint: the equation of '" + e.outcome + "' (" + e.formula + ")";
    for (std::size_t i = 0; i < j; ++i)
        if (equations[i].outcome == e.outcome)
            throw Error("--joint: two equations explain '" + e.outcome +
                        "'; coefficients are named [outcome]term, so each equation needs its own outcome");
    if (!e.robust_vcov.is_empty())
        throw Error(who + ": estimator '" + e.estimator +
                    "' supplies its own robust covariance, not per-observation scores; suest needs scores");
    if (e.scores.n_rows != e.sample.rows.size() || e.scores.n_cols != e.k())
        throw Error(who + ": estimator '" + e.estimator + "' gives no per-observation scores (" +
                    std::to_string(e.scores.n_rows) + " x " + std::to_string(e.scores.n_cols) + " for " +
                    std::to_string(e.sample.rows.size()) + " observations and " + std::to_string(e.k()) +
                    " coefficients)");
}

}  // namespace

Estimate stack_equations(const std::vector<Estimate>& equations, const std::vector<std::size_t>& union_rows,
                         std::vector<models::Grouping> clusters) {
    if (equations.size() < 2) throw Error("--joint needs at least two --model equations");
    std::size_t k = 0;
    for (std::size_t j = 0; j < equations.size(); ++j) {
        check_equation(equations[j], equations, j);
        k += equations[j].k();
    }
    Estimate joint;
    joint.estimator = "suest";
    joint.kind = ModelKind::likelihood;
    joint.coef.zeros(k);
    joint.bread.zeros(k, k);
    joint.scores.zeros(union_rows.size(), k);
    joint.nobs = union_rows.size();
    joint.has_intercept = false;
    joint.sample.rows = union_rows;
    joint.sample.clusters = std::move(clusters);
    nlohmann::ordered_json nobs = nlohmann::ordered_json::object();
    std::size_t offset = 0;
    for (const auto& e : equations) {
        joint.formula += (joint.formula.empty() ? "" : "; ") + e.formula;
        joint.outcome += (joint.outcome.empty() ? "" : " ") + e.outcome;
        for (const auto& name : e.names) joint.names.push_back(equation_name(e.outcome, name));
        const arma::span block(offset, offset + e.k() - 1);
        joint.coef(block) = e.coef;
        joint.bread(block, block) = e.bread;
        for (std::size_t i = 0; i < e.sample.rows.size(); ++i) {
            const auto at = std::lower_bound(union_rows.begin(), union_rows.end(), e.sample.rows[i]);
            if (at == union_rows.end() || *at != e.sample.rows[i])
                throw Error("--joint: row " + std::to_string(e.sample.rows[i] + 1) + " of the equation of '" +
                            e.outcome + "' is outside the union of the samples");
            joint.scores(arma::uword(at - union_rows.begin()), block) = e.scores.row(i);
        }
        nobs[e.outcome] = e.nobs;
        joint.converged = joint.converged && e.converged;
        if (!e.convergence_message.empty())
            joint.convergence_message += (joint.convergence_message.empty() ? "" : "; ") +
                                         equation_name(e.outcome, "") + " " + e.convergence_message;
        for (const auto& note : e.notes) joint.notes.push_back(equation_name(e.outcome, "") + " " + note);
        offset += e.k();
    }
    joint.stats["nobs_equation"] = nobs;
    return joint;
}

}  // namespace gvcpanel::estimators::inference
