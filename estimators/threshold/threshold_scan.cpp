#include "estimators/threshold/threshold_scan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "data/error.hpp"

namespace gvcpanel::estimators::threshold {

namespace {

// A candidate is identified when no direction of its regime columns loses more than this share of its
// squared norm to the fixed block (the within estimator's collinearity rule, 1e-7 on the norm, squared).
constexpr double kIdentified = 1e-14;

// The candidates' D matrices finished: their inverses where identified. `scale`: diag(B'B) per candidate.
void invert(ScanGeometry& geometry, const arma::mat& scale, std::size_t kr) {
    geometry.inverse.set_size(geometry.D.n_rows, geometry.D.n_cols);
    for (std::size_t c = 0; c < geometry.D.n_cols; ++c) {
        const arma::mat D(geometry.D.colptr(c), kr, kr);
        arma::mat L;
        bool ok = arma::chol(L, D, "lower");
        for (std::size_t j = 0; ok && j < kr; ++j) ok = L(j, j) * L(j, j) > kIdentified * scale(j, c);
        if (!ok) {
            geometry.inverse.col(c).fill(arma::datum::nan);
            continue;
        }
        const arma::mat Linv = arma::inv(arma::trimatl(L));
        const arma::mat inverse = Linv.t() * Linv;
        std::copy(inverse.begin(), inverse.end(), geometry.inverse.colptr(c));
    }
}

}  // namespace

SortedRows sort_rows(const arma::mat& R, const arma::vec& q, const std::vector<std::int32_t>& entity,
                     std::int32_t entities, const arma::vec& weights, double trim, std::size_t grid) {
    const std::size_t n = q.n_elem;
    SortedRows rows;
    rows.order.resize(n);
    std::iota(rows.order.begin(), rows.order.end(), arma::uword(0));
    std::stable_sort(rows.order.begin(), rows.order.end(), [&q](arma::uword a, arma::uword b) { return q[a] < q[b]; });
    rows.r.set_size(R.n_cols, n);
    rows.weight.set_size(n);
    rows.entity.resize(n);
    rows.entity_weight.zeros(entities);
    for (std::size_t p = 0; p < n; ++p) {
        const auto row = rows.order[p];
        const double w = weights.is_empty() ? 1.0 : weights[row];
        rows.weight[p] = w;
        rows.entity[p] = entity[row];
        rows.entity_weight[entity[row]] += w;
        for (std::size_t j = 0; j < R.n_cols; ++j) rows.r(j, p) = std::sqrt(w) * R(row, j);
    }
    rows.min_rows = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(trim * static_cast<double>(n))));
    std::vector<double> gamma;
    std::vector<std::size_t> below;
    for (std::size_t p = 0; p < n; ++p) {
        const bool last_of_value = p + 1 == n || q[rows.order[p + 1]] > q[rows.order[p]];
        if (last_of_value && p + 1 >= rows.min_rows && n - (p + 1) >= rows.min_rows) {
            gamma.push_back(q[rows.order[p]]);
            below.push_back(p + 1);
        }
    }
    if (gamma.empty())
        throw Error("threshold: no value of the threshold variable leaves " + std::to_string(rows.min_rows) +
                    " observations (the trimming) on both sides");
    if (grid == 0 || grid >= gamma.size()) {
        rows.gamma = std::move(gamma);
        rows.below = std::move(below);
        return rows;
    }
    const double step = double(gamma.size() - 1) / double(grid - 1);
    for (std::size_t j = 0; j < grid; ++j) {
        const auto c = static_cast<std::size_t>(std::floor(double(j) * step + 0.5));
        if (!rows.below.empty() && rows.below.back() == below[c]) continue;
        rows.gamma.push_back(gamma[c]);
        rows.below.push_back(below[c]);
    }
    return rows;
}

