#include "measures/io_identities.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace gvcpanel::measures {

namespace {

double relative_gap(const IdentityGap& g) {
    return std::abs(g.sum - g.output) / std::max(std::abs(g.output), 1e-300);
}

}  // namespace

IdentityReport check_identities(const IoTable& t, double rtol) {
    IdentityReport report;
    report.rows_checked = t.output_given;
    report.columns_checked = t.output_given && !t.value_added.empty();
    auto check = [&](const char* identity, std::size_t at, double sum) {
        if (std::abs(sum - t.output(at)) > rtol * std::abs(t.output(at)) || !std::isfinite(sum))
            report.gaps.push_back({identity, t.label(at), t.output(at), sum});
    };
    if (report.rows_checked) {
        const arma::vec uses = arma::sum(t.intermediate, 1) + arma::sum(t.final_demand, 1);
        for (std::size_t at = 0; at < t.GN(); ++at) check("output = intermediate use + final use", at, uses(at));
    }
    if (report.columns_checked) {
        const arma::vec inputs = arma::sum(t.intermediate, 0).t() + t.other_inputs + t.value_added;
        for (std::size_t at = 0; at < t.GN(); ++at) check("output = inputs + value added", at, inputs(at));
    }
    std::stable_sort(report.gaps.begin(), report.gaps.end(),
                     [](const IdentityGap& a, const IdentityGap& b) { return relative_gap(a) > relative_gap(b); });
    return report;
}

std::string describe(const IdentityReport& report, const std::string& source, std::size_t limit) {
    std::ostringstream out;
    out.precision(10);
    for (std::size_t k = 0; k < report.gaps.size() && k < limit; ++k) {
        const auto& g = report.gaps[k];
        out << source << ": " << g.where << ": " << g.identity << " fails: output " << g.output << ", sum " << g.sum
            << " (gap " << g.sum - g.output << ", relative " << relative_gap(g) << ")\n";
    }
    if (report.gaps.size() > limit) out << source << ": ... and " << report.gaps.size() - limit << " more gaps\n";
    return out.str();
}

}  // namespace gvcpanel::measures
