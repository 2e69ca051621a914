// read_dta: Stata .dta files (formats 114 to 119, and the older 104 to 113 that ReadStat also
// reads) through ReadStat's callback parser, reading from memory (a mapped file or a pipe read
// whole) through our own I/O handlers, which also record the first read that came up short. The
// format is checked first so that a newer file (Stata 18's format 120 and 121) gets a message
// naming its version; then the file must be whole: formats 117 and later by their section map
// (dta_structure.hpp), older ones by ReadStat's walk over the value labels ending exactly at the
// end of the file. Numbers are collected as doubles and typed at the end: byte, int and long become
// integer columns, float and double numeric; value labels are kept beside the numbers, as Stata.
#include <readstat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/dta_structure.hpp"
#include "data/error.hpp"
#include "data/names.hpp"
#include "data/read.hpp"

namespace gvcpanel::data {
namespace {

struct Variable {
    std::string name;
    std::string label;
    std::string label_set;  // value-label set name; empty when none
    readstat_type_t type = READSTAT_TYPE_DOUBLE;
    std::vector<double> numbers;               // numeric types; NaN = missing
    std::vector<std::int32_t> codes;           // strings: codes into `levels`, kMissingCode = ""
    std::vector<std::string> levels;
    std::unordered_map<std::string, std::int32_t> level_codes;
};

struct Context {
    const ReadOptions* options = nullptr;
    std::size_t rows = 0;
    std::vector<std::string> all_names;
    std::vector<Variable> variables;
    std::vector<std::size_t> slot;  // ReadStat variable index -> position in `variables`
    std::map<std::string, std::map<double, std::string>> label_sets;
    std::vector<std::pair<std::string, std::string>> label_set_uses;  // (variable, value-label set), all variables
    std::string parse_message;
};

// ReadStat's texts, which a damaged file can leave null.
std::string text_of(const char* text) { return text == nullptr ? std::string() : std::string(text); }

// ReadStat's I/O on bytes in memory; `short_at` is where the first read or seek that could not be
// done whole started (npos while none).
struct MemoryIo {
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
    const char* data = nullptr;
    std::size_t size = 0;
    std::size_t position = 0;
    std::size_t short_at = npos;

