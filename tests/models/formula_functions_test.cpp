// The formula-function registry (models/formula_functions.cpp) is the one list: the parser accepts
// exactly its names, the error about an unknown function names every entry (i() too), and
// docs/formula.md (embedded as `gvcpanel help formula`) documents each of them.
#include <gtest/gtest.h>

#include <string>

#include "cli/formula_doc.hpp"
#include "data/error.hpp"
#include "models/formula.hpp"
#include "models/formula_functions.hpp"

namespace gvcpanel::models {
namespace {

std::string formula_error(const std::string& text) {
    try {
        parse_formula(text);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(FormulaFunctions, EveryEntryIsDocumentedInFormulaMd) {
    const std::string doc = cli::kFormulaDoc;
    for (const auto& function : formula_functions()) {
        EXPECT_FALSE(function.summary.empty()) << function.name;
        // Each function has a row of the table in docs/formula.md that starts with its call.
        const std::string row = "| `" + std::string(function.name) + "(";
        EXPECT_NE(doc.find(row), std::string::npos) << "docs/formula.md has no row '" << row << "...'";
    }
}

TEST(FormulaFunctions, UnknownFunctionErrorListsEveryFunctionIncludingFactors) {
    const std::string message = formula_error("y ~ lg(x)");
    EXPECT_NE(message.find("unknown function 'lg'"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean"), std::string::npos) << message;
    EXPECT_NE(message.find("'log'"), std::string::npos) << message;
    for (const auto& function : formula_functions())
        EXPECT_NE(message.find(std::string(function.usage)), std::string::npos) << function.usage << "\n" << message;
    EXPECT_NE(message.find("i(var"), std::string::npos) << message;
}

TEST(FormulaFunctions, TheParserAcceptsEveryEntryAsATerm) {
    for (const auto& function : formula_functions()) {
        const std::string name(function.name);
        // sunab() takes the cohort and the period; the other factors a variable, the rest a value.
        const std::string term = name == "sunab"                           ? "sunab(g, t)"
                                 : function.kind == FunctionKind::factor ? name + "(g)"
                                                                         : name + "(x)";
        EXPECT_NO_THROW(parse_formula("y ~ " + term)) << term;
    }
}

TEST(FormulaFunctions, AFactorInsideAnExpressionIsNamedAsATermOfItsOwn) {
    const std::string message = formula_error("y ~ I(i(g) + 1)");
    EXPECT_NE(message.find("i() is a formula term of its own"), std::string::npos) << message;
}

TEST(FormulaFunctions, ElementwiseEntriesCarryTheirFunction) {
    for (const auto& function : formula_functions())
        EXPECT_EQ(function.kind == FunctionKind::elementwise, function.apply != nullptr) << function.name;
    EXPECT_DOUBLE_EQ(find_formula_function("sqrt")->apply(4.0), 2.0);
    EXPECT_EQ(find_formula_function("nope"), nullptr);
}

}  // namespace
}  // namespace gvcpanel::models
