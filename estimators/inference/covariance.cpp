#include "estimators/inference/covariance.hpp"

#include <algorithm>

#include "data/error.hpp"
#include "data/names.hpp"
#include "estimators/inference/covariance_types.hpp"
#include "estimators/inference/small_sample.hpp"

namespace gvcpanel::estimators::inference {

const models::Grouping& find_grouping(const Estimate& estimate, const std::string& name, const std::string& who) {
    std::vector<std::string> known;
    for (const auto* list : {&estimate.sample.clusters, &estimate.sample.fixed_effects})
        for (const auto& g : *list) {
            if (g.name == name) return g;
            known.push_back(g.name);
        }
    throw Error(who + ": the estimation sample has no cluster variable '" + name + "'" + data::did_you_mean(name, known));
}

namespace {

const models::Grouping& find_cluster(const Estimate& estimate, const std::string& name) {
    return find_grouping(estimate, name, "--vcov cluster:" + name);
}

// An estimator that supplies its own robust covariance (dynamic GMM: Windmeijer's correction is not
// a sandwich of scores) offers iid and that one, clustered on its grouping, with no further factor.
Covariance supplied_covariance(const Estimate& estimate, const VcovSpec& spec, const Ssc& ssc) {
    const bool robust = spec.type == VcovType::hc0 || spec.type == VcovType::hc1 ||
                        (spec.type == VcovType::cluster && spec.clusters.size() == 1 &&
                         spec.clusters.front() == estimate.robust_cluster);
    if (spec.type == VcovType::iid) return iid_covariance(estimate, ssc);
    if (!robust)
        throw Error("--vcov " + spec.text() + ": estimator '" + estimate.estimator + "' offers iid and robust (clustered by " +
                    estimate.robust_cluster + ") standard errors only");
    Covariance result;
    result.matrix = estimate.robust_vcov;
    result.label = estimate.robust_label;
    std::vector<char> seen;
    std::size_t groups = 0;
    for (const auto code : estimate.sample.entity) {
        if (static_cast<std::size_t>(code) >= seen.size()) seen.resize(static_cast<std::size_t>(code) + 1, 0);
        groups += !seen[static_cast<std::size_t>(code)];
        seen[static_cast<std::size_t>(code)] = 1;
    }
    result.n_clusters.emplace_back(estimate.robust_cluster, groups);
    return result;
}

}  // namespace

Covariance covariance(const Estimate& estimate, const VcovSpec& spec, const Ssc& ssc) {
    if (!estimate.robust_vcov.is_empty()) {
        Covariance supplied = supplied_covariance(estimate, spec, ssc);
        supplied.df = residual_df(estimate, ssc);
        return supplied;
    }
    if (ssc.t_df == DfRule::bm && !spec.bias_reduced())
        throw Error("--ssc t_df=bm (Bell-McCaffrey degrees of freedom) goes with --vcov cr2:VAR or cr3:VAR, not " +
                    spec.text());
    Covariance result;
    double df = residual_df(estimate, ssc);
    switch (spec.type) {
        case VcovType::iid:
            result = iid_covariance(estimate, ssc);
            break;
        case VcovType::hc0:
        case VcovType::hc1:
        case VcovType::hc2:
        case VcovType::hc3:
            result = hc_covariance(estimate, spec.type, ssc);
            break;
        case VcovType::cluster: {
            if (spec.clusters.empty()) throw Error("--vcov cluster: name at least one cluster variable");
            std::vector<const models::Grouping*> groupings;
            for (const auto& name : spec.clusters) groupings.push_back(&find_cluster(estimate, name));
            result = cluster_covariance(estimate, groupings, ssc);
            // Clustered tests: t(G-1) with the smallest G (fixest, Stata), or t(N-K-K_fe).
            if (ssc.t_df == DfRule::min && estimate.kind == ModelKind::linear) {
                std::size_t g_min = result.n_clusters.front().second;
                for (const auto& [name, g] : result.n_clusters) g_min = std::min(g_min, g);
                df = static_cast<double>(g_min) - 1.0;
            }
            break;
        }
        case VcovType::driscoll_kraay:
            result = driscoll_kraay_covariance(estimate, spec.lag, ssc);
            break;
        case VcovType::newey_west:
            result = newey_west_covariance(estimate, spec.lag, ssc);
            break;
        case VcovType::pcse:
            result = pcse_covariance(estimate, spec, ssc);
            break;
        case VcovType::cr2:
        case VcovType::cr3: {
            result = bias_reduced_covariance(estimate, find_cluster(estimate, spec.clusters.front()), spec.type, ssc);
            // t(G-1) by default (clubSandwich's naive-t); t_df=bm gives each test its own df.
            if (ssc.t_df != DfRule::conventional) df = static_cast<double>(result.n_clusters.front().second) - 1.0;
            break;
        }
        case VcovType::jackknife:
            throw Error("--vcov " + spec.text() +
                        ": the jackknife refits the model once per deleted unit; its covariance comes from "
                        "estimators/resampling and is passed to infer() (InferenceOptions::supplied)");
    }
    result.df = df;
    return result;
}

}  // namespace gvcpanel::estimators::inference
