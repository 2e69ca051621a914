// The three layouts are turned into labelled cells (row: country-sector or a special row; column:
// country-sector, country-category or the output column) and assembled into an IoTable by one
// routine, which checks that every country has the same sectors and final-demand categories.
#include "measures/io_read.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>

#include "data/error.hpp"
#include "data/read.hpp"

namespace gvcpanel::measures {

std::string IoTable::label(std::size_t row) const {
    return countries[row / N()] + "_" + sectors[row % N()];
}

namespace {

enum class RowKind { sector, value_added, output, other, skip };
enum class ColKind { sector, final_demand, skip };

struct RowLabel {
    RowKind kind;
    std::string country, sector;
};
struct ColLabel {
    ColKind kind;
    std::string country, use;
};

using Cell = std::function<double(std::size_t row, std::size_t col)>;  // NaN = missing

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
    return out;
}

// Appends `name` to `list` unless present; returns its index.
std::size_t index_in(std::vector<std::string>& list, const std::string& name) {
    const auto it = std::find(list.begin(), list.end(), name);
    if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
    list.push_back(name);
    return list.size() - 1;
}

// Builds the table from labelled rows and columns. Every country-sector must appear once as a row
// and once as a column; every country the same sectors and categories.
IoTable assemble(const std::string& source, const std::vector<RowLabel>& rows, const std::vector<ColLabel>& cols,
                 const Cell& cell, const std::function<std::string(std::size_t, std::size_t)>& where) {
    IoTable t;
    t.source = source;
    std::map<std::string, std::vector<std::string>> sectors_of, categories_of;
    for (const auto& c : cols) {
        if (c.kind == ColKind::sector) {
            index_in(t.countries, c.country);
            auto& list = sectors_of[c.country];
            if (std::find(list.begin(), list.end(), c.use) != list.end())
                throw Error(source + ": column " + c.country + "_" + c.use + " appears twice");
            list.push_back(c.use);
        }
    }
    if (t.countries.empty()) throw Error(source + ": no intermediate-use columns (COUNTRY_SECTOR) found");
    t.sectors = sectors_of[t.countries[0]];
    for (const auto& c : cols)
        if (c.kind == ColKind::final_demand) {
            if (!sectors_of.count(c.country))
                throw Error(source + ": final-demand column " + c.country + "_" + c.use + " names a country without sectors");
            categories_of[c.country].push_back(c.use);
        }
    const auto first_fd = categories_of[t.countries[0]];
    t.fd_categories = first_fd;
    for (const auto& country : t.countries) {
        if (sectors_of[country] != t.sectors)
            throw Error(source + ": country " + country + " does not have the sectors of " + t.countries[0] +
                        " in the same order (" + joined(sectors_of[country]) + " against " + joined(t.sectors) +
                        "; a row label is needed for every COUNTRY_SECTOR column)");
        if (categories_of[country] != t.fd_categories)
            throw Error(source + ": country " + country + " does not have the final-demand categories of " + t.countries[0]);
    }
    if (t.fd_categories.empty()) throw Error(source + ": no final-demand columns (COUNTRY_CATEGORY) found");
    const std::size_t G = t.G(), N = t.N(), K = t.fd_categories.size();
    auto position = [&](const std::string& country, const std::string& name, const std::vector<std::string>& list,
                        std::size_t width) -> std::size_t {
        const auto g = std::find(t.countries.begin(), t.countries.end(), country) - t.countries.begin();
        const auto k = std::find(list.begin(), list.end(), name) - list.begin();
        if (static_cast<std::size_t>(g) == G || static_cast<std::size_t>(k) == list.size()) return SIZE_MAX;
        return static_cast<std::size_t>(g) * width + static_cast<std::size_t>(k);
    };
    std::vector<std::size_t> col_at(cols.size(), SIZE_MAX);
    for (std::size_t j = 0; j < cols.size(); ++j) {
        if (cols[j].kind == ColKind::sector) col_at[j] = position(cols[j].country, cols[j].use, t.sectors, N);
        if (cols[j].kind == ColKind::final_demand) col_at[j] = position(cols[j].country, cols[j].use, t.fd_categories, K);
    }
    t.intermediate.zeros(G * N, G * N);
    t.final_demand.zeros(G * N, G * K);
    t.other_inputs.zeros(G * N);
    arma::vec given_output, value_added;
    std::vector<char> seen(G * N, 0);
    auto number = [&](std::size_t i, std::size_t j) {
        const double v = cell(i, j);
        if (!std::isfinite(v)) throw Error(where(i, j) + ": missing or non-finite value in the table");
        return v;
    };
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        if (r.kind == RowKind::skip) continue;
        if (r.kind == RowKind::sector) {
            const std::size_t at = position(r.country, r.sector, t.sectors, N);
            if (at == SIZE_MAX)
                throw Error(where(i, 0) + ": row " + r.country + "_" + r.sector + " has no column of the same name");
            if (seen[at]++) throw Error(where(i, 0) + ": row " + r.country + "_" + r.sector + " appears twice");
            for (std::size_t j = 0; j < cols.size(); ++j) {
                if (cols[j].kind == ColKind::sector) t.intermediate(at, col_at[j]) = number(i, j);
                else if (cols[j].kind == ColKind::final_demand) t.final_demand(at, col_at[j]) = number(i, j);
            }
            continue;
        }
        arma::vec values(G * N);
        for (std::size_t j = 0; j < cols.size(); ++j)
            if (cols[j].kind == ColKind::sector) values(col_at[j]) = number(i, j);
        if (r.kind == RowKind::output) given_output = values;
        else if (r.kind == RowKind::value_added) value_added = values;
        else t.other_inputs += values;
    }
    for (std::size_t at = 0; at < G * N; ++at)
        if (!seen[at]) throw Error(source + ": no row for " + t.label(at));
    t.value_added = value_added;
    t.output_given = !given_output.empty();
    t.output = t.output_given ? given_output
                              : arma::vec(arma::sum(t.intermediate, 1) + arma::sum(t.final_demand, 1));
    return t;
}

