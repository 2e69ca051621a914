// The covariance type of a fit as a value, chosen after fitting (`--vcov`): parsed from the
// command-line text through one alias registry, printed back in its canonical form.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gvcpanel::estimators::inference {

enum class VcovType {
    iid,             // s^2 (X'WX)^-1, or the inverse information
    hc0,             // White's sandwich, no factor
    hc1,             // hc0 times N/(N-K*) (Stata `robust`)
    hc2,             // scores scaled by 1/sqrt(1-h_i)
    hc3,             // scores scaled by 1/(1-h_i)
    cluster,         // one-way or multi-way (Cameron-Gelbach-Miller) clustering
    driscoll_kraay,  // Bartlett-weighted time series of cross-sectional score sums
    newey_west,      // Bartlett-weighted autocovariances within each entity
    pcse,            // Beck-Katz panel-corrected standard errors
    cr2,             // bias-reduced linearization (Bell-McCaffrey), as clubSandwich's CR2
    cr3,             // approximate jackknife (I - H_jj)^-1 adjustment, as clubSandwich's CR3
    jackknife,       // delete-one-cluster (or observation) jackknife: refits, so computed by the
                     //   caller that can refit (estimators/resampling) and passed to infer()
};

// pcse: over which unit the residual covariance Omega is summed (plm's vcovBK `cluster`).
enum class PcseUnit {
    time,   // per period, Omega the N x N covariance of the entities (Beck and Katz; Stata's xtpcse)
    group,  // per entity, Omega the T x T covariance of the periods (plm's default)
};

struct VcovSpec {
    VcovType type = VcovType::iid;
    std::vector<std::string> clusters;  // cluster: the variables, in the order written; cr2, cr3: the
                                        //   one cluster variable; jackknife: the deleted unit's
                                        //   variable (none: observations)
    int lag = -1;                       // dk, nw: Bartlett lag; -1 = dk's default floor(4 (T/100)^(2/9))
    PcseUnit pcse_unit = PcseUnit::time;  // pcse: pcse (= pcse:time) or pcse:group

    static VcovSpec iid() { return {}; }
    static VcovSpec hc(int which);  // 0..3
    static VcovSpec cluster(std::vector<std::string> variables);
    static VcovSpec driscoll_kraay(int lag = -1);
    static VcovSpec newey_west(int lag);
    static VcovSpec pcse(PcseUnit unit = PcseUnit::time) { return {VcovType::pcse, {}, -1, unit}; }
    static VcovSpec jackknife(std::vector<std::string> variable = {});
    static VcovSpec bias_reduced(VcovType type, std::string variable);  // cr2 or cr3

    bool clustered() const { return type == VcovType::cluster; }
    bool bias_reduced() const { return type == VcovType::cr2 || type == VcovType::cr3; }
    // Canonical text: "iid", "hc1", "cluster:firm+year", "dk", "dk:3", "nw:2", "pcse", "pcse:group",
    // "cr2:firm", "cr3:firm", "jackknife", "jackknife:firm".
    std::string text() const;
};

// Parses `--vcov` text: iid, hc0, hc1 = robust, hc2, hc3, cluster:v, cluster:v1+v2, dk, dk:L,
// nw:L, pcse, pcse:time, pcse:group, cr2:v, cr3:v, jackknife, jackknife:v (case-insensitive keyword; variable names as written). An unknown keyword is an Error
// listing the accepted values.
VcovSpec parse_vcov(std::string_view text);

// One covariance type as the command line writes it. This table is the one registry: parse_vcov
// accepts its keywords, errors list its forms, `gvcpanel fit --help` prints its lines; a new type
// adds its entry here (and its case in parse_vcov).
struct VcovForm {
    std::string_view usage;                  // "cluster:VAR[+VAR2]"
    std::string_view summary;                // one line on what it is
    VcovType type = VcovType::iid;
    std::vector<std::string_view> keywords;  // the first names it; the others are aliases
};

const std::vector<VcovForm>& vcov_forms();

}  // namespace gvcpanel::estimators::inference
