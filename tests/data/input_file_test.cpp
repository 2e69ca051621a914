#include "data/mapped_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "data/error.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

TEST(MappedFile, MapsTheBytesAndReadsThemAgainAfterRelease) {
    const std::string path = testing::temp_dir() + "/pages.bin";
    std::string content(3 * 4096 + 100, 'a');
    for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>('a' + i % 26);
    std::ofstream(path, std::ios::binary) << content;
    const MappedFile file(path);
    ASSERT_EQ(file.size(), content.size());
    EXPECT_EQ(std::string(file.begin(), file.end()), content);
    file.release(file.begin(), file.end());
    EXPECT_EQ(std::string(file.begin(), file.end()), content);
}

TEST(MappedFile, EmptyFileHasSizeZero) {
    const std::string path = testing::temp_dir() + "/empty.bin";
    std::ofstream(path, std::ios::binary).flush();
    EXPECT_EQ(MappedFile(path).size(), 0u);
}

TEST(MappedFile, MissingFileIsAnErrorNamingIt) {
    const std::string path = testing::temp_dir() + "/absent.bin";
    try {
        MappedFile file(path);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot open " + path + ": No such file or directory");
    }
}

}  // namespace
}  // namespace gvcpanel::data
