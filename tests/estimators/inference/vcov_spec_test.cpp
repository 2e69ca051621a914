// --vcov parsing: every accepted form, the alias registry, canonical text, and the errors.
#include <gtest/gtest.h>

#include "data/error.hpp"
#include "estimators/inference/vcov_spec.hpp"

namespace gvcpanel::estimators::inference {
namespace {

std::string error_of(const std::string& text) {
    try {
        parse_vcov(text);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(VcovSpec, ParsesEveryFormToItsCanonicalText) {
    const std::pair<const char*, const char*> cases[] = {
        {"iid", "iid"}, {"HC0", "hc0"}, {"hc1", "hc1"}, {"robust", "hc1"}, {"hc2", "hc2"}, {"hc3", "hc3"},
        {"cluster:firm", "cluster:firm"}, {"cluster: firm + year ", "cluster:firm+year"},
        {"dk", "dk"}, {"dk:3", "dk:3"}, {"nw:2", "nw:2"}, {"pcse", "pcse"}};
    for (const auto& [text, canonical] : cases) EXPECT_EQ(parse_vcov(text).text(), canonical) << text;
}

TEST(VcovSpec, KeepsClusterVariablesInOrderAndLags) {
    const auto spec = parse_vcov("cluster:year+firm+industry^year");
    EXPECT_EQ(spec.type, VcovType::cluster);
    EXPECT_EQ(spec.clusters, (std::vector<std::string>{"year", "firm", "industry^year"}));
    EXPECT_EQ(parse_vcov("dk").lag, -1);
    EXPECT_EQ(parse_vcov("nw:4").lag, 4);
    EXPECT_EQ(VcovSpec::cluster({"firm"}).text(), "cluster:firm");
    EXPECT_EQ(VcovSpec::hc(3).type, VcovType::hc3);
}

TEST(VcovSpec, UnknownTypeListsTheAcceptedOnesAndTheClosest) {
    const std::string message = error_of("clustr:firm");
    EXPECT_NE(message.find("unknown covariance type 'clustr'"), std::string::npos) << message;
    EXPECT_NE(message.find("did you mean 'cluster'"), std::string::npos) << message;
    EXPECT_NE(message.find("hc1 (= robust, hetero)"), std::string::npos) << message;
    EXPECT_NE(message.find("nw:LAG"), std::string::npos) << message;
}

TEST(VcovSpec, MalformedArgumentsAreErrors) {
    EXPECT_NE(error_of("cluster").find("name the cluster variable"), std::string::npos);
    EXPECT_NE(error_of("cluster:firm+").find("empty cluster variable"), std::string::npos);
    EXPECT_NE(error_of("cluster:firm+firm").find("appears twice"), std::string::npos);
    EXPECT_NE(error_of("nw").find("needs its lag"), std::string::npos);
    EXPECT_NE(error_of("nw:-1").find("whole number >= 0"), std::string::npos);
    EXPECT_NE(error_of("dk:two").find("whole number >= 0"), std::string::npos);
    EXPECT_NE(error_of("hc1:firm").find("takes no argument"), std::string::npos);
}

}  // namespace
}  // namespace gvcpanel::estimators::inference
