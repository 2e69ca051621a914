#include "data/read.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

// Stata's .dta: "<stata_dta>" (format 117 and later) or a format byte 104..116 then the byte
// order 1 or 2 and the file type 1 (older formats).
bool looks_like_dta(const InputFile& input) {
    const std::string_view head(input.begin(), std::min<std::size_t>(input.size(), 16));
    if (head.starts_with("<stata_dta>")) return true;
    return head.size() >= 3 && static_cast<unsigned char>(head[0]) >= 104 &&
           static_cast<unsigned char>(head[0]) <= 116 && (head[1] == 1 || head[1] == 2) && head[2] == 1;
}

// A zip archive ("PK\3\4"), which for a table is an Excel workbook.
bool looks_like_xlsx(const InputFile& input) {
    return std::string_view(input.begin(), std::min<std::size_t>(input.size(), 4)) == std::string_view("PK\3\4", 4);
}

}  // namespace

void ReadOptions::validate() const {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
        throw Error("ReadOptions.delimiter: a quote or a line end cannot separate fields");
    if (decimal != '.' && decimal != ',')
        throw Error("ReadOptions.decimal = '" + std::string(1, decimal) + "': the decimal mark is '.' or ','");
    if (delimiter == decimal)
        throw Error("ReadOptions.decimal = '" + std::string(1, decimal) +
                    "': the decimal mark cannot also separate fields (a decimal-comma file is separated by ';' or tab)");
    if (threads < 0)
        throw Error("ReadOptions.threads = " + std::to_string(threads) +
                    ": must be 0 (all cores) or a positive count");
    if (!(fifo_wait_seconds >= 0))
        throw Error("ReadOptions.fifo_wait_seconds = " + std::to_string(fifo_wait_seconds) + ": must be >= 0");
    for (const auto* names : {&columns, &numeric_columns, &text_columns, &category_columns})
        for (const auto& name : *names)
            if (name.empty()) throw Error("ReadOptions: an empty column name was asked for");
    for (const auto& name : text_columns)
        if (std::find(numeric_columns.begin(), numeric_columns.end(), name) != numeric_columns.end())
            throw Error("ReadOptions: column '" + name + "' is asked for both as text and as numbers");
}

Frame read_table(const std::string& path, const ReadOptions& options) {
    options.validate();
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    InputFile input(path, options.fifo_wait_seconds);
    const bool xlsx = extension == ".xlsx" || (extension.empty() && looks_like_xlsx(input));
    if (!options.sheet.empty() && !xlsx)
        throw Error("--sheet '" + options.sheet + "': only an Excel .xlsx file has sheets, not '" + input.name() + "'");
    if (xlsx) return read_xlsx(input, options);
    if (extension == ".dta" || (extension.empty() && looks_like_dta(input))) return read_dta(input, options);
    return read_csv(input, options);
}

Frame read_csv(const std::string& path, const ReadOptions& options) {
    options.validate();
    InputFile input(path, options.fifo_wait_seconds);
    return read_csv(input, options);
}

Frame read_dta(const std::string& path, const ReadOptions& options) {
    options.validate();
    const InputFile input(path, options.fifo_wait_seconds);
    return read_dta(input, options);
}

Frame read_xlsx(const std::string& path, const ReadOptions& options) {
    options.validate();
    const InputFile input(path, options.fifo_wait_seconds);
    return read_xlsx(input, options);
}

}  // namespace gvcpanel::data
