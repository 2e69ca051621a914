// The decomposition from group-period means: units are grouped by the first period they are
// treated (never, or from the first period: always treated); for each ordered pair the 2x2
// DiD compares the change of the treated group's mean around its start with the control group's
// over the pair's window, and its weight follows bacondecomp's calculate_weights on that window
// (row counts, shares and mean treatment of the two groups).
#include "estimators/did/bacon.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "data/error.hpp"
#include "models/levels.hpp"

namespace gvcpanel::estimators::did {

namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

struct Group {
    double start = kNever;           // first treated period; kNever for the never treated
    std::size_t units = 0;
    std::vector<double> mean;        // outcome mean per period
};

// Mean over the periods of `window` that satisfy `in`, of the group's period means.
template <typename In>
double window_mean(const Group& g, const std::vector<double>& periods, In in) {
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t t = 0; t < periods.size(); ++t)
        if (in(periods[t])) {
            sum += g.mean[t];
            ++count;
        }
    return sum / double(count);
}

}  // namespace

Result bacon_decomposition(const BaconInput& in) {
    const std::size_t n = in.y.size();
    std::vector<double> periods = in.time;
    std::sort(periods.begin(), periods.end());
    periods.erase(std::unique(periods.begin(), periods.end()), periods.end());
    const std::size_t T = periods.size();
    const std::int32_t units = n ? *std::max_element(in.unit.begin(), in.unit.end()) + 1 : 0;
    std::vector<std::size_t> count(static_cast<std::size_t>(units), 0);
    std::vector<double> start(static_cast<std::size_t>(units), kNever);
    for (std::size_t i = 0; i < n; ++i) {
        if (in.treated[i] != 0 && in.treated[i] != 1)
            throw Error("bacon: the treatment must be 0 or 1; unit " + in.unit_label(in.unit[i]) + " has " +
                        models::level_name(in.treated[i]));
        ++count[std::size_t(in.unit[i])];
        if (in.treated[i] == 1) start[std::size_t(in.unit[i])] = std::min(start[std::size_t(in.unit[i])], in.time[i]);
    }
    for (std::int32_t u = 0; u < units; ++u)
        if (count[std::size_t(u)] != T && count[std::size_t(u)] != 0)
            throw Error("bacon: the decomposition needs a balanced panel; unit " + in.unit_label(u) + " has " +
                        std::to_string(count[std::size_t(u)]) + " of the " + std::to_string(T) + " periods");
    for (std::size_t i = 0; i < n; ++i)
        if ((in.time[i] >= start[std::size_t(in.unit[i])]) != (in.treated[i] == 1))
            throw Error("bacon: the treatment of unit " + in.unit_label(in.unit[i]) +
                        " switches off in period " + models::level_name(in.time[i]) + "; it must stay on once on");

    std::map<double, Group> groups;
    for (std::int32_t u = 0; u < units; ++u)
        if (count[std::size_t(u)]) {
            Group& g = groups[start[std::size_t(u)]];
            g.start = start[std::size_t(u)];
            ++g.units;
        }
    for (auto& [key, g] : groups) g.mean.assign(T, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        Group& g = groups[start[std::size_t(in.unit[i])]];
        const std::size_t t = std::size_t(std::lower_bound(periods.begin(), periods.end(), in.time[i]) - periods.begin());
        g.mean[t] += in.y[i] / double(g.units);
    }

    const double first = periods.front();
    Result r;
    r.estimator = "bacon";
    r.nobs = n;
    double total = 0;
    for (const auto& [k, treated] : groups) {
        if (k == kNever || k == first) continue;  // the never and always treated only serve as controls
        for (const auto& [l, control] : groups) {
            if (l == k) continue;
            // The pair's window of periods, and the treated group's share of treated periods in it.
            const auto in_window = [&](double t) { return l == kNever || l == first || (k < l ? t < l : t >= l); };
            const double pre = window_mean(treated, periods, [&](double t) { return in_window(t) && t < k; }) -
                               window_mean(control, periods, [&](double t) { return in_window(t) && t < k; });
            const double post = window_mean(treated, periods, [&](double t) { return in_window(t) && t >= k; }) -
                                window_mean(control, periods, [&](double t) { return in_window(t) && t >= k; });
            double window = 0, treated_periods = 0;
            for (double t : periods) {
                window += in_window(t);
                treated_periods += in_window(t) && t >= k;
            }
            const double n_k = double(treated.units) * window, n_l = double(control.units) * window;
            const double share = n_k / (n_k + n_l), d_k = treated_periods / window;
            // bacondecomp's weight: (rows of the pair)^2 x share (1 - share) x the treated group's
            // treatment variance in the window (its three cases reduce to this, the control group's
            // treatment being constant there).
            const double weight = (n_k + n_l) * (n_k + n_l) * share * (1 - share) * d_k * (1 - d_k);
            const std::string name =
                l == kNever   ? "treated_vs_never:" + models::level_name(k)
                : l == first ? "treated_vs_always:" + models::level_name(k)
                : k < l      ? "earlier_vs_later:" + models::level_name(k) + ":" + models::level_name(l)
                             : "later_vs_earlier:" + models::level_name(k) + ":" + models::level_name(l);
            CoefRow row;
            row.name = name;
            row.estimate = post - pre;
            row.weight = weight;
            total += weight;
            r.coef.push_back(row);
        }
    }
    if (r.coef.empty()) throw Error("bacon: fewer than two timing groups, so there is no 2x2 comparison");
    for (auto& row : r.coef) row.weight /= total;
    std::stable_sort(r.coef.begin(), r.coef.end(), [](const CoefRow& a, const CoefRow& b) {
        const auto kind = [](const std::string& name) { return name.substr(0, name.find(':')); };
        static const std::vector<std::string> order = {"treated_vs_never", "earlier_vs_later", "later_vs_earlier",
                                                       "treated_vs_always"};
        return std::find(order.begin(), order.end(), kind(a.name)) < std::find(order.begin(), order.end(), kind(b.name));
    });
    r.vcov_matrix.set_size(0, 0);
    return r;
}

}  // namespace gvcpanel::estimators::did
