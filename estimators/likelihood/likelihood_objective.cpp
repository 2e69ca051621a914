// Derivatives of the single-index log-likelihood. GLM families (logit, probit, poisson and the
// fractional ones) use their analytic derivatives in eta, in one pass over X by blocks of rows
// (estimators/linear/weighted_crossproduct.hpp): eta, the per-observation derivatives, X'd1 and
// X' diag(d2) X per block while the block is in cache, so X is read once per evaluation and no
// n x k temporary is formed. The other families (negbin, Tobit,
// ordered) differentiate the family's templated log-likelihood with Ceres Jets for the gradient;
// their local Hessian (at most 3 x 3) is the central difference of that exact gradient with one
// Richardson step, accurate to about 1e-11 relative by its truncation and rounding terms
// (tests/estimators/likelihood/likelihood_objective_test.cpp checks gradients and Hessians of every kind
// against plain central differences, to their 1e-6).
#include "estimators/likelihood/likelihood_objective.hpp"

#include <ceres/jet.h>

#include <algorithm>
#include <cmath>

#include "data/error.hpp"
#include "estimators/linear/weighted_crossproduct.hpp"
#include "estimators/ordered_sum.hpp"

namespace gvcpanel::estimators {

namespace {

constexpr int kLocal = 3;  // eta and up to two ancillary slots
using Jet = ceres::Jet<double, kLocal>;
// Below this many observations a pass is cheaper than waking the thread team.
constexpr std::size_t kParallelRows = 20000;

bool is_glm(models::Family family) {
    return models::is_binary(family) || models::is_fractional(family) ||
           family == models::Family::poisson;
}

double local_gradient(models::Family family, const double* u, int size,
                      const models::Observation& o, double* gradient) {
    const Jet eta(u[0], 0);
    const Jet a[2] = {Jet(size > 1 ? u[1] : 0.0, 1), Jet(size > 2 ? u[2] : 0.0, 2)};
    const Jet l = models::loglik<Jet>(family, eta, a, o);
    for (int j = 0; j < size; ++j) gradient[j] = l.v[j];
    return l.a;
}

// Column j of the Hessian: (4 D(h/2) - D(h)) / 3 with D(h) the central difference of the gradient.
void local_hessian(models::Family family, const double* u, int size, const models::Observation& o,
                   double* hessian) {
    double shifted[kLocal], plus[kLocal], minus[kLocal], d_h[kLocal], d_half[kLocal];
    for (int j = 0; j < size; ++j) {
        const double h = 1e-3 * std::max(1.0, std::fabs(u[j]));
        for (const double step : {h, h / 2}) {
            std::copy(u, u + size, shifted);
            shifted[j] = u[j] + step;
            local_gradient(family, shifted, size, o, plus);
            shifted[j] = u[j] - step;
            local_gradient(family, shifted, size, o, minus);
            double* d = step == h ? d_h : d_half;
            for (int i = 0; i < size; ++i) d[i] = (plus[i] - minus[i]) / (2 * step);
        }
        for (int i = 0; i < size; ++i) hessian[i * size + j] = (4 * d_half[i] - d_h[i]) / 3;
    }
    for (int i = 0; i < size; ++i)
        for (int j = 0; j < i; ++j)
            hessian[i * size + j] = hessian[j * size + i] =
                0.5 * (hessian[i * size + j] + hessian[j * size + i]);
}

}  // namespace

LikelihoodObjective::LikelihoodObjective(LikelihoodData data)
    : data_(std::move(data)), slots_(models::local_ancillary_count(data_.family)),
      glm_(is_glm(data_.family)) {
    if (!glm_) return;
    for (std::size_t i = 0; i < n(); ++i) {
        const double constant = models::glm_loglik_constant(data_.family, data_.observations[i].y);
        glm_constant_ += data_.weights.empty() ? constant : data_.weights(i) * constant;
    }
}

LikelihoodDerivatives LikelihoodObjective::glm_pass(const arma::vec& theta, int order) const {
    const arma::mat& X = *data_.X;
    const std::size_t n = this->n(), k = this->k(), blocks = (n + kBlockRows - 1) / kBlockRows;
    // Per block: loglik, gradient (k), Hessian (k x k, lower triangle); summed in block order.
    const std::size_t stride = 1 + k + (order == 2 ? k * k : 0);
    std::vector<double> partial(blocks * stride, 0.0);
#pragma omp parallel for schedule(static) if (n > kParallelRows)
    for (std::size_t b = 0; b < blocks; ++b) {
        const std::size_t first = b * kBlockRows, rows = std::min(kBlockRows, n - first);
        double eta[kBlockRows], d1[kBlockRows], d2[kBlockRows];
        for (std::size_t i = 0; i < rows; ++i) eta[i] = data_.offset.empty() ? 0.0 : data_.offset(first + i);
        for (std::size_t j = 0; j < k; ++j) {
            const double* x = X.colptr(j) + first;
            const double beta = theta(j);
            for (std::size_t i = 0; i < rows; ++i) eta[i] += beta * x[i];
        }
        double* out = partial.data() + b * stride;
        for (std::size_t i = 0; i < rows; ++i) {
            const auto r = models::glm_derivatives(data_.family, eta[i], data_.observations[first + i].y, false);
            const double w = data_.weights.empty() ? 1.0 : data_.weights(first + i);
            out[0] += w * r.loglik;
            d1[i] = w * r.d1;
            d2[i] = w * r.d2;
        }
        if (order == 0) continue;
        for (std::size_t j = 0; j < k; ++j) {
            const double* x = X.colptr(j) + first;
            double sum = 0;
#pragma omp simd reduction(+ : sum)
            for (std::size_t i = 0; i < rows; ++i) sum += d1[i] * x[i];
            out[1 + j] = sum;
        }
        if (order == 2) add_block_crossproduct(X, first, rows, d2, out + 1 + k);
    }
    LikelihoodDerivatives total;
    total.loglik = glm_constant_;
    total.gradient = arma::zeros(k);
    arma::mat lower(k, order == 2 ? k : 0, arma::fill::zeros);
    for (std::size_t b = 0; b < blocks; ++b) {
        const double* out = partial.data() + b * stride;
        total.loglik += out[0];
        total.gradient += arma::vec(const_cast<double*>(out + 1), k, false, true);
        if (order == 2) lower += arma::mat(const_cast<double*>(out + 1 + k), k, k, false, true);
    }
    if (order == 2) total.hessian = arma::symmatl(lower);
    return total;
}

void LikelihoodObjective::locals(const arma::vec& theta, std::size_t i, double* a,
                                 int* index) const {
    const std::size_t k = this->k();
    if (slots_ == 1) {
        a[0] = theta(k);
        index[0] = 0;
    } else if (slots_ == 2) {
        const int c = data_.observations[i].category, top = data_.observations[i].categories - 1;
        index[0] = c > 0 ? c - 1 : -1;
        index[1] = c < top ? c : -1;
        a[0] = c > 0 ? theta(k + c - 1) : 0.0;
        a[1] = c < top ? theta(k + c) : 0.0;
    }
}

arma::vec LikelihoodObjective::linear_index(const arma::vec& theta) const {
    arma::vec eta = *data_.X * theta.head(k());
    if (!data_.offset.empty()) eta += data_.offset;
    return eta;
}

double LikelihoodObjective::loglik(const arma::vec& theta) const {
    if (glm_) return glm_pass(theta, 0).loglik;
    const arma::vec eta = linear_index(theta);
    return ordered_sum(n(), [&](std::size_t i) {
        double a[2] = {0, 0};
        int index[2];
        locals(theta, i, a, index);
        const double l = models::loglik<double>(data_.family, eta(i), a, data_.observations[i]);
        return data_.weights.empty() ? l : data_.weights(i) * l;
    });
}

LikelihoodDerivatives LikelihoodObjective::derivatives(const arma::vec& theta,
                                                       bool hessian) const {
    if (glm_) return glm_pass(theta, hessian ? 2 : 1);
    const std::size_t n = this->n(), k = this->k(), m = data_.ancillary;
    const int size = 1 + slots_;
    const arma::vec eta = linear_index(theta);
    arma::vec ll(n);
    arma::mat d1(n, size), d2(n, hessian ? size * size : 0);
    std::vector<int> index(n * std::max(slots_, 1), -1);
#pragma omp parallel for schedule(static) if (n > kParallelRows)
    for (std::size_t i = 0; i < n; ++i) {
        const auto& o = data_.observations[i];
        const double w = data_.weights.empty() ? 1.0 : data_.weights(i);
        double u[kLocal] = {eta(i), 0, 0}, g[kLocal], h[kLocal * kLocal];
        locals(theta, i, u + 1, &index[i * slots_]);
        ll(i) = w * local_gradient(data_.family, u, size, o, g);
        for (int j = 0; j < size; ++j) d1(i, j) = w * g[j];
        if (hessian) {
            local_hessian(data_.family, u, size, o, h);
            for (int j = 0; j < size * size; ++j) d2(i, j) = w * h[j];
        }
    }

    LikelihoodDerivatives out;
    out.loglik = arma::accu(ll);
    out.gradient = arma::zeros(k + m);
    out.gradient.head(k) = data_.X->t() * d1.col(0);
    for (std::size_t i = 0; i < n && slots_ > 0; ++i)
        for (int s = 0; s < slots_; ++s)
            if (const int a = index[i * slots_ + s]; a >= 0) out.gradient(k + a) += d1(i, 1 + s);
    if (!hessian) return out;

    out.hessian = arma::zeros(k + m, k + m);
    if (k > 0) out.hessian.submat(0, 0, k - 1, k - 1) = weighted_crossproduct(*data_.X, d2.col(0));
    if (m > 0) {
        arma::mat cross(n, m, arma::fill::zeros);
        for (std::size_t i = 0; i < n; ++i)
            for (int s = 0; s < slots_; ++s) {
                const int a = index[i * slots_ + s];
                if (a < 0) continue;
                cross(i, a) += d2(i, 1 + s);  // d2 / d eta d a_s
                for (int t = 0; t < slots_; ++t)
                    if (const int b = index[i * slots_ + t]; b >= 0)
                        out.hessian(k + a, k + b) += d2(i, (1 + s) * size + 1 + t);
            }
        if (k > 0) {
            out.hessian.submat(0, k, k - 1, k + m - 1) = data_.X->t() * cross;
            out.hessian.submat(k, 0, k + m - 1, k - 1) = out.hessian.submat(0, k, k - 1, k + m - 1).t();
        }
    }
    return out;
}

arma::mat LikelihoodObjective::scores(const arma::vec& theta) const {
    const std::size_t n = this->n(), k = this->k(), m = data_.ancillary;
    const int size = 1 + slots_;
    const arma::vec eta = linear_index(theta);
    arma::vec d_eta(n);
    if (glm_) {
        // Written in parallel: the n x k result is the largest allocation of the fit.
        arma::mat s(n, k, arma::fill::none);
#pragma omp parallel for schedule(static) if (n > kParallelRows)
        for (std::size_t i = 0; i < n; ++i)
            d_eta(i) = (data_.weights.empty() ? 1.0 : data_.weights(i)) *
                       models::glm_derivatives(data_.family, eta(i), data_.observations[i].y, false).d1;
        const std::size_t blocks = (n + kBlockRows - 1) / kBlockRows;
#pragma omp parallel for schedule(static) if (n > kParallelRows)
        for (std::size_t b = 0; b < blocks; ++b) {
            const std::size_t first = b * kBlockRows, last = std::min(n, first + kBlockRows);
            for (std::size_t j = 0; j < k; ++j) {
                const double* x = data_.X->colptr(j);
                double* out = s.colptr(j);
                for (std::size_t i = first; i < last; ++i) out[i] = d_eta(i) * x[i];
            }
        }
        return s;
    }
    arma::mat s(n, k + m, arma::fill::zeros);
#pragma omp parallel for schedule(static) if (n > kParallelRows)
    for (std::size_t i = 0; i < n; ++i) {
        const auto& o = data_.observations[i];
        const double w = data_.weights.empty() ? 1.0 : data_.weights(i);
        double u[kLocal] = {eta(i), 0, 0}, g[kLocal];
        int index[2] = {-1, -1};
        locals(theta, i, u + 1, index);
        local_gradient(data_.family, u, size, o, g);
        d_eta(i) = w * g[0];
        for (int t = 0; t < slots_; ++t)
            if (index[t] >= 0) s(i, k + index[t]) = w * g[1 + t];
    }
    if (k > 0) s.head_cols(k) = data_.X->each_col() % d_eta;
    return s;
}

arma::mat LikelihoodObjective::expected_information(const arma::vec& theta) const {
    const models::Family family = data_.family;
    if (!is_glm(family) && family != models::Family::negbin)
        throw Error(std::string(models::to_string(family)) +
                    ": the expected information is defined for logit, probit, poisson, negbin, "
                    "fraclogit and fracprobit; use --info observed");
    const arma::vec eta = linear_index(theta);
    arma::vec w(n());
    const double alpha = family == models::Family::negbin ? std::exp(theta(k())) : 0.0;
    for (std::size_t i = 0; i < n(); ++i) {
        w(i) = family == models::Family::negbin
                   ? std::exp(eta(i)) / (1.0 + alpha * std::exp(eta(i)))
                   : models::glm_derivatives(family, eta(i), data_.observations[i].y).expected_weight;
        if (!data_.weights.empty()) w(i) *= data_.weights(i);
    }
    return weighted_crossproduct(*data_.X, w);
}

}  // namespace gvcpanel::estimators