ScanGeometry scan_geometry(const SortedRows& rows, const arma::mat& Q) {
    const std::size_t n = rows.n(), kr = rows.kr(), k = Q.n_cols, candidates = rows.gamma.size();
    const arma::mat Qt = Q.rows(arma::uvec(rows.order)).t();  // k x n in the order of q
    arma::mat P(kr, k, arma::fill::zeros), RR(kr, kr, arma::fill::zeros), SS(kr, kr, arma::fill::zeros);
    arma::mat S(kr, rows.entity_weight.n_elem, arma::fill::zeros);
    ScanGeometry geometry;
    geometry.D.set_size(kr * kr, candidates);
    arma::mat scale(kr, candidates);
    std::vector<double> a(kr);
    std::size_t c = 0;
    for (std::size_t p = 0; p < n && c < candidates; ++p) {
        const double* r = rows.r.colptr(p);
        const double* qrow = Qt.colptr(p);
        const double root = std::sqrt(rows.weight[p]);
        const auto i = rows.entity[p];
        const double Wi = rows.entity_weight[i];
        double* Si = S.colptr(i);
        for (std::size_t j = 0; j < kr; ++j) a[j] = root * r[j];
        for (std::size_t b = 0; b < k; ++b)
            for (std::size_t j = 0; j < kr; ++j) P(j, b) += r[j] * qrow[b];
        for (std::size_t l = 0; l < kr; ++l)
            for (std::size_t j = 0; j < kr; ++j) {
                RR(j, l) += r[j] * r[l];
                SS(j, l) += (Si[j] * a[l] + a[j] * Si[l] + a[j] * a[l]) / Wi;
            }
        for (std::size_t j = 0; j < kr; ++j) Si[j] += a[j];
        if (p + 1 == rows.below[c]) {
            const arma::mat BB = RR - SS;
            const arma::mat D = BB - P * P.t();
            std::copy(D.begin(), D.end(), geometry.D.colptr(c));
            scale.col(c) = BB.diag();
            ++c;
        }
    }
    invert(geometry, scale, kr);
    return geometry;
}

ScanGeometry extend_geometry(const SortedRows& rows, const ScanGeometry& base, const arma::mat& Qc) {
    const std::size_t n = rows.n(), kr = rows.kr(), k = Qc.n_cols, candidates = rows.gamma.size();
    const arma::mat Qt = Qc.rows(arma::uvec(rows.order)).t();
    arma::mat P(kr, k, arma::fill::zeros);
    ScanGeometry geometry;
    geometry.D = base.D;
    arma::mat scale(kr, candidates);
    std::size_t c = 0;
    for (std::size_t p = 0; p < n && c < candidates; ++p) {
        const double* r = rows.r.colptr(p);
        const double* qrow = Qt.colptr(p);
        for (std::size_t b = 0; b < k; ++b)
            for (std::size_t j = 0; j < kr; ++j) P(j, b) += r[j] * qrow[b];
        if (p + 1 == rows.below[c]) {
            arma::mat D(geometry.D.colptr(c), kr, kr, false, true);
            // The new columns' share is measured against what the base block left (base D's diagonal).
            scale.col(c) = D.diag();
            D -= P * P.t();
            ++c;
        }
    }
    invert(geometry, scale, kr);
    return geometry;
}

arma::vec reductions(const SortedRows& rows, const ScanGeometry& geometry, const arma::vec& e) {
    const std::size_t n = rows.n(), kr = rows.kr(), candidates = rows.gamma.size();
    arma::vec u(kr, arma::fill::zeros), out(candidates);
    std::size_t c = 0;
    for (std::size_t p = 0; p < n && c < candidates; ++p) {
        const double ep = e[rows.order[p]];
        const double* r = rows.r.colptr(p);
        for (std::size_t j = 0; j < kr; ++j) u[j] += r[j] * ep;
        if (p + 1 == rows.below[c]) {
            const double* inverse = geometry.inverse.colptr(c);
            double fall = 0;
            for (std::size_t l = 0; l < kr; ++l)
                for (std::size_t j = 0; j < kr; ++j) fall += u[j] * inverse[j + kr * l] * u[l];
            out[c] = fall;
            ++c;
        }
    }
    return out;
}

arma::mat regime_columns(const SortedRows& rows, std::size_t c) {
    const std::size_t n = rows.n(), kr = rows.kr();
    arma::mat S(kr, rows.entity_weight.n_elem, arma::fill::zeros);
    arma::mat C(n, kr, arma::fill::zeros);
    for (std::size_t p = 0; p < rows.below[c]; ++p) {
        const double root = std::sqrt(rows.weight[p]);
        for (std::size_t j = 0; j < kr; ++j) {
            C(rows.order[p], j) = rows.r(j, p);
            S(j, rows.entity[p]) += root * rows.r(j, p);
        }
    }
    for (std::size_t p = 0; p < n; ++p) {
        const double root = std::sqrt(rows.weight[p]);
        const auto i = rows.entity[p];
        for (std::size_t j = 0; j < kr; ++j) C(rows.order[p], j) -= root * S(j, i) / rows.entity_weight[i];
    }
    return C;
}

}  // namespace gvcpanel::estimators::threshold
