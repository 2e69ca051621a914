#include "estimators/spatial/brent_maximum.hpp"

#include <cmath>
#include <limits>

namespace gvcpanel::estimators::spatial {

BrentMaximum brent_maximum(const std::function<double(double)>& f, double low, double high, double tolerance) {
    const double golden = 0.5 * (3.0 - std::sqrt(5.0));
    const double eps = std::sqrt(std::numeric_limits<double>::epsilon());
    double a = low, b = high;
    double x = a + golden * (b - a), w = x, v = x;
    // Minimise -f.
    double fx = -f(x), fw = fx, fv = fx;
    double d = 0, e = 0;
    int evaluations = 1;
    for (int iteration = 0; iteration < 500; ++iteration) {
        const double middle = 0.5 * (a + b);
        const double tol1 = eps * std::abs(x) + tolerance / 3, tol2 = 2 * tol1;
        if (std::abs(x - middle) <= tol2 - 0.5 * (b - a)) break;
        bool golden_step = true;
        if (std::abs(e) > tol1) {
            // A parabola through x, w, v.
            double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
            q = 2 * (q - r);
            if (q > 0) p = -p;
            q = std::abs(q);
            const double previous = e;
            e = d;
            if (std::abs(p) < std::abs(0.5 * q * previous) && p > q * (a - x) && p < q * (b - x)) {
                d = p / q;
                const double u = x + d;
                if (u - a < tol2 || b - u < tol2) d = x < middle ? tol1 : -tol1;
                golden_step = false;
            }
        }
        if (golden_step) {
            e = x < middle ? b - x : a - x;
            d = golden * e;
        }
        const double u = std::abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
        const double fu = -f(u);
        ++evaluations;
        if (fu <= fx) {
            (u < x ? b : a) = x;
            v = w, fv = fw, w = x, fw = fx, x = u, fx = fu;
        } else {
            (u < x ? a : b) = u;
            if (fu <= fw || w == x) {
                v = w, fv = fw, w = u, fw = fu;
            } else if (fu <= fv || v == x || v == w) {
                v = u, fv = fu;
            }
        }
    }
    return {x, -fx, evaluations};
}

}  // namespace gvcpanel::estimators::spatial
