#include "data/xlsx_sheet.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <type_traits>

#include <fast_float/fast_float.h>

#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::data {

namespace {

// The entries of the .xlsx archive, read through libzip from the input's bytes.
class Archive {
public:
    explicit Archive(const InputFile& input) : path_(input.name()) {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t* source = zip_source_buffer_create(input.begin(), input.size(), 0, &error);
        archive_ = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
        if (!archive_) {
            if (source) zip_source_free(source);
            const std::string reason = zip_error_strerror(&error);
            zip_error_fini(&error);
            throw Error(path_ + ": cannot read it as an Excel .xlsx workbook (a zip archive): " + reason);
        }
    }
    ~Archive() { zip_discard(archive_); }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    const std::string& path() const { return path_; }
    // Part names are case-insensitive in Office Open XML (ECMA-376 part 2, 9.1.1).
    bool has(const std::string& name) const { return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0; }

    // The entry's bytes, a block at a time.
    void stream(const std::string& name, const std::function<void(const char*, std::size_t)>& sink) const {
        const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
        zip_file_t* file = index < 0 ? nullptr : zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
        if (!file) throw Error(path_ + ": not an Excel .xlsx workbook: it has no part '" + name + "'");
        std::array<char, 1 << 16> block;
        for (;;) {
            const zip_int64_t read = zip_fread(file, block.data(), block.size());
            if (read < 0) {
                const std::string reason = zip_error_strerror(zip_file_get_error(file));
                zip_fclose(file);
                throw Error(path_ + ": reading '" + name + "': " + reason);
            }
            if (read == 0) break;
            sink(block.data(), static_cast<std::size_t>(read));
        }
        zip_fclose(file);
    }

private:
    std::string path_;
    zip_t* archive_ = nullptr;
};

// The local part of an XML name: "r:id" -> "id", "x:sheet" -> "sheet".
std::string_view local(const char* name) {
    const std::string_view text(name);
    const auto colon = text.rfind(':');
    return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

// The attribute whose local name is `name`, or nullptr. With `prefixed`, only a prefixed one
// ("r:id", not "id").
const char* attribute(const char** attributes, std::string_view name, bool prefixed = false) {
    for (std::size_t i = 0; attributes[i]; i += 2) {
        const std::string_view full(attributes[i]);
        if (local(attributes[i]) == name && (!prefixed || full.find(':') != std::string_view::npos))
            return attributes[i + 1];
    }
    return nullptr;
}

// Element and text callbacks over one part of the archive, through expat.
struct XmlHandlers {
    std::function<void(std::string_view, const char**)> start = [](std::string_view, const char**) {};
    std::function<void(std::string_view)> end = [](std::string_view) {};
    std::function<void(std::string_view)> text = [](std::string_view) {};
};

void parse_part(const Archive& archive, const std::string& part, XmlHandlers& handlers) {
    struct ParserFree {
        void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
    };
    std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserFree> parser(XML_ParserCreate("UTF-8"));
    if (!parser) throw Error("reading an .xlsx workbook: out of memory for the XML parser");
    XML_SetUserData(parser.get(), &handlers);
    XML_SetElementHandler(
        parser.get(),
        [](void* data, const XML_Char* name, const XML_Char** attributes) {
            static_cast<XmlHandlers*>(data)->start(local(name), attributes);
        },
        [](void* data, const XML_Char* name) { static_cast<XmlHandlers*>(data)->end(local(name)); });
    XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
        static_cast<XmlHandlers*>(data)->text(std::string_view(text, static_cast<std::size_t>(length)));
    });
    const auto fail = [&] {
        return Error(archive.path() + ": '" + part + "' is not well-formed XML (line " +
                     std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                     XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
    };
    archive.stream(part, [&](const char* bytes, std::size_t size) {
        if (XML_Parse(parser.get(), bytes, static_cast<int>(size), 0) == XML_STATUS_ERROR) throw fail();
    });
    if (XML_Parse(parser.get(), nullptr, 0, 1) == XML_STATUS_ERROR) throw fail();
}

struct SheetEntry {
    std::string name;
    std::string relationship;  // r:id
};

struct Workbook {
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
};

Workbook read_workbook(const Archive& archive) {
    Workbook workbook;
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char** attributes) {
        if (name == "sheet") {
            const char* sheet_name = attribute(attributes, "name");
            const char* id = attribute(attributes, "id", true);
            if (sheet_name && id) workbook.sheets.push_back({sheet_name, id});
        } else if (name == "workbookPr") {
            const char* date1904 = attribute(attributes, "date1904");
            workbook.date1904 = date1904 && (std::string_view(date1904) == "1" || std::string_view(date1904) == "true");
        }
    };
    parse_part(archive, "xl/workbook.xml", handlers);
    if (workbook.sheets.empty()) throw Error(archive.path() + ": the workbook has no worksheet");
    return workbook;
}

