// Which coefficient rows a table shows, in which order, and under which name. Entries of keep, drop
// and order are term names or patterns: an entry equal to a name selects that name; any other entry
// is an ECMAScript regular expression that must match the whole name ("year::.*", "l\(.*\)").
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gvcpanel::reports {

struct TermSelection {
    std::vector<std::string> keep;   // show only terms matching one of these (empty = all)
    std::vector<std::string> drop;   // hide terms matching one of these
    std::vector<std::string> order;  // terms matching these first, in this order; the rest follow
    std::vector<std::pair<std::string, std::string>> rename;  // old -> new name, exact; applied first,
                                                              // so models can share one row

    void validate() const;
};

// True when `entry` selects `name` (see above). An invalid pattern is an Error naming `option`.
bool selects(const std::string& entry, const std::string& name, const std::string& option);

// The new name of `name` under `selection.rename`, or `name`.
std::string renamed(const std::string& name, const TermSelection& selection);

// The rows to show, from the (renamed) term names in order of first appearance. An entry of keep,
// drop or order that selects no term is an Error (a typo would otherwise pass unnoticed).
std::vector<std::string> select_terms(const std::vector<std::string>& names, const TermSelection& selection);

}  // namespace gvcpanel::reports
