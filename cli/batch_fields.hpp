// The fields of a ModelRequest by the names a batch file uses for them (the long options of `fit`
// with '-' written '_'), so that any option of `fit` can be a default, a model setting or an
// expansion in a batch file, and the canonical text of a request lists every field in one order.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/model_request.hpp"

namespace gvcpanel::cli {

enum class FieldKind { text, flag, list };

// The kind of the field `key`, or nothing when the request has no such field.
const FieldKind* request_field_kind(const std::string& key);
std::vector<std::string> request_field_names();

// Sets a text field from its text, a flag from "true"/"false", or appends to a list field.
void set_request_field(ModelRequest& request, const std::string& key, const std::string& value);

// Every field except `threads` (how many cores a fit uses does not change its result), in a fixed
// order: the canonical form hashed into the id and stored as `spec`.
nlohmann::ordered_json request_json(const ModelRequest& request);

}  // namespace gvcpanel::cli
