// The ATT(g,t) loop of R did 2.1.2's compute.att_gt. Cells are planned in R's order first (base
// period, comparison blocks, influence-function room), then estimated in parallel. A balanced
// panel gives each unit's change between the base period and t, with covariates at the earlier of
// the two; otherwise observations of both periods enter the cross-section estimator and their
// influence functions are summed by unit. Influence functions are scaled by n / n_cell as R does,
// so that every variance is (sum over units of products) / n^2.
#include "estimators/did/group_time_effects.hpp"

#include <algorithm>
#include <limits>

#include "data/error.hpp"
#include "estimators/did/propensity_score.hpp"

namespace gvcpanel::estimators::did {

namespace {

// R did's overlap check: a cell whose (unweighted) propensity score reaches this is not estimated.
constexpr double kOverlapLimit = 0.999;

struct CellPlan {
    std::size_t current = 0, base = 0;   // period indices
    std::size_t treated_block = 0;
    std::vector<std::size_t> control_blocks;
};

// R did's check that the comparison units' covariates allow the outcome regression.
bool regression_feasible(const arma::mat& Xt, const arma::vec& treated) {
    arma::mat cross(Xt.n_rows, Xt.n_rows, arma::fill::zeros);
    for (arma::uword i = 0; i < Xt.n_cols; ++i) {
        if (treated[i] != 0) continue;
        const double* x = Xt.colptr(i);
        for (arma::uword a = 0; a < Xt.n_rows; ++a)
            for (arma::uword b = 0; b <= a; ++b) cross(a, b) += x[a] * x[b];
    }
    return arma::rcond(arma::symmatl(cross)) >= std::numeric_limits<double>::epsilon();
}

// Scales a panel cell's `influence` (treated block, then comparison blocks) by n / n_cell into its column.
void store_units(BlockInfluence& store, std::size_t column, const StaggeredData& data, const CellPlan& plan,
                 const arma::vec& influence) {
    const double scale = double(data.n_units) / double(influence.n_elem);
    std::size_t i = 0;
    auto copy = [&](std::size_t b) {
        double* out = store.segment(column, b);
        for (std::size_t u = 0; u < data.blocks[b].size(); ++u) out[u] = scale * influence[i++];
    };
    copy(plan.treated_block);
    for (std::size_t b : plan.control_blocks) copy(b);
}

class CellEstimator {
public:
    CellEstimator(const StaggeredData& data, const GroupTimeOptions& options, BlockInfluence& store)
        : data_(data), options_(options), store_(store), weighted_(arma::any(data.unit_weight != 1.0)) {}

    void estimate(const CellPlan& plan, GroupTimeCell& cell) const {
        if (plan.control_blocks.empty()) {
            cell.failure = "no comparison units";
            return;
        }
        if (data_.balanced) panel(plan, cell);
        else cross_section(plan, cell);
    }

private:
    std::vector<std::size_t> support(const CellPlan& plan) const {
        std::vector<std::size_t> blocks{plan.treated_block};
        blocks.insert(blocks.end(), plan.control_blocks.begin(), plan.control_blocks.end());
        return blocks;
    }

    void panel(const CellPlan& plan, GroupTimeCell& cell) const {
        std::size_t n = 0;
        for (std::size_t b : support(plan)) n += data_.blocks[b].size();
        const std::size_t k = data_.k, early = std::min(plan.current, plan.base);
        const bool weighted = weighted_;
        arma::vec change(n), treated(n), weights(weighted ? n : 0);
        arma::mat Xt(k, n);
        const arma::mat& covariates = data_.X.slice(early);
        std::size_t i = 0;
        for (std::size_t b : support(plan)) {
            const CohortBlock& block = data_.blocks[b];
            for (std::size_t u = block.begin; u < block.end; ++u, ++i) {
                change[i] = data_.y(u, plan.current) - data_.y(u, plan.base);
                treated[i] = b == plan.treated_block;
                if (weighted) weights[i] = data_.unit_weight[u];
                std::copy_n(covariates.colptr(u), k, Xt.colptr(i));
            }
        }
        const bool scores = options_.method != DidMethod::reg, regression = options_.method != DidMethod::ipw;
        if (regression && !regression_feasible(Xt, treated)) {
            cell.failure = "too few comparison units for the outcome regression";
            return;
        }
        TwoByTwo result = panel_did(options_.method, change, treated, Xt, weights);
        if (scores) {
            const arma::vec overlap =
                weighted ? fit_propensity_score(Xt, treated, arma::vec()).fitted : result.propensity;
            if (!overlap.is_empty() && overlap.max() >= kOverlapLimit) {
                cell.failure = "overlap fails: a propensity score reaches 0.999";
                return;
            }
        }
        if (!result.failure.empty() || !std::isfinite(result.att)) {
            cell.failure = result.failure.empty() ? "the estimate is not finite" : result.failure;
            return;
        }
        cell.att = result.att;
        store_units(store_, cell.column, data_, plan, result.influence);
    }

