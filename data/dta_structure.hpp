// Whether a Stata .dta file of format 117 or later is whole. Such a file opens with a map of its
// sections' byte offsets; each section's tags must sit where the map puts them, the data section
// must hold the declared observations times the record width, the value-label tables must run
// exactly to the end of their section, and the file must end where the map says. ReadStat stops at
// the first value-label table it cannot read, without an error, so a file cut short there (or
// damaged) would otherwise be read as if whole, its labels lost.
// Layout: Stata's "dta file format" documentation (help dta), formats 117 to 119.
#pragma once

#include <string>
#include <string_view>

namespace gvcpanel::data {

// Throws Error "NAME: ... (SECTION, byte offset N)" for the first thing out of place.
void check_dta_structure(std::string_view bytes, int version, const std::string& name);

}  // namespace gvcpanel::data
