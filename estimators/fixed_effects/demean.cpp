// Demeaning by alternating projections on the fixed-effect coefficients (Bergé 2018, "Efficient
// estimation of maximum likelihood models with multiple fixed-effects: the R package FENmlm",
// section on the fixed point and its Irons-Tuck acceleration). Working on the coefficients rather
// than on n-vectors keeps the iteration state small: n observations, Q dimensions with L_q levels,
// a block of m columns solved together so that each pass reads the codes once for m columns.
// A dimension with varying slopes holds per_level coefficients per level (its intercept and slopes)
// and is projected level by level through the inverses of estimators/fixed_effects/slope_basis; the code paths
// without slopes are kept apart so that they pay nothing for it.
#include "estimators/fixed_effects/demean.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "data/error.hpp"
#include "estimators/fixed_effects/slope_basis.hpp"

namespace gvcpanel::estimators {

void DemeanOptions::validate() const {
    if (!(tolerance > 0) || !std::isfinite(tolerance)) {
        std::ostringstream message;
        message << "demean options: tolerance = " << tolerance << " must be a positive number";
        throw Error(message.str());
    }
    if (max_iterations == 0) throw Error("demean options: max_iterations = 0 must be at least 1");
}

namespace {

// One fixed-effect dimension as the kernels read it.
struct Dimension {
    const std::int32_t* codes = nullptr;
    std::size_t levels = 0;
    std::vector<double> inverse_weight;  // 1 / (sum of weights in the level); 0 for an empty level
    std::size_t per_level = 1;           // coefficients per level
    SlopeBasis slopes;                   // with varying slopes; per_level = 1 and empty otherwise

    bool has_slopes() const { return !slopes.basis.empty(); }
};

// The fixed-effect coefficients of a block of m columns, level-major (coefficient a of level l,
// column j at (l * per_level + a) * m + j). Dimension 0 has the most levels and is not part of the
// iteration state: it is recomputed from the others at every sweep. The state holds dimensions
// 1..Q-1 back to back. `Slopes`: some dimension has varying slopes (the instantiation without
// them is the plain kernels alone).
template <bool Slopes>
class BlockSolver {
public:
    BlockSolver(const std::vector<Dimension>& dims, const double* weights, std::size_t n,
                std::vector<double*> columns)
        : dims_(dims), weights_(weights), n_(n), columns_(std::move(columns)), m_(columns_.size()) {
        offset_.assign(dims_.size(), 0);
        std::size_t state = 0;
        for (std::size_t q = 1; q < dims_.size(); ++q) {
            offset_[q] = state;
            state += dims_[q].levels * dims_[q].per_level * m_;
        }
        first_.assign(dims_[0].levels * dims_[0].per_level * m_, 0.0);
        first_sums_.assign(first_.size(), 0.0);
        state_sums_.assign(state, 0.0);
        x_.assign(state, 0.0);
        gx_.assign(state, 0.0);
        ggx_.assign(state, 0.0);
        scratch_.assign(m_, 0.0);
        if (Slopes) {
            std::size_t widest = 1;
            for (const auto& d : dims_) widest = std::max(widest, d.per_level);
            solved_.assign(widest * m_, 0.0);
        }
        if (weights_) accumulate_sums<true>(); else accumulate_sums<false>();
    }

    std::vector<ColumnDemeaning> solve(const DemeanOptions& options) {
        // The kernels' inner loops run over the block's m columns. With m known at compile time
        // they are unrolled: bench_demean (0.9M rows, six columns, three effects) went from 0.23 to
        // 0.12 s on one thread (m = 6) and from 0.28 to 0.086 s on two (m = 3). Slopes and wider
        // blocks take the general kernels.
        if constexpr (!Slopes) {
            switch (m_) {
                case 1: return solve_width<1>(options);
                case 2: return solve_width<2>(options);
                case 3: return solve_width<3>(options);
                case 4: return solve_width<4>(options);
                case 5: return solve_width<5>(options);
                case 6: return solve_width<6>(options);
                default: break;
            }
        }
        return solve_width<0>(options);
    }