// The part a sheet's relationship points to ("xl/worksheets/sheet1.xml").
std::string sheet_part(const Archive& archive, const std::string& relationship) {
    std::string target;
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char** attributes) {
        const char* id = attribute(attributes, "Id");
        const char* to = attribute(attributes, "Target");
        if (name == "Relationship" && id && to && relationship == id) target = to;
    };
    parse_part(archive, "xl/_rels/workbook.xml.rels", handlers);
    if (target.empty()) throw Error(archive.path() + ": the workbook names no part for its sheet '" + relationship + "'");
    return target.front() == '/' ? target.substr(1) : "xl/" + target;
}

std::vector<std::string> read_shared_strings(const Archive& archive) {
    std::vector<std::string> strings;
    if (!archive.has("xl/sharedStrings.xml")) return strings;
    std::string current;
    bool in_text = false;
    int phonetic = 0;  // inside <rPh>: a reading aid of East Asian text, not part of the string
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char**) {
        if (name == "si") current.clear();
        else if (name == "rPh") ++phonetic;
        else if (name == "t") in_text = phonetic == 0;
    };
    handlers.end = [&](std::string_view name) {
        if (name == "si") strings.push_back(current);
        else if (name == "rPh") --phonetic;
        else if (name == "t") in_text = false;
    };
    handlers.text = [&](std::string_view text) {
        if (in_text) current += text;
    };
    parse_part(archive, "xl/sharedStrings.xml", handlers);
    return strings;
}

// Excel's built-in number formats (ECMA-376 part 1, 18.8.30) that the file does not spell out.
std::string builtin_format(int id) {
    static const std::map<int, std::string> formats = {
        {1, "0"}, {2, "0.00"}, {3, "#,##0"}, {4, "#,##0.00"}, {9, "0%"}, {10, "0.00%"}, {11, "0.00E+00"},
        {12, "# ?/?"}, {13, "# ?\?/?\?"}, {14, "mm-dd-yy"}, {15, "d-mmm-yy"}, {16, "d-mmm"}, {17, "mmm-yy"},
        {18, "h:mm AM/PM"}, {19, "h:mm:ss AM/PM"}, {20, "h:mm"}, {21, "h:mm:ss"}, {22, "m/d/yy h:mm"},
        {37, "#,##0 ;(#,##0)"}, {38, "#,##0 ;[Red](#,##0)"}, {39, "#,##0.00;(#,##0.00)"},
        {40, "#,##0.00;[Red](#,##0.00)"}, {45, "mm:ss"}, {46, "[h]:mm:ss"}, {47, "mmss.0"},
        {48, "##0.0E+0"}, {49, "@"}};
    const auto it = formats.find(id);
    if (it != formats.end()) return it->second;
    // 27-36 and 50-58: East Asian date formats whose codes depend on the locale.
    if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return "yyyy-mm-dd";
    return "";
}

// The number format code of each cell style (the <xf> of <cellXfs>, indexed by a cell's s).
std::vector<std::string> read_cell_formats(const Archive& archive) {
    std::vector<std::string> formats;
    if (!archive.has("xl/styles.xml")) return formats;
    std::map<int, std::string> custom;
    std::vector<int> ids;
    bool in_cell_xfs = false;
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char** attributes) {
        const char* id = attribute(attributes, "numFmtId");
        if (name == "numFmt" && id) {
            const char* code = attribute(attributes, "formatCode");
            custom[std::atoi(id)] = code ? code : "";
        } else if (name == "cellXfs") {
            in_cell_xfs = true;
        } else if (name == "xf" && in_cell_xfs) {
            ids.push_back(id ? std::atoi(id) : 0);
        }
    };
    handlers.end = [&](std::string_view name) {
        if (name == "cellXfs") in_cell_xfs = false;
    };
    parse_part(archive, "xl/styles.xml", handlers);
    for (const int id : ids) {
        const auto it = custom.find(id);
        formats.push_back(it != custom.end() ? it->second : builtin_format(id));
    }
    return formats;
}