    void cross_section(const CellPlan& plan, GroupTimeCell& cell) const {
        const std::size_t k = data_.k;
        std::size_t n = 0;
        std::size_t counts[2][2] = {{0, 0}, {0, 0}};  // [treated][post]
        for (std::size_t b : support(plan))
            for (std::size_t t : {plan.current, plan.base}) {
                const auto [begin, end] = data_.range(b, t);
                n += end - begin;
                counts[b == plan.treated_block][t == plan.current] += end - begin;
            }
        const char* missing = counts[1][1] == 0   ? "no units of the cohort in the period"
                              : counts[1][0] == 0 ? "no units of the cohort in the base period"
                              : counts[0][1] == 0 ? "no comparison units in the period"
                              : counts[0][0] == 0 ? "no comparison units in the base period"
                                                  : nullptr;
        if (missing) {
            cell.failure = missing;
            return;
        }
        const bool weighted = !data_.obs_weight.is_empty();
        arma::vec y(n), post(n), treated(n), weights(weighted ? n : 0);
        arma::mat Xt(k, n);
        std::vector<std::size_t> unit(n);
        std::size_t i = 0;
        for (std::size_t b : support(plan))
            for (std::size_t t : {plan.base, plan.current}) {
                const auto [begin, end] = data_.range(b, t);
                for (std::size_t o = begin; o < end; ++o, ++i) {
                    y[i] = data_.obs_y[o];
                    post[i] = t == plan.current;
                    treated[i] = b == plan.treated_block;
                    if (weighted) weights[i] = data_.obs_weight[o];
                    std::copy_n(data_.obs_Xt.colptr(o), k, Xt.colptr(i));
                    unit[i] = data_.obs_unit[o];
                }
            }
        const TwoByTwo result = cross_section_did(options_.method, y, post, treated, Xt, weights);
        if (!result.failure.empty() || !std::isfinite(result.att)) {
            cell.failure = result.failure.empty() ? "the estimate is not finite" : result.failure;
            return;
        }
        cell.att = result.att;
        const double scale = double(data_.n_units) / double(n);
        // Observations are in block order, so the block of each is found by walking forward.
        std::size_t position = 0;
        for (std::size_t b : support(plan))
            for (std::size_t t : {plan.base, plan.current}) {
                const auto [begin, end] = data_.range(b, t);
                double* out = store_.segment(cell.column, b);
                for (std::size_t o = begin; o < end; ++o, ++position)
                    out[unit[position] - data_.blocks[b].begin] += scale * result.influence[position];
            }
    }

    const StaggeredData& data_;
    const GroupTimeOptions& options_;
    BlockInfluence& store_;
    const bool weighted_;  // panel: some unit weight differs from 1
};

}  // namespace

BasePeriod parse_base_period(const std::string& text) {
    if (text == "varying") return BasePeriod::varying;
    if (text == "universal") return BasePeriod::universal;
    throw Error("--base-period '" + text + "': expected varying or universal");
}

GroupTimeEffects group_time_effects(const StaggeredData& data, const GroupTimeOptions& options) {
    const std::size_t T = data.periods.size();
    const bool universal = options.base_period == BasePeriod::universal;
    const std::size_t shift = universal ? 0 : 1;  // R's tfac
    const double anticipation = options.anticipation;
    GroupTimeEffects out;
    out.influence = BlockInfluence(data.blocks);
    out.n_units = data.n_units;
    out.groups = data.groups;

    std::vector<CellPlan> plans;
    for (std::size_t gi = 0; gi < data.groups.size(); ++gi) {
        const double g = data.groups[gi];
        std::size_t last_pre = 0;  // the last period before g (less the anticipation): exists, as g > first + K
        for (std::size_t t = 0; t < T; ++t)
            if (data.periods[t] + anticipation < g) last_pre = t;
        for (std::size_t t = 0; t + shift < T; ++t) {
            CellPlan plan;
            plan.current = t + shift;
            plan.base = universal ? last_pre : t;
            plan.treated_block = data.group_block[gi];
            // Not yet treated: by the later of the two periods, plus the anticipation.
            const double horizon = data.periods[std::max(t, plan.base) + shift] + anticipation;
            for (std::size_t b = 0; b < data.blocks.size(); ++b) {
                const double cohort = data.blocks[b].cohort;
                if (cohort == 0 || (options.control == ControlGroup::not_yet && cohort > horizon && cohort != g))
                    plan.control_blocks.push_back(b);
            }
            GroupTimeCell cell;
            cell.group = g;
            cell.time = data.periods[plan.current];
            cell.post = g <= cell.time;
            if (cell.post) plan.base = last_pre;
            cell.base = data.periods[plan.base];
            if (universal && plan.base == plan.current) {
                cell.reference = true;
                cell.att = 0;
                cell.column = out.influence.add_column({});
            } else {
                std::vector<std::size_t> room{plan.treated_block};
                room.insert(room.end(), plan.control_blocks.begin(), plan.control_blocks.end());
                cell.column = out.influence.add_column(room);
            }
            out.cells.push_back(cell);
            plans.push_back(std::move(plan));
        }
    }

    const CellEstimator estimator(data, options, out.influence);
#pragma omp parallel for schedule(dynamic, 1)
    for (std::size_t c = 0; c < out.cells.size(); ++c)
        if (!out.cells[c].reference) estimator.estimate(plans[c], out.cells[c]);

    out.group_share.zeros(data.groups.size());
    for (std::size_t gi = 0; gi < data.groups.size(); ++gi) {
        const std::size_t b = data.group_block[gi];
        const std::size_t column = out.influence.add_column({b});
        double* values = out.influence.segment(column, b);
        for (std::size_t u = data.blocks[b].begin; u < data.blocks[b].end; ++u) {
            values[u - data.blocks[b].begin] = data.unit_weight[u];
            out.group_share[gi] += data.unit_weight[u];
        }
        out.group_share[gi] /= double(data.n_units);
        out.group_column.push_back(column);
    }
    return out;
}

}  // namespace gvcpanel::estimators::did