    // Coefficient of dimension q, level l, block column j.
    double coefficient(std::size_t q, std::size_t l, std::size_t j) const {
        return q == 0 ? first_[l * m_ + j] : x_[offset_[q] + l * m_ + j];
    }

private:
    // Width: the block's column count when fixed at compile time (1 to 6), else 0 (read m_).
    template <std::size_t Width>
    std::vector<ColumnDemeaning> solve_width(const DemeanOptions& options) {
        if (dims_.size() == 1) {
            update_first<Width>(x_.data());
            subtract_effects<Width>();
            return std::vector<ColumnDemeaning>(m_);
        }
        // Each column stops on its own change and keeps the state it stopped at, so a column's
        // result does not depend on the columns it shares a block with (and so on the thread count).
        Settling settling(m_);
        while (settling.open > 0 && settling.iteration < options.max_iterations) {
            ++settling.iteration;
            sweep<Width>(x_, gx_);
            if (settle(x_, gx_, options.tolerance, settling) == 0) break;
            sweep<Width>(gx_, ggx_);
            if (settle(gx_, ggx_, options.tolerance, settling) == 0) break;
            irons_tuck();
        }
        for (std::size_t j = 0; j < m_; ++j)  // columns still moving at the last iteration
            if (!settling.settled[j]) {
                keep_column(x_, j, settling.state);
                settling.columns[j].iterations = settling.iteration;
            }
        x_.swap(settling.state);
        update_first<Width>(x_.data());
        subtract_effects<Width>();
        return settling.columns;
    }

    template <bool Weighted>
    void accumulate_sums() {
        if constexpr (Slopes) return accumulate_sums_with_slopes<Weighted>();
        for (std::size_t i = 0; i < n_; ++i) {
            const double w = Weighted ? weights_[i] : 1.0;
            for (std::size_t j = 0; j < m_; ++j) scratch_[j] = w * columns_[j][i];
            for (std::size_t q = 0; q < dims_.size(); ++q) {
                double* sums = q == 0 ? first_sums_.data() + dims_[0].codes[i] * m_
                                      : state_sums_.data() + offset_[q] + dims_[q].codes[i] * m_;
                for (std::size_t j = 0; j < m_; ++j) sums[j] += scratch_[j];
            }
        }
    }

    // target = (sums - sum over the level's observations of w_i * (the other dimensions' effects))
    //          / (the level's weight); `state` holds dimensions 1..Q-1, `first_` dimension 0.
    template <bool Weighted, std::size_t Width>
    void update(std::size_t q, double* target, const double* sums, const double* state) {
        if constexpr (Slopes) return update_with_slopes<Weighted>(q, target, sums, state);
        const std::size_t m = Width ? Width : m_;
        const std::size_t levels = dims_[q].levels;
        std::copy(sums, sums + levels * m, target);
        const std::int32_t* own = dims_[q].codes;
        if (dims_.size() == 2) {
            const std::size_t other = 1 - q;
            const std::int32_t* codes = dims_[other].codes;
            const double* effects = other == 0 ? first_.data() : state + offset_[other];
            for (std::size_t i = 0; i < n_; ++i) {
                const double w = Weighted ? weights_[i] : 1.0;
                double* t = target + own[i] * m;
                const double* e = effects + codes[i] * m;
                for (std::size_t j = 0; j < m; ++j) t[j] -= w * e[j];
            }
        } else if (dims_.size() > 2) {
            double local[Width ? Width : 1];
            double* total = Width ? local : scratch_.data();
            for (std::size_t i = 0; i < n_; ++i) {
                std::fill(total, total + m, 0.0);
                for (std::size_t r = 0; r < dims_.size(); ++r) {
                    if (r == q) continue;
                    const double* e = (r == 0 ? first_.data() : state + offset_[r]) +
                                      dims_[r].codes[i] * m;
                    for (std::size_t j = 0; j < m; ++j) total[j] += e[j];
                }
                const double w = Weighted ? weights_[i] : 1.0;
                double* t = target + own[i] * m;
                for (std::size_t j = 0; j < m; ++j) t[j] -= w * total[j];
            }
        }
        const std::vector<double>& inverse = dims_[q].inverse_weight;
        for (std::size_t l = 0; l < levels; ++l)
            for (std::size_t j = 0; j < m; ++j) target[l * m + j] *= inverse[l];
    }