bool is_one_of(const std::string& label, std::initializer_list<const char*> names) {
    const std::string u = upper(label);
    for (const char* n : names)
        if (u == n) return true;
    return false;
}

IoTable read_oecd(const std::string& path) {
    const data::Frame frame = data::read_csv(path);
    if (frame.cols() < 3) throw Error(path + ": a wide input-output table needs a label column and value columns");
    const auto& labels = frame.column(std::size_t{0});
    std::set<std::string> row_names;
    for (std::size_t i = 0; i < frame.rows(); ++i) row_names.insert(labels.text(i));
    std::vector<ColLabel> cols;
    for (std::size_t j = 1; j < frame.cols(); ++j) {
        const std::string& name = frame.column(j).name;
        const auto cut = name.find('_');
        if (is_one_of(name, {"OUT", "OUTPUT", "TOTAL", "TOT", "GO"})) cols.push_back({ColKind::skip, "", ""});
        else if (cut == std::string::npos || cut == 0 || cut + 1 == name.size())
            throw Error(path + ": column '" + name + "' is not COUNTRY_SECTOR, COUNTRY_CATEGORY or an output column (OUT, TOTAL)");
        else if (row_names.count(name)) cols.push_back({ColKind::sector, name.substr(0, cut), name.substr(cut + 1)});
        else cols.push_back({ColKind::final_demand, name.substr(0, cut), name.substr(cut + 1)});
    }
    std::set<std::string> sector_columns;
    for (const auto& c : cols)
        if (c.kind == ColKind::sector) sector_columns.insert(c.country + "_" + c.use);
    std::vector<RowLabel> rows;
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        const std::string name = labels.text(i);
        const auto cut = name.find('_');
        if (is_one_of(name, {"VA", "VALU"})) rows.push_back({RowKind::value_added, "", ""});
        else if (is_one_of(name, {"OUT", "OUTPUT", "GO"})) rows.push_back({RowKind::output, "", ""});
        else if (cut != std::string::npos && sector_columns.count(name))
            rows.push_back({RowKind::sector, name.substr(0, cut), name.substr(cut + 1)});
        else rows.push_back({RowKind::other, "", ""});
    }
    auto cell = [&](std::size_t i, std::size_t j) { return frame.column(j + 1).number(i); };
    auto where = [&](std::size_t i, std::size_t j) {
        return path + ":" + std::to_string(i + 2) + " (row " + labels.text(i) + ", column " + frame.column(j + 1).name + ")";
    };
    return assemble(path, rows, cols, cell, where);
}

