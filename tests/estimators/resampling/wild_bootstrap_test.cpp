// The fast wild cluster bootstrap against the textbook one, computed here on generated panels: every
// enumerated weight vector turned into y* = X b~ + D a~ + u~ v, refitted by least squares with all
// the fixed effects as dummies, and its cluster-robust t formed from scratch. Covers what the Produc
// reference does not: weights, a fixed effect not nested in the clusters, two-way clustering and
// bootstrap clusters finer than the error clusters. Also the size of the WCR with 8 clusters.
#include <gtest/gtest.h>

#include <armadillo>
#include <cmath>
#include <algorithm>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "data/frame.hpp"
#include "data/random.hpp"
#include "support/compare.hpp"
#include "support/test_results.hpp"

namespace gvcpanel::testing {
namespace {

// A panel of regions x firms x years: x1 and x2 with region components, heteroskedastic errors
// correlated within regions, weights, some rows left out so that nothing is balanced.
struct Panel {
    data::Frame frame;
    arma::vec y, x1, x2, w;
    std::vector<std::int64_t> region, firm, year;
};

Panel make_panel(std::size_t regions, std::size_t firms_per_region, std::size_t years, std::uint64_t seed) {
    data::Random random(seed);
    Panel p;
    std::vector<double> y, x1, x2, w;
    for (std::size_t g = 0; g < regions; ++g) {
        const double shock = random.normal(), level = random.normal();
        for (std::size_t f = 0; f < firms_per_region; ++f)
            for (std::size_t t = 0; t < years; ++t) {
                if (random.uniform() < 0.1) continue;
                const double a = level + random.normal(), b = random.normal() + 0.3 * t;
                x1.push_back(a);
                x2.push_back(b);
                w.push_back(0.5 + random.uniform());
                y.push_back(0.5 * a - 0.2 * b + 0.1 * t + 0.3 * f + shock * (1.0 + 0.5 * a) + random.normal() * (1.0 + g % 3));
                p.region.push_back(static_cast<std::int64_t>(g));
                p.firm.push_back(static_cast<std::int64_t>(g * firms_per_region + f));
                p.year.push_back(static_cast<std::int64_t>(t));
            }
    }
    p.y = arma::vec(y);
    p.x1 = arma::vec(x1);
    p.x2 = arma::vec(x2);
    p.w = arma::vec(w);
    p.frame.add(data::Column::numeric("y", y));
    p.frame.add(data::Column::numeric("x1", x1));
    p.frame.add(data::Column::numeric("x2", x2));
    p.frame.add(data::Column::numeric("w", w));
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

// The textbook wild cluster bootstrap: x1 and x2 with dummy fixed effects, weights, inclusion-
// exclusion over the error clusterings (a common G/(G-1) factor, which leaves p-values unchanged).
struct Textbook {
    arma::mat Z;                                       // [x1, x2, dummies]
    arma::vec y, w;
    std::vector<std::vector<std::int64_t>> terms;      // codes of each clustering term
    std::vector<double> signs;
    std::vector<std::int64_t> boot;                    // bootstrap cluster codes
    arma::rowvec R;                                    // on (x1, x2)
    arma::mat B;                                       // (Z'WZ)^+

    arma::vec fit(const arma::vec& yv) const { return B * Z.t() * (w % yv); }

    double t(const arma::vec& yv, double r) const {
        const arma::vec b = fit(yv), e = yv - Z * b;
        const arma::mat scores = Z.each_col() % (w % e);
        arma::mat meat(Z.n_cols, Z.n_cols, arma::fill::zeros);
        for (std::size_t c = 0; c < terms.size(); ++c) {
            std::int64_t levels = 0;
            for (auto g : terms[c]) levels = std::max(levels, g + 1);
            arma::mat sums(static_cast<arma::uword>(levels), Z.n_cols, arma::fill::zeros);
            for (arma::uword i = 0; i < Z.n_rows; ++i) sums.row(static_cast<arma::uword>(terms[c][i])) += scores.row(i);
            meat += signs[c] * sums.t() * sums;
        }
        const arma::mat V = B * meat * B;
        const double variance = arma::as_scalar(R * V.submat(0, 0, 1, 1) * R.t());
        return (arma::as_scalar(R * b.head(2)) - r) / std::sqrt(variance);
    }

    // Symmetric p-value of R b = r over every Rademacher vector.
    double p(double r, bool impose) const {
        const arma::vec b = fit(y);
        arma::vec level = Z * b;
        double centre = arma::as_scalar(R * b.head(2));
        if (impose) {
            arma::rowvec full(Z.n_cols, arma::fill::zeros);
            full.head(2) = R;
            const arma::vec restricted = b - B * full.t() * ((arma::as_scalar(full * b) - r) / arma::as_scalar(full * B * full.t()));
            level = Z * restricted;
            centre = r;
        }
        const arma::vec u = y - level;
        const double statistic = t(y, r);
        std::int64_t clusters = 0;
        for (auto h : boot) clusters = std::max(clusters, h + 1);
        const std::uint64_t vectors = 1ull << clusters;
        std::uint64_t beyond = 0;
        for (std::uint64_t m = 0; m < vectors; ++m) {
            arma::vec ystar = level;
            for (arma::uword i = 0; i < ystar.n_elem; ++i)
                ystar(i) += u(i) * ((m >> boot[i]) & 1u ? 1.0 : -1.0);
            beyond += std::abs(t(ystar, centre)) > std::abs(statistic) * (1.0 + 1e-9);
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

struct Scenario {
    const char* name;
    const char* model;
    const char* vcov;
    const char* boot_cluster;   // empty: the vcov's
    bool weighted;
    const char* restriction;
    double r;
    arma::rowvec R;
};

void check(const Scenario& s, const Panel& panel, const Textbook& textbook) {
    for (const bool impose : {true, false}) {
        SCOPED_TRACE(std::string(s.name) + (impose ? " WCR" : " WCU"));
        cli::ModelRequest request;
        request.model = s.model;
        request.vcov = s.vcov;
        request.boot_cluster = s.boot_cluster;
        if (s.weighted) request.weights = "w";
        request.boottest = {s.restriction};
        request.boot_null = impose ? "impose" : "none";
        const auto result = cli::run_model(request, panel.frame);
        const auto& test = test_named(result.tests, std::string("boottest:") + s.restriction);
        EXPECT_TRUE(test.extra.at("enumerated").get<bool>());
        // Enumerated: the same draws, so the same p-value to rounding.
        EXPECT_NEAR(test.p, textbook.p(s.r, impose), 1e-12);
        // The interval's ends are where the textbook p-value steps below 5%.
        const double low = test.extra.at("ci_low").get<double>(), high = test.extra.at("ci_high").get<double>();
        const double step = 1e-6 * (high - low);
        EXPECT_GE(textbook.p(low + step, impose), 0.05);
        EXPECT_LT(textbook.p(low - step, impose), 0.05);
        EXPECT_GE(textbook.p(high - step, impose), 0.05);
        EXPECT_LT(textbook.p(high + step, impose), 0.05);
    }
}

Textbook textbook_for(const Panel& p, bool weighted, const std::vector<std::vector<std::int64_t>>& terms,
                      const std::vector<double>& signs, const std::vector<std::int64_t>& boot, const arma::rowvec& R,
                      bool year_effects) {
    Textbook t;
    t.Z = arma::join_rows(p.x1, p.x2, dummies(p.firm));
    if (year_effects) t.Z = arma::join_rows(t.Z, dummies(p.year));
    t.y = p.y;
    t.w = weighted ? p.w : arma::vec(p.y.n_elem, arma::fill::ones);
    t.terms = terms;
    t.signs = signs;
    t.boot = boot;
    t.R = R;
    t.B = arma::pinv(t.Z.t() * (t.Z.each_col() % t.w));
    return t;
}

TEST(WildBootstrap, WeightedFirmAndYearEffectsOneWayMatchesTextbook) {
    const Panel p = make_panel(6, 3, 8, 11);
    const arma::rowvec R = {1.0, 0.0};
    // Firms nested in the regions, years not: the years enter as dummies of the projection.
    check({"weighted", "y ~ x1 + x2 | firm + year", "cluster:region", "", true, "x1 = 0.2", 0.2, R}, p,
          textbook_for(p, true, {p.region}, {1.0}, p.region, R, true));
}

TEST(WildBootstrap, TwoWayClustersMatchTextbook) {
    const Panel p = make_panel(5, 3, 6, 12);
    const arma::rowvec R = {1.0, 1.0};
    // Errors clustered by region and year, weights drawn for the regions (5: 32 vectors).
    check({"two-way", "y ~ x1 + x2 | firm", "cluster:region+year", "region", false, "x1 + x2 = 0.3", 0.3, R}, p,
          textbook_for(p, false, {p.region, p.year, intersection(p.region, p.year)}, {1.0, 1.0, -1.0}, p.region, R,
                       false));
}

TEST(WildBootstrap, SubclustersFinerThanErrorClustersMatchTextbook) {
    const Panel p = make_panel(3, 2, 10, 13);
    const arma::rowvec R = {0.0, 1.0};
    // MacKinnon and Webb (2018): errors clustered by the 3 regions, weights drawn for the 6 firms.
    check({"subcluster", "y ~ x1 + x2 | firm + year", "cluster:region", "firm", true, "x2", 0.0, R}, p,
          textbook_for(p, true, {p.region}, {1.0}, p.firm, R, true));
}

TEST(WildBootstrap, StatisticIsTheClusterRobustT) {
    const Panel p = make_panel(6, 3, 8, 14);
    cli::ModelRequest request;
    request.model = "y ~ x1 + x2 | firm + year";
    request.vcov = "cluster:region";
    request.boottest = {"x1 = 0.2"};
    const auto result = cli::run_model(request, p.frame);
    const auto& row = result.coefficient("x1");
    EXPECT_CLOSE("t", test_named(result.tests, "boottest:x1 = 0.2").stat, (row.estimate - 0.2) / row.se, 1e-10);
}

// Drawn weights: the same seed gives the same p-value whatever the thread count.
TEST(WildBootstrap, DrawsDoNotDependOnThreads) {
    const Panel p = make_panel(14, 2, 5, 15);
    cli::ModelRequest request;
    request.model = "y ~ x1 + x2";
    request.vcov = "cluster:region";
    request.boottest = {"x1"};
    request.boot_reps = 4999;
    request.boot_weights = "webb";
    request.threads = 1;
    const auto one = test_named(cli::run_model(request, p.frame).tests, "boottest:x1");
    request.threads = 2;
    const auto two = test_named(cli::run_model(request, p.frame).tests, "boottest:x1");
    EXPECT_FALSE(one.extra.at("enumerated").get<bool>());
    EXPECT_EQ(one.p, two.p);
    EXPECT_EQ(one.extra.at("ci_low").get<double>(), two.extra.at("ci_low").get<double>());
}

TEST(WildBootstrap, RefusesWhatItCannotTest) {
    const Panel p = make_panel(4, 2, 5, 16);
    cli::ModelRequest request;
    request.model = "y ~ x1 + x2";
    request.boottest = {"x1"};
    EXPECT_THROW(cli::run_model(request, p.frame), Error);  // no clusters named
    request.vcov = "cluster:region";
    request.boottest = {"x1 = 0, x2 = 0"};
    EXPECT_THROW(cli::run_model(request, p.frame), Error);  // joint
    request.boottest = {"x1"};
    request.boot_weights = "uniform";
    EXPECT_THROW(cli::run_model(request, p.frame), Error);
    request.boot_weights = "rademacher";
    request.boot_null = "maybe";
    EXPECT_THROW(cli::run_model(request, p.frame), Error);
}

// With G = 8 clusters of unequal size and a true null, the WCR's rejection rate at 5% over 1,000
// simulated samples lies in [3%, 8%]; the CR1 t(G-1) test rejects far more often.
TEST(WildBootstrap, SizeWithEightClusters) {
    const std::size_t sizes[8] = {4, 6, 8, 10, 14, 20, 40, 60};
    data::Random random(2024);
    int wcr = 0, cr1 = 0;
    const int samples = 1000;
    for (int s = 0; s < samples; ++s) {
        std::vector<double> y, x;
        std::vector<std::int64_t> cluster;
        for (std::size_t g = 0; g < 8; ++g) {
            const double xg = random.normal(), ug = random.normal();
            for (std::size_t i = 0; i < sizes[g]; ++i) {
                const double xi = xg + 0.5 * random.normal();
                x.push_back(xi);
                y.push_back(1.0 + ug * (1.0 + std::abs(xi)) + random.normal());
                cluster.push_back(static_cast<std::int64_t>(g));
            }
        }
        data::Frame frame;
        frame.add(data::Column::numeric("y", y));
        frame.add(data::Column::numeric("x", x));
        frame.add(data::Column::integer("g", cluster));
        cli::ModelRequest request;
        request.model = "y ~ x";
        request.vcov = "cluster:g";
        request.boottest = {"x"};
        const auto result = cli::run_model(request, frame);
        wcr += test_named(result.tests, "boottest:x").p < 0.05;
        cr1 += result.coefficient("x").p < 0.05;
    }
    const double wcr_rate = wcr / static_cast<double>(samples), cr1_rate = cr1 / static_cast<double>(samples);
    EXPECT_GE(wcr_rate, 0.03);
    EXPECT_LE(wcr_rate, 0.08);
    EXPECT_GT(cr1_rate, 2.0 * wcr_rate);
    RecordProperty("wcr_rate", std::to_string(wcr_rate));
    RecordProperty("cr1_rate", std::to_string(cr1_rate));
}

}  // namespace
}  // namespace gvcpanel::testing
