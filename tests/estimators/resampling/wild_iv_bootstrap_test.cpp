// The WRE bootstrap of 2SLS against the textbook one, computed here on a generated panel: for every
// enumerated Rademacher vector both equations regenerated (y2* = Z Pi~ + V~ v, y* = X* b~ + u~ v), 2SLS
// refitted with the firm effects as dummies, and the cluster-robust t formed from scratch. Covers what
// the Produc reference does not: weights, two-way error clusters, bootstrap clusters finer than the
// error clusters, a restriction mixing an exogenous and the endogenous coefficient; and the refusal of
// a fixed effect not nested in the bootstrap clusters.
#include <gtest/gtest.h>

#include <armadillo>
#include <cmath>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/frame.hpp"
#include "data/random.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::testing {
namespace {

struct Panel {
    data::Frame frame;
    arma::vec y, y2, x, z1, z2, w;
    std::vector<std::int64_t> region, firm, year;
};

Panel make_panel(std::uint64_t seed, std::size_t regions = 6) {
    constexpr std::size_t kFirms = 2, kYears = 5;
    data::Random random(seed);
    Panel p;
    std::vector<double> y, y2, x, z1, z2, w;
    for (std::size_t g = 0; g < regions; ++g) {
        const double shock = random.normal();
        for (std::size_t f = 0; f < kFirms; ++f) {
            const double effect = random.normal();
            for (std::size_t t = 0; t < kYears; ++t) {
                if (random.uniform() < 0.1) continue;
                const double xi = random.normal() + 0.3 * effect, a = random.normal(), b = random.normal();
                const double v = random.normal(), u = 0.6 * v + shock * (1.0 + 0.3 * xi) + random.normal() * (1.0 + g % 2);
                const double endogenous = 0.7 * a + 0.4 * b + 0.5 * xi + v + 0.5 * shock;
                x.push_back(xi);
                z1.push_back(a);
                z2.push_back(b);
                y2.push_back(endogenous);
                y.push_back(0.3 * endogenous + 0.5 * xi + effect + u);
                w.push_back(0.5 + random.uniform());
                p.region.push_back(static_cast<std::int64_t>(g));
                p.firm.push_back(static_cast<std::int64_t>(g * kFirms + f));
                p.year.push_back(static_cast<std::int64_t>(t));
            }
        }
    }
    p.y = arma::vec(y);
    p.y2 = arma::vec(y2);
    p.x = arma::vec(x);
    p.z1 = arma::vec(z1);
    p.z2 = arma::vec(z2);
    p.w = arma::vec(w);
    for (const auto& [name, values] : {std::pair{"y", &y}, {"y2", &y2}, {"x", &x}, {"z1", &z1}, {"z2", &z2}, {"w", &w}})
        p.frame.add(data::Column::numeric(name, *values));
    p.frame.add(data::Column::integer("region", p.region));
    p.frame.add(data::Column::integer("firm", p.firm));
    p.frame.add(data::Column::integer("year", p.year));
    return p;
}

arma::mat dummies(const std::vector<std::int64_t>& codes) {
    std::int64_t levels = 0;
    for (auto c : codes) levels = std::max(levels, c + 1);
    arma::mat D(codes.size(), static_cast<arma::uword>(levels), arma::fill::zeros);
    for (std::size_t i = 0; i < codes.size(); ++i) D(i, static_cast<arma::uword>(codes[i])) = 1.0;
    return D;
}

// 2SLS of y on X = [x, y2, firm dummies] with Z = [x, z1, z2, firm dummies], rows scaled by sqrt(w).
struct Textbook {
    arma::mat X, Z;
    arma::vec y;
    std::vector<std::vector<std::int64_t>> terms;   // codes of each error-clustering term
    std::vector<double> signs;
    std::vector<std::int64_t> boot;
    arma::rowvec R;                                  // on (x, y2)