IoTable read_wiod(const std::string& path) {
    data::ReadOptions options;
    options.text_columns = {"IndustryCode", "Country"};
    const data::Frame frame = data::read_csv(path, options);
    for (const char* name : {"IndustryCode", "IndustryDescription", "Country", "RNr", "Year"})
        if (!frame.has(name)) throw Error(path + ": a WIOD table needs the column " + std::string(name));
    const auto& code = frame.column("IndustryCode");
    const auto& country = frame.column("Country");
    std::size_t n_sectors = 0;
    for (std::size_t i = 0; i < frame.rows(); ++i)
        if (country.text(i) != "TOT") n_sectors = std::max(n_sectors, static_cast<std::size_t>(frame.column("RNr").number(i)));
    std::map<std::size_t, std::string> sector_code;  // RNr -> IndustryCode
    std::vector<RowLabel> rows;
    for (std::size_t i = 0; i < frame.rows(); ++i) {
        const std::string c = code.text(i);
        if (country.text(i) != "TOT") {
            sector_code[static_cast<std::size_t>(frame.column("RNr").number(i))] = c;
            rows.push_back({RowKind::sector, country.text(i), c});
        } else if (c == "VA") rows.push_back({RowKind::value_added, "", ""});
        else if (c == "GO") rows.push_back({RowKind::output, "", ""});
        else if (c == "II_fob") rows.push_back({RowKind::skip, "", ""});
        else rows.push_back({RowKind::other, "", ""});
    }
    std::vector<ColLabel> cols;
    std::vector<std::size_t> value_columns;
    for (std::size_t j = 0; j < frame.cols(); ++j) {
        const std::string& name = frame.column(j).name;
        if (name == "IndustryCode" || name == "IndustryDescription" || name == "Country" || name == "RNr" || name == "Year")
            continue;
        value_columns.push_back(j);
        if (name == "TOT") { cols.push_back({ColKind::skip, "", ""}); continue; }
        const auto digits = name.find_first_of("0123456789");
        if (digits == 0 || digits == std::string::npos || name.find_first_not_of("0123456789", digits) != std::string::npos)
            throw Error(path + ": column '" + name + "' is not COUNTRY<number> (as AUS1) or TOT");
        const std::size_t n = std::stoul(name.substr(digits));
        if (n <= n_sectors) {
            if (!sector_code.count(n)) throw Error(path + ": column '" + name + "' names sector " + std::to_string(n) + ", which has no row");
            cols.push_back({ColKind::sector, name.substr(0, digits), sector_code[n]});
        } else cols.push_back({ColKind::final_demand, name.substr(0, digits), name.substr(digits)});
    }
    auto cell = [&](std::size_t i, std::size_t j) { return frame.column(value_columns[j]).number(i); };
    auto where = [&](std::size_t i, std::size_t j) {
        return path + ":" + std::to_string(i + 2) + " (row " + country.text(i) + " " + code.text(i) + ", column " +
               frame.column(value_columns[j]).name + ")";
    };
    IoTable t = assemble(path, rows, cols, cell, where);
    t.year = frame.column("Year").text(0);
    for (std::size_t i = 1; i < frame.rows(); ++i)
        if (frame.column("Year").text(i) != t.year)
            throw Error(path + ":" + std::to_string(i + 2) + ": a WIOD file holds one year (" + t.year + " and " +
                        frame.column("Year").text(i) + " found)");
    return t;
}