    void came_up_short() {
        if (short_at == npos) short_at = position;
    }
};

int io_open(const char*, void* io) {
    static_cast<MemoryIo*>(io)->position = 0;
    return 0;
}

int io_close(void*) { return 0; }

readstat_off_t io_seek(readstat_off_t offset, readstat_io_flags_t whence, void* io_pointer) {
    auto& io = *static_cast<MemoryIo*>(io_pointer);
    const auto base = static_cast<readstat_off_t>(whence == READSTAT_SEEK_SET   ? 0
                                                  : whence == READSTAT_SEEK_CUR ? io.position
                                                                                : io.size);
    if (offset > 0 ? offset > static_cast<readstat_off_t>(io.size) - base : -offset > base) {
        io.came_up_short();
        return -1;
    }
    io.position = static_cast<std::size_t>(base + offset);
    return static_cast<readstat_off_t>(io.position);
}

ssize_t io_read(void* buffer, size_t bytes, void* io_pointer) {
    auto& io = *static_cast<MemoryIo*>(io_pointer);
    const std::size_t got = std::min(bytes, io.size - io.position);
    if (got < bytes) io.came_up_short();
    if (got > 0) std::memcpy(buffer, io.data + io.position, got);
    io.position += got;
    return static_cast<ssize_t>(got);
}

readstat_error_t io_update(long, readstat_progress_handler, void*, void*) { return READSTAT_OK; }

void on_error(const char* message, void* user) {
    auto& context = *static_cast<Context*>(user);
    if (context.parse_message.empty()) context.parse_message = text_of(message);
}

bool is_string(readstat_type_t type) {
    return type == READSTAT_TYPE_STRING || type == READSTAT_TYPE_STRING_REF;
}

bool is_integer(readstat_type_t type) {
    return type == READSTAT_TYPE_INT8 || type == READSTAT_TYPE_INT16 || type == READSTAT_TYPE_INT32;
}

int on_metadata(readstat_metadata_t* metadata, void* user) {
    auto& context = *static_cast<Context*>(user);
    const int rows = readstat_get_row_count(metadata);
    context.rows = rows > 0 ? static_cast<std::size_t>(rows) : 0;
    const int variables = readstat_get_var_count(metadata);
    context.slot.assign(variables > 0 ? static_cast<std::size_t>(variables) : 0, 0);
    return READSTAT_HANDLER_OK;
}

int on_variable(int index, readstat_variable_t* variable, const char* label_set, void* user) {
    auto& context = *static_cast<Context*>(user);
    const std::string name = text_of(readstat_variable_get_name(variable));
    context.all_names.push_back(name);
    if (label_set != nullptr && *label_set != '\0') context.label_set_uses.emplace_back(name, label_set);
    const auto& wanted = context.options->columns;
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end())
        return READSTAT_HANDLER_SKIP_VARIABLE;
    Variable v;
    v.name = name;
    v.label = text_of(readstat_variable_get_label(variable));
    if (label_set != nullptr) v.label_set = label_set;
    v.type = readstat_variable_get_type(variable);
    if (is_string(v.type))
        v.codes.assign(context.rows, kMissingCode);
    else
        v.numbers.assign(context.rows, std::numeric_limits<double>::quiet_NaN());
    if (static_cast<std::size_t>(index) >= context.slot.size()) context.slot.resize(static_cast<std::size_t>(index) + 1);
    context.slot[static_cast<std::size_t>(index)] = context.variables.size();
    context.variables.push_back(std::move(v));
    return READSTAT_HANDLER_OK;
}

int on_value(int row, readstat_variable_t* variable, readstat_value_t value, void* user) {
    auto& context = *static_cast<Context*>(user);
    auto& v = context.variables[context.slot[static_cast<std::size_t>(readstat_variable_get_index(variable))]];
    const auto r = static_cast<std::size_t>(row);
    if (r >= context.rows) {
        context.parse_message = "more observations than the header announces";
        return READSTAT_HANDLER_ABORT;
    }
    if (is_string(v.type)) {
        const char* text = readstat_string_value(value);
        if (text == nullptr || *text == '\0') return READSTAT_HANDLER_OK;
        const auto [it, inserted] = v.level_codes.emplace(text, static_cast<std::int32_t>(v.levels.size()));
        if (inserted) v.levels.emplace_back(text);
        v.codes[r] = it->second;
        return READSTAT_HANDLER_OK;
    }
    if (!readstat_value_is_missing(value, variable)) v.numbers[r] = readstat_double_value(value);
    return READSTAT_HANDLER_OK;
}

int on_value_label(const char* set, readstat_value_t value, const char* label, void* user) {
    auto& labels = static_cast<Context*>(user)->label_sets[text_of(set)];  // the set exists even if all its values are missing
    if (readstat_value_is_missing(value, nullptr) || readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC)
        return READSTAT_HANDLER_OK;
    labels[readstat_double_value(value)] = text_of(label);
    return READSTAT_HANDLER_OK;
}

Column sorted_strings(Variable& v) {
    std::vector<std::int32_t> order(v.levels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::int32_t>(i);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
        return v.levels[static_cast<std::size_t>(a)] < v.levels[static_cast<std::size_t>(b)];
    });
    std::vector<std::int32_t> rank(order.size());
    std::vector<std::string> levels(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        rank[static_cast<std::size_t>(order[i])] = static_cast<std::int32_t>(i);
        levels[i] = std::move(v.levels[static_cast<std::size_t>(order[i])]);
    }
    for (auto& code : v.codes)
        if (code != kMissingCode) code = rank[static_cast<std::size_t>(code)];
    return Column::categorical(v.name, std::move(v.codes), std::move(levels));
}

Column to_column(Variable& v, const Context& context) {
    Column column;
    if (is_string(v.type)) {
        column = sorted_strings(v);
    } else if (is_integer(v.type)) {
        std::vector<std::int64_t> values(v.numbers.size());
        for (std::size_t r = 0; r < values.size(); ++r)
            values[r] = std::isnan(v.numbers[r]) ? kMissingInteger : static_cast<std::int64_t>(v.numbers[r]);
        column = Column::integer(v.name, std::move(values));
    } else {
        column = Column::numeric(v.name, std::move(v.numbers));
    }
    column.label = v.label;
    if (const auto set = context.label_sets.find(v.label_set);
        !is_string(v.type) && !v.label_set.empty() && set != context.label_sets.end())
        column.value_labels = set->second;
    return column;
}

constexpr int kOldestFormat = 104;
constexpr int kNewestFormat = 119;

