#include "data/spatial/spatial_weights.hpp"

#include <cmath>
#include <unordered_map>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

// The first few names of a list, for messages.
std::string first_names(const std::vector<std::string>& names) {
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < 5; ++i) text += (i ? ", " : "") + names[i];
    if (names.size() > 5) text += ", ... (" + std::to_string(names.size()) + " in all)";
    return text;
}

}  // namespace

SpatialWeights weights_from_links(std::vector<std::string> ids, const std::vector<SpatialLink>& links) {
    const arma::uword n = ids.size();
    arma::umat locations(2, links.size());
    arma::vec values(links.size());
    for (std::size_t l = 0; l < links.size(); ++l) {
        const auto& link = links[l];
        if (link.from >= n || link.to >= n) throw Error("spatial weights: a link names a unit outside the list of units");
        if (link.from == link.to) throw Error("spatial weights: unit " + ids[link.from] + " is its own neighbour");
        if (!std::isfinite(link.weight))
            throw Error("spatial weights: the weight of " + ids[link.from] + " -> " + ids[link.to] + " is not finite");
        locations(0, l) = link.from;
        locations(1, l) = link.to;
        values(l) = link.weight;
    }
    SpatialWeights weights{std::move(ids), {}};
    // Summing repeated locations would hide a duplicate: count the links per pair first.
    weights.W = arma::sp_mat(true, locations, arma::ones<arma::vec>(links.size()), n, n, true, false);
    if (weights.W.n_nonzero && weights.W.max() > 1) {
        for (auto it = weights.W.begin(); it != weights.W.end(); ++it)
            if (*it > 1)
                throw Error("spatial weights: the link " + weights.ids[it.row()] + " -> " + weights.ids[it.col()] +
                            " is given " + std::to_string(static_cast<int>(*it)) + " times");
    }
    weights.W = arma::sp_mat(locations, values, n, n, true, true);
    return weights;
}

void row_standardize(SpatialWeights& weights) {
    const arma::vec sums = arma::vec(arma::sum(weights.W, 1));
    for (auto it = weights.W.begin(); it != weights.W.end(); ++it) *it /= sums(it.row());
}

bool is_row_standardized(const SpatialWeights& weights, double tolerance) {
    const arma::vec sums = arma::vec(arma::sum(weights.W, 1));
    for (arma::uword i = 0; i < sums.n_elem; ++i)
        if (sums(i) != 0 && std::abs(sums(i) - 1) > tolerance) return false;
    return true;
}

std::vector<std::string> islands(const SpatialWeights& weights) {
    const arma::vec links = arma::vec(arma::sum(arma::spones(weights.W), 1));
    std::vector<std::string> names;
    for (arma::uword i = 0; i < links.n_elem; ++i)
        if (links(i) == 0) names.push_back(weights.ids[i]);
    return names;
}

std::size_t asymmetric_links(const SpatialWeights& weights) {
    const arma::sp_mat difference = weights.W - weights.W.t();
    std::size_t count = 0;
    for (auto it = difference.begin(); it != difference.end(); ++it)
        if (std::abs(*it) > 1e-12 * (std::abs(weights.W(it.row(), it.col())) + std::abs(weights.W(it.col(), it.row()))))
            ++count;
    return count;
}

arma::sp_mat weights_in_order(const SpatialWeights& weights, const std::vector<std::string>& ids, const std::string& what) {
    std::unordered_map<std::string, arma::uword> position;
    for (arma::uword i = 0; i < ids.size(); ++i) position.emplace(ids[i], i);
    std::vector<std::string> unknown, missing;
    arma::uvec to(weights.size());
    std::vector<bool> covered(ids.size(), false);
    for (arma::uword i = 0; i < weights.size(); ++i) {
        const auto it = position.find(weights.ids[i]);
        if (it == position.end()) {
            unknown.push_back(weights.ids[i]);
            continue;
        }
        to(i) = it->second;
        covered[it->second] = true;
    }
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (!covered[i]) missing.push_back(ids[i]);
    if (!unknown.empty())
        throw Error("spatial weights: units not among " + what + ": " + first_names(unknown) +
                    " (W must name exactly the units of the sample)");
    if (!missing.empty())
        throw Error("spatial weights: " + what + " without a row in W: " + first_names(missing) +
                    " (W must name exactly the units of the sample)");
    arma::umat locations(2, weights.W.n_nonzero);
    arma::vec values(weights.W.n_nonzero);
    arma::uword l = 0;
    for (auto it = weights.W.begin(); it != weights.W.end(); ++it, ++l) {
        locations(0, l) = to(it.row());
        locations(1, l) = to(it.col());
        values(l) = *it;
    }
    return arma::sp_mat(locations, values, ids.size(), ids.size());
}

}  // namespace gvcpanel::data
