// Callaway-Sant'Anna on staggered panels generated here: without noise every post-treatment
// ATT(g,t) is its true effect and every pre-treatment one zero, for each comparison group, base
// period and method; the aggregations are the weighted means aggte defines, computed directly;
// with noise the multiplier bootstrap agrees with the analytic standard errors, its band is wider
// than pointwise and narrower than Bonferroni, and nothing depends on the thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <omp.h>

#include "data/random.hpp"
#include "estimators/did/callaway_santanna.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators::did {
namespace {

// Noise-free outcomes: the estimators' arithmetic is exact to rounding.
constexpr double kExact = 1e-10;

double effect(double g, double t) { return g > 0 && t >= g ? 0.1 * (g - 2000) + 0.05 * (t - g) : 0.0; }

// Units 0.. with cohorts 0, 2003, 2005, 2007 in turn, periods 2001-2008; outcome = unit effect +
// period trend (+ a covariate's own trend) + the effect (+ noise).
StaggeredInput generate(std::size_t units, double noise, bool covariate, std::uint64_t seed = 1) {
    data::Random random(seed);
    const double cohorts[] = {0, 2003, 2005, 2007};
    StaggeredInput in;
    std::vector<double> y;
    std::vector<double> x_column;
    for (std::size_t u = 0; u < units; ++u) {
        const double g = cohorts[u % 4], unit_effect = random.normal(), x = random.normal() + (g > 0 ? 0.5 : 0);
        for (int t = 2001; t <= 2008; ++t) {
            y.push_back(unit_effect + 0.2 * (t - 2000) + (covariate ? 0.3 * x * (t - 2000) : 0) + effect(g, t) +
                        noise * random.normal());
            x_column.push_back(x);
            in.time.push_back(t);
            in.cohort.push_back(g);
            in.unit.push_back(std::int32_t(u));
        }
    }
    in.y = arma::vec(y);
    in.X = covariate ? arma::mat(arma::join_rows(arma::ones(y.size()), arma::vec(x_column))) : arma::mat(arma::ones(y.size(), 1));
    in.unit_label = [](std::int32_t code) { return std::to_string(code); };
    return in;
}

Result estimate(const StaggeredInput& in, const CsOptions& options) {
    return callaway_santanna(prepare_staggered(in, options.cells.control, options.cells.anticipation), options);
}

std::string cell(double g, double t) {
    return "ATT(" + std::to_string(int(g)) + "," + std::to_string(int(t)) + ")";
}

TEST(CallawaySantAnna, WithoutNoiseEveryCellIsItsTrueEffect) {
    for (bool covariate : {false, true})
        for (DidMethod method : {DidMethod::dr, DidMethod::ipw, DidMethod::reg})
            for (ControlGroup control : {ControlGroup::never, ControlGroup::not_yet})
                for (BasePeriod base : {BasePeriod::varying, BasePeriod::universal}) {
                    if (covariate && method == DidMethod::ipw) continue;  // weighting alone leaves the covariate's trend
                    CsOptions options;
                    options.cells = {control, 0, method, base};
                    const Result r = estimate(generate(80, 0, covariate), options);
                    ASSERT_EQ(r.coef.size(), 3u * (base == BasePeriod::varying ? 7 : 8));
                    for (const auto& row : r.coef) {
                        const double g = std::stod(row.name.substr(4, 4)), t = std::stod(row.name.substr(9, 4));
                        // Varying base: a pre-period cell compares t with t - 1; universal: with g - 1.
                        const double truth = effect(g, t) - (t >= g ? effect(g, g - 1) : 0);
                        EXPECT_NEAR(row.estimate, truth, kExact) << row.name << " method " << int(method)
                                                                 << " control " << int(control) << " base " << int(base);
                    }
                }
}

TEST(CallawaySantAnna, UniversalBaseReportsItsReferenceCellAsZeroWithoutError) {
    CsOptions options;
    options.cells.base_period = BasePeriod::universal;
    const Result r = estimate(generate(80, 0.5, false), options);
    const auto& reference = r.coefficient(cell(2005, 2004));
    EXPECT_EQ(reference.estimate, 0.0);
    EXPECT_TRUE(std::isnan(reference.se));
}

TEST(CallawaySantAnna, AggregationsAreTheWeightedMeansOfTheCells) {
    // Weights make the cohort shares unequal: pg is the mean over units of w_i 1{G_i = g}.
    StaggeredInput in = generate(120, 0.3, false, 5);
    in.weights.set_size(in.y.n_elem);
    for (std::size_t i = 0; i < in.y.n_elem; ++i) in.weights[i] = 1 + (in.unit[i] % 3);
    CsOptions options;
    const Result cells = estimate(in, options);
    std::map<double, double> share;
    for (std::size_t i = 0; i < in.y.n_elem; ++i)
        if (in.time[i] == 2001 && in.cohort[i] > 0) share[in.cohort[i]] += in.weights[i];
    const auto att = [&](double g, double t) { return cells.coefficient(cell(g, t)).estimate; };

    options.aggregation.type = Aggregation::simple;
    double sum = 0, total = 0;
    for (const auto& [g, pg] : share)
        for (double t = g; t <= 2008; ++t) {
            sum += pg * att(g, t);
            total += pg;
        }
    EXPECT_CLOSE("simple", estimate(in, options).coefficient("ATT").estimate, sum / total, 1e-12);

    options.aggregation.type = Aggregation::dynamic;
    const Result dynamic = estimate(in, options);
    for (double e = -5; e <= 5; ++e) {
        double s = 0, w = 0;
        for (const auto& [g, pg] : share)
            if (g + e >= 2002 && g + e <= 2008) {
                s += pg * att(g, g + e);
                w += pg;
            }
        EXPECT_CLOSE("event " + std::to_string(e), dynamic.coefficient("event::" + std::to_string(int(e))).estimate,
                     s / w, 1e-12);
    }

    options.aggregation.type = Aggregation::group;
    const Result group = estimate(in, options);
    double overall = 0, weight = 0;
    for (const auto& [g, pg] : share) {
        double s = 0;
        for (double t = g; t <= 2008; ++t) s += att(g, t);
        const double mean = s / (2008 - g + 1);
        EXPECT_CLOSE("cohort", group.coefficient("cohort::" + std::to_string(int(g))).estimate, mean, 1e-12);
        overall += pg * mean;
        weight += pg;
    }
    EXPECT_CLOSE("group ATT", group.coefficient("ATT").estimate, overall / weight, 1e-12);

    options.aggregation.type = Aggregation::calendar;
    const Result calendar = estimate(in, options);
    double mean = 0;
    for (double t = 2003; t <= 2008; ++t) {
        double s = 0, w = 0;
        for (const auto& [g, pg] : share)
            if (g <= t) {
                s += pg * att(g, t);
                w += pg;
            }
        EXPECT_CLOSE("calendar", calendar.coefficient("calendar::" + std::to_string(int(t))).estimate, s / w, 1e-12);
        mean += s / w / 6;
    }
    EXPECT_CLOSE("calendar ATT", calendar.coefficient("ATT").estimate, mean, 1e-12);
}

TEST(CallawaySantAnna, MultiplierBootstrapAgreesWithTheInfluenceFunctions) {
    const StaggeredInput in = generate(600, 1.0, true, 9);
    CsOptions options;
    options.aggregation.type = Aggregation::dynamic;
    const Result analytic = estimate(in, options);
    options.bootstrap = 4000;
    options.seed = 7;
    const Result boot = estimate(in, options);
    std::size_t event_rows = 0;
    for (std::size_t j = 0; j < boot.coef.size(); ++j) {
        // The interquartile-range scale of 4000 draws is within about 4% of the truth (sd of a
        // quantile-based scale ~ 1.1/sqrt(B)); 12% is three of those.
        EXPECT_NEAR(boot.coef[j].se / analytic.coef[j].se, 1.0, 0.12) << boot.coef[j].name;
        event_rows += boot.coef[j].name.rfind("event::", 0) == 0;
    }
    const double crit = boot.stats["simultaneous_crit"].get<double>();
    const double bonferroni = 2.84;  // normal quantile at 1 - 0.05 / (2 x 11 event times), rounded up
    EXPECT_GT(crit, 1.96);
    EXPECT_LT(crit, bonferroni);
    EXPECT_EQ(event_rows, 11u);  // event times -5..5
    // The same seed gives the same draws, on one thread or two.
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    const Result one = estimate(in, options);
    omp_set_num_threads(2);
    const Result two = estimate(in, options);
    omp_set_num_threads(threads);
    for (std::size_t j = 0; j < one.coef.size(); ++j) {
        EXPECT_EQ(one.coef[j].se, two.coef[j].se) << one.coef[j].name;
        EXPECT_EQ(one.coef[j].se, boot.coef[j].se) << one.coef[j].name;
    }
    EXPECT_EQ(one.stats["simultaneous_crit"], two.stats["simultaneous_crit"]);
    EXPECT_TRUE(arma::approx_equal(one.vcov_matrix, two.vcov_matrix, "absdiff", 0.0));
    options.seed = 8;
    EXPECT_NE(estimate(in, options).coef[0].se, boot.coef[0].se);
}

TEST(CallawaySantAnna, PreTestRejectsEarlyEffectsAndAnticipationMovesTheBase) {
    CsOptions options;
    StaggeredInput in = generate(400, 0.5, false, 13);
    const Result clean = estimate(in, options);
    ASSERT_NE(clean.test("pretrend"), nullptr);
    EXPECT_GT(clean.test("pretrend")->p, 0.001);
    // Effects a period early: pre-period cells at g - 1 pick them up.
    for (std::size_t i = 0; i < in.y.n_elem; ++i)
        if (in.cohort[i] > 0 && in.time[i] == in.cohort[i] - 1) in.y[i] += 1.0;
    const Result early = estimate(in, options);
    EXPECT_LT(early.test("pretrend")->p, 1e-6);
    // The base period g - 1 carries the early effect: ATT(g,g) loses it, unless one period of
    // anticipation moves the base to g - 2.
    EXPECT_NEAR(early.coefficient(cell(2005, 2005)).estimate, effect(2005, 2005) - 1.0, 0.2);
    options.cells.anticipation = 1;
    EXPECT_NEAR(estimate(in, options).coefficient(cell(2005, 2005)).estimate, effect(2005, 2005), 0.2);
}

}  // namespace
}  // namespace gvcpanel::estimators::did
