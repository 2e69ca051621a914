// `gvcpanel fit`: read the data (only the columns the model uses), estimate one model, and print
// its result as a text summary, a one-model table, or the result JSON of conventions.md.
#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/fit_by.hpp"
#include "cli/fit_help.hpp"
#include "cli/fit_joint.hpp"
#include "cli/iv_stages.hpp"
#include "cli/merge_measures.hpp"
#include "cli/moderator_percentiles.hpp"
#include "cli/parse_command.hpp"
#include "cli/model_request.hpp"
#include "cli/output.hpp"
#include "cli/read_options.hpp"
#include "cli/run_model.hpp"
#include "cli/threads.hpp"
#include "data/error.hpp"
#include "data/read.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

struct Stages {
    bool first = false;    // --first-stage
    bool reduced = false;  // --reduced-form
};

struct Equations {
    std::vector<std::string> formulas;    // --model, once per model
    std::vector<std::string> estimators;  // --estimator: one for all models, or one per model
    bool joint = false;                   // --joint: one system (suest) instead of models side by side
    ByRequest by;                         // --by g: one fit per group and tests of equal coefficients
};

po::options_description fit_options(ModelRequest& request, std::string& data, std::string& format,
                                    std::string& out, bool& timing, Stages& stages, Equations& equations) {
    po::options_description general("gvcpanel fit --data FILE --model \"FORMULA\" [options]");
    general.add_options()
        ("help,h", "this help")
        ("data", po::value(&data)->required(), "data file: CSV (comma, semicolon, tab), Stata .dta or Excel .xlsx; - for standard input")
        ("model", po::value(&equations.formulas)->required()->composing(),
         "formula: \"y ~ x1 + x2 | firm + year | endog ~ instrument\"; repeated: several models side by side")
        ("joint", po::bool_switch(&equations.joint),
         "several --model as one system: joint covariance of the stacked scores (suest), names [outcome]term")
        ("by", po::value(&equations.by.variable),
         "fit per group of this column; tests diff:<term>:chow, :suest and (two groups) :perm")
        ("permutations", po::value(&equations.by.permutations)->default_value(1000),
         "--by: permutations of the group labels (every assignment when there are at most this many)")
        ("estimator", po::value(&equations.estimators)->composing(),
         "estimator, listed below (default ols; 2sls with an IV part); with several --model, one per model")
        ("panel", po::value(&request.panel), "panel entity and time: ID[,TIME]")
        ("vcov", po::value(&request.vcov)->default_value("iid"), "covariance type, listed below")
        ("ssc", po::value(&request.ssc)->default_value("default"),
         "small-sample corrections: default, fixest, plm, areg, none, or fixef=..,adj=..,cluster_adj=..,"
         "cluster_df=..,t_df=..,fixef_exact=1")
        ("weights", po::value(&request.weights), "weights: a column or an expression, e.g. \"1/pop\"")
        ("subset", po::value(&request.subset),
         "rows to use, e.g. year >= 2002 && !is.na(tfp), or industry %in% c(\"a\", \"b\")")
        ("test", po::value(&request.tests)->composing(), "Wald test, e.g. \"x1 = x2\" (repeatable)")
        ("nlcom", po::value(&request.nlcom)->composing(),
         "nonlinear combination by the delta method, e.g. \"ratio = x1 / x2\" (repeatable)")
        ("margins-over", po::value(&request.margins_over),
         "effects of the variables interacted with a moderator over a grid, \"z = 0(0.05)1\", and the "
         "Johnson-Neyman bounds (linear models)")
        ("diagnostics", po::bool_switch(&request.diagnostics), "add the specification tests")
        ("keep-singletons", po::bool_switch(&request.keep_singletons),
         "keep fixed-effect groups of one observation")
        ("threads", po::value(&request.threads)->default_value(0), "threads (0 = all cores)")
        ("format", po::value(&format)->default_value("text"),
         "text, md, latex, html, csv, json, rtf, docx or xlsx (docx and xlsx need --out)")
        ("out", po::value(&out), "write to this file instead of standard output")
        ("timing", po::bool_switch(&timing), "print the seconds spent reading and estimating to standard error");
    po::options_description estimator("estimator options");
    estimator.add_options()
        ("re-method", po::value(&request.re_method)->default_value("swar"),
         "re: swar, amemiya, walhus, nerlove")
        ("effect", po::value(&request.effect)->default_value("individual"),
         "re: individual, time, twoways")
        ("mundlak", po::bool_switch(&request.mundlak),
         "re: correlated random effects (entity means of the time-varying regressors added)")
        ("re-iv", po::value(&request.re_iv), "re with an IV part: bvk (G2SLS, default) or baltagi (EC2SLS)")
        ("left", po::value(&request.left), "tobit: lower limit (default 0)")
        ("right", po::value(&request.right), "tobit: upper limit")
        ("start", po::value(&request.start), "nls: starting values b1=..,b2=..")
        ("margins", po::bool_switch(&request.margins), "average partial effects")
        ("margins-at", po::value(&request.margins_at)->composing(),
         "partial effects with variables set to values, e.g. \"z = 0, 0.5, 1\" (repeatable; implies --margins)")
        ("info", po::value(&request.info)->default_value("observed"),
         "likelihood bread: observed or expected information")
        ("offset", po::value(&request.offset), "offset column")
        ("save-fe", po::value(&request.save_fe), "write the fixed-effect estimates to this CSV")
        ("save-predictions", po::value(&request.save_predictions),
         "write fitted values, residuals, fixed-effect sums (and the linear index) to this CSV")
        ("beta", po::bool_switch(&request.beta), "standardised coefficients b sd(x)/sd(y), as Stata's beta")
        ("first-stage", po::bool_switch(&stages.first),
         "IV: the first-stage regressions as extra models (coefficients, SEs, F on the instruments)")
        ("reduced-form", po::bool_switch(&stages.reduced), "IV: the reduced form as an extra model")
        ("gmm", po::value(&request.gmm)->composing(), "dynamic GMM instruments VAR:LO-HI (repeatable)")
        ("iv", po::value(&request.iv), "dynamic GMM IV-style instruments")
        ("collapse", po::bool_switch(&request.collapse), "dynamic GMM: collapse the instruments")
        ("transform", po::value(&request.transform)->default_value("fd"), "dynamic GMM: fd or fod")
        ("two-step", po::bool_switch(&request.two_step), "dynamic GMM: two-step weights");
    po::options_description staggered("staggered difference-in-differences (docs/did.md)");
    staggered.add_options()
        ("cohort", po::value(&request.cohort), "cs, did-imputation: first treated period (0 or missing = never)")
        ("time", po::value(&request.time), "cs without --panel: the period of repeated cross-sections")
        ("control", po::value(&request.control), "cs: never (default) or notyet; op/lp/acf: controls of the law of motion")
        ("anticipation", po::value(&request.anticipation)->default_value("0"), "cs: periods of anticipation")
        ("did-method", po::value(&request.did_method)->default_value("dr"), "cs: dr, ipw or reg")
        ("base-period", po::value(&request.base_period)->default_value("varying"), "cs: varying or universal")
        ("agg", po::value(&request.agg),
         "cs: none, simple, group, dynamic, calendar; sunab(): period (default), att, cohort, none")
        ("min-e", po::value(&request.min_e), "cs --agg dynamic: the earliest event time")
        ("max-e", po::value(&request.max_e), "cs --agg dynamic: the latest event time")
        ("bootstrap", po::value(&request.bootstrap),
         "covariance from B refits on resampled data: pairs[:B], cluster:VAR[:B] (B default 999); "
         "cs: multiplier bootstrap draws (simultaneous bands); threshold: replications of Hansen's bootstrap")
        ("seed", po::value(&request.seed)->default_value(1), "random seed of every resampling")
        ("boottest", po::value(&request.boottest)->composing(),
         "wild cluster bootstrap test of \"x1\" or \"x1 = x2\" (repeatable; docs/resampling.md)")
        ("boot-cluster", po::value(&request.boot_cluster), "bootstrap clusters V or V1+V2 (default: the --vcov clusters)")
        ("boot-reps", po::value(&request.boot_reps)->default_value(9999), "wild bootstrap replicates B")
        ("boot-weights", po::value(&request.boot_weights)->default_value("rademacher"),
         "wild bootstrap weights: rademacher, mammen, webb, normal")
        ("boot-null", po::value(&request.boot_null)->default_value("impose"), "impose (WCR) or none (WCU)")
        ("ri", po::value(&request.ri), "randomization inference for the coefficient of a treatment, \"treat:B\"")
        ("ri-strata", po::value(&request.ri_strata), "--ri: permute within the strata of this variable")
        ("horizons", po::value(&request.horizons), "did-imputation: event times A:B (default every one)");
    po::options_description threshold("panel thresholds (docs/threshold.md)");
    threshold.add_options()
        ("threshold-var", po::value(&request.threshold_var)->value_name("Q"), "threshold: the variable q that selects the regime")
        ("regime", po::value(&request.regime)->value_name("X"), "threshold: regressors whose slopes change at the thresholds, \"x1 x2\"")
        ("thresholds", po::value(&request.thresholds)->default_value(1)->value_name("M"), "threshold: 1, 2 or 3")
        ("trim", po::value(&request.trim)->default_value("0.01"), "threshold: smallest share of observations in a regime")
        ("grid", po::value(&request.grid)->default_value("all"), "threshold: all (every distinct value of q) or N points")
        ("level", po::value(&request.level)->default_value(0.95, "0.95"), "threshold: level of the LR regions and intervals");
    po::options_description prodfn("production functions (docs/prodfn.md)");
    prodfn.add_options()
        ("state", po::value(&request.state)->value_name("K"), "op/lp/acf/wrdg: the state inputs of --model, \"k\"")
        ("proxy", po::value(&request.proxy)->value_name("M"), "op/lp/acf/wrdg: the proxy (investment, materials)")
        ("exit", po::value(&request.exit)->value_name("auto|V"), "op/lp: exit correction, auto or a 0/1 column")
        ("poly", po::value(&request.poly)->default_value(2)->value_name("D"), "op/lp/acf/wrdg: first-stage polynomial degree")
        ("translog", po::bool_switch(&request.translog), "acf/wrdg: translog technology")
        ("gross-output", po::bool_switch(&request.gross_output), "the proxy is also an input (gross output)")
        ("save-tfp", po::value(&request.save_tfp)->value_name("FILE"), "write id, time, omega and the elasticities to FILE")
        ("markups", po::value(&request.markups)->implicit_value("auto")->value_name("COST"),
         "De Loecker-Warzynski markups of the first free input (COST: its log expenditure column)");
    po::options_description spatial("spatial panels (docs/spatial.md)");
    spatial.add_options()
        ("spatial", po::value(&request.spatial)->value_name("W.csv"), "sar, sem, sdm, sdem: the spatial weights (gvcpanel weights)")
        ("lee-yu", po::bool_switch(&request.lee_yu), "sar, sem, sdm, sdem: Lee and Yu's (2010) bias correction of the fixed-effects fit")
        ("effects", po::bool_switch(&request.spatial_effects), "sar, sdm: direct, indirect and total effects (delta-method SEs)")
        ("effects-draws", po::value(&request.effects_draws)->default_value(1000), "sar, sdm --effects: draws of the simulated SEs (--seed; 0: none)");
    general.add(estimator).add(staggered).add(threshold).add(prodfn).add(spatial);
    return general;
}

}  // namespace

