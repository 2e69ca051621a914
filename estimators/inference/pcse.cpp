// Beck and Katz (1995) panel-corrected standard errors, as plm's vcovBK (Millo 2017, J. Stat.
// Softw. 82(3), sec. 3): bread (sum_u X_u' Omega[u] X_u) bread over units u, with Omega the residual
// covariance across the other index, each entry the mean of e_a e_b over the units where both are
// observed (plm's pairwise rule). pcse:time (the default): units are periods and Omega is the N x N
// contemporaneous covariance of the entities (Beck and Katz; Stata's xtpcse); pcse:group: units are
// entities and Omega the T x T covariance of the periods (plm's default). x_i = s_i / e_i.
#include <algorithm>
#include <cstdint>
#include <string>

#include "data/error.hpp"
#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/panel_codes.hpp"
#include "estimators/inference/working_regressors.hpp"

namespace gvcpanel::estimators::inference {

namespace {

// Omega is L x L for L entities (pcse:time) or periods; refuse beyond 400 MB rather than swap.
constexpr double kMaxOmegaEntries = 5e7;

// Rows grouped by unit: the rows of unit u are rows[start[u]] .. rows[start[u + 1] - 1].
struct Units {
    std::vector<std::size_t> start;
    std::vector<arma::uword> rows;
};

Units group_rows(const std::vector<std::int32_t>& unit, std::size_t count) {
    Units units;
    units.start.assign(count + 1, 0);
    for (const auto u : unit) ++units.start[static_cast<std::size_t>(u) + 1];
    for (std::size_t u = 0; u < count; ++u) units.start[u + 1] += units.start[u];
    units.rows.resize(unit.size());
    std::vector<std::size_t> next(units.start.begin(), units.start.end() - 1);
    for (std::size_t i = 0; i < unit.size(); ++i) units.rows[next[static_cast<std::size_t>(unit[i])]++] = i;
    return units;
}

// Codes 0..L-1 over the labels present (fd samples and subsets leave some codes unused).
std::vector<std::int32_t> compact(const std::vector<std::int32_t>& codes, std::size_t& levels) {
    const std::int32_t top = *std::max_element(codes.begin(), codes.end());
    std::vector<std::int32_t> index(static_cast<std::size_t>(top) + 1, -1);
    levels = 0;
    for (const auto c : codes)
        if (index[static_cast<std::size_t>(c)] < 0) index[static_cast<std::size_t>(c)] = static_cast<std::int32_t>(levels++);
    std::vector<std::int32_t> out(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) out[i] = index[static_cast<std::size_t>(codes[i])];
    return out;
}

}  // namespace

Covariance pcse_covariance(const Estimate& estimate, const VcovSpec& spec, const Ssc& ssc) {
    const PanelCodes codes = panel_codes(estimate, "pcse (Beck-Katz)", true);
    if (!has_regressors(estimate) || !estimate.weights.is_empty())
        throw Error("--vcov " + spec.text() + ": estimator '" + estimate.estimator +
                    "' does not give the regressors and residuals apart; panel-corrected standard errors are "
                    "defined for unweighted least squares (ols, fixed effects, re, fd), as plm's vcovBK");
    const bool by_period = spec.pcse_unit == PcseUnit::time;
    std::size_t unit_count = 0, label_count = 0;
    const auto unit = compact(by_period ? codes.period : codes.entity, unit_count);
    const auto label = compact(by_period ? codes.entity : codes.period, label_count);
    const double labels = static_cast<double>(label_count);
    if (labels * labels > kMaxOmegaEntries)
        throw Error("--vcov " + spec.text() + ": the residual covariance would be " + std::to_string(label_count) +
                    " x " + std::to_string(label_count) + " (one row per " + (by_period ? "entity" : "period") +
                    "); too large: use dk or cluster");
    const Units units = group_rows(unit, unit_count);
    const arma::vec& e = estimate.residuals;

    // Omega(a, b) = mean of e_a e_b over the units observing both labels (plm: rowMeans, na.rm = TRUE).
    arma::mat omega(label_count, label_count, arma::fill::zeros), pairs(label_count, label_count, arma::fill::zeros);
    for (std::size_t u = 0; u < unit_count; ++u)
        for (std::size_t a = units.start[u]; a < units.start[u + 1]; ++a)
            for (std::size_t b = units.start[u]; b < units.start[u + 1]; ++b) {
                const auto i = units.rows[a], j = units.rows[b];
                const auto li = static_cast<arma::uword>(label[i]), lj = static_cast<arma::uword>(label[j]);
                omega(li, lj) += e(i) * e(j);
                pairs(li, lj) += 1.0;
            }
    omega /= pairs;  // labels never observed in one unit give NaN, and no unit block reads them

    arma::mat meat(estimate.k(), estimate.k(), arma::fill::zeros);
    for (std::size_t u = 0; u < unit_count; ++u) {
        const arma::uvec rows(std::vector<arma::uword>(units.rows.begin() + static_cast<std::ptrdiff_t>(units.start[u]),
                                                       units.rows.begin() + static_cast<std::ptrdiff_t>(units.start[u + 1])));
        arma::uvec at(rows.n_elem);
        for (arma::uword a = 0; a < rows.n_elem; ++a) at(a) = static_cast<arma::uword>(label[rows(a)]);
        const arma::mat X = regressors_of(estimate, rows);
        meat += X.t() * omega.submat(at, at) * X;
    }
    Covariance result;
    result.matrix = time_series_factor(estimate, ssc, unit_count) * sandwich(estimate.bread, meat);
    return result;
}

}  // namespace gvcpanel::estimators::inference
