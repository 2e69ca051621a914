// One table of the ModelRequest fields a batch file may set: member pointers by name.
#include "cli/batch_fields.hpp"

#include <variant>

#include "data/error.hpp"

namespace gvcpanel::cli {

namespace {

using Member = std::variant<std::string ModelRequest::*, bool ModelRequest::*,
                            std::vector<std::string> ModelRequest::*>;

struct Field {
    const char* name;
    FieldKind kind;
    Member member;
};

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"formula", FieldKind::text, &ModelRequest::model},
        {"estimator", FieldKind::text, &ModelRequest::estimator},
        {"panel", FieldKind::text, &ModelRequest::panel},
        {"vcov", FieldKind::text, &ModelRequest::vcov},
        {"ssc", FieldKind::text, &ModelRequest::ssc},
        {"weights", FieldKind::text, &ModelRequest::weights},
        {"subset", FieldKind::text, &ModelRequest::subset},
        {"offset", FieldKind::text, &ModelRequest::offset},
        {"tests", FieldKind::list, &ModelRequest::tests},
        {"diagnostics", FieldKind::flag, &ModelRequest::diagnostics},
        {"keep_singletons", FieldKind::flag, &ModelRequest::keep_singletons},
        {"re_method", FieldKind::text, &ModelRequest::re_method},
        {"effect", FieldKind::text, &ModelRequest::effect},
        {"mundlak", FieldKind::flag, &ModelRequest::mundlak},
        {"re_iv", FieldKind::text, &ModelRequest::re_iv},
        {"left", FieldKind::text, &ModelRequest::left},
        {"right", FieldKind::text, &ModelRequest::right},
        {"start", FieldKind::text, &ModelRequest::start},
        {"info", FieldKind::text, &ModelRequest::info},
        {"margins", FieldKind::flag, &ModelRequest::margins},
        {"margins_at", FieldKind::list, &ModelRequest::margins_at},
        {"gmm", FieldKind::list, &ModelRequest::gmm},
        {"iv", FieldKind::text, &ModelRequest::iv},
        {"collapse", FieldKind::flag, &ModelRequest::collapse},
        {"transform", FieldKind::text, &ModelRequest::transform},
        {"two_step", FieldKind::flag, &ModelRequest::two_step},
        {"cohort", FieldKind::text, &ModelRequest::cohort},
        {"time", FieldKind::text, &ModelRequest::time},
        {"control", FieldKind::text, &ModelRequest::control},
        {"anticipation", FieldKind::text, &ModelRequest::anticipation},
        {"did_method", FieldKind::text, &ModelRequest::did_method},
        {"base_period", FieldKind::text, &ModelRequest::base_period},
        {"agg", FieldKind::text, &ModelRequest::agg},
        {"min_e", FieldKind::text, &ModelRequest::min_e},
        {"max_e", FieldKind::text, &ModelRequest::max_e},
        {"bootstrap", FieldKind::text, &ModelRequest::bootstrap},
        {"horizons", FieldKind::text, &ModelRequest::horizons},
    };
    return table;
}

const Field* find(const std::string& key) {
    for (const auto& field : fields())
        if (key == field.name) return &field;
    return nullptr;
}

}  // namespace

const FieldKind* request_field_kind(const std::string& key) {
    const auto* field = find(key);
    return field ? &field->kind : nullptr;
}

std::vector<std::string> request_field_names() {
    std::vector<std::string> names;
    for (const auto& field : fields()) names.push_back(field.name);
    return names;
}

void set_request_field(ModelRequest& request, const std::string& key, const std::string& value) {
    const auto* field = find(key);
    if (!field) throw Error("a model request has no field '" + key + "'");
    if (const auto* text = std::get_if<std::string ModelRequest::*>(&field->member)) {
        request.*(*text) = value;
    } else if (const auto* flag = std::get_if<bool ModelRequest::*>(&field->member)) {
        request.*(*flag) = value == "true";
    } else {
        (request.*std::get<std::vector<std::string> ModelRequest::*>(field->member)).push_back(value);
    }
}

nlohmann::ordered_json request_json(const ModelRequest& request) {
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    for (const auto& field : fields()) {
        if (const auto* text = std::get_if<std::string ModelRequest::*>(&field.member)) {
            json[field.name] = request.*(*text);
        } else if (const auto* flag = std::get_if<bool ModelRequest::*>(&field.member)) {
            json[field.name] = request.*(*flag);
        } else {
            json[field.name] = request.*std::get<std::vector<std::string> ModelRequest::*>(field.member);
        }
    }
    return json;
}

}  // namespace gvcpanel::cli
