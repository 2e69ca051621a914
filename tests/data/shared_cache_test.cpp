// The shared cache computes a value once however many callers ask at once, keeps an error like a
// value, and drops the least recently used values beyond its byte budget.
#include "data/shared_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gvcpanel::data {
namespace {

using Cache = SharedCache<std::string, std::string>;

std::size_t length(const std::string& value) { return value.size(); }

TEST(SharedCache, ConcurrentCallersShareOneComputation) {
    Cache cache(1 << 20, length);
    std::atomic<int> computed{0};
    std::vector<std::shared_ptr<const std::string>> got(8);
    std::vector<std::thread> callers;
    for (std::size_t t = 0; t < got.size(); ++t)
        callers.emplace_back([&, t] {
            got[t] = cache.get("key", [&] {
                ++computed;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the others arrive meanwhile
                return std::string("value");
            });
        });
    for (auto& caller : callers) caller.join();
    EXPECT_EQ(computed, 1);
    for (const auto& value : got) EXPECT_EQ(value.get(), got.front().get());
    EXPECT_EQ(*got.front(), "value");
}

TEST(SharedCache, AnErrorReachesEveryCallerOfTheKey) {
    Cache cache(1 << 20, length);
    int computed = 0;
    const auto failing = [&]() -> std::string {
        ++computed;
        throw std::runtime_error("cannot compute");
    };
    for (int call = 0; call < 2; ++call) {
        try {
            cache.get("bad", failing);
            ADD_FAILURE() << "no error on call " << call;
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "cannot compute");
        }
    }
    EXPECT_EQ(computed, 1);
}

TEST(SharedCache, DropsTheLeastRecentlyUsedBeyondTheBudget) {
    Cache cache(10, length);  // room for two values of 5 bytes
    int computed = 0;
    const auto five = [&](char c) {
        return [&computed, c] {
            ++computed;
            return std::string(5, c);
        };
    };
    const auto held = cache.get("a", five('a'));
    cache.get("b", five('b'));
    cache.get("a", five('a'));  // a is now the most recent
    cache.get("c", five('c'));  // b leaves
    EXPECT_EQ(computed, 3);
    EXPECT_EQ(cache.bytes_held(), 10u);
    cache.get("a", five('a'));
    EXPECT_EQ(computed, 3);
    cache.get("b", five('b'));  // computed anew; c leaves
    EXPECT_EQ(computed, 4);
    EXPECT_EQ(*held, "aaaaa");  // a value dropped or not stays valid for its holders
}

TEST(SharedCache, AValueAboveTheBudgetIsKeptAlone) {
    Cache cache(4, length);
    int computed = 0;
    const auto big = [&] {
        ++computed;
        return std::string(9, 'x');
    };
    cache.get("big", big);
    cache.get("big", big);
    EXPECT_EQ(computed, 1);  // the newest value always stays
}

}  // namespace
}  // namespace gvcpanel::data