std::vector<IoTable> read_long(const std::string& path, const std::string& output_path) {
    data::ReadOptions options;
    options.text_columns = {"row_country", "row_industry", "col_country", "col_use"};
    const data::Frame frame = data::read_csv(path, options);
    for (const char* name : {"row_country", "row_industry", "col_country", "col_use", "value"})
        if (!frame.has(name)) throw Error(path + ": a long input-output file needs the column " + std::string(name));
    const bool by_year = frame.has("year");
    std::vector<std::string> years;
    for (std::size_t i = 0; i < frame.rows(); ++i) index_in(years, by_year ? frame.column("year").text(i) : "");
    std::vector<std::string> sectors;
    for (std::size_t i = 0; i < frame.rows(); ++i) index_in(sectors, frame.column("row_industry").text(i));
    const std::set<std::string> sector_set(sectors.begin(), sectors.end());

    std::map<std::string, std::map<std::pair<std::string, std::string>, double>> given_output;  // year -> (country, industry)
    if (!output_path.empty()) {
        data::ReadOptions o;
        o.text_columns = {"country", "industry"};
        const data::Frame out = data::read_csv(output_path, o);
        for (const char* name : {"country", "industry", "output"})
            if (!out.has(name)) throw Error(output_path + ": the output file needs the column " + std::string(name));
        for (std::size_t i = 0; i < out.rows(); ++i)
            given_output[out.has("year") ? out.column("year").text(i) : ""][{out.column("country").text(i), out.column("industry").text(i)}] =
                out.column("output").number(i);
    }
    std::vector<IoTable> tables;
    for (const auto& year : years) {
        std::vector<std::size_t> lines;
        for (std::size_t i = 0; i < frame.rows(); ++i)
            if (!by_year || frame.column("year").text(i) == year) lines.push_back(i);
        // Cells keyed by (row label, column label), in order of appearance.
        std::vector<std::string> row_keys, col_keys;
        std::vector<RowLabel> rows;
        std::vector<ColLabel> cols;
        std::map<std::pair<std::size_t, std::size_t>, std::size_t> cell_line;
        for (const std::size_t i : lines) {
            const std::string rc = frame.column("row_country").text(i), ri = frame.column("row_industry").text(i);
            const std::string cc = frame.column("col_country").text(i), cu = frame.column("col_use").text(i);
            const std::size_t r = index_in(row_keys, rc + "\x1f" + ri);
            if (r == rows.size()) rows.push_back({RowKind::sector, rc, ri});
            const std::size_t c = index_in(col_keys, cc + "\x1f" + cu);
            if (c == cols.size()) cols.push_back({sector_set.count(cu) ? ColKind::sector : ColKind::final_demand, cc, cu});
            if (!cell_line.emplace(std::pair{r, c}, i).second)
                throw Error(path + ":" + std::to_string(i + 2) + ": the cell " + rc + "_" + ri + " -> " + cc + "_" + cu +
                            " appears twice" + (by_year ? " in year " + year : ""));
        }
        // Columns in the order of the row countries and industries (absent cells leave gaps in the
        // order of appearance), final-demand categories in their order of appearance.
        std::vector<std::string> countries, categories;
        for (const auto& r : rows) index_in(countries, r.country);
        for (const auto& c : cols)
            if (c.kind == ColKind::final_demand) index_in(categories, c.use);
        std::vector<std::size_t> order(cols.size());
        std::iota(order.begin(), order.end(), 0);
        auto rank = [&](const ColLabel& c) {
            const std::size_t within = c.kind == ColKind::sector ? index_in(sectors, c.use) : sectors.size() + index_in(categories, c.use);
            return std::pair{index_in(countries, c.country), within};
        };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank(cols[a]) < rank(cols[b]); });
        std::vector<ColLabel> sorted;
        for (const std::size_t c : order) sorted.push_back(cols[c]);
        auto cell = [&](std::size_t r, std::size_t c) {
            const auto it = cell_line.find({r, order[c]});
            return it == cell_line.end() ? 0.0 : frame.column("value").number(it->second);
        };
        auto where = [&](std::size_t r, std::size_t sorted_c) {
            const std::size_t c = order[sorted_c];
            const auto it = cell_line.find({r, c});
            return path + (it == cell_line.end() ? "" : ":" + std::to_string(it->second + 2)) + " (" + rows[r].country + "_" +
                   rows[r].sector + " -> " + cols[c].country + "_" + cols[c].use + ")";
        };
        IoTable t = assemble(path, rows, sorted, cell, where);
        t.year = year;
        if (!output_path.empty()) {
            const auto found = given_output.find(year);
            if (found == given_output.end())
                throw Error(output_path + ": no output" + (year.empty() ? "" : " for year " + year));
            for (std::size_t at = 0; at < t.GN(); ++at) {
                const auto it = found->second.find({t.countries[at / t.N()], t.sectors[at % t.N()]});
                if (it == found->second.end() || !std::isfinite(it->second))
                    throw Error(output_path + ": no output for " + t.label(at) + (year.empty() ? "" : " in year " + year));
                t.output(at) = it->second;
            }
            t.output_given = true;
        }
        tables.push_back(std::move(t));
    }
    return tables;
}

}  // namespace

IoLayout parse_io_layout(const std::string& name) {
    if (name == "oecd") return IoLayout::oecd;
    if (name == "wiod") return IoLayout::wiod;
    if (name == "long") return IoLayout::long_format;
    throw Error("--layout '" + name + "': expected oecd, wiod or long");
}

std::vector<IoTable> read_io_tables(const std::string& path, IoLayout layout, const std::string& output_path) {
    if (!output_path.empty() && layout != IoLayout::long_format)
        throw Error("--output is for the long layout; the oecd and wiod layouts carry an output row");
    switch (layout) {
        case IoLayout::oecd: return {read_oecd(path)};
        case IoLayout::wiod: return {read_wiod(path)};
        case IoLayout::long_format: return read_long(path, output_path);
    }
    return {};
}

}  // namespace gvcpanel::measures
