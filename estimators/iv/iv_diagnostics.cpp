// IV diagnostics on the partialled system (Frisch-Waugh-Lovell): with Z1 the exogenous regressors,
// X2 (n x p) the endogenous ones and Zx (n x m) the excluded instruments, everything is first
// projected off Z1 (X2~, Zx~); P is the projection on Zx~. Definitions follow Baum, Schaffer and
// Stillman (2007, ivreg2), Sanderson and Windmeijer (2016) and AER's summary(ivreg, diagnostics).
// Degrees of freedom: N - L - K_fe for first-stage F tests (L = k1 + m), as ivreg2's small option.
#include "estimators/iv/iv_diagnostics.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "data/error.hpp"
#include "estimators/inference/covariance.hpp"
#include "estimators/inference/distributions.hpp"
#include "estimators/iv/kleibergen_paap.hpp"

namespace gvcpanel::estimators {

namespace {

// Orthonormal basis of the columns of A (thin QR); an Error when they are collinear.
arma::mat orthonormal_basis(const arma::mat& A, arma::mat* r_out, const std::string& what) {
    arma::mat Q, R;
    if (!arma::qr_econ(Q, R, A)) throw Error("IV: the QR factorisation of " + what + " failed");
    const arma::rowvec norms = arma::sqrt(arma::sum(arma::square(A), 0));
    for (arma::uword j = 0; j < A.n_cols; ++j)
        if (!(std::abs(R(j, j)) > 1e-10 * std::max(norms(j), 1e-300)))
            throw Error("IV: " + what + " are collinear (column " + std::to_string(j + 1) +
                        " is a combination of the earlier ones); drop one");
    if (r_out) *r_out = R;
    return Q;
}

arma::mat project(const arma::mat& Q, const arma::mat& A) { return Q * (Q.t() * A); }

// The F statistic for "the coefficients of Zt are zero" in the regression of v on Zt (v and Zt
// already partialled), with the covariance type the user asked for; df1 is its numerator degrees of
// freedom. The first-stage regression is handed to the inference layer as a linear Estimate.
TestResult excluded_f(const std::string& name, const arma::vec& v, const arma::mat& Zt, const arma::mat& Qz,
                      const arma::mat& Rz, double df1, const IvSystem& system,
                      const models::Sample& sample, const arma::vec& leverage, const IvOptions& options) {
    const double n = static_cast<double>(system.n());
    const double df2 = n - static_cast<double>(system.Z.n_cols) - static_cast<double>(system.df_fe);
    Estimate first;
    first.kind = ModelKind::linear;
    first.names = std::vector<std::string>(system.excluded_names);
    const arma::vec qv = Qz.t() * v;
    first.coef = arma::solve(arma::trimatu(Rz), qv);
    const arma::vec u = v - Qz * qv;
    const arma::mat r_inv = arma::inv(arma::trimatu(Rz));
    first.bread = r_inv * r_inv.t();
    first.scores = Zt.each_col() % u;
    first.residuals = u;
    first.leverage = leverage;
    first.sigma2 = arma::dot(u, u) / df2;
    first.nobs = system.n();
    first.df_fe = system.df_fe;
    first.k_partialled = system.exogenous.n_elem;
    first.has_intercept = false;
    first.sample = sample;
    const auto covariance = inference::covariance(first, options.diagnostics_vcov, options.diagnostics_ssc);
    TestResult test;
    test.name = name;
    const arma::vec b = first.coef;
    arma::vec weighted;
    // A first stage without residuals (an instrument equal to the regressor) is perfectly strong.
    test.stat = arma::solve(weighted, covariance.matrix, b, arma::solve_opts::no_approx)
                    ? arma::dot(b, weighted) / df1
                    : std::numeric_limits<double>::infinity();
    const double denominator = std::isfinite(covariance.df) ? covariance.df : df2;
    test.df = {df1, denominator};
    test.p = inference::f_upper_p(test.stat, df1, denominator);
    test.note = "covariance " + options.diagnostics_vcov.text();
    return test;
}

// Smallest eigenvalue of C^-1 A C^-T where C C' = B; infinite when B is singular (a first stage
// without residuals).
double smallest_relative_eigenvalue(const arma::mat& A, const arma::mat& B) {
    arma::mat C;
    if (!arma::chol(C, arma::symmatu(B), "lower")) return std::numeric_limits<double>::infinity();
    const arma::mat half = arma::solve(arma::trimatl(C), A);
    const arma::mat whole = arma::solve(arma::trimatl(C), arma::mat(half.t()));
    return arma::eig_sym(arma::symmatu(whole)).min();
}

double residual_ss(const arma::mat& A, const arma::vec& y) {
    const arma::vec b = arma::solve(A, y);
    const arma::vec e = y - A * b;
    return arma::dot(e, e);
}

const models::Grouping& first_cluster(const models::Sample& sample, const inference::VcovSpec& spec) {
    for (const auto& grouping : sample.clusters)
        if (grouping.name == spec.clusters.front()) return grouping;
    throw Error("IV: the cluster variable '" + spec.clusters.front() + "' is not in the estimation sample");
}

}  // namespace

arma::mat moment_covariance(const arma::mat& Z, const arma::vec& e, const models::Sample& sample,
                            const inference::VcovSpec& spec) {
    if (spec.type == inference::VcovType::iid) return (arma::dot(e, e) / static_cast<double>(e.n_elem)) * (Z.t() * Z);
    const arma::mat scores = Z.each_col() % e;
    if (!spec.clustered()) return scores.t() * scores;
    const auto& grouping = first_cluster(sample, spec);
    arma::mat sums(static_cast<arma::uword>(grouping.levels), Z.n_cols, arma::fill::zeros);
    for (arma::uword i = 0; i < Z.n_rows; ++i) sums.row(static_cast<arma::uword>(grouping.codes[i])) += scores.row(i);
    return sums.t() * sums;
}

IvDiagnostics iv_diagnostics(const IvSystem& system, const arma::vec& residuals,
                             const models::Sample& sample, const IvOptions& options) {
    const arma::uword n = system.n(), k = system.X.n_cols, L = system.Z.n_cols;
    const arma::uword k1 = system.exogenous.n_elem, m = L - k1, p = system.endogenous.n_elem;
    const double nd = static_cast<double>(n);
    const double df = nd - static_cast<double>(L) - static_cast<double>(system.df_fe);
    if (!(df > 0))
        throw Error("IV: " + std::to_string(n) + " observations for " + std::to_string(L) +
                    " instruments and " + std::to_string(system.df_fe) + " fixed-effect degrees of freedom");

    arma::mat X2 = system.X.cols(system.endogenous);
    arma::mat Zt = system.Z.cols(k1, L - 1);
    if (k1 > 0) {
        const arma::mat Q1 = orthonormal_basis(system.Z.cols(0, k1 - 1), nullptr, "the exogenous regressors");
        X2 -= project(Q1, X2);
        Zt -= project(Q1, Zt);
    }
    arma::mat Rz, Rf;
    const arma::mat Qz = orthonormal_basis(Zt, &Rz, "the excluded instruments, given the exogenous regressors,");
    const arma::mat Qf = orthonormal_basis(system.Z, &Rf, "the instruments");
    const arma::vec leverage = system.df_fe == 0 ? arma::vec(arma::sum(arma::square(Qf), 1)) : arma::vec();
    const arma::mat X2_fitted = project(Qz, X2);

    IvDiagnostics out;
    std::vector<std::string> instrument_names;
    for (arma::uword j = 0; j < k1; ++j) instrument_names.push_back(system.names[system.exogenous(j)]);
    instrument_names.insert(instrument_names.end(), system.excluded_names.begin(), system.excluded_names.end());
    for (arma::uword j = 0; j < p; ++j) {
        const std::string& x = system.names[system.endogenous(j)];
        const arma::vec x_levels = system.X.col(system.endogenous(j));
        const arma::vec coef = arma::solve(arma::trimatu(Rf), arma::vec(Qf.t() * x_levels));
        nlohmann::ordered_json stage;
        nlohmann::ordered_json coefficients = nlohmann::ordered_json::object();
        for (arma::uword c = 0; c < L; ++c) coefficients[instrument_names[c]] = coef(c);
        stage["coef"] = coefficients;
        stage["partial_r2"] = arma::dot(X2_fitted.col(j), X2_fitted.col(j)) / arma::dot(X2.col(j), X2.col(j));
        const TestResult f = excluded_f("first_stage_f:" + x, X2.col(j), Zt, Qz, Rz, static_cast<double>(m),
                                        system, sample, leverage, options);
        stage["f"] = f.stat;
        out.first_stage[x] = stage;
        out.tests.push_back(f);
    }

    // Weak identification: Cragg-Donald (1993) F = min eig(S_vv^-1/2 X2~'P X2~ S_vv^-1/2) / m with
    // S_vv = X2~'M X2~ / (N - L - K_fe) (ivreg2's cdf); Anderson's LM = N min canonical correlation^2.
    const arma::mat explained = X2_fitted.t() * X2_fitted;
    const arma::mat total = X2.t() * X2;
    const double cd_f = smallest_relative_eigenvalue(explained, (total - explained) / df) / static_cast<double>(m);
    TestResult cd{"cragg_donald_f", cd_f, {static_cast<double>(m), df}, inference::f_upper_p(cd_f, static_cast<double>(m), df), "", "iid errors"};
    out.tests.push_back(cd);
    const double lm = nd * smallest_relative_eigenvalue(explained, total);
    const double lm_df = static_cast<double>(m - p + 1);
    const TestResult anderson_lm{"kp_rk_lm", lm, {lm_df}, inference::chi2_upper_p(lm, lm_df), "",
                                 "under-identification; iid errors: Anderson's canonical-correlation LM"};
    const inference::VcovSpec& spec = options.diagnostics_vcov;
    if (spec.type == inference::VcovType::iid) {
        TestResult rk_f = cd;
        rk_f.name = "kp_rk_wald_f";
        rk_f.note = "iid errors: Kleibergen-Paap's rk Wald F equals Cragg-Donald's";
        out.tests.push_back(rk_f);
        out.tests.push_back(anderson_lm);
    } else if (kleibergen_paap_supports(spec)) {
        const KleibergenPaap kp = kleibergen_paap(X2, Zt, sample, spec, options.diagnostics_ssc.vcov_fix);
        const double rk_f = kp_rk_wald_f(kp, n, L, system.df_fe, m);
        // ivreg2 gives no p-value (Stock-Yogo's critical values judge it); this one uses the
        // denominator of the first-stage F tests: G - 1 clustered, else N - L - K_fe.
        const double denominator = kp.n_clusters > 0 ? static_cast<double>(kp.n_clusters) - 1.0 : df;
        out.tests.push_back({"kp_rk_wald_f", rk_f, {static_cast<double>(m), denominator},
                             inference::f_upper_p(rk_f, static_cast<double>(m), denominator), "",
                             "weak identification, robust (" + spec.text() + "), ivreg2's scaling"});
        out.tests.push_back({"kp_rk_lm", kp.lm, {kp.df}, inference::chi2_upper_p(kp.lm, kp.df), "",
                             "under-identification, robust (" + spec.text() + ")"});
        out.notes.insert(out.notes.end(), kp.notes.begin(), kp.notes.end());
    } else {
        out.tests.push_back(anderson_lm);
        out.notes.push_back("kp_rk_lm is the iid version (Anderson LM) and kp_rk_wald_f is not reported: the "
                            "robust Kleibergen-Paap statistics are computed for hc0, hc1 and cluster "
                            "covariances, not " + spec.text());
    }

    // Sanderson-Windmeijer (2016): x_j given the other endogenous regressors, by 2SLS on Zx~; the F
    // of its residual on Zx~ with m - p + 1 numerator degrees of freedom.
    for (arma::uword j = 0; j < p; ++j) {
        arma::vec e = X2.col(j);
        if (p > 1) {
            arma::mat others = X2;
            others.shed_col(j);
            const arma::mat others_fitted = project(Qz, others);
            const arma::vec delta = arma::solve(others_fitted.t() * others_fitted, others_fitted.t() * e);
            e -= others * delta;
        }
        out.tests.push_back(excluded_f("sw_f:" + system.names[system.endogenous(j)], e, Zt, Qz, Rz,
                                       static_cast<double>(m - p + 1), system, sample, leverage, options));
    }

    // Over-identification: Sargan = N e'P_Z e / e'e; Hansen's J at the two-step efficient GMM
    // estimate with heteroskedasticity- (or cluster-) robust weights from these residuals (ivreg2).
    if (m > p) {
        const double over_df = static_cast<double>(m - p);
        const arma::vec pe = Qf.t() * residuals;
        const double sargan = nd * arma::dot(pe, pe) / arma::dot(residuals, residuals);
        out.tests.push_back({"sargan", sargan, {over_df}, inference::chi2_upper_p(sargan, over_df), "", "iid errors"});
        const inference::VcovSpec weights_spec = options.diagnostics_vcov.clustered()
                                                     ? options.diagnostics_vcov
                                                     : inference::VcovSpec::hc(0);
        const arma::mat W = arma::inv_sympd(moment_covariance(system.Z, residuals, sample, weights_spec));
        const arma::mat zx = system.Z.t() * system.X;
        const arma::vec zy = system.Z.t() * system.y;
        const arma::vec b = arma::solve(zx.t() * W * zx, zx.t() * W * zy);
        const arma::vec g = zy - zx * b;
        const double j_stat = arma::as_scalar(g.t() * W * g);
        out.tests.push_back({"hansen", j_stat, {over_df}, inference::chi2_upper_p(j_stat, over_df), "",
                             "weights " + weights_spec.text()});
    }

    // Endogeneity (Wu-Hausman F, AER's diagnostics): add the first-stage residuals M_Z X2 to the
    // structural equation by OLS and test them jointly.
    const arma::mat V = X2 - X2_fitted;
    const double rss_r = residual_ss(system.X, system.y);
    const double rss_u = residual_ss(arma::join_rows(system.X, V), system.y);
    const double df_u = nd - static_cast<double>(k + p) - static_cast<double>(system.df_fe);
    const double wu = ((rss_r - rss_u) / static_cast<double>(p)) / (rss_u / df_u);
    out.tests.push_back({"endogeneity", wu, {static_cast<double>(p), df_u},
                         inference::f_upper_p(wu, static_cast<double>(p), df_u), "",
                         "Wu-Hausman F, iid errors"});
    return out;
}

}  // namespace gvcpanel::estimators
