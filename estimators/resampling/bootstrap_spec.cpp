#include "estimators/resampling/bootstrap_spec.hpp"

#include <charconv>
#include <vector>

#include "data/error.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

const char* kForms = "accepted: pairs, pairs:B, B, cluster:VAR, cluster:VAR:B (B replications, default 999)";

std::vector<std::string> split_colons(std::string_view text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto colon = text.find(':', start);
        std::string part(text.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
        const auto first = part.find_first_not_of(" \t"), last = part.find_last_not_of(" \t");
        parts.push_back(first == std::string::npos ? "" : part.substr(first, last - first + 1));
        if (colon == std::string_view::npos) return parts;
        start = colon + 1;
    }
}

bool parse_count(const std::string& text, std::size_t& count) {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), count);
    return ec == std::errc() && ptr == text.data() + text.size();
}

std::size_t replications(const std::string& text, std::string_view whole) {
    std::size_t count = 0;
    if (!parse_count(text, count) || count < 2)
        throw Error("--bootstrap '" + std::string(whole) + "': the number of replications must be a whole number >= 2, not '" +
                    text + "'; " + kForms);
    return count;
}

}  // namespace

std::string BootstrapSpec::scheme() const { return pairs() ? "pairs" : "cluster:" + cluster; }

BootstrapSpec parse_bootstrap(std::string_view text) {
    const auto parts = split_colons(text);
    BootstrapSpec spec;
    std::size_t count = 0;
    if (parts.size() == 1 && parse_count(parts[0], count)) {
        spec.replications = replications(parts[0], text);
    } else if (parts[0] == "pairs" && parts.size() <= 2) {
        if (parts.size() == 2) spec.replications = replications(parts[1], text);
    } else if (parts[0] == "cluster" && (parts.size() == 2 || parts.size() == 3)) {
        if (parts[1].empty() || parts[1].find('+') != std::string::npos)
            throw Error("--bootstrap '" + std::string(text) + "': name one cluster variable: cluster:VAR[:B]");
        spec.cluster = parts[1];
        if (parts.size() == 3) spec.replications = replications(parts[2], text);
    } else {
        throw Error("--bootstrap '" + std::string(text) + "': unknown resampling scheme; " + kForms);
    }
    return spec;
}

}  // namespace gvcpanel::estimators::resampling
