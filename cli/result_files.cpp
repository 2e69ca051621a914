#include "cli/result_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/error.hpp"

namespace gvcpanel::cli {

std::vector<estimators::Result> read_result_file(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) throw Error(path + ": is a folder, not a result file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the result file");
    std::ostringstream text;
    text << in.rdbuf();
    nlohmann::ordered_json json;
    try {
        json = nlohmann::ordered_json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(path + ": not valid JSON (" + e.what() + ")");
    }
    std::vector<estimators::Result> results;
    try {
        if (json.is_array())
            for (const auto& item : json) results.push_back(estimators::result_from_json(item));
        else
            results.push_back(estimators::result_from_json(json));
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not a gvcpanel result (" + e.what() + ")");
    }
    if (results.empty()) throw Error(path + ": the array holds no result");
    return results;
}

std::vector<estimators::Result> read_result_files(const std::vector<std::string>& paths) {
    std::vector<estimators::Result> results;
    for (const auto& path : paths) {
        auto more = read_result_file(path);
        results.insert(results.end(), more.begin(), more.end());
    }
    return results;
}

}  // namespace gvcpanel::cli
