#include "data/time_periods.hpp"

#include <cstdio>

namespace gvcpanel::data {

namespace {

// Reads 1 to `most` digits at `at`; -1 when there are none or more.
int digits(std::string_view text, std::size_t& at, std::size_t least, std::size_t most) {
    std::size_t n = 0;
    int value = 0;
    while (at + n < text.size() && text[at + n] >= '0' && text[at + n] <= '9') {
        if (++n > most) return -1;
        value = value * 10 + (text[at + n - 1] - '0');
    }
    if (n < least) return -1;
    at += n;
    return value;
}

bool leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(std::int64_t year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar: whole 400-year eras of
// 146097 days, then the day of the era counting years from March (so that the leap day is last).
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t year_of_era = y - era * 400;
    const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

// The inverse of days_from_civil.
void civil_from_days(std::int64_t days, std::int64_t& year, int& month, int& day) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
    day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
    std::size_t at = 0;
    const int year = digits(text, at, 4, 4);
    if (year < 0 || at == text.size()) return std::nullopt;
    const char mark = text[at++];
    if (mark == 'Q' || mark == 'q') {
        const int quarter = digits(text, at, 1, 1);
        if (quarter < 1 || quarter > 4 || at != text.size()) return std::nullopt;
        return Period{DateFormat::quarterly, 4 * std::int64_t{year} + quarter - 1};
    }
    if (mark == 'm' || mark == 'M') {
        const int month = digits(text, at, 1, 2);
        if (month < 1 || month > 12 || at != text.size()) return std::nullopt;
        return Period{DateFormat::stata_monthly, 12 * std::int64_t{year} + month - 1};
    }
    if (mark != '-') return std::nullopt;
    const int month = digits(text, at, 1, 2);
    if (month < 1 || month > 12) return std::nullopt;
    if (at == text.size()) return Period{DateFormat::monthly, 12 * std::int64_t{year} + month - 1};
    if (text[at++] != '-') return std::nullopt;
    const int day = digits(text, at, 1, 2);
    if (day < 1 || day > days_in_month(year, month) || at != text.size()) return std::nullopt;
    return Period{DateFormat::daily, days_from_civil(year, month, day)};
}

std::string period_text(DateFormat format, std::int64_t number) {
    char buffer[48];
    switch (format) {
        case DateFormat::daily: {
            std::int64_t year = 0;
            int month = 0, day = 0;
            civil_from_days(number, year, month, day);
            std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02d", static_cast<long long>(year), month, day);
            break;
        }
        case DateFormat::monthly:
            std::snprintf(buffer, sizeof buffer, "%04lld-%02d", static_cast<long long>(floor_div(number, 12)),
                          static_cast<int>(number - 12 * floor_div(number, 12)) + 1);
            break;
        case DateFormat::stata_monthly:
            std::snprintf(buffer, sizeof buffer, "%04lldm%d", static_cast<long long>(floor_div(number, 12)),
                          static_cast<int>(number - 12 * floor_div(number, 12)) + 1);
            break;
        case DateFormat::quarterly:
            std::snprintf(buffer, sizeof buffer, "%04lldQ%d", static_cast<long long>(floor_div(number, 4)),
                          static_cast<int>(number - 4 * floor_div(number, 4)) + 1);
            break;
    }
    return buffer;
}

std::string describe(DateFormat format) {
    switch (format) {
        case DateFormat::daily: return "daily (2004-03-31)";
        case DateFormat::monthly: return "monthly (2004-03)";
        case DateFormat::stata_monthly: return "monthly (2004m3)";
        case DateFormat::quarterly: return "quarterly (2004Q1)";
    }
    return "";
}

}  // namespace gvcpanel::data
