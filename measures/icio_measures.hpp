// What `gvcpanel measures icio` computes for each table, as one tidy frame: the KWW terms by
// country, the WWZ terms by exporter, sector and importer, or GVC indicators by country or by
// country and sector; a year key when the tables have years (docs/measures.md).
#pragma once

#include <string>
#include <vector>

#include "data/frame.hpp"
#include "measures/io_table.hpp"

namespace gvcpanel::measures {

struct IcioRequest {
    std::string decomposition;             // "", "kww" or "wwz"
    std::vector<std::string> indicators;   // backward, forward, participation, position, upstreamness, downstreamness
};

// Checks the request before any table is read: unknown names, indicators that do not share the
// rows of the decomposition (or of each other) are Errors saying what to run instead.
void validate(const IcioRequest& request);

// The tables' intermediate flows are consumed (each becomes its system's A).
data::Frame icio_measures(std::vector<IoTable> tables, const IcioRequest& request);

}  // namespace gvcpanel::measures
