// Significance stars: which symbol a p-value earns and the legend that explains them. The default is
// * 0.10, ** 0.05, *** 0.01 (Stata's esttab with star(* 0.10 ** 0.05 *** 0.01)); `none` prints none.
#pragma once

#include <string>
#include <vector>

namespace gvcpanel::reports {

struct StarLevel {
    std::string symbol;  // printed after the estimate ("**")
    double threshold;    // earned when p < threshold
};

struct Stars {
    // Least strict first; each threshold smaller than the one before.
    std::vector<StarLevel> levels = {{"*", 0.10}, {"**", 0.05}, {"***", 0.01}};

    // The symbol of the strictest level with p < threshold; "" for none or a missing p.
    std::string symbol(double p) const;
    // "* p<0.10, ** p<0.05, *** p<0.01"; "" without levels.
    std::string legend() const;
    void validate() const;
};

// "none"; "default"; thresholds "0.1,0.05,0.01" (symbols *, **, *** in that order); or pairs
// "+:0.1,*:0.05,**:0.01".
Stars parse_stars(const std::string& text);

}  // namespace gvcpanel::reports
