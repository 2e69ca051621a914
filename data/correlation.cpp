#include "data/correlation.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

namespace gvcpanel::data {

namespace {

// r of x and y over the rows where both are observed: means first, then the centred cross
// products (two passes, so that large means do not cancel the digits of the deviations).
void pair_correlation(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::size_t>& rows,
                      double& r, std::size_t& n) {
    double sum_x = 0, sum_y = 0;
    n = 0;
    for (const auto row : rows) {
        if (std::isnan(x[row]) || std::isnan(y[row])) continue;
        sum_x += x[row];
        sum_y += y[row];
        ++n;
    }
    r = std::nan("");
    if (n < 2) return;
    const double mean_x = sum_x / static_cast<double>(n), mean_y = sum_y / static_cast<double>(n);
    double xx = 0, yy = 0, xy = 0;
    for (const auto row : rows) {
        if (std::isnan(x[row]) || std::isnan(y[row])) continue;
        const double dx = x[row] - mean_x, dy = y[row] - mean_y;
        xx += dx * dx;
        yy += dy * dy;
        xy += dx * dy;
    }
    if (xx > 0 && yy > 0) r = std::clamp(xy / std::sqrt(xx * yy), -1.0, 1.0);
}

double p_value(double r, std::size_t n) {
    if (std::isnan(r) || n < 3) return std::nan("");
    if (std::abs(r) == 1) return 0;
    const double df = static_cast<double>(n - 2);
    const double t = std::abs(r) * std::sqrt(df / (1 - r * r));
    return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), t));
}

}  // namespace

Correlations correlations(const Frame& frame, const std::vector<std::string>& names, const std::vector<std::size_t>& rows) {
    const std::size_t k = names.size();
    std::vector<std::vector<double>> columns;
    for (const auto& name : names) columns.push_back(frame.column(name).to_doubles());
    Correlations out;
    out.names = names;
    out.r.assign(k * k, std::nan(""));
    out.n.assign(k * k, 0);
    out.p.assign(k * k, std::nan(""));
    for (std::size_t i = 0; i < k; ++i) {
        for (std::size_t j = 0; j <= i; ++j) {
            double r = 0;
            std::size_t n = 0;
            pair_correlation(columns[i], columns[j], rows, r, n);
            out.r[i * k + j] = out.r[j * k + i] = r;
            out.n[i * k + j] = out.n[j * k + i] = n;
            if (i != j) out.p[i * k + j] = out.p[j * k + i] = p_value(r, n);
        }
    }
    return out;
}

}  // namespace gvcpanel::data