    template <std::size_t Width>
    void update_first(const double* state) {
        if (weights_) update<true, Width>(0, first_.data(), first_sums_.data(), state);
        else update<false, Width>(0, first_.data(), first_sums_.data(), state);
    }

    // One Gauss-Seidel sweep out = F(in): dimension 0 from the state, then each state dimension
    // from the newest values of all the others.
    template <std::size_t Width>
    void sweep(const std::vector<double>& in, std::vector<double>& out) {
        std::copy(in.begin(), in.end(), out.begin());
        update_first<Width>(out.data());
        for (std::size_t q = 1; q < dims_.size(); ++q) {
            double* target = out.data() + offset_[q];
            const double* sums = state_sums_.data() + offset_[q];
            if (weights_) update<true, Width>(q, target, sums, out.data());
            else update<false, Width>(q, target, sums, out.data());
        }
    }

    // The columns that have stopped and the state each stopped at.
    struct Settling {
        explicit Settling(std::size_t m) : settled(m, 0), columns(m), open(m) {}
        std::vector<std::uint8_t> settled;
        std::vector<ColumnDemeaning> columns;  // each column's latest largest change, and when it settled
        std::vector<double> state;   // a settled column's entries hold its final state
        std::size_t open;            // columns still moving
        std::size_t iteration = 0;   // accelerated iterations so far
    };

    // Column j's entries of `from` copied into `to` (entries l * m + j of the level-major state).
    void keep_column(const std::vector<double>& from, std::size_t j, std::vector<double>& to) const {
        to.resize(from.size());
        for (std::size_t i = j; i < from.size(); i += m_) to[i] = from[i];
    }

    // Per open column, the largest change from a to b, |a - b| / max(1, 0.1 + |a|), i.e. absolute
    // for small coefficients and relative for large ones (the criterion of fixest's demeaning); a
    // column at or below the tolerance, or not finite, settles on b. Returns the columns still open.
    std::size_t settle(const std::vector<double>& a, const std::vector<double>& b, double tolerance,
                       Settling& settling) const {
        std::vector<double> largest(m_, 0.0);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const double d = std::fabs(a[i] - b[i]) / std::max(1.0, 0.1 + std::fabs(a[i]));
            double& l = largest[i % m_];
            if (!(d <= l)) l = d;
        }
        for (std::size_t j = 0; j < m_; ++j) {
            if (settling.settled[j]) continue;
            settling.columns[j].change = largest[j];
            if (largest[j] <= tolerance || !std::isfinite(largest[j])) {
                keep_column(b, j, settling.state);
                settling.columns[j].iterations = settling.iteration;
                settling.settled[j] = 1;
                --settling.open;
            }
        }
        return settling.open;
    }

    // Irons-Tuck step per column: x <- GGX - (dG'd2 / d2'd2) dG with dG = GGX - GX and
    // d2 = GGX - 2 GX + X (Bergé 2018, eq. of the accelerated fixed point).
    void irons_tuck() {
        std::vector<double> cross(m_, 0.0), square(m_, 0.0);
        const std::size_t rows = x_.size() / m_;
        for (std::size_t l = 0; l < rows; ++l)
            for (std::size_t j = 0; j < m_; ++j) {
                const std::size_t k = l * m_ + j;
                const double d_g = ggx_[k] - gx_[k];
                const double d2 = d_g - gx_[k] + x_[k];
                cross[j] += d_g * d2;
                square[j] += d2 * d2;
            }
        for (std::size_t l = 0; l < rows; ++l)
            for (std::size_t j = 0; j < m_; ++j) {
                const std::size_t k = l * m_ + j;
                const double step = square[j] > 0 ? cross[j] / square[j] : 0.0;
                x_[k] = ggx_[k] - step * (ggx_[k] - gx_[k]);
            }
    }

