// Batch file errors: each names the file, line and column of the mistake.
#include <gtest/gtest.h>

#include "cli/batch_spec.hpp"
#include "data/error.hpp"

namespace gvcpanel::cli {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_batch_spec(text, "spec.toml", "");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(BatchSpec, TomlSyntaxErrorHasItsPosition) {
    EXPECT_NE(error_of("data = \"a.csv\"\n[[model]]\noutcome = \"y\n").find("spec.toml:3:"), std::string::npos);
}

TEST(BatchSpec, UnknownKeyHasItsPositionAndASuggestion) {
    const auto error = error_of("data = \"a.csv\"\n[[model]]\noutcome = \"y\"\n  vcvo = \"hc1\"\n");
    EXPECT_NE(error.find("spec.toml:4:10: unknown key 'vcvo'"), std::string::npos) << error;
    EXPECT_NE(error.find("vcov"), std::string::npos) << error;
}

TEST(BatchSpec, WrongTypeHasItsPosition) {
    const auto error = error_of("data = \"a.csv\"\n[[model]]\noutcome = \"y\"\nvcov = [\"hc1\", 3]\n");
    EXPECT_NE(error.find("spec.toml:4:16:"), std::string::npos) << error;
}

TEST(BatchSpec, FormulaAndPartsTogetherIsAnError) {
    EXPECT_NE(error_of("data = \"a.csv\"\n[[model]]\nformula = \"y ~ x\"\noutcome = \"y\"\n").find("both"),
              std::string::npos);
}

TEST(BatchSpec, NeedsDataAndAModel) {
    EXPECT_NE(error_of("[[model]]\noutcome = \"y\"\n").find("'data"), std::string::npos);
    EXPECT_NE(error_of("data = \"a.csv\"\n").find("no [[model]]"), std::string::npos);
}

// How the data file is read: --na, --decimal and --text as top-level keys (issue 17 item 1).
TEST(BatchSpec, ReadingKeysAtTheTopLevel) {
    const auto spec = parse_batch_spec("data = \"a.csv\"\nna = [\"n/a\", \"-\"]\ndecimal = \",\"\ntext = \"cusip\"\n"
                                       "[[model]]\noutcome = \"y\"\n",
                                       "spec.toml", "");
    EXPECT_EQ(spec.reading.na, (std::vector<std::string>{"n/a", "-"}));
    EXPECT_EQ(spec.reading.decimal, ",");
    EXPECT_EQ(spec.reading.text, std::vector<std::string>{"cusip"});
    EXPECT_EQ(error_of("data = \"a.csv\"\ndecimal = \";\"\n[[model]]\noutcome = \"y\"\n"),
              "spec.toml:2:11: 'decimal' must be \".\" or \",\"");
}

TEST(BatchSpec, DefaultsApplyAndModelsOverride) {
    const auto spec = parse_batch_spec(
        "data = \"a.csv\"\npanel = \"firm\"\n[defaults]\nvcov = \"hc1\"\n[[model]]\noutcome = \"y\"\n"
        "[[model]]\noutcome = \"y\"\nvcov = [\"iid\", \"hc3\"]\n",
        "spec.toml", "dir");
    EXPECT_EQ(spec.data, "dir/a.csv");
    ASSERT_EQ(spec.models.size(), 2u);
    auto values = [](const BatchModel& model, const std::string& key) {
        for (const auto& dimension : model.dimensions)
            if (dimension.key == key) return dimension.values;
        return std::vector<std::string>{};
    };
    EXPECT_EQ(values(spec.models[0], "vcov"), std::vector<std::string>{"hc1"});
    EXPECT_EQ(values(spec.models[1], "vcov"), (std::vector<std::string>{"iid", "hc3"}));
    EXPECT_EQ(values(spec.models[1], "panel"), std::vector<std::string>{"firm"});
}

}  // namespace
}  // namespace gvcpanel::cli
