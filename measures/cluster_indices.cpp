#include "measures/cluster_indices.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "data/error.hpp"
#include "measures/tidy_frame.hpp"

namespace gvcpanel::measures {

std::vector<ClusterTable> cluster_tables(const data::Frame& frame, const ClusterColumns& c) {
    const auto& region = frame.column(c.region);
    const auto& industry = frame.column(c.industry);
    const auto& size = frame.column(c.size);
    auto year_of = [&](std::size_t i) { return c.year.empty() ? std::string() : frame.column(c.year).text(i); };
    std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> names;  // year -> regions, industries
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        const double v = size.number(i);
        if (!std::isfinite(v) || v < 0)
            throw Error(frame.source + ":" + std::to_string(i + 2) + ": " + c.size + " is " + (std::isnan(v) ? "missing" : size.text(i)) +
                        "; sizes must be numbers >= 0");
        for (const auto* col : {&region, &industry})
            if (col->is_missing(i)) throw Error(frame.source + ":" + std::to_string(i + 2) + ": missing " + col->name);
        if (!c.firm.empty() && frame.column(c.firm).is_missing(i))
            throw Error(frame.source + ":" + std::to_string(i + 2) + ": missing " + c.firm);
        names[year_of(i)].first.insert(region.text(i));
        names[year_of(i)].second.insert(industry.text(i));
    }
    std::vector<ClusterTable> out;
    for (const auto& [year, lists] : names) {
        ClusterTable t;
        t.year = year;
        t.regions.assign(lists.first.begin(), lists.first.end());
        t.industries.assign(lists.second.begin(), lists.second.end());
        std::map<std::string, std::size_t> r_at, i_at;
        for (std::size_t k = 0; k < t.regions.size(); ++k) r_at[t.regions[k]] = k;
        for (std::size_t k = 0; k < t.industries.size(); ++k) i_at[t.industries[k]] = k;
        t.size.zeros(t.regions.size(), t.industries.size());
        std::map<std::tuple<std::size_t, std::size_t, std::string>, double> plants;  // (industry, region, firm or row)
        for (std::size_t i = 0; i < frame.rows(); ++i) {
            if (year_of(i) != year) continue;
            const std::size_t r = r_at[region.text(i)], k = i_at[industry.text(i)];
            t.size(r, k) += size.number(i);
            plants[{k, r, c.firm.empty() ? std::to_string(i) : frame.column(c.firm).text(i)}] += size.number(i);
        }
        t.plant_herfindahl.zeros(t.industries.size());
        const arma::rowvec industry_total = arma::sum(t.size, 0);
        for (const auto& [key, value] : plants) {
            const double share = value / industry_total(std::get<0>(key));
            if (std::isfinite(share)) t.plant_herfindahl(std::get<0>(key)) += share * share;
        }
        out.push_back(std::move(t));
    }
    return out;
}

ClusterIndices cluster_indices(const ClusterTable& t) {
    const arma::mat& e = t.size;
    const arma::vec e_r = arma::sum(e, 1);
    const arma::rowvec e_i = arma::sum(e, 0);
    const double total = arma::accu(e);
    ClusterIndices out;
    const arma::mat region_shares = e.each_col() / e_r;  // e_ri / e_r
    out.lq = region_shares.each_row() / (e_i / total);
    out.hhi = arma::sum(arma::square(region_shares), 1);
    out.krugman = arma::sum(arma::abs(region_shares.each_row() - e_i / total), 1);

    const arma::vec x = e_r / total;
    const double sum_x2 = arma::accu(arma::square(x));
    const arma::mat industry_shares = e.each_row() / e_i;  // s_ri
    out.eg.set_size(t.industries.size());
    out.gini.set_size(t.industries.size());
    for (std::size_t k = 0; k < t.industries.size(); ++k) {
        const arma::vec s = industry_shares.col(k);
        const double G = arma::accu(arma::square(s - x)), H = t.plant_herfindahl(k);
        out.eg(k) = H < 1 ? (G - (1 - sum_x2) * H) / ((1 - sum_x2) * (1 - H)) : std::numeric_limits<double>::quiet_NaN();
        const arma::uvec order = arma::stable_sort_index(s / x);
        double cumulative = 0, gini = 1;
        for (const arma::uword r : order) {
            const double previous = cumulative;
            cumulative += s(r);
            gini -= x(r) * (cumulative + previous);
        }
        out.gini(k) = e_i(k) > 0 ? gini : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

}  // namespace gvcpanel::measures

namespace gvcpanel::measures {

data::Frame cluster_measures(const std::vector<ClusterTable>& tables, std::vector<std::string> indicators) {
    if (indicators.empty()) indicators = {"lq", "hhi", "krugman", "eg", "gini"};
    for (const auto& name : indicators)
        if (name != "lq" && name != "hhi" && name != "krugman" && name != "eg" && name != "gini")
            throw Error("--indicators: unknown indicator '" + name + "' (lq, hhi, krugman, eg, gini)");
    const bool years = !tables.empty() && !tables.front().year.empty();
    TidyFrame out(years ? std::vector<std::string>{"region", "industry", "year"} : std::vector<std::string>{"region", "industry"},
                  indicators);
    for (const auto& t : tables) {
        const ClusterIndices x = cluster_indices(t);
        for (std::size_t r = 0; r < t.regions.size(); ++r)
            for (std::size_t k = 0; k < t.industries.size(); ++k) {
                std::vector<double> row;
                for (const auto& name : indicators)
                    row.push_back(name == "lq" ? x.lq(r, k) : name == "hhi" ? x.hhi(r) : name == "krugman" ? x.krugman(r)
                                  : name == "eg" ? x.eg(k) : x.gini(k));
                std::vector<std::string> keys = {t.regions[r], t.industries[k]};
                if (years) keys.push_back(t.year);
                out.add_row(keys, row);
            }
    }
    return out.frame();
}

}  // namespace gvcpanel::measures