    template <std::size_t Width>
    void subtract_effects() {
        if constexpr (Slopes) return subtract_effects_with_slopes();
        const std::size_t m = Width ? Width : m_;
        double local[Width ? Width : 1];
        double* total = Width ? local : scratch_.data();
        const std::size_t q_count = dims_.size();
        for (std::size_t i = 0; i < n_; ++i) {
            const double* first = first_.data() + dims_[0].codes[i] * m;
            for (std::size_t j = 0; j < m; ++j) total[j] = first[j];
            for (std::size_t q = 1; q < q_count; ++q) {
                const double* e = x_.data() + offset_[q] + dims_[q].codes[i] * m;
                for (std::size_t j = 0; j < m; ++j) total[j] += e[j];
            }
            for (std::size_t j = 0; j < m; ++j) columns_[j][i] -= total[j];
        }
    }

    // The kernels above with slopes: the effect of a dimension at observation i is the level's
    // coefficients times the observation's basis row (1, x - level mean) or x, and the projection
    // on it solves each level's small normal equations through the precomputed inverse.

    // The effect of dimension r at observation i (coefficients `coefficients`) added to `total`.
    void add_effect(std::size_t r, std::size_t i, const double* coefficients, double* total) const {
        const Dimension& d = dims_[r];
        const double* e = coefficients + static_cast<std::size_t>(d.codes[i]) * d.per_level * m_;
        if (!d.has_slopes()) {
            for (std::size_t j = 0; j < m_; ++j) total[j] += e[j];
            return;
        }
        const double* z = d.slopes.basis.data() + i * d.per_level;
        for (std::size_t a = 0; a < d.per_level; ++a)
            for (std::size_t j = 0; j < m_; ++j) total[j] += z[a] * e[a * m_ + j];
    }

    // target(level of i) += w * (basis row of i)' * values, for dimension q.
    void scatter(std::size_t q, std::size_t i, double w, const double* values, double* target) const {
        const Dimension& d = dims_[q];
        double* t = target + static_cast<std::size_t>(d.codes[i]) * d.per_level * m_;
        if (!d.has_slopes()) {
            for (std::size_t j = 0; j < m_; ++j) t[j] += w * values[j];
            return;
        }
        const double* z = d.slopes.basis.data() + i * d.per_level;
        for (std::size_t a = 0; a < d.per_level; ++a)
            for (std::size_t j = 0; j < m_; ++j) t[a * m_ + j] += w * z[a] * values[j];
    }

    template <bool Weighted>
    void accumulate_sums_with_slopes() {
        for (std::size_t i = 0; i < n_; ++i) {
            const double w = Weighted ? weights_[i] : 1.0;
            for (std::size_t j = 0; j < m_; ++j) scratch_[j] = columns_[j][i];
            for (std::size_t q = 0; q < dims_.size(); ++q)
                scatter(q, i, w, scratch_.data(), q == 0 ? first_sums_.data() : state_sums_.data() + offset_[q]);
        }
    }

