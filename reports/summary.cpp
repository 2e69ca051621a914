#include "reports/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>
#include <vector>

#include "reports/covariance_note.hpp"
#include "reports/stars.hpp"

namespace gvcpanel::reports {

namespace {

// Estimators whose tests use the normal and chi2 (conventions.md: likelihood models and GMM).
bool uses_z(const std::string& estimator) {
    static const std::set<std::string> z_estimators = {
        "logit", "probit", "poisson", "negbin", "tobit", "fraclogit", "fracprobit", "ologit",
        "oprobit", "clogit", "gmm", "diff-gmm", "sys-gmm", "cs", "did-imputation", "suest", "mediation"};
    return z_estimators.count(estimator) > 0;
}

std::string significant(double x, int digits) {
    if (!std::isfinite(x)) return std::isnan(x) ? "NA" : (x > 0 ? "Inf" : "-Inf");
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, x);
    return buffer;
}

std::string p_value(double p) {
    if (std::isnan(p)) return "NA";
    if (p < 2.2e-16) return "< 2.2e-16";  // below double precision near 1, as R prints
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, p < 1e-4 ? "%.2e" : "%.4f", p);
    return buffer;
}

std::string pad_left(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}
std::string pad_right(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string df_text(const std::vector<double>& df) {
    std::string s;
    for (double d : df) s += (s.empty() ? "" : ", ") + significant(d, 10);
    return s;
}

std::string stat_of(const nlohmann::ordered_json& stats, const char* name, int digits) {
    if (!stats.contains(name) || !stats.at(name).is_number()) return "";
    return significant(stats.at(name).get<double>(), digits);
}

// "cluster_density = 0.5, size = 2"
std::string at_text(const std::vector<std::pair<std::string, double>>& at, int digits) {
    std::string text;
    for (const auto& [variable, value] : at) text += (text.empty() ? "" : ", ") + variable + " = " + significant(value, digits);
    return text;
}

// --margins: the partial effects in the columns of the coefficient table (normal z, as Stata), one
// block per point of --margins-at.
std::string margins_table(const estimators::Result& r, int digits, const Stars& stars) {
    const std::vector<std::string> header = {"dy/dx", "Std. Error", "z value", "Pr(>|z|)", ""};
    std::vector<std::vector<std::string>> cells;
    std::size_t name_width = 0;
    for (const auto& m : r.margins) {
        name_width = std::max(name_width, m.name.size());
        cells.push_back({significant(m.effect, digits), significant(m.se, digits), significant(m.z, 4),
                         p_value(m.p), stars.symbol(m.p)});
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t j = 0; j < header.size(); ++j) {
        width[j] = header[j].size();
        for (const auto& row : cells) width[j] = std::max(width[j], row[j].size());
    }
    std::ostringstream out;
    out << "Average partial effects (through every term of each variable; factor levels: every observation "
           "at the level against the reference; delta-method standard errors):\n"
        << std::string(name_width, ' ');
    for (std::size_t j = 0; j < header.size(); ++j)
        out << "  " << (j == 4 ? pad_right(header[j], width[j]) : pad_left(header[j], width[j]));
    out << "\n";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!r.margins[i].at.empty() && (i == 0 || r.margins[i].at != r.margins[i - 1].at))
            out << "at " << at_text(r.margins[i].at, digits) << ":\n";
        out << pad_right(r.margins[i].name, name_width);
        for (std::size_t j = 0; j < header.size(); ++j)
            out << "  " << (j == 4 ? pad_right(cells[i][j], width[j]) : pad_left(cells[i][j], width[j]));
        out << "\n";
    }
    return out.str();
}

}  // namespace

