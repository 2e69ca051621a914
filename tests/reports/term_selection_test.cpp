#include "reports/term_selection.hpp"

#include <gtest/gtest.h>

#include "data/error.hpp"

namespace gvcpanel::reports {

namespace {
const std::vector<std::string> kNames = {"(Intercept)", "x1", "x10", "year::2001", "year::2002", "log(k)"};
}

TEST(TermSelection, AnExactNameIsNotAPattern) {
    EXPECT_TRUE(selects("(Intercept)", "(Intercept)", "keep"));
    EXPECT_TRUE(selects("log(k)", "log(k)", "keep"));
    EXPECT_FALSE(selects("x1", "x10", "keep"));  // a pattern must match the whole name
}

TEST(TermSelection, PatternsAreWholeNameRegularExpressions) {
    EXPECT_TRUE(selects("year::.*", "year::2001", "keep"));
    EXPECT_TRUE(selects("x[0-9]+", "x10", "keep"));
    EXPECT_FALSE(selects("year", "year::2001", "keep"));
}

TEST(TermSelection, KeepDropAndOrder) {
    TermSelection s;
    s.drop = {"year::.*"};
    s.order = {"log(k)", "x.*"};
    EXPECT_EQ(select_terms(kNames, s), (std::vector<std::string>{"log(k)", "x1", "x10", "(Intercept)"}));
    TermSelection k;
    k.keep = {"x10", "x1"};
    EXPECT_EQ(select_terms(kNames, k), (std::vector<std::string>{"x1", "x10"}));  // keep does not reorder
}

TEST(TermSelection, AnEntryThatSelectsNothingIsAnErrorWithSuggestions) {
    TermSelection s;
    s.keep = {"x2"};
    try {
        select_terms(kNames, s);
        FAIL();
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("keep: 'x2' selects no term"), std::string::npos) << message;
        EXPECT_NE(message.find("did you mean"), std::string::npos) << message;
    }
}

TEST(TermSelection, AnInvalidPatternIsAnError) {
    TermSelection s;
    s.drop = {"year::("};
    EXPECT_THROW(select_terms(kNames, s), Error);
}

TEST(TermSelection, RenameMapsExactNames) {
    TermSelection s;
    s.rename = {{"gvc_hat", "gvc"}};
    EXPECT_EQ(renamed("gvc_hat", s), "gvc");
    EXPECT_EQ(renamed("gvc", s), "gvc");
    s.rename.push_back({"gvc_hat", "other"});
    EXPECT_THROW(s.validate(), Error);
    s.rename = {{"", "x"}};
    EXPECT_THROW(s.validate(), Error);
}

}  // namespace gvcpanel::reports