// The format number from the file's first bytes: "<stata_dta><header><release>NNN" (117 and
// later) or a leading version byte followed by the byte order 1 or 2 (older formats); 0 when the
// file looks like neither.
int format_version(std::string_view head) {
    constexpr std::string_view kXmlStart = "<stata_dta><header><release>";
    if (head.starts_with(kXmlStart)) {
        int version = 0;
        for (std::size_t i = kXmlStart.size(); i < head.size() && i < kXmlStart.size() + 3 &&
                                               std::isdigit(static_cast<unsigned char>(head[i]));
             ++i)
            version = version * 10 + (head[i] - '0');
        return version;
    }
    if (head.size() >= 2 && (head[1] == 1 || head[1] == 2)) return static_cast<unsigned char>(head[0]);
    return 0;
}

// ReadStat read the sections it needed. Formats before 117 carry no map: there a whole file is
// one whose value-label tables run exactly to its end (the walk stops at a read at the end), and
// whose variables find the value labels they name (a file cut at a table's start loses the rest).
void check_read_whole(const MemoryIo& io, const Context& context, int version, const std::string& name) {
    const std::string damaged = name + ": the Stata file is damaged or incomplete: ";
    if (version >= 117 ? io.short_at != MemoryIo::npos : io.short_at != io.size)
        throw Error(damaged +
                    (version >= 117 ? std::string("a section is cut short")
                                    : "the value labels stop inside a table, " + std::to_string(io.size - io.short_at) +
                                          " bytes before the end of the file") +
                    " (the value labels, byte offset " + std::to_string(io.short_at) + ")");
    if (version >= 117) return;
    for (const auto& [variable, set] : context.label_set_uses)
        if (context.label_sets.count(set) == 0)
            throw Error(damaged + "variable '" + variable + "' names the value labels '" + set +
                        "', which the file does not hold: it may have been cut short (the value labels, byte offset " +
                        std::to_string(io.size) + ")");
}

}  // namespace

Frame read_dta(const InputFile& input, const ReadOptions& options) {
    options.validate();
    const std::string& path = input.name();
    const std::string_view bytes(input.begin(), input.size());
    const int version = format_version(bytes.substr(0, 64));
    if (version == 0)
        throw Error(path + ": not a Stata .dta file: its first bytes are not a .dta header (the header, byte offset 0)");
    if (version < kOldestFormat || version > kNewestFormat)
        throw Error(path + ": Stata .dta format " + std::to_string(version) +
                    " is not supported (formats " + std::to_string(kOldestFormat) + " to " +
                    std::to_string(kNewestFormat) + " are; Stata's saveold writes one) (the header, byte offset 0)");
    if (version >= 117) check_dta_structure(bytes, version, path);
    Context context;
    context.options = &options;
    MemoryIo io{input.begin(), input.size()};
    readstat_parser_t* parser = readstat_parser_init();
    readstat_set_open_handler(parser, io_open);
    readstat_set_close_handler(parser, io_close);
    readstat_set_seek_handler(parser, io_seek);
    readstat_set_read_handler(parser, io_read);
    readstat_set_update_handler(parser, io_update);
    readstat_set_io_ctx(parser, &io);
    readstat_set_error_handler(parser, on_error);
    readstat_set_metadata_handler(parser, on_metadata);
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_value_handler(parser, on_value);
    readstat_set_value_label_handler(parser, on_value_label);
    const readstat_error_t status = readstat_parse_dta(parser, path.c_str(), &context);
    readstat_parser_free(parser);
    if (status != READSTAT_OK)
        throw Error(path + ": not a readable Stata .dta file (" +
                    (context.parse_message.empty() ? std::string(readstat_error_message(status))
                                                   : context.parse_message) +
                    ", byte offset " + std::to_string(io.short_at != MemoryIo::npos ? io.short_at : io.position) + ")");
    check_read_whole(io, context, version, path);
    for (const auto& name : options.columns)
        if (std::find(context.all_names.begin(), context.all_names.end(), name) == context.all_names.end())
            throw Error(path + ": no column '" + name + "'" + did_you_mean(name, context.all_names));

    Frame frame;
    frame.source = path;
    std::vector<std::size_t> order(context.variables.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (!options.columns.empty()) {
        const auto position = [&](std::size_t i) {
            return std::find(options.columns.begin(), options.columns.end(), context.variables[i].name) -
                   options.columns.begin();
        };
        std::sort(order.begin(), order.end(), [&](auto a, auto b) { return position(a) < position(b); });
    }
    for (std::size_t i : order) frame.add(to_column(context.variables[i], context));
    return frame;
}

}  // namespace gvcpanel::data
