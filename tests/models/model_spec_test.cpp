#include "models/model_spec.hpp"

#include <gtest/gtest.h>

namespace gvcpanel::models {
namespace {

TEST(ModelSpec, ParseModelChoosesTheEstimator) {
    const ModelSpec ols = parse_model("y ~ x | firm");
    EXPECT_EQ(ols.estimator, "ols");
    EXPECT_EQ(ols.formula.fixed_effects.size(), 1u);
    EXPECT_FALSE(ols.keep_singletons);
    EXPECT_EQ(parse_model("y ~ x | g ~ z").estimator, "2sls");
}

TEST(ModelSpec, ValidateNamesTheField) {
    ModelSpec spec = parse_model("y ~ x");
    EXPECT_NO_THROW(spec.validate());
    spec.panel_time = "year";
    try {
        spec.validate();
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("panel: the time variable 'year'"), std::string::npos);
    }
    spec.panel_id = "firm";
    spec.subset = "year >";
    EXPECT_THROW(spec.validate(), Error);
}

}  // namespace
}  // namespace gvcpanel::models
