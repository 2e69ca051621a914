// The demo's staggered policy (data/simulate_staggered.hpp): two-way fixed effects next to the
// robust estimators on the simulated development zones, with the true ATT, and their event study.
#pragma once

#include <filesystem>

#include "data/simulate.hpp"

namespace gvcpanel::cli {

// Prints the table of ATTs and writes staggered.{txt,json} and staggered_event.png into `out`.
void demo_staggered_policy(const data::Simulation& simulation, const std::filesystem::path& out);

}  // namespace gvcpanel::cli