int run_fit(const Args& args) {
    ModelRequest request;
    std::string data, format, out;
    bool timing = false;
    ReadSettings reading;
    std::string merge_path, merge_on;
    Stages stages;
    Equations equations;
    auto options = fit_options(request, data, format, out, timing, stages, equations);
    options.add_options()
        ("merge", po::value(&merge_path), "join a measures file (gvcpanel measures ... --out FILE) to the data")
        ("on", po::value(&merge_on), "--merge: its key columns, e.g. \"country sector year\"");
    add_read_options(options, reading);
    po::variables_map values;
    if (!parse_command(args, {&options, nullptr, nullptr, fit_reference_help()}, values)) return 0;
    const auto output_format = parse_output_format(format);
    require_file_for_binary(format, out);
    request.threads = machine_threads(request.threads, "--threads");
    set_threads(request.threads);
    request.model = equations.formulas.front();
    if (!equations.estimators.empty()) request.estimator = equations.estimators.front();
    const auto requests = equation_requests(request, equations.formulas, equations.estimators);
    if (requests.size() > 1 && (stages.first || stages.reduced))
        throw Error("--first-stage and --reduced-form take one --model");
    const bool by = !equations.by.variable.empty();
    if (by && (requests.size() > 1 || equations.joint || stages.first || stages.reduced))
        throw Error("--by takes one --model, without --joint, --first-stage or --reduced-form");
    if (stages.first) require_iv_stages(request, "--first-stage");
    if (stages.reduced) require_iv_stages(request, "--reduced-form");

    data::ReadOptions read_options = cli::read_options(reading);
    if (merge_path.empty() && !merge_on.empty()) throw Error("--on names the keys of --merge FILE, which is missing");
    const std::optional<MeasuresMerge> merge =
        merge_path.empty() ? std::nullopt : std::optional<MeasuresMerge>(MeasuresMerge(merge_path, merge_on));
    auto columns = columns_needed(requests);
    if (by && !columns.empty()) columns.push_back(equations.by.variable);
    read_options.columns = merge ? merge->data_columns(columns) : columns;
    std::vector<const ModelRequest*> pointers;
    for (const auto& one : requests) pointers.push_back(&one);
    read_options.category_columns = category_columns(pointers);
    read_options.threads = request.threads;
    read_options.decimal_residues = request.estimator == "nls";  // nls refines in long double
    const auto started = std::chrono::steady_clock::now();
    const auto frame = merge ? merge->join(data::read_table(data, read_options)) : data::read_table(data, read_options);
    const auto read = std::chrono::steady_clock::now();
    std::vector<estimators::Result> results;
    if (by)
        results = fit_by(request, equations.by, frame);
    else if (equations.joint)
        results.push_back(fit_joint(requests, frame));
    else
        for (const auto& one : requests) results.push_back(run_model(one, frame));
    if (stages.first || stages.reduced) {
        auto extra = iv_stages(request, frame, stages.first, stages.reduced);
        results.insert(results.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    }
    if (!request.margins_over.empty()) add_moderator_percentiles(results, frame, request.margins_over);
    const auto estimated = std::chrono::steady_clock::now();
    write_output(render_results(results, output_format), out);
    if (timing) {
        // The estimate covers the sample, the design, the fit and the inference: the "call alone"
        // that benchmarks compare with a peer's estimation function.
        const std::chrono::duration<double> reading = read - started, estimating = estimated - read;
        std::cerr << "timing: read " << reading.count() << " s (" << frame.rows() << " rows), estimate "
                  << estimating.count() << " s\n";
    }
    const bool converged = std::all_of(results.begin(), results.end(), [](const auto& r) { return r.converged; });
    return converged ? 0 : 3;
}

}  // namespace gvcpanel::cli