struct DateParts {
    bool date = false, time = false;  // the format shows a date part, a time part
};

// Whether a number format shows a date or a time: its letters d, m, y (date) or h, s (time)
// outside quoted text, escaped characters and [..] sections (colours, locales; [h] and [mm] are
// elapsed time). An m is minutes beside h or s, unless written mmm (a month's name).
DateParts date_parts(const std::string& format) {
    std::string letters, bracket;
    bool quoted = false, in_bracket = false;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(format[i])));
        if (quoted) {
            quoted = c != '"';
        } else if (in_bracket) {
            if (c != ']') {
                bracket += c;
                continue;
            }
            in_bracket = false;
            if (bracket.find_first_not_of("hms") == std::string::npos) letters += bracket;
            bracket.clear();
        } else if (c == '"') {
            quoted = true;
        } else if (c == '[') {
            in_bracket = true;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;  // the next character is shown as is, or repeated to fill
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            letters += c;
        }
    }
    const auto has = [&](const char* any) { return letters.find_first_of(any) != std::string::npos; };
    DateParts parts;
    parts.time = has("hs");
    parts.date = has("dy") || letters.find("mmm") != std::string::npos || (has("m") && !parts.time);
    return parts;
}

// The civil date of a day count from 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
std::array<int, 3> civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long y = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

// Excel's serial day as ISO text. 1900 system: day 1 is 1900-01-01 and day 60 the 1900-02-29
// that Excel counts (Lotus 1-2-3's leap-year error), so from day 61 on the count starts at
// 1899-12-30. 1904 system: day 0 is 1904-01-01.
std::string iso_date(double serial, bool date1904, DateParts parts) {
    long long days = static_cast<long long>(std::floor(serial));
    long long seconds = std::llround((serial - static_cast<double>(days)) * 86400.0);
    if (seconds >= 86400) {
        ++days;
        seconds -= 86400;
    }
    constexpr long long k1899_12_30 = -25569, k1899_12_31 = -25568, k1904_01_01 = -24107;  // days from 1970
    char text[40];
    std::string date;
    if (!date1904 && days == 60) {
        date = "1900-02-29";
    } else {
        const long long epoch = date1904 ? k1904_01_01 : days < 60 ? k1899_12_31 : k1899_12_30;
        const auto [y, m, d] = civil_from_days(epoch + days);
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        date = text;
    }
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    if (parts.time && !parts.date) return text;
    return parts.time || seconds != 0 ? date + " " + text : date;
}

// "B12" -> row 11, column 1; false when it is not a cell reference.
bool parse_reference(std::string_view reference, std::size_t& row, std::size_t& column) {
    std::size_t i = 0, col = 0, r = 0;
    while (i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])) && i < 3)
        col = col * 26 + static_cast<std::size_t>(std::toupper(static_cast<unsigned char>(reference[i++])) - 'A' + 1);
    if (i == 0 || i == reference.size()) return false;
    const auto [end, status] = std::from_chars(reference.data() + i, reference.data() + reference.size(), r);
    if (status != std::errc() || end != reference.data() + reference.size() || r == 0) return false;
    row = r - 1;
    column = col - 1;
    return true;
}

}  // namespace

std::string xlsx_cell_name(std::size_t row, std::size_t column) {
    std::string letters;
    for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row + 1);
}

std::vector<std::string> xlsx_sheet_names(const std::string& path) {
    const InputFile input(path);
    const Archive archive(input);
    std::vector<std::string> names;
    for (const auto& sheet : read_workbook(archive).sheets) names.push_back(sheet.name);
    return names;
}

XlsxSheet read_xlsx_sheet(const std::string& path, const std::string& sheet) {
    const InputFile input(path);
    return read_xlsx_sheet(input, sheet);
}

