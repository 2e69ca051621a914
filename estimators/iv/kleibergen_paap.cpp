// Kleibergen-Paap rk statistics of H0: rank(Pi) = p - 1 (Kleibergen and Paap 2006, section 3,
// eqs. 15-21). Theta = F Pi G' with F'F = Z'Z and G'G = (X'X)^-1, so that its singular values are
// the canonical correlations of X and Z (Z = Qz Rz and X = Qx Rx give Theta = Qz'Qx); the statistic
// is the Wald form of the part of Theta beyond its first p - 1 singular directions, with the
// covariance of vec(Theta) from the scores, as ranktest (Kleibergen and Schaffer) computes it.
#include "estimators/iv/kleibergen_paap.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "data/error.hpp"
#include "estimators/estimate.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/ssc.hpp"

namespace gvcpanel::estimators {

namespace {

arma::mat orthonormal_columns(const arma::mat& A, const std::string& what) {
    arma::mat Q, R;
    if (!arma::qr_econ(Q, R, A)) throw Error("Kleibergen-Paap: the QR factorisation of " + what + " failed");
    const arma::rowvec norms = arma::sqrt(arma::sum(arma::square(A), 0));
    for (arma::uword j = 0; j < A.n_cols; ++j)
        if (!(std::abs(R(j, j)) > 1e-10 * std::max(norms(j), 1e-300)))
            throw Error("Kleibergen-Paap: " + what + " are collinear (column " + std::to_string(j + 1) +
                        " is a combination of the earlier ones)");
    return Q;
}

// sum over observations (or clusters, or the Cameron-Gelbach-Miller inclusion-exclusion of the
// cluster sums) of the outer products of the rows of `scores`, with no small-sample factor: the
// inference layer with an identity bread and ssc "none" (adj=0, cluster_adj=0), as ranktest's S.
arma::mat score_sum(const arma::mat& scores, const models::Sample& sample, const inference::VcovSpec& spec,
                    bool vcov_fix, KleibergenPaap& out) {
    Estimate holder;
    holder.estimator = "kleibergen_paap";
    holder.kind = ModelKind::linear;
    for (arma::uword j = 0; j < scores.n_cols; ++j) holder.names.push_back("theta" + std::to_string(j + 1));
    holder.coef = arma::zeros<arma::vec>(scores.n_cols);
    holder.bread = arma::eye<arma::mat>(scores.n_cols, scores.n_cols);
    holder.scores = scores;
    holder.nobs = scores.n_rows;
    holder.has_intercept = false;
    holder.sample = sample;
    inference::Ssc none = inference::parse_ssc("none");
    none.vcov_fix = vcov_fix;
    const inference::VcovSpec raw = spec.type == inference::VcovType::hc1 ? inference::VcovSpec::hc(0) : spec;
    const auto sum = inference::covariance(holder, raw, none);
    for (const auto& [name, g] : sum.n_clusters)
        out.n_clusters = out.n_clusters == 0 ? g : std::min(out.n_clusters, g);
    for (const auto& note : sum.notes)
        if (std::find(out.notes.begin(), out.notes.end(), note) == out.notes.end()) out.notes.push_back(note);
    return sum.matrix;
}

}  // namespace

bool kleibergen_paap_supports(const inference::VcovSpec& spec) {
    using inference::VcovType;
    return spec.type == VcovType::iid || spec.type == VcovType::hc0 || spec.type == VcovType::hc1 ||
           spec.type == VcovType::cluster;
}

KleibergenPaap kleibergen_paap(const arma::mat& X, const arma::mat& Z, const models::Sample& sample,
                               const inference::VcovSpec& spec, bool vcov_fix) {
    const arma::uword n = X.n_rows, p = X.n_cols, m = Z.n_cols;
    if (Z.n_rows != n || p == 0 || m < p || n <= m) {
        std::ostringstream message;
        message << "Kleibergen-Paap: X is " << n << " x " << p << " and Z is " << Z.n_rows << " x " << m
                << "; the test needs as many rows in both, 1 <= p <= m and more rows than instruments";
        throw Error(message.str());
    }
    if (!kleibergen_paap_supports(spec))
        throw Error("Kleibergen-Paap: covariance '" + spec.text() + "' is not supported (iid, hc0, hc1, cluster)");
    const arma::mat Qz = orthonormal_columns(Z, "the excluded instruments");
    const arma::mat Qx = orthonormal_columns(X, "the endogenous regressors");
    const arma::mat theta = Qz.t() * Qx;
    arma::mat U, V;
    arma::vec s;
    if (!arma::svd(U, s, V, theta)) throw Error("Kleibergen-Paap: the SVD of Theta failed");

    KleibergenPaap out;
    out.df = static_cast<double>(m - p + 1);
    out.smallest_canonical_correlation = s(p - 1);
    // The paper's A_q-perp and B_q-perp are the trailing singular vectors times invertible
    // normalisations, which cancel in lambda' Omega^-1 lambda; the singular vectors serve directly.
    const arma::vec v_last = V.col(p - 1);
    const arma::mat U_rest = U.cols(p - 1, m - 1);
    const arma::vec lambda = U_rest.t() * theta * v_last;
    const arma::mat directions = Qz * U_rest;  // n x (m - p + 1), orthonormal columns

    // The score of observation i in vec(Theta) is (Rx^-T e_i) kron (Rz^-T z_i); projected on the
    // tested directions it is (e_i' Rx^-1 v_last) (U_rest' q_i), q_i the i-th row of Qz.
    const auto statistic = [&](const arma::mat& E_normalised) {
        const arma::vec weight = E_normalised * v_last;
        arma::mat omega;
        if (spec.type == inference::VcovType::iid)
            omega = (arma::dot(weight, weight) / static_cast<double>(n)) * (directions.t() * directions);
        else
            omega = score_sum(directions.each_col() % weight, sample, spec, vcov_fix, out);
        arma::vec solved;
        if (!arma::solve(solved, arma::mat(arma::symmatu(omega)), lambda, arma::solve_opts::no_approx))
            return std::numeric_limits<double>::infinity();
        return arma::dot(lambda, solved);
    };
    // Wald: e_i the first-stage residuals (X - P_Z X) Rx^-1 = Qx - Qz Theta; LM: the covariance
    // under H0, with X itself (Qx), which under iid errors gives Anderson's N r^2 (ranktest).
    out.wald = statistic(Qx - Qz * theta);
    out.lm = statistic(Qx);
    if (!std::isfinite(out.lm)) {
        out.lm = std::numeric_limits<double>::quiet_NaN();
        out.notes.push_back("Kleibergen-Paap rk LM: the covariance of the tested part of Theta is singular");
    }
    return out;
}

double kp_rk_wald_f(const KleibergenPaap& kp, std::size_t n, std::size_t n_instruments, std::size_t df_fe,
                    std::size_t n_excluded) {
    const double nd = static_cast<double>(n), L = static_cast<double>(n_instruments);
    const double m = static_cast<double>(n_excluded);
    // ivreg2 3.x: so that with one endogenous regressor the F equals the first-stage F of Stata's
    // regress, robust (N/(N-K)) or cluster ((N-1)/(N-K) G/(G-1), fixed effects not counted).
    if (kp.n_clusters > 0) {
        const double g = static_cast<double>(kp.n_clusters);
        return kp.wald / (nd - 1.0) * (nd - L) * (g - 1.0) / g / m;
    }
    return kp.wald / nd * (nd - L - static_cast<double>(df_fe)) / m;
}

}  // namespace gvcpanel::estimators