    template <bool Weighted>
    void update_with_slopes(std::size_t q, double* target, const double* sums, const double* state) {
        const Dimension& dim = dims_[q];
        const std::size_t width = dim.per_level * m_;
        std::copy(sums, sums + dim.levels * width, target);
        double* total = scratch_.data();
        for (std::size_t i = 0; i < n_; ++i) {
            std::fill(total, total + m_, 0.0);
            for (std::size_t r = 0; r < dims_.size(); ++r)
                if (r != q) add_effect(r, i, r == 0 ? first_.data() : state + offset_[r], total);
            scatter(q, i, -(Weighted ? weights_[i] : 1.0), total, target);
        }
        if (!dim.has_slopes()) {
            for (std::size_t l = 0; l < dim.levels; ++l)
                for (std::size_t j = 0; j < m_; ++j) target[l * m_ + j] *= dim.inverse_weight[l];
            return;
        }
        const std::size_t c = dim.per_level;
        for (std::size_t l = 0; l < dim.levels; ++l) {
            const double* inverse = dim.slopes.inverse.data() + l * c * c;
            double* t = target + l * width;
            std::fill(solved_.begin(), solved_.begin() + static_cast<std::ptrdiff_t>(width), 0.0);
            for (std::size_t a = 0; a < c; ++a)
                for (std::size_t b = 0; b < c; ++b)
                    for (std::size_t j = 0; j < m_; ++j) solved_[a * m_ + j] += inverse[a * c + b] * t[b * m_ + j];
            std::copy(solved_.begin(), solved_.begin() + static_cast<std::ptrdiff_t>(width), t);
        }
    }

    void subtract_effects_with_slopes() {
        for (std::size_t i = 0; i < n_; ++i) {
            std::fill(scratch_.begin(), scratch_.end(), 0.0);
            for (std::size_t q = 0; q < dims_.size(); ++q)
                add_effect(q, i, q == 0 ? first_.data() : x_.data() + offset_[q], scratch_.data());
            for (std::size_t j = 0; j < m_; ++j) columns_[j][i] -= scratch_[j];
        }
    }

    const std::vector<Dimension>& dims_;
    const double* weights_;
    std::size_t n_;
    std::vector<double*> columns_;
    std::size_t m_;
    std::vector<std::size_t> offset_;             // start of dimension q (q >= 1) in the state
    std::vector<double> first_, first_sums_;      // dimension 0: coefficients, weighted sums
    std::vector<double> state_sums_;              // dimensions 1..Q-1: weighted sums
    std::vector<double> x_, gx_, ggx_;            // the state, F(state), F(F(state))
    std::vector<double> scratch_;                 // m doubles
    std::vector<double> solved_;                  // with slopes: one level's coefficients, per_level x m
};

std::vector<Dimension> prepare(const std::vector<models::Grouping>& effects, std::size_t n,
                               const arma::vec& weights, const std::vector<std::size_t>& order) {
    std::vector<Dimension> dims;
    for (std::size_t q : order) {
        const models::Grouping& g = effects[q];
        if (g.codes.size() != n) {
            std::ostringstream message;
            message << "demean: fixed effect '" << g.name << "' has " << g.codes.size()
                    << " codes for " << n << " observations";
            throw Error(message.str());
        }
        Dimension d;
        d.codes = g.codes.data();
        d.levels = static_cast<std::size_t>(std::max<std::int32_t>(g.levels, 0));
        std::vector<double> total(d.levels, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            const std::int32_t c = g.codes[i];
            if (c < 0 || static_cast<std::size_t>(c) >= d.levels) {
                std::ostringstream message;
                message << "demean: fixed effect '" << g.name << "' has code " << c
                        << " at observation " << i << ", outside 0.." << g.levels - 1;
                throw Error(message.str());
            }
            total[c] += weights.is_empty() ? 1.0 : weights[i];
        }
        d.inverse_weight.resize(d.levels);
        for (std::size_t l = 0; l < d.levels; ++l)
            d.inverse_weight[l] = total[l] > 0 ? 1.0 / total[l] : 0.0;
        if (g.has_slopes()) {
            d.slopes = slope_basis(g, weights);
            d.per_level = d.slopes.per_level;
        }
        dims.push_back(std::move(d));
    }
    return dims;
}

}  // namespace