    struct Fit {
        arma::vec b;
        arma::mat A, Xh;
    };
    Fit fit(const arma::mat& Xs, const arma::vec& ys) const {
        Fit f;
        f.Xh = Z * arma::solve(Z, Xs);
        f.A = arma::inv_sympd(arma::symmatu(f.Xh.t() * f.Xh));
        f.b = f.A * (f.Xh.t() * ys);
        return f;
    }
    arma::rowvec full() const {
        arma::rowvec r(X.n_cols, arma::fill::zeros);
        r.head(2) = R;
        return r;
    }
    double t(const arma::mat& Xs, const arma::vec& ys, double centre) const {
        const Fit f = fit(Xs, ys);
        const arma::vec e = ys - Xs * f.b;
        const arma::mat scores = f.Xh.each_col() % e;
        arma::mat meat(X.n_cols, X.n_cols, arma::fill::zeros);
        for (std::size_t c = 0; c < terms.size(); ++c) {
            std::int64_t levels = 0;
            for (auto g : terms[c]) levels = std::max(levels, g + 1);
            arma::mat sums(static_cast<arma::uword>(levels), X.n_cols, arma::fill::zeros);
            for (arma::uword i = 0; i < X.n_rows; ++i) sums.row(static_cast<arma::uword>(terms[c][i])) += scores.row(i);
            meat += signs[c] * sums.t() * sums;
        }
        const arma::rowvec r = full();
        return (arma::as_scalar(r * f.b) - centre) / std::sqrt(arma::as_scalar(r * f.A * meat * f.A * r.t()));
    }
    // Symmetric p-value of R b = value over every Rademacher vector.
    double p(double value, bool impose) const {
        const Fit f = fit(X, y);
        const arma::rowvec r = full();
        const double estimate = arma::as_scalar(r * f.b);
        const arma::vec bt = impose ? arma::vec(f.b - f.A * r.t() * ((estimate - value) / arma::as_scalar(r * f.A * r.t()))) : f.b;
        const arma::vec u = y - X * bt;
        const arma::mat Zu = arma::join_rows(Z, u);
        const arma::vec pi = arma::solve(Zu, arma::vec(X.col(1)));
        const arma::vec fitted = Z * pi.head(Z.n_cols), V = X.col(1) - fitted;
        const double statistic = t(X, y, value), centre = impose ? value : estimate;
        std::int64_t clusters = 0;
        for (auto h : boot) clusters = std::max(clusters, h + 1);
        const std::uint64_t vectors = 1ull << clusters;
        std::uint64_t beyond = 0;
        for (std::uint64_t m = 0; m < vectors; ++m) {
            arma::vec v(X.n_rows);
            for (arma::uword i = 0; i < v.n_elem; ++i) v(i) = (m >> boot[i]) & 1u ? 1.0 : -1.0;
            arma::mat Xs = X;
            Xs.col(1) = fitted + V % v;
            const arma::vec ys = Xs * bt + u % v;
            beyond += std::abs(t(Xs, ys, centre)) > std::abs(statistic) * (1.0 + 1e-9);
        }
        return static_cast<double>(beyond) / static_cast<double>(vectors);
    }
};

std::vector<std::int64_t> intersection(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
    std::vector<std::int64_t> codes(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) codes[i] = a[i] * 1000 + b[i];
    std::vector<std::int64_t> sorted = codes;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (auto& c : codes) c = std::lower_bound(sorted.begin(), sorted.end(), c) - sorted.begin();
    return codes;
}

Textbook textbook_for(const Panel& p, const std::vector<std::vector<std::int64_t>>& terms, const std::vector<double>& signs,
                      const std::vector<std::int64_t>& boot, const arma::rowvec& R) {
    Textbook t;
    const arma::vec root = arma::sqrt(p.w);
    const arma::mat D = dummies(p.firm);
    t.X = arma::join_rows(p.x, p.y2, D).eval().each_col() % root;
    t.Z = arma::join_rows(p.x, p.z1, p.z2, D).eval().each_col() % root;
    t.y = p.y % root;
    t.terms = terms;
    t.signs = signs;
    t.boot = boot;
    t.R = R;
    return t;
}

void check(const Panel& panel, const Textbook& textbook, const char* vcov, const char* boot_cluster, const char* restriction,
           double value) {
    for (const bool impose : {true, false}) {
        SCOPED_TRACE(std::string(vcov) + " " + boot_cluster + " " + restriction + (impose ? " WRE" : " WUE"));
        cli::ModelRequest request;
        request.model = "y ~ x | firm | y2 ~ z1 + z2";
        request.estimator = "2sls";
        request.weights = "w";
        request.vcov = vcov;
        request.boot_cluster = boot_cluster;
        request.boottest = {restriction};
        request.boot_null = impose ? "impose" : "none";
        const auto result = cli::run_model(request, panel.frame);
        const auto& test = test_named(result.tests, std::string("boottest:") + restriction);
        EXPECT_TRUE(test.extra.at("enumerated").get<bool>());
        EXPECT_NEAR(test.p, textbook.p(value, impose), 1e-12);
        // Unbounded (weak instruments): the textbook p-value stays above 5% at 1000 standard errors.
        double estimate = 0.0;
        for (const auto& row : result.coef) estimate += row.name == "x" ? textbook.R(0) * row.estimate : row.name == "y2" ? textbook.R(1) * row.estimate : 0.0;
        if (test.extra.at("ci_low").is_null() || test.extra.at("ci_high").is_null()) {
            const double se = (estimate - value) / test.stat;
            const double far = estimate + 1000.0 * std::abs(se) * (test.extra.at("ci_high").is_null() ? 1.0 : -1.0);
            EXPECT_GE(textbook.p(far, impose), 0.05);
            continue;
        }
        // The interval's ends are where the textbook p-value steps below 5%.
        const double low = test.extra.at("ci_low").get<double>(), high = test.extra.at("ci_high").get<double>();
        const double step = 1e-6 * (high - low);
        EXPECT_GE(textbook.p(low + step, impose), 0.05);
        EXPECT_LT(textbook.p(low - step, impose), 0.05);
        EXPECT_GE(textbook.p(high - step, impose), 0.05);
        EXPECT_LT(textbook.p(high + step, impose), 0.05);
    }
}

TEST(WildIvBootstrap, WeightedOneWayMatchesTextbook) {
    const Panel p = make_panel(3);
    const arma::rowvec R = {1.0, 1.0};
    check(p, textbook_for(p, {p.region}, {1.0}, p.region, R), "cluster:region", "", "x + y2 = 1", 1.0);
}

TEST(WildIvBootstrap, TwoWayClustersMatchTextbook) {
    const Panel p = make_panel(4);
    const arma::rowvec R = {0.0, 1.0};
    const auto both = intersection(p.region, p.year);
    // Bootstrap clusters region x year, the intersection of the error clusters; the firm effects are
    // not nested in it, so bootstrap by region instead (the error clusters stay two-way).
    check(p, textbook_for(p, {p.region, p.year, both}, {1.0, 1.0, -1.0}, p.region, R), "cluster:region+year", "region",
          "y2", 0.0);
}

TEST(WildIvBootstrap, SubclustersMatchTextbook) {
    const Panel p = make_panel(5, 4);  // 8 firms: 2^8 vectors
    const arma::rowvec R = {0.0, 1.0};
    check(p, textbook_for(p, {p.region}, {1.0}, p.firm, R), "cluster:region", "firm", "y2 = 0.3", 0.3);
}

TEST(WildIvBootstrap, RefusesEffectsNotNestedInTheBootstrapClusters) {
    const Panel p = make_panel(6);
    cli::ModelRequest request;
    request.model = "y ~ x | firm + year | y2 ~ z1 + z2";
    request.estimator = "2sls";
    request.vcov = "cluster:region";
    request.boottest = {"y2"};
    EXPECT_THROW(cli::run_model(request, p.frame), Error);
}

}  // namespace
}  // namespace gvcpanel::testing
