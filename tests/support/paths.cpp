#include "support/paths.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace gvcpanel::testing {

std::string shared_data(const std::string& relative) {
    return std::string(GVCPANEL_SHARED_DATA) + "/" + relative;
}

std::string fixture(const std::string& relative) {
    return std::string(GVCPANEL_TEST_DATA) + "/" + relative;
}

std::string program() { return GVCPANEL_BINARY; }

std::string temp_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "gvcpanel-test";
    if (info != nullptr) name += std::string("-") + info->test_suite_name() + "-" + info->name();
    for (auto& c : name)
        if (c == '/') c = '_';
    auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

}  // namespace gvcpanel::testing
