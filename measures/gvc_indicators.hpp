// GVC indicators from an input-output table (docs/measures.md, "Indicators"):
// - by country, from the KWW (2014) terms, as Koopman, Powers, Wang and Wei (2010): backward
//   participation FV/E (foreign value added in exports, FVA_FIN + FVA_INT), forward participation
//   IV/E (domestic value added in intermediates re-exported to third countries, DVA_INTrex),
//   participation FV/E + IV/E and position ln(1 + IV/E) - ln(1 + FV/E);
// - by country-sector: upstreamness (Antras, Chor, Fally and Hillberry 2012), U = (B x) / x, the
//   row sums of the Ghosh inverse, and downstreamness (Miller and Temurshoev 2017), D = 1'B, the
//   column sums of the Leontief inverse. Both are NaN where output is 0.
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "measures/io_system.hpp"
#include "measures/kww.hpp"

namespace gvcpanel::measures {

struct CountryGvc {
    arma::vec backward, forward, participation, position;  // G each
};
CountryGvc country_gvc(const KwwDecomposition& kww);

struct SectorPosition {
    arma::vec upstreamness, downstreamness;  // GN each
};
SectorPosition sector_position(const IoSystem& system);

}  // namespace gvcpanel::measures
