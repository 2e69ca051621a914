// Wang, Wei and Zhu (2013, NBER WP 19677) decomposition of gross exports into 16 terms at the
// exporting country-sector x importing country level, as R decompr 6.4's wwz(): DVA_FIN, DVA_INT,
// DVA_INTrexI1, DVA_INTrexF, DVA_INTrexI2, RDV_INT, RDV_FIN, RDV_FIN2, OVA_FIN, MVA_FIN, OVA_INT,
// MVA_INT, DDC_FIN, DDC_INT, ODC, MDC (decompr's names and order), beside gross, intermediate and
// final exports (texp, texpint, texpfd). The terms sum to texp. Every GN x GN x GN product of
// decompr is rewritten as a product with a GN x G matrix (the masks depend on countries only).
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "measures/io_system.hpp"

namespace gvcpanel::measures {

const std::vector<std::string>& wwz_terms();  // the 16 names, then texp, texpint, texpfd

struct WwzDecomposition {
    std::vector<arma::mat> terms;  // 19 matrices GN x G (exporter-sector x importer), as wwz_terms()
};

WwzDecomposition wwz(const IoSystem& system);

}  // namespace gvcpanel::measures
