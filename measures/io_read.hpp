// Reading input-output tables (docs/measures.md, "Input-output tables"):
// - oecd: the OECD ICIO wide CSV: a first column of row labels, columns labelled COUNTRY_SECTOR
//   (intermediate use) and COUNTRY_CATEGORY (final demand), split at the first underscore; rows
//   COUNTRY_SECTOR, the value-added row (VA or VALU), the output row (OUT, OUTPUT or GO); other rows
//   (TLS, TAXSUB, ...) are other primary inputs; a total column (OUT, OUTPUT, TOTAL) is not read.
// - wiod: WIOD's WIOT layout: columns IndustryCode, IndustryDescription, Country, RNr, Year, then
//   <COUNTRY><n> (n <= N intermediate use of the n-th sector, n > N final demand category n), TOT (not read);
//   the rows of Country TOT are II_fob (a total, skipped), VA, GO and other primary inputs.
// - long: columns row_country, row_industry, col_country, col_use, value [, year]: col_use is an
//   industry (intermediate use) or a final-demand category; absent cells are zero; output from a
//   separate file (country, industry, output [, year]) or the row sums.
#pragma once

#include <string>
#include <vector>

#include "measures/io_table.hpp"

namespace gvcpanel::measures {

enum class IoLayout { oecd, wiod, long_format };

// "oecd", "wiod" or "long"; anything else is an Error listing them.
IoLayout parse_io_layout(const std::string& name);

// One table per year (a long file with a year column gives several, in the order of the years).
// `output_path` is used by the long layout only ("" = output is the row sums).
std::vector<IoTable> read_io_tables(const std::string& path, IoLayout layout, const std::string& output_path = "");

}  // namespace gvcpanel::measures
