// The accounting identities of an input-output table: by row, output = intermediate use + final
// use; by column (when the table gives value added), output = intermediate inputs + other primary
// inputs + value added. Gaps larger than rtol * |output| are reported with their size.
#pragma once

#include <string>
#include <vector>

#include "measures/io_table.hpp"

namespace gvcpanel::measures {

struct IdentityGap {
    std::string identity;  // "output = intermediate use + final use" or "output = inputs + value added"
    std::string where;     // the country-sector
    double output = 0, sum = 0;  // the output and the sum it should equal
};

struct IdentityReport {
    std::vector<IdentityGap> gaps;  // largest relative gap first
    bool rows_checked = false;      // the file gave output
    bool columns_checked = false;   // the file gave value added and output
};

IdentityReport check_identities(const IoTable& table, double rtol);

// One line per gap (at most `limit`, then how many more), for standard error.
std::string describe(const IdentityReport& report, const std::string& source, std::size_t limit = 10);

}  // namespace gvcpanel::measures
