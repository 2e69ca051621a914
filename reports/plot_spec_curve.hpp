// The specification curve (Simonsohn, Simmons and Nelson 2020): the estimate of one coefficient
// across many specifications, sorted, with confidence intervals (above), and below it an indicator
// panel that marks which choice of each category (sample, controls, fixed effects...) every
// specification made. Specifications of different outcomes whose estimates differ in scale are
// drawn in side-by-side panels (facets), each sorted and with its own vertical axis, over the one
// indicator panel. The batch runner fills the plain input; any other source can too.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "estimators/result.hpp"
#include "reports/plot_canvas.hpp"
#include "reports/show.hpp"

namespace gvcpanel::reports {

struct Specification {
    double estimate = 0;
    double ci_low = 0;
    double ci_high = 0;
    std::vector<std::pair<std::string, std::string>> choices;  // (category, value): ("FE", "firm + year")
    bool primary = false;                                       // the one the paper reports: highlighted
    std::string facet = {};                                     // the outcome: facets when scales differ
};

// What marks the primary specification (Okabe and Ito's vermillion; the others are blue or grey).
inline constexpr Color kPrimaryColor{0.835, 0.369, 0.000};

struct SpecCurveOptions {
    double width = 900;                  // points (pixels for PNG)
    double height = 0;                   // 0 = from the number of choices
    std::string title;                   // above the plot; empty = none
    std::string estimate_label = "Estimate";  // the title of the upper panel's axis
    // One panel per facet (outcome): automatic when the largest facet's extent from zero (of its
    // intervals) is more than kFacetScaleRatio times the smallest's, always, or never.
    Show facets = Show::automatic;

    void validate() const;
};

inline constexpr double kFacetScaleRatio = 3;

// The specification of `term` in a fitted model: its estimate and interval at `level` (as the
// coefficient plot draws it), its facet the outcome; a term the result lacks is an Error listing
// the closest names.
Specification specification(const estimators::Result& result, const std::string& term,
                            std::vector<std::pair<std::string, std::string>> choices, double level = 0.95);

// Writes the plot to `path` (.png, .svg or .pdf). Specifications whose interval excludes zero are
// drawn in blue, the others in grey; a primary one in kPrimaryColor with a larger dot, labelled
// "primary", and its marks in the indicator panel likewise.
void plot_spec_curve(const std::vector<Specification>& specifications, const std::string& path,
                     const SpecCurveOptions& options = {});

}  // namespace gvcpanel::reports
