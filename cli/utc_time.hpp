// The time stamps the batch writes (manifest, output-folder lock): UTC, ISO 8601, to the second.
#pragma once

#include <string>

namespace gvcpanel::cli {

std::string utc_now();  // "2024-05-01T10:00:00Z"

}  // namespace gvcpanel::cli
