#include "data/read.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace gvcpanel::data {

Frame read_table(const std::string& path, const ReadOptions& options) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".dta") return read_dta(path, options);
    return read_csv(path, options);
}

}  // namespace gvcpanel::data
