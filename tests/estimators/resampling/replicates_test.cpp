// The resampling engine: replicate streams that depend only on (seed, replicate), results identical
// with 1 and 2 threads and when the replicates are split in ranges and merged (as processes would
// split them), failures counted with their messages, and the bootstrap and jackknife of a sample
// mean against their formulas (the jackknife's exactly, the bootstrap's within Monte Carlo error).
#include "estimators/resampling/replicates.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "data/error.hpp"
#include "estimators/resampling/replicate_stream.hpp"
#include "estimators/resampling/replicate_summary.hpp"
#include "support/compare.hpp"

namespace gvcpanel::estimators::resampling {
namespace {

arma::vec sample_values(std::size_t n) {
    data::Random random(7);
    arma::vec x(n);
    for (auto& v : x) v = random.normal(2.0, 3.0);
    return x;
}

// The mean (and the mean of squares) of the drawn rows.
Refit mean_refit(const arma::vec& x) {
    return [&x](const Draw& draw) {
        double sum = 0.0, squares = 0.0;
        for (const auto row : draw.rows) {
            sum += x(row);
            squares += x(row) * x(row);
        }
        const double n = static_cast<double>(draw.rows.size());
        return arma::vec{sum / n, squares / n};
    };
}

TEST(ReplicateStream, DependsOnlyOnSeedAndReplicate) {
    auto a = replicate_stream(5, 17), b = replicate_stream(5, 17);
    EXPECT_EQ(a.next(), b.next());
    auto c = replicate_stream(5, 18), d = replicate_stream(6, 17);
    const auto first = replicate_stream(5, 17).next();
    EXPECT_NE(first, c.next());
    EXPECT_NE(first, d.next());
}

TEST(Replicates, SameNumbersWithOneAndTwoThreadsAndWhenSplitInRanges) {
    const arma::vec x = sample_values(60);
    const SamplingPlan plan = pairs_plan(x.n_elem);
    ReplicateOptions options;
    options.replications = 101;
    options.seed = 42;
    options.threads = 1;
    const auto one = bootstrap(plan, 2, options, mean_refit(x));
    options.threads = 2;
    const auto two = bootstrap(plan, 2, options, mean_refit(x));
    EXPECT_TRUE(arma::approx_equal(one.estimates, two.estimates, "absdiff", 0.0));

    // Three "processes": 0-39, 40-89, 90-100, merged in any order.
    std::vector<Replicates> parts;
    for (const auto& [first, count] : std::vector<std::pair<std::size_t, std::size_t>>{{40, 50}, {0, 40}, {90, 11}}) {
        options.first = first;
        options.count = count;
        parts.push_back(bootstrap(plan, 2, options, mean_refit(x)));
    }
    const auto merged = merge_replicates(parts);
    EXPECT_EQ(merged.first, 0u);
    EXPECT_TRUE(arma::approx_equal(merged.estimates, one.estimates, "absdiff", 0.0));
    parts.erase(parts.begin());
    EXPECT_THROW(merge_replicates(parts), Error) << "a gap between the ranges";
}

TEST(Replicates, FailuresAreCountedWithTheirMessages) {
    ReplicateOptions options;
    options.replications = 10;
    const auto replicates = run_replicates(1, options, [](std::size_t r, data::Random&) {
        if (r % 3 == 0) throw Error("singular on replicate");
        if (r == 4) return arma::vec{std::nan("")};
        return arma::vec{static_cast<double>(r)};
    });
    EXPECT_EQ(replicates.failed, (std::vector<std::size_t>{0, 3, 4, 6, 9}));
    EXPECT_EQ(replicates.messages, (std::vector<std::string>{"singular on replicate", "an estimate is not finite"}));
    EXPECT_EQ(replicates.succeeded(), 5u);
    EXPECT_TRUE(arma::approx_equal(replicates.successful(), arma::mat(arma::vec{1, 2, 5, 7, 8}), "absdiff", 0.0));
}

TEST(Replicates, OtherExceptionsStopTheRun) {
    ReplicateOptions options;
    options.replications = 4;
    EXPECT_THROW(run_replicates(1, options,
                                [](std::size_t, data::Random&) -> arma::vec { throw std::runtime_error("bug"); }),
                 std::runtime_error);
}

TEST(Replicates, JackknifeOfTheMeanIsTheTextbookVariance) {
    // Delete-one jackknife of a mean: (n-1)/n sum (mean_(i) - mean)^2 = s^2 / n exactly.
    const arma::vec x = sample_values(25);
    const auto replicates = jackknife(pairs_plan(x.n_elem), 2, 2, mean_refit(x));
    const arma::mat v = jackknife_covariance(replicates.estimates, arma::vec{arma::mean(x), arma::mean(arma::square(x))});
    EXPECT_CLOSE("jackknife variance of the mean", v(0, 0), arma::var(x) / 25.0, 1e-12);
}

TEST(Replicates, BootstrapOfTheMeanWithinMonteCarloError) {
    // The bootstrap variance of a mean is (n-1)/n s^2/n; with B = 4000 its estimate has a relative
    // standard error of about sqrt(2/B) = 2.2%, so 4 standard errors is 9%.
    const arma::vec x = sample_values(80);
    ReplicateOptions options;
    options.replications = 4000;
    options.seed = 3;
    const auto replicates = bootstrap(pairs_plan(x.n_elem), 2, options, mean_refit(x));
    const double expected = arma::var(x) * 79.0 / 80.0 / 80.0;
    EXPECT_CLOSE("bootstrap variance of the mean", bootstrap_covariance(replicates.successful())(0, 0), expected, 0.09);
}

TEST(Replicates, BadOptionsAreErrors) {
    ReplicateOptions options;
    options.replications = 0;
    EXPECT_THROW(options.validate(), Error);
    options.replications = 5;
    options.first = 5;
    EXPECT_THROW(options.validate(), Error);
}

}  // namespace
}  // namespace gvcpanel::estimators::resampling
