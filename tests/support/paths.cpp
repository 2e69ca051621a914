#include "support/paths.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <unistd.h>

namespace gvcpanel::testing {

std::string reference_data(const std::string& relative) {
    return std::string(GVCPANEL_REFERENCE_DATA) + "/data/" + relative;
}

std::string shared_data(const std::string& relative) {
    return std::string(GVCPANEL_SHARED_DATA) + "/" + relative;
}

bool has_shared(const std::string& folder) { return std::filesystem::is_directory(shared_data(folder)); }

std::string fixture(const std::string& relative) {
    return std::string(GVCPANEL_TEST_DATA) + "/" + relative;
}

std::string program() { return GVCPANEL_BINARY; }

std::string temp_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The process id keeps two checkouts running the same test apart.
    std::string name = "gvcpanel-test-" + std::to_string(::getpid());
    if (info != nullptr) name += std::string("-") + info->test_suite_name() + "-" + info->name();
    for (auto& c : name)
        if (c == '/') c = '_';
    auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    return nlohmann::json::parse(in);
}

nlohmann::json expected(const std::string& name) {
    return read_json(std::string(GVCPANEL_REFERENCE_DATA) + "/expected/" + name + ".json");
}

}  // namespace gvcpanel::testing
