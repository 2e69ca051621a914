// --ssc parsing: presets, comma lists over the defaults, canonical text, errors.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "estimators/inference/ssc.hpp"

namespace gvcpanel::estimators::inference {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_ssc(text);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(Ssc, PresetsAsConventionsDefineThem) {
    EXPECT_EQ(parse_ssc("default"), Ssc{});
    Ssc fixest;
    fixest.rules = SscRules::fixest;
    EXPECT_EQ(parse_ssc("fixest"), fixest) << "fixest's rules, not the default's";
    EXPECT_EQ(parse_ssc("plm").fixef, FixefCount::none);
    EXPECT_FALSE(parse_ssc("plm").adj.has_value());
    EXPECT_EQ(parse_ssc("areg").fixef, FixefCount::full);
    const Ssc none = parse_ssc("none");
    EXPECT_EQ(none.fixef, FixefCount::none);
    EXPECT_EQ(none.adj, false);
    EXPECT_EQ(none.cluster_adj, false);
    for (const char* preset : {"default", "fixest", "plm", "areg", "none"}) EXPECT_EQ(parse_ssc(preset).text(), preset);
}

TEST(Ssc, CommaListsApplyOverTheDefaultsOrALeadingPreset) {
    const Ssc s = parse_ssc("fixef=full, adj=0,cluster_adj=1, cluster_df=conventional,t_df=conventional");
    EXPECT_EQ(s.fixef, FixefCount::full);
    EXPECT_EQ(s.adj, false);
    EXPECT_EQ(s.cluster_adj, true);
    EXPECT_EQ(s.cluster_df, DfRule::conventional);
    EXPECT_EQ(s.t_df, DfRule::conventional);
    EXPECT_EQ(s.text(), "fixef=full,adj=0,cluster_adj=1,cluster_df=conventional,t_df=conventional");
    const Ssc p = parse_ssc("plm,t_df=conventional");
    EXPECT_EQ(p.fixef, FixefCount::none);
    EXPECT_EQ(p.t_df, DfRule::conventional);
    EXPECT_EQ(parse_ssc("fixef=none"), parse_ssc("plm")) << "a list equal to a preset prints as the preset";
    const Ssc exact = parse_ssc("fixest,fixef_exact=1");
    EXPECT_EQ(exact.rules, SscRules::fixest);
    EXPECT_TRUE(exact.fixef_exact);
    EXPECT_EQ(exact.text(), "fixest,fixef_exact=1");
    EXPECT_EQ(parse_ssc(exact.text()), exact);
    EXPECT_EQ(parse_ssc("fixef_exact=1").text(), "fixef_exact=1");
}

TEST(Ssc, ErrorsNameTheSettingAndTheAcceptedValues) {
    EXPECT_NE(error_of("fixef=partial").find("fixef must be nested, none or full"), std::string::npos);
    EXPECT_NE(error_of("adj=2").find("adj must be 1 or 0"), std::string::npos);
    EXPECT_NE(error_of("t_df=huge").find("t_df must be min or conventional"), std::string::npos);
    const std::string unknown = error_of("cluster_adjust=1");
    EXPECT_NE(unknown.find("unknown setting 'cluster_adjust'"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("did you mean 'cluster_adj'"), std::string::npos) << unknown;
    EXPECT_NE(error_of("stata").find("accepted: a preset (default, fixest, plm, areg, none)"), std::string::npos);
    EXPECT_NE(error_of("fixef_exact=2").find("fixef_exact must be 1 or 0"), std::string::npos);
    EXPECT_NE(error_of("adj=0,plm").find("may only come first"), std::string::npos);
    EXPECT_NE(error_of("adj=0,,plm").find("empty setting"), std::string::npos);
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
