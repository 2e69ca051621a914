// Koopman, Wang and Wei (2014, AER 104(2)) decomposition of each country's gross exports into nine
// terms, as R decompr 6.4's kww(): value added exported (DVA_FIN, DVA_INT, DVA_INTrex), domestic
// value added that returns home (RDV_FIN, RDV_INT), domestic double counting (DDC), foreign value
// added (FVA_FIN, FVA_INT) and foreign double counting (FDC, the remainder, so the nine terms sum
// to gross exports). Computed by sector and summed by country, as decompr (it warns that the
// sector-level terms are not meaningful on their own).
#pragma once

#include <armadillo>
#include <string>
#include <vector>

#include "measures/io_system.hpp"

namespace gvcpanel::measures {

const std::vector<std::string>& kww_terms();  // DVA_FIN ... FDC, decompr's names and order

struct KwwDecomposition {
    arma::mat terms;    // G x 9, columns as kww_terms()
    arma::vec exports;  // G gross exports
};

KwwDecomposition kww(const IoSystem& system);

}  // namespace gvcpanel::measures
