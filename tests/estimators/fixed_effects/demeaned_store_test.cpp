// The store of demeaned columns: a fit that takes some columns from it gets the columns and the
// summary demean() gives for all of them at once, bit for bit; columns are shared by name within a
// sample and demeaning options, and never across them.
#include "estimators/fixed_effects/demeaned_store.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

namespace gvcpanel::estimators {
namespace {

constexpr std::size_t kRows = 3000;

models::Grouping grouping(std::string name, int levels, std::mt19937& rng) {
    std::uniform_int_distribution<int> pick(0, levels - 1);
    models::Grouping g;
    g.name = std::move(name);
    g.levels = levels;
    for (std::size_t i = 0; i < kRows; ++i)
        g.codes.push_back(i < static_cast<std::size_t>(levels) ? static_cast<std::int32_t>(i) : pick(rng));
    return g;
}

struct Problem {
    std::vector<models::Grouping> effects;
    arma::mat columns;  // y, x1, x2, x3
    std::vector<std::string> names{"y", "x1", "x2", "x3"};
};

Problem problem() {
    std::mt19937 rng(3);
    Problem p;
    p.effects = {grouping("firm", 300, rng), grouping("year", 12, rng)};
    p.columns.randn(kRows, 4);
    return p;
}

// Columns `which` of the problem, as a fit would pass them (its own copies).
arma::mat pick(const Problem& p, const std::vector<arma::uword>& which) {
    return p.columns.cols(arma::uvec(which));
}

std::vector<double*> pointers(arma::mat& m) {
    std::vector<double*> out;
    for (arma::uword j = 0; j < m.n_cols; ++j) out.push_back(m.colptr(j));
    return out;
}

std::vector<std::string> names_of(const Problem& p, const std::vector<arma::uword>& which) {
    std::vector<std::string> out;
    for (const auto j : which) out.push_back(p.names[j]);
    return out;
}

void expect_same_summary(const DemeanSummary& a, const DemeanSummary& b) {
    EXPECT_EQ(a.iterations, b.iterations);
    EXPECT_EQ(a.final_change, b.final_change);
    EXPECT_EQ(a.converged, b.converged);
    EXPECT_EQ(a.message, b.message);
}

TEST(DemeanedStore, ColumnsFromTheStoreEqualDemeaningAllAtOnce) {
    const Problem p = problem();
    DemeanedStore store(std::size_t{1} << 26);
    // Stepwise controls: y x1, then y x1 x2, then y x1 x2 x3, the first two from the store.
    for (const std::vector<arma::uword>& which : {std::vector<arma::uword>{0, 1}, {0, 1, 2}, {0, 1, 2, 3}}) {
        SCOPED_TRACE(which.size());
        arma::mat shared = pick(p, which), alone = pick(p, which);
        const auto from_store =
            store.demean("sample 0", names_of(p, which), pointers(shared), kRows, p.effects, {}, {});
        const auto direct = demean(pointers(alone), kRows, p.effects, {}, {});
        EXPECT_TRUE(arma::approx_equal(shared, alone, "absdiff", 0.0));
        expect_same_summary(from_store, direct);
    }
    EXPECT_EQ(store.bytes_held(), 4 * kRows * sizeof(double));  // each column demeaned once
}

TEST(DemeanedStore, SharesByNameWithinASampleOnly) {
    const Problem p = problem();
    DemeanedStore store(std::size_t{1} << 26);
    arma::mat first = pick(p, {0});
    store.demean("sample 0", {"y"}, pointers(first), kRows, p.effects, {}, {});
    // Another column under the same name on the same sample is taken to be the same column.
    arma::mat same_name = pick(p, {1});
    store.demean("sample 0", {"y"}, pointers(same_name), kRows, p.effects, {}, {});
    EXPECT_TRUE(arma::approx_equal(same_name, first, "absdiff", 0.0));
    // On another sample, or with another tolerance, it is demeaned anew.
    for (const auto& [key, tolerance] : {std::pair<std::string, double>{"sample 1", 1e-10}, {"sample 0", 1e-8}}) {
        DemeanOptions options;
        options.tolerance = tolerance;
        arma::mat other = pick(p, {1}), expected = pick(p, {1});
        store.demean(key, {"y"}, pointers(other), kRows, p.effects, {}, options);
        demean(expected, p.effects, {}, options);
        EXPECT_TRUE(arma::approx_equal(other, expected, "absdiff", 0.0)) << key << " tolerance " << tolerance;
    }
}

TEST(DemeanedStore, ConcurrentFitsOnOneSampleAgree) {
    const Problem p = problem();
    DemeanedStore store(std::size_t{1} << 26);
    arma::mat expected = p.columns;
    demean(expected, p.effects, {}, {});
    const std::vector<std::vector<arma::uword>> fits = {{0, 1, 2}, {0, 2, 3}, {3, 1}, {0, 1, 2, 3}};
    std::vector<arma::mat> got(fits.size());
    std::vector<std::thread> threads;
    for (std::size_t f = 0; f < fits.size(); ++f)
        threads.emplace_back([&, f] {
            got[f] = pick(p, fits[f]);
            DemeanOptions options;
            options.threads = 1;
            store.demean("sample 0", names_of(p, fits[f]), pointers(got[f]), kRows, p.effects, {}, options);
        });
    for (auto& thread : threads) thread.join();
    for (std::size_t f = 0; f < fits.size(); ++f)
        EXPECT_TRUE(arma::approx_equal(got[f], expected.cols(arma::uvec(fits[f])), "absdiff", 0.0)) << "fit " << f;
}

TEST(DemeanedStore, ARepeatedNameIsDemeanedWithoutTheStore) {
    const Problem p = problem();
    DemeanedStore store(std::size_t{1} << 26);
    arma::mat both = pick(p, {0, 0}), expected = pick(p, {0, 0});
    store.demean("sample 0", {"y", "y"}, pointers(both), kRows, p.effects, {}, {});
    demean(expected, p.effects, {}, {});
    EXPECT_TRUE(arma::approx_equal(both, expected, "absdiff", 0.0));
    EXPECT_EQ(store.bytes_held(), 0u);
}

}  // namespace
}  // namespace gvcpanel::estimators
