// The result store: whole lines survive, a torn last line is ignored on reading and cut off before
// the next append, and a later line for the same id replaces the earlier one.
#include <gtest/gtest.h>

#include <fstream>

#include "cli/batch_store.hpp"
#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

TEST(BatchStore, TornLastLineIsIgnoredAndCutOff) {
    const std::string path = testing::temp_dir() + "/results.jsonl";
    std::ofstream(path) << "{\"id\":\"a\",\"coef\":[]}\n{\"id\":\"b\",\"co";
    EXPECT_EQ(read_store(path).size(), 1u);
    {
        ResultStore store(path);
        store.append({{"id", "b"}, {"coef", nlohmann::ordered_json::array()}});
    }
    const auto lines = read_store(path);
    EXPECT_EQ(lines.size(), 2u);
    EXPECT_TRUE(lines.count("b"));
}

TEST(BatchStore, LaterLineForAnIdWins) {
    const std::string path = testing::temp_dir() + "/results.jsonl";
    {
        ResultStore store(path);
        store.append({{"id", "a"}, {"error", "collinear"}});
        store.append({{"id", "a"}, {"coef", nlohmann::ordered_json::array()}});
    }
    const auto lines = read_store(path);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_FALSE(lines.at("a").contains("error"));
}

}  // namespace
}  // namespace gvcpanel::cli
