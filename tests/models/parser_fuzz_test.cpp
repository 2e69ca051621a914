// Randomised inputs for the formula and subset parsers (and, when a formula parses, the design
// builder on a tiny panel): every input must give a result or a gvcpanel::Error, never a crash, a
// hang or another exception. CI runs these again under AddressSanitizer and UBSan (.ci/run).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "models/build_design.hpp"
#include "models/formula.hpp"
#include "models/subset.hpp"
#include "support/caret.hpp"

namespace gvcpanel::models {
namespace {

constexpr int kInputs = 100000;  // per generator, as issue 3 asks
constexpr std::uint64_t kSeed = 20261128;

// Formula-like characters, so that random strings get past the lexer often.
const std::string kAlphabet = "yxzgtl fdiIlogexpsqrtabsref0123.5e~|+-*/^:,()[]=<>!&\"' \t\n_";

const std::vector<std::string> kTokens = {
    "y", "x", "z", "g", "t", "firm", "log", "exp", "sqrt", "abs", "I", "i", "l", "f", "d", "ref",
    "=", "(", ")", "~", "|", "+", "-", "*", "/", "^", ":", ",", "0", "1", "2", "1.5", "1e3", "1:3",
    "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "\"a\"", "\"b", "[", "]", " ", "&", "'", "%"};

data::Frame tiny_panel() {
    data::Frame frame;
    frame.add(data::Column::integer("firm", {1, 1, 1, 2, 2, 2}));
    frame.add(data::Column::integer("t", {1, 2, 3, 1, 2, 4}));
    frame.add(data::Column::numeric("y", {1, 2, 3, 4, 5, 7}));
    frame.add(data::Column::numeric("x", {0.5, 0, -1, 2, std::nan(""), 3}));
    frame.add(data::Column::numeric("z", {1, 2, 1, 2, 1, 2}));
    frame.add(data::Column::categorical("g", {0, 1, 0, 1, data::kMissingCode, 0}, {"a", "b"}));
    return frame;
}

// The caret of a parse error sits inside the text or just past its end.
void expect_caret_in_text(const Error& error, const std::string& input) {
    const auto parsed = testing::caret_error(error.what());
    ASSERT_NE(parsed.column, std::string::npos) << error.what();
    EXPECT_LE(parsed.column, input.size()) << error.what();
}

class Fuzzer {
public:
    Fuzzer() : frame_(tiny_panel()), panel_(frame_, "firm", "t") {}

    // How many inputs parsed: the generators must reach past the error paths.
    int formulas_parsed = 0;
    int subsets_parsed = 0;
    int designs_built = 0;

    void feed(const std::string& input) {
        try {
            const ModelSpec spec = parse_model(input);
            ++formulas_parsed;
            build(spec);
        } catch (const Error& error) {
            if (std::string(error.what()).rfind("formula: ", 0) == 0) expect_caret_in_text(error, input);
        } catch (const std::exception& other) {
            ADD_FAILURE() << "formula \"" << input << "\" threw a non-gvcpanel exception: " << other.what();
        }
        try {
            parse_subset(input);
            ++subsets_parsed;
            evaluate_subset(input, frame_, &panel_);
        } catch (const Error& error) {
            expect_caret_in_text(error, input);
        } catch (const std::exception& other) {
            ADD_FAILURE() << "subset \"" << input << "\" threw a non-gvcpanel exception: " << other.what();
        }
    }

private:
    void build(const ModelSpec& spec) {
        try {
            build_design(spec, frame_, &panel_);
            ++designs_built;
        } catch (const Error&) {
        }
    }

