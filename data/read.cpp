#include "data/read.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

#include "data/error.hpp"

namespace gvcpanel::data {

void ReadOptions::validate() const {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
        throw Error("ReadOptions.delimiter: a quote or a line end cannot separate fields");
    if (threads < 0)
        throw Error("ReadOptions.threads = " + std::to_string(threads) +
                    ": must be 0 (all cores) or a positive count");
    for (const auto* names : {&columns, &numeric_columns})
        for (const auto& name : *names)
            if (name.empty()) throw Error("ReadOptions: an empty column name was asked for");
}

Frame read_table(const std::string& path, const ReadOptions& options) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".dta") return read_dta(path, options);
    return read_csv(path, options);
}

}  // namespace gvcpanel::data
