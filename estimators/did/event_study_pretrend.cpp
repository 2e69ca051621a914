#include "estimators/did/event_study_pretrend.hpp"

#include <charconv>
#include <cmath>

namespace gvcpanel::estimators::did {

namespace {

// The relative period of `name` = "var::level[:rest]" when level is a number; NaN otherwise.
double relative_period(const std::string& name, const std::string& variable) {
    const std::string prefix = variable + "::";
    if (name.rfind(prefix, 0) != 0) return std::nan("");
    const std::string rest = name.substr(prefix.size());
    double value = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), value);
    if (error != std::errc() || (end != rest.data() + rest.size() && *end != ':')) return std::nan("");
    return value;
}

}  // namespace

void add_event_study_pretrend(const Estimate& estimate, const models::Formula& formula, InferenceOptions& options) {
    for (const auto& term : formula.terms) {
        std::size_t factors = 0;
        const models::Piece* factor = nullptr;
        for (const auto& piece : term.pieces)
            if (piece.kind == models::Piece::Kind::factor) {
                ++factors;
                factor = &piece;
            }
        if (factors != 1 || !factor->reference || !factor->reference->is_number || factor->reference->number >= 0)
            continue;
        JointTest test{"pretrend", {}};
        for (const auto& name : estimate.names)
            if (relative_period(name, factor->variable) < 0) test.rows.push_back({name, {{name, 1.0}}});
        if (!test.rows.empty()) options.joint.push_back(std::move(test));
        return;
    }
}

}  // namespace gvcpanel::estimators::did
