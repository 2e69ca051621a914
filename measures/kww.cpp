#include "measures/kww.hpp"

namespace gvcpanel::measures {

const std::vector<std::string>& kww_terms() {
    static const std::vector<std::string> names = {"DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT",
                                                   "DDC",     "FVA_FIN", "FVA_INT",    "FDC"};
    return names;
}

KwwDecomposition kww(const IoSystem& s) {
    const arma::vec yd = arma::sum(s.Yd, 1);
    const arma::mat BY = s.B * s.Y;
    // Value added exported: absorbed abroad (B Y outside the own country's column).
    const arma::vec vae = s.Vc % (arma::sum(BY, 1) - s.own_country(BY));
    const arma::vec t1 = s.Vc % arma::sum(s.Bd_times(s.Ym), 1);
    const arma::vec t2 = s.Vc % s.Bm_times(yd);
    const arma::vec t3 = vae - t1 - t2;
    const arma::vec t4 = s.Vc % s.own_country(s.Bm_times(s.Ym));
    const arma::mat AmLYd = s.Am_times(s.L_times(s.Yd));
    const arma::vec t5 = s.Vc % s.own_country(s.Bm_times(AmLYd));
    const arma::vec t6 = s.Vc % s.own_country(s.Bm_times(s.Am_times(s.L_times(s.by_own_country(s.E)))));
    const arma::vec t7 = s.va_foreign % arma::sum(s.Ym, 1);
    const arma::vec t8 = s.va_foreign % arma::sum(AmLYd, 1);
    const arma::vec t9 = s.E - (vae + t4 + t5 + t6 + t7 + t8);

    KwwDecomposition out;
    out.terms = s.sum_by_country(arma::join_rows(arma::join_rows(t1, t2, t3, t4), arma::join_rows(t5, t6, t7, t8), t9));
    out.exports = s.sum_by_country(s.E);
    return out;
}

}  // namespace gvcpanel::measures
