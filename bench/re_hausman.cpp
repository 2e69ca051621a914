// Random effects (Swamy-Arora) and the Hausman test on a large panel: reads the CSV, builds the
// design y ~ x1 + ... + x5 with --panel firm,year, then times the RE fit and the Hausman test
// (within fit + classical contrast) separately from the read. Compare with plm through
// bench/run_re_hausman_vs_plm.sh.
//   bench_re_hausman FILE.csv
#include <chrono>
#include <cstdio>

#include "data/panel_index.hpp"
#include "data/read.hpp"
#include "estimators/panel/hausman.hpp"
#include "estimators/panel/random_effects.hpp"
#include "estimators/fixed_effects/within.hpp"
#include "models/build_design.hpp"

int main(int argc, char** argv) {
    using namespace gvcpanel;
    using clock = std::chrono::steady_clock;
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_re_hausman FILE.csv\n");
        return 2;
    }
    const auto t0 = clock::now();
    const auto frame = data::read_csv(argv[1]);
    const data::PanelIndex panel(frame, "firm", "year");
    auto spec = models::parse_model("y ~ x1 + x2 + x3 + x4 + x5");
    spec.panel_id = "firm";
    spec.panel_time = "year";
    const auto design = models::build_design(spec, frame, &panel);
    const auto t1 = clock::now();
    const auto random = estimators::random_effects(design);
    const auto t2 = clock::now();
    auto fe_design = design;
    models::Grouping entity;
    entity.name = "firm";
    entity.codes = design.sample.entity;
    entity.levels = static_cast<std::int32_t>(panel.n_entities());
    fe_design.sample.fixed_effects = {entity};
    const auto fixed = estimators::within(std::move(fe_design));
    const auto test = estimators::hausman(fixed, random);
    const auto t3 = clock::now();
    const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::printf("rows %zu read+design %.3f s re %.3f s within+hausman %.3f s coef_x1 %.10g hausman %.10g\n",
                design.nobs(), seconds(t0, t1), seconds(t1, t2), seconds(t2, t3), random.coef(1), test.stat);
    return 0;
}
