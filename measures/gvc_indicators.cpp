#include "measures/gvc_indicators.hpp"

#include <limits>

namespace gvcpanel::measures {

CountryGvc country_gvc(const KwwDecomposition& k) {
    CountryGvc g;
    g.backward = (k.terms.col(6) + k.terms.col(7)) / k.exports;  // FVA_FIN + FVA_INT
    g.forward = k.terms.col(2) / k.exports;                      // DVA_INTrex
    g.participation = g.backward + g.forward;
    g.position = arma::log1p(g.forward) - arma::log1p(g.backward);
    return g;
}

SectorPosition sector_position(const IoSystem& s) {
    SectorPosition p;
    p.upstreamness = (s.B * s.X) / s.X;
    p.downstreamness = arma::sum(s.B, 0).t();
    for (std::size_t j = 0; j < s.GN; ++j)
        if (s.X(j) == 0) p.upstreamness(j) = p.downstreamness(j) = std::numeric_limits<double>::quiet_NaN();
    return p;
}

}  // namespace gvcpanel::measures