XlsxSheet read_xlsx_sheet(const InputFile& input, const std::string& sheet) {
    const std::string& path = input.name();
    const Archive archive(input);
    const Workbook workbook = read_workbook(archive);
    auto entry = workbook.sheets.begin();
    if (!sheet.empty()) {
        entry = std::find_if(workbook.sheets.begin(), workbook.sheets.end(),
                             [&](const SheetEntry& e) { return e.name == sheet; });
        if (entry == workbook.sheets.end()) {
            std::vector<std::string> names;
            std::string list;
            for (const auto& e : workbook.sheets) {
                names.push_back(e.name);
                list += (list.empty() ? "'" : ", '") + e.name + "'";
            }
            throw Error(path + ": no sheet '" + sheet + "'" + did_you_mean(sheet, names) + " (sheets: " + list + ")");
        }
    }
    const auto shared = read_shared_strings(archive);
    const auto formats = read_cell_formats(archive);
    const std::string part = sheet_part(archive, entry->relationship);

    XlsxSheet out;
    out.name = entry->name;
    std::size_t row = 0, next_row = 0, next_column = 0;
    std::string type, value, inline_text;
    std::size_t style = 0;
    bool in_cell = false, in_value = false, in_inline = false;
    int phonetic = 0;
    XlsxCell cell;
    const auto error = [&](const std::string& what) {
        return Error(path + " (sheet '" + out.name + "') cell " + xlsx_cell_name(cell.row, cell.column) + ": " + what);
    };
    XmlHandlers handlers;
    handlers.start = [&](std::string_view name, const char** attributes) {
        if (name == "row") {
            const char* r = attribute(attributes, "r");
            std::size_t number = 0;
            row = r && std::from_chars(r, r + std::strlen(r), number).ec == std::errc() && number > 0 ? number - 1 : next_row;
            next_row = row + 1;
            next_column = 0;
        } else if (name == "c") {
            in_cell = true;
            cell = XlsxCell{};
            cell.row = row;
            cell.column = next_column;
            if (const char* r = attribute(attributes, "r"); r && !parse_reference(r, cell.row, cell.column))
                throw Error(path + " (sheet '" + out.name + "'): '" + r + "' is not a cell reference");
            next_column = cell.column + 1;
            const char* t = attribute(attributes, "t");
            type = t ? t : "n";
            const char* s = attribute(attributes, "s");
            style = s ? static_cast<std::size_t>(std::atol(s)) : 0;
            value.clear();
            inline_text.clear();
        } else if (in_cell && name == "v") {
            in_value = true;
        } else if (in_cell && name == "rPh") {
            ++phonetic;
        } else if (in_cell && name == "t") {
            in_inline = phonetic == 0;
        }
    };
    handlers.text = [&](std::string_view text) {
        if (in_value) value += text;
        else if (in_inline) inline_text += text;
    };
    handlers.end = [&](std::string_view name) {
        if (name == "v") in_value = false;
        else if (name == "t") in_inline = false;
        else if (name == "rPh") --phonetic;
        if (name != "c") return;
        in_cell = false;
        cell.format = style < formats.size() ? formats[style] : "";
        if (type == "s") {
            std::size_t index = 0;
            const auto [end, status] = std::from_chars(value.data(), value.data() + value.size(), index);
            if (status != std::errc() || end != value.data() + value.size() || index >= shared.size())
                throw error("refers to shared string '" + value + "', which the workbook does not have");
            cell.kind = XlsxCell::Kind::text;
            cell.text = shared[index];
        } else if (type == "inlineStr") {
            cell.kind = XlsxCell::Kind::text;
            cell.text = inline_text;
        } else if (type == "str") {
            cell.kind = XlsxCell::Kind::text;
            cell.text = value;
        } else if (type == "b") {
            cell.kind = XlsxCell::Kind::boolean;
            cell.number = value == "1" ? 1 : 0;
            cell.text = value == "1" ? "TRUE" : "FALSE";
        } else if (type == "e") {
            cell.kind = XlsxCell::Kind::error;
            cell.text = value;
        } else if (type == "d") {
            cell.kind = XlsxCell::Kind::date;
            cell.text = value.size() > 10 && value[10] == 'T' ? value.substr(0, 10) + " " + value.substr(11, 8) : value;
        } else {
            if (value.empty()) return;  // a formatted cell without a value
            const auto result = fast_float::from_chars(value.data(), value.data() + value.size(), cell.number);
            if (result.ec != std::errc() || result.ptr != value.data() + value.size())
                throw error("the number '" + value + "' cannot be read");
            cell.text = value;
            const auto parts = date_parts(cell.format);
            if (parts.date || parts.time) {
                cell.kind = XlsxCell::Kind::date;
                cell.text = iso_date(cell.number, workbook.date1904, parts);
            } else {
                cell.kind = XlsxCell::Kind::number;
            }
        }
        out.cells.push_back(std::move(cell));
    };
    parse_part(archive, part, handlers);
    return out;
}

}  // namespace gvcpanel::data
