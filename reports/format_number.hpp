// How a table prints a number: a fixed count of decimals (never "-0.000"), or a count without
// decimals. Every renderer goes through these two functions, so all formats show the same digits.
#pragma once

#include <string>

namespace gvcpanel::reports {

// `x` with `digits` decimals; "" for NaN; a value that rounds to zero loses its minus sign.
std::string fixed(double x, int digits);

// `x` rounded to a whole number ("1000"); "" for NaN.
std::string whole(double x);

// `text` between two brackets: enclosed('(', "0.045", ')') is "(0.045)".
std::string enclosed(char open, const std::string& text, char close);

}  // namespace gvcpanel::reports
