#include "measures/wwz.hpp"

namespace gvcpanel::measures {

const std::vector<std::string>& wwz_terms() {
    static const std::vector<std::string> names = {
        "DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_INT", "RDV_FIN", "RDV_FIN2", "OVA_FIN",
        "MVA_FIN", "OVA_INT", "MVA_INT",      "DDC_FIN",     "DDC_INT",      "ODC",     "MDC",     "texp",     "texpint",
        "texpfd"};
    return names;
}

namespace {

// M with the own-country block of each column (rows of country r in column r) set to zero.
arma::mat without_own_blocks(const IoSystem& s, arma::mat M) {
    for (std::size_t r = 0; r < s.G; ++r) M(arma::span(s.first(r), s.last(r)), arma::span(r)).zeros();
    return M;
}

// T(i, r) = VsL(i) * sum over sectors j of importer r of Am(i, j) U(j, country(i)): the shape of
// terms 3 to 8 and 13 (value added leaving in an intermediate export to r, then following U).
arma::mat through_importer(const IoSystem& s, const arma::vec& VsL, const arma::mat& U) {
    arma::mat out(s.GN, s.G);
    for (std::size_t c = 0; c < s.G; ++c) {
        arma::mat routed = s.by_own_country(U.col(c));
        routed.col(c).zeros();  // Am has no own-country block
        out.rows(s.first(c), s.last(c)) = s.A.rows(s.first(c), s.last(c)) * routed;
    }
    return out.each_col() % VsL;
}

}  // namespace

WwzDecomposition wwz(const IoSystem& s) {
    // VsL(j) = sum over rows i of j's country of Vc(i) L(i, j), from the transposed local blocks.
    arma::vec VsL(s.GN);
    for (std::size_t c = 0; c < s.G; ++c) {
        const arma::mat block = arma::eye(s.N, s.N) - s.A.submat(s.first(c), s.first(c), s.last(c), s.last(c));
        VsL.subvec(s.first(c), s.last(c)) = arma::solve(block.t(), arma::vec(s.Vc.subvec(s.first(c), s.last(c))));
    }
    const arma::vec yd = arma::sum(s.Yd, 1);
    const arma::vec ym = arma::sum(s.Ym, 1);
    const arma::mat Z4 = without_own_blocks(s, ym * arma::ones<arma::rowvec>(s.G) - s.Ym);
    const arma::mat AmLYd = s.Am_times(s.L_times(s.Yd));
    const arma::mat AmLE = s.Am_times(s.L_times(s.by_own_country(s.E)));
    // Fm(j, r) = sum over rows k of r of Vc(k) B(k, j), for r other than j's country.
    arma::mat VB_by_country(s.G, s.GN);
    for (std::size_t r = 0; r < s.G; ++r) VB_by_country.row(r) = s.Vc.subvec(s.first(r), s.last(r)).t() * s.B.rows(s.first(r), s.last(r));
    const arma::mat Fm = without_own_blocks(s, VB_by_country.t());
    const arma::mat foreign_rest = s.va_foreign * arma::ones<arma::rowvec>(s.G) - Fm;

    WwzDecomposition out;
    auto& t = out.terms;
    t.resize(19);
    t[0] = s.Ym.each_col() % s.va_domestic;
    t[1] = s.Am_times(s.Bd_times(s.Yd)).each_col() % VsL;
    t[2] = through_importer(s, VsL, s.Bm_times(yd * arma::ones<arma::rowvec>(s.G) - s.Yd));
    t[3] = through_importer(s, VsL, s.Bd_times(Z4));
    t[4] = through_importer(s, VsL, s.Bm_times(Z4));
    t[5] = through_importer(s, VsL, s.Bm_times(s.Yd));
    t[6] = through_importer(s, VsL, s.Bd_times(s.Ym));
    t[7] = through_importer(s, VsL, s.Bm_times(s.Ym));
    t[8] = s.Ym % foreign_rest;
    t[9] = s.Ym % Fm;
    t[10] = AmLYd % foreign_rest;
    t[11] = AmLYd % Fm;
    t[12] = through_importer(s, VsL, s.Bm_times(s.by_own_country(ym)));
    t[13] = s.Am_times(s.by_own_country(s.X)).each_col() % (s.va_domestic - VsL);
    t[14] = AmLE % foreign_rest;
    t[15] = AmLE % Fm;
    t[16] = s.Eint + s.Efd;
    t[17] = s.Eint;
    t[18] = s.Efd;
    return out;
}

}  // namespace gvcpanel::measures
