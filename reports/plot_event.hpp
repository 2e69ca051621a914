// The event-study plot (as fixest's iplot): effects against periods relative to treatment, with
// pointwise intervals and, when the result has one, the simultaneous band (Callaway-Sant'Anna's
// bootstrap sup-t band, drawn as wider light bars); the reference period drawn as a hollow point
// at zero; several results overlaid side by side in the colours of a legend. Event-time rows are
// the rows named "prefix::e" with a number e (event::-2 of cs and did-imputation, year::-2 of
// sunab(), rel::-2 of i(rel, ref = -1)); the prefix with the most rows is taken.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "estimators/result.hpp"

namespace gvcpanel::reports {

struct EventPlotOptions {
    double width = 800;                    // points (pixels for PNG)
    double height = 500;
    double level = 0.95;                   // pointwise intervals (the band keeps its own level)
    std::vector<std::string> model_names;  // legend entries; empty = from each result's estimator
    std::string title;                     // above the plot; empty = none

    void validate() const;
};

struct EventPoint {
    double time = 0;
    double estimate = 0, low = 0, high = 0;         // pointwise interval
    double band_low = std::nan(""), band_high = std::nan("");  // simultaneous band, when there is one
    bool reference = false;                          // the omitted (or fixed at 0) reference period
};

// The event-time rows of `result`, sorted by time, with its reference period(s): a row fixed at 0
// without a standard error, or (for regressions) an integer period missing between present ones.
// An Error when there are none (e.g. a cs result without --agg dynamic).
std::vector<EventPoint> event_points(const estimators::Result& result, double level);

// "Callaway-Sant'Anna", "Imputation (BJS)", "Sun-Abraham", "TWFE" ...: a legend entry for `result`.
std::string event_model_name(const estimators::Result& result);

void plot_event(const std::vector<estimators::Result>& results, const std::string& path,
                const EventPlotOptions& options = {});

}  // namespace gvcpanel::reports