DemeanSummary demean(const std::vector<double*>& columns, std::size_t n,
                     const std::vector<models::Grouping>& effects, const arma::vec& weights,
                     const DemeanOptions& options, EffectCoefficients* coefficients) {
    options.validate();
    if (effects.empty()) throw Error("demean: no fixed-effect dimension given");
    if (!weights.is_empty() && weights.n_elem != n) {
        std::ostringstream message;
        message << "demean: " << weights.n_elem << " weights for " << n << " observations";
        throw Error(message.str());
    }
    // The dimension with the most levels is recomputed at each sweep instead of iterated on.
    std::vector<std::size_t> order(effects.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return effects[a].levels > effects[b].levels;
    });
    const bool any_slopes = std::any_of(effects.begin(), effects.end(), [](const auto& g) { return g.has_slopes(); });
    if (coefficients && any_slopes)
        throw Error("demean: the fixed-effect coefficients are not available with varying slopes");
    const std::vector<Dimension> dims = prepare(effects, n, weights, order);
    if (coefficients) {
        coefficients->clear();
        for (const auto& g : effects)
            coefficients->emplace_back(static_cast<arma::uword>(std::max<std::int32_t>(g.levels, 0)),
                                       columns.size(), arma::fill::zeros);
    }
    if (columns.empty() || n == 0) return {};

    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    const std::size_t blocks = std::min<std::size_t>(static_cast<std::size_t>(threads), columns.size());
    std::vector<ColumnDemeaning> each(columns.size());
    const double* w = weights.is_empty() ? nullptr : weights.memptr();

#pragma omp parallel for schedule(dynamic, 1) num_threads(static_cast<int>(blocks))
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t begin = b * columns.size() / blocks;
        const std::size_t end = (b + 1) * columns.size() / blocks;
        std::vector<double*> block(columns.begin() + begin, columns.begin() + end);
        const auto keep = [&](const std::vector<ColumnDemeaning>& solved) {
            std::copy(solved.begin(), solved.end(), each.begin() + static_cast<std::ptrdiff_t>(begin));
        };
        if (any_slopes) {
            keep(BlockSolver<true>(dims, w, n, std::move(block)).solve(options));
            continue;
        }
        BlockSolver<false> solver(dims, w, n, std::move(block));
        keep(solver.solve(options));
        if (coefficients)
            for (std::size_t q = 0; q < dims.size(); ++q)
                for (std::size_t l = 0; l < dims[q].levels; ++l)
                    for (std::size_t j = begin; j < end; ++j)
                        (*coefficients)[order[q]](l, j) = solver.coefficient(q, l, j - begin);
    }

    return summarize(std::move(each), options);
}

DemeanSummary summarize(std::vector<ColumnDemeaning> columns, const DemeanOptions& options) {
    DemeanSummary summary;
    bool finite = true;
    bool settled = true;
    for (const auto& column : columns) {
        summary.iterations = std::max(summary.iterations, column.iterations);
        if (std::isfinite(column.change)) summary.final_change = std::max(summary.final_change, column.change);
        else finite = false;
        if (!(column.change <= options.tolerance)) settled = false;
    }
    if (!finite) {
        summary.converged = false;
        summary.message = "demeaning produced non-finite fixed-effect coefficients (after " +
                          std::to_string(summary.iterations) + " iterations)";
    } else if (!settled) {
        summary.converged = false;
        std::ostringstream message;
        message << "demeaning did not converge in " << options.max_iterations
                << " iterations: the largest fixed-effect coefficient change is " << summary.final_change
                << " > tolerance " << options.tolerance
                << "; raise the maximum number of iterations or check that the fixed effects"
                   " are not nearly collinear";
        summary.message = message.str();
    }
    summary.columns = std::move(columns);
    return summary;
}

DemeanSummary demean(arma::mat& columns, const std::vector<models::Grouping>& effects,
                     const arma::vec& weights, const DemeanOptions& options,
                     EffectCoefficients* coefficients) {
    std::vector<double*> pointers;
    for (arma::uword j = 0; j < columns.n_cols; ++j) pointers.push_back(columns.colptr(j));
    return demean(pointers, columns.n_rows, effects, weights, options, coefficients);
}

}  // namespace gvcpanel::estimators
