// Dates as a panel's time. A time column of text whose values are dates, all written one way,
// becomes ordered periods with their gaps: 2004-03-31 (daily), 2004-03 (monthly), 2004m3 (Stata's
// monthly), 2004Q1 or 2004q1 (quarterly). Periods are numbered consecutively within their
// frequency (days since 1970-01-01; 12 * year + month - 1; 4 * year + quarter - 1), so that one
// period apart is one step of l(), f() and d(), and a missing month or quarter is a gap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gvcpanel::data {

enum class DateFormat { daily, monthly, stata_monthly, quarterly };

struct Period {
    DateFormat format = DateFormat::daily;
    std::int64_t number = 0;  // consecutive within the format's frequency
};

// The period a text names, or none when it is not a valid date in one of the four formats
// (a four-digit year; 2004-02-30 is not a date).
std::optional<Period> parse_period(std::string_view text);

// How a period is written in its format: 2004-03-31, 2004-03, 2004m3, 2004Q1.
std::string period_text(DateFormat format, std::int64_t number);

// The format with an example, for messages: "quarterly (2004Q1)".
std::string describe(DateFormat format);

}  // namespace gvcpanel::data
