#include "estimators/prodfn/production_panel.hpp"

#include <algorithm>

#include "data/error.hpp"

namespace gvcpanel::estimators::prodfn {

std::vector<std::size_t> ProductionPanel::previous_rows() const {
    std::vector<std::size_t> previous(rows(), kNoLag);
    for (std::size_t i = 1; i < rows(); ++i)
        if (firm[i] == firm[i - 1] && period[i] == period[i - 1] + 1) previous[i] = i - 1;
    return previous;
}

ProductionPanel ProductionPanel::resampled(const resampling::Draw& draw) const {
    ProductionPanel out;
    const arma::uvec rows(std::vector<arma::uword>(draw.rows.begin(), draw.rows.end()));
    out.y = y.elem(rows);
    out.free = free.rows(rows);
    out.state = state.rows(rows);
    out.proxy = proxy.elem(rows);
    out.controls = controls.rows(rows);
    if (!exit.is_empty()) out.exit = exit.elem(rows);
    out.firm.assign(draw.copy.begin(), draw.copy.end());
    out.period.resize(draw.rows.size());
    for (std::size_t i = 0; i < draw.rows.size(); ++i) out.period[i] = period[draw.rows[i]];
    out.free_names = free_names;
    out.state_names = state_names;
    out.control_names = control_names;
    out.proxy_input = proxy_input;
    return out;
}

void ProductionPanel::validate() const {
    const std::size_t n = rows();
    const auto fail = [](const std::string& what) { throw Error("production function: " + what); };
    if (free.n_rows != n || state.n_rows != n || proxy.n_elem != n || controls.n_rows != n || firm.size() != n ||
        period.size() != n || (!exit.is_empty() && exit.n_elem != n))
        fail("the columns have different lengths");
    if (free.n_cols != free_names.size() || state.n_cols != state_names.size() ||
        controls.n_cols != control_names.size())
        fail("names and columns disagree");
    if (state.n_cols == 0) fail("--state names no input of the model: at least one state variable (capital) is needed");
    for (std::size_t i = 1; i < n; ++i)
        if (firm[i] < firm[i - 1] || (firm[i] == firm[i - 1] && period[i] <= period[i - 1]))
            fail("rows are not sorted by (firm, period) with one row per firm-year");
    if (!y.is_finite() || !free.is_finite() || !state.is_finite() || !proxy.is_finite() || !controls.is_finite())
        fail("a value of the output, the inputs, the proxy or the controls is not finite (log of 0?)");
}

arma::mat take_rows(const arma::mat& X, const std::vector<std::size_t>& rows) {
    return X.rows(arma::uvec(std::vector<arma::uword>(rows.begin(), rows.end())));
}

arma::vec take_rows(const arma::vec& x, const std::vector<std::size_t>& rows) {
    return x.elem(arma::uvec(std::vector<arma::uword>(rows.begin(), rows.end())));
}

arma::vec exit_after_last_period(const ProductionPanel& panel) {
    const std::size_t n = panel.rows();
    arma::vec exit(n, arma::fill::zeros);
    if (n == 0) return exit;
    const auto last = *std::max_element(panel.period.begin(), panel.period.end());
    for (std::size_t i = 0; i < n; ++i)
        if ((i + 1 == n || panel.firm[i + 1] != panel.firm[i]) && panel.period[i] != last) exit[i] = 1;
    return exit;
}

}  // namespace gvcpanel::estimators::prodfn