    data::Frame frame_;
    data::PanelIndex panel_;
};

// Valid inputs of both languages; byte-level mutations of them probe the paths near success.
const std::vector<std::string> kSeeds = {
    "y ~ x + z + x:z + log(z) + i(g) + l(y, 1) + d(x) | firm + t | x ~ z",
    "log(y) ~ x*z + I(x^2 - 1) + i(g, x, ref = \"a\") + l(x, 1:2) - 1 | firm^t",
    "y ~ 0 + sqrt(abs(x)) + f(z, 1) + exp(-z) | x ~ t",
    "t >= 2 && (x > 0 || g == \"b\") && !(z != 1)",
    "-x^2 / (z + 1) <= 3 || l(y, 1) == 2"};

std::string mutate(std::string text, std::mt19937_64& random) {
    std::uniform_int_distribution<int> edits(1, 3), kind(0, 2), byte(0, 255);
    for (int e = edits(random); e > 0; --e) {
        const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
        const char c = static_cast<char>(byte(random));
        switch (kind(random)) {
            case 0: text.insert(at, 1, c); break;
            case 1: if (at < text.size()) text.erase(at, 1); break;
            default: if (at < text.size()) text[at] = c; break;
        }
    }
    return text;
}

TEST(ParserFuzz, RandomByteStrings) {
    std::mt19937_64 random(kSeed);
    std::uniform_int_distribution<int> length(0, 40), byte(0, 255), style(0, 2),
        pick(0, static_cast<int>(kAlphabet.size()) - 1), seed(0, static_cast<int>(kSeeds.size()) - 1);
    Fuzzer fuzzer;
    for (int n = 0; n < kInputs; ++n) {
        const int how = style(random);
        std::string input;
        if (how == 2) {
            input = mutate(kSeeds[static_cast<std::size_t>(seed(random))], random);
        } else {
            input.resize(static_cast<std::size_t>(length(random)));
            for (char& c : input)
                c = how == 0 ? static_cast<char>(byte(random)) : kAlphabet[static_cast<std::size_t>(pick(random))];
        }
        fuzzer.feed(input);
        if (::testing::Test::HasFailure()) return;
    }
    // A generator that never gets past the lexer would test nothing: mutated seeds must often parse.
    EXPECT_GT(fuzzer.formulas_parsed, kInputs / 100);
    EXPECT_GT(fuzzer.subsets_parsed, kInputs / 100);
    EXPECT_GT(fuzzer.designs_built, kInputs / 1000);
}

// Operands and operators mostly alternate, with any token thrown in now and then.
const std::vector<std::string> kOperands = {
    "x", "z", "g", "t", "log(x)", "I(x^2)", "i(g)", "i(g, x)", "l(x, 1)", "l(y, 1:2)", "d(x)",
    "f(z)", "0", "1", "(x + z)", "\"a\"", "exp(z)", "i(g, ref = b)"};
const std::vector<std::string> kOperators = {
    "+", "+", "+", "-", "*", ":", "|", "~", "^", "/", "==", "&&", "||", ">", "<=", "!="};

TEST(ParserFuzz, RandomTokenSequences) {
    std::mt19937_64 random(kSeed + 1);
    std::uniform_int_distribution<int> length(1, 12), any(0, static_cast<int>(kTokens.size()) - 1),
        operand(0, static_cast<int>(kOperands.size()) - 1), op(0, static_cast<int>(kOperators.size()) - 1);
    std::bernoulli_distribution noise(0.1), spaced(0.5);
    Fuzzer fuzzer;
    for (int n = 0; n < kInputs; ++n) {
        // Half start "y ~", so that the terms and the later parts get exercised.
        std::string input = n % 2 == 0 ? "y ~ " : "";
        const int count = length(random);
        for (int t = 0; t < count; ++t) {
            if (t > 0) input += noise(random) ? kTokens[static_cast<std::size_t>(any(random))]
                                              : kOperators[static_cast<std::size_t>(op(random))];
            if (spaced(random)) input += ' ';
            input += noise(random) ? kTokens[static_cast<std::size_t>(any(random))]
                                   : kOperands[static_cast<std::size_t>(operand(random))];
        }
        fuzzer.feed(input);
        if (::testing::Test::HasFailure()) return;
    }
    EXPECT_GT(fuzzer.formulas_parsed, kInputs / 100);
    EXPECT_GT(fuzzer.subsets_parsed, kInputs / 100);
    EXPECT_GT(fuzzer.designs_built, kInputs / 1000);
}

}  // namespace
}  // namespace gvcpanel::models