std::string summary(const estimators::Result& r, const SummaryOptions& options) {
    const int digits = options.significant_digits;
    const bool z = uses_z(r.estimator);
    std::ostringstream out;

    out << r.estimator << " estimation"
        << (r.stage == "first_stage" ? " (first stage)" : r.stage == "reduced_form" ? " (reduced form)" : "")
        << ", dependent variable: " << (r.outcome.empty() ? "?" : r.outcome) << "\n";
    if (!r.formula.empty()) out << "Formula: " << r.formula << "\n";
    out << "Observations: " << r.nobs << "\n";
    if (!r.fixed_effects.empty()) {
        out << "Fixed effects:";
        for (const auto& fe : r.fixed_effects) out << " " << fe.name << " (" << fe.levels << ")";
        out << "\n";
    }
    out << "Standard errors: " << describe_covariance(r);
    if (r.stats.contains("n_clusters") && r.stats.at("n_clusters").is_object()) {
        std::string clusters;
        for (const auto& [name, g] : r.stats.at("n_clusters").items())
            clusters += (clusters.empty() ? "" : ", ") + std::to_string(g.get<long long>()) + " " + name;
        out << " (" << clusters << " clusters)";
    }
    if (!r.ssc.empty() && r.ssc != "default") out << "; small-sample: " << r.ssc;
    out << "\n\n";

    // Coefficient table.
    const Stars stars;
    const std::string level = significant(100.0 * options.level, 3) + "%";
    std::vector<std::string> header = {"Estimate", "Std. Error", z ? "z value" : "t value",
                                       z ? "Pr(>|z|)" : "Pr(>|t|)", "", level + " low", level + " high"};
    const bool betas = std::any_of(r.coef.begin(), r.coef.end(), [](const auto& c) { return !std::isnan(c.beta); });
    if (betas) header.push_back("Beta");
    std::vector<std::vector<std::string>> cells;
    std::size_t name_width = 0;
    std::vector<estimators::CoefRow> rows = r.coef;  // then --nlcom's rows, in the same columns
    rows.insert(rows.end(), r.nlcom.begin(), r.nlcom.end());
    for (const auto& c : rows) {
        name_width = std::max(name_width, c.name.size());
        cells.push_back({significant(c.estimate, digits), significant(c.se, digits), significant(c.stat, 4),
                         p_value(c.p), stars.symbol(c.p), significant(c.ci_low, digits),
                         significant(c.ci_high, digits)});
        if (betas) cells.back().push_back(std::isnan(c.beta) ? "" : significant(c.beta, digits));
    }
    std::vector<std::size_t> width(header.size());
    for (std::size_t j = 0; j < header.size(); ++j) {
        width[j] = header[j].size();
        for (const auto& row : cells) width[j] = std::max(width[j], row[j].size());
    }
    out << std::string(name_width, ' ');
    for (std::size_t j = 0; j < header.size(); ++j)
        out << "  " << (j == 4 ? pad_right(header[j], width[j]) : pad_left(header[j], width[j]));
    out << "\n";
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i == r.coef.size()) out << "Nonlinear combinations (delta method):\n";
        out << pad_right(rows[i].name, name_width);
        for (std::size_t j = 0; j < header.size(); ++j)
            out << "  " << (j == 4 ? pad_right(cells[i][j], width[j]) : pad_left(cells[i][j], width[j]));
        out << "\n";
    }
    for (const auto& a : r.ancillary)
        out << pad_right(a.name, name_width) << "  " << pad_left(significant(a.estimate, digits), width[0]) << "  "
            << pad_left(significant(a.se, digits), width[1]) << "   (ancillary)\n";
    out << "---\nSignif. codes: " << stars.legend() << "\n\n";
    if (!r.margins.empty()) out << margins_table(r, digits, stars) << "\n";

    // Fit statistics.
    std::vector<std::pair<std::string, std::string>> fit;
    const std::pair<const char*, const char*> shown[] = {
        {"r2", "R2"}, {"r2_adj", "Adj. R2"}, {"r2_within", "Within R2"}, {"r2_between", "Between R2"},
        {"r2_overall", "Overall R2"}, {"pseudo_r2", "Pseudo R2"}, {"rmse", "RMSE"}, {"loglik", "Log-likelihood"},
        {"aic", "AIC"}, {"bic", "BIC"}, {"y_mean", "Mean of y"}};
    for (const auto& [key, label] : shown) {
        const std::string value = stat_of(r.stats, key, digits);
        if (!value.empty()) fit.emplace_back(label, value);
    }
    for (std::size_t i = 0; i < fit.size(); ++i)
        out << fit[i].first << ": " << fit[i].second << (i + 1 == fit.size() || i % 4 == 3 ? "\n" : "   ");
    const std::string band = stat_of(r.stats, "simultaneous_crit", digits);
    if (!band.empty())
        out << "Simultaneous " << level << " band: estimate +- " << band << " x std. error (sup-t, "
            << stat_of(r.stats, "bootstrap_reps", 10) << " bootstrap draws)\n";
    // Threshold models (docs/threshold.md): each threshold with its likelihood-ratio region.
    for (int j = 1; !stat_of(r.stats, ("gamma" + std::to_string(j)).c_str(), digits).empty(); ++j) {
        const std::string key = "gamma" + std::to_string(j);
        out << (j == 1 ? "Thresholds (LR region): " : ", ") << key << " = " << stat_of(r.stats, key.c_str(), digits)
            << " [" << stat_of(r.stats, (key + "_low").c_str(), digits) << ", "
            << stat_of(r.stats, (key + "_high").c_str(), digits) << "]";
        if (stat_of(r.stats, ("gamma" + std::to_string(j + 1)).c_str(), digits).empty()) out << "\n";
    }
    const std::string f = stat_of(r.stats, "f_stat", digits);
    if (!f.empty())
        out << "Wald F (slopes, with these standard errors): " << f << ", p = "
            << p_value(r.stats.at("f_p").is_number() ? r.stats.at("f_p").get<double>() : std::nan("")) << "\n";

    // What was left out.
    std::vector<std::string> dropped;
    if (r.dropped.missing) dropped.push_back(std::to_string(r.dropped.missing) + " with missing values");
    if (r.dropped.subset) dropped.push_back(std::to_string(r.dropped.subset) + " outside --subset");
    if (r.dropped.singletons) dropped.push_back(std::to_string(r.dropped.singletons) + " singletons");
    if (r.dropped.separated) dropped.push_back(std::to_string(r.dropped.separated) + " perfectly predicted");
    if (!dropped.empty()) {
        out << "Observations dropped:";
        for (std::size_t i = 0; i < dropped.size(); ++i) out << (i ? ", " : " ") << dropped[i];
        out << "\n";
    }
    if (!r.dropped.collinear.empty()) {
        out << "Dropped for collinearity:";
        for (std::size_t i = 0; i < r.dropped.collinear.size(); ++i) out << (i ? ", " : " ") << r.dropped.collinear[i];
        out << "\n";
    }

    if (!r.tests.empty()) {
        out << "\nTests:\n";
        for (const auto& t : r.tests) {
            const char* distribution = t.df.size() == 2 ? "F" : (t.name == "wald" || z ? "chi2" : "stat");
            out << "  " << t.name;
            if (!t.restriction.empty()) out << " [" << t.restriction << "]";
            if (!t.unavailable.empty()) {
                out << ": unavailable (" << t.unavailable << ")\n";
                continue;
            }
            // A statistic without degrees of freedom is standard normal (Arellano-Bond AR tests).
            if (t.df.empty())
                out << ": z = ";
            else
                out << ": " << distribution << "(" << df_text(t.df) << ") = ";
            out << significant(t.stat, digits) << ", p = " << p_value(t.p);
            if (!t.note.empty()) out << "  (" << t.note << ")";
            out << "\n";
        }
    }
    if (!r.converged)
        out << "\nNOT CONVERGED" << (r.convergence_message.empty() ? "" : ": " + r.convergence_message) << "\n";
    if (!r.notes.empty()) {
        out << "\nNotes:\n";
        for (const auto& note : r.notes) out << "  - " << note << "\n";
    }
    return out.str();
}

}  // namespace gvcpanel::reports
