// `--bootstrap`: which resampling gives the covariance of a fit, parsed from the command-line text
// "pairs", "pairs:B", "B" (= pairs:B), "cluster:VAR" or "cluster:VAR:B" (docs/resampling.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gvcpanel::estimators::resampling {

struct BootstrapSpec {
    static constexpr std::size_t kDefaultReplications = 999;
    std::string cluster;                             // the resampled cluster variable; empty = pairs
    std::size_t replications = kDefaultReplications; // B

    bool pairs() const { return cluster.empty(); }
    // "pairs" or "cluster:VAR" (without B).
    std::string scheme() const;
};

// An Error names the text and lists the accepted forms.
BootstrapSpec parse_bootstrap(std::string_view text);

}  // namespace gvcpanel::estimators::resampling
