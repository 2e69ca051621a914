#include <gtest/gtest.h>
#include <readstat.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "data/error.hpp"
#include "data/read.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

using testing::temp_dir;

// One directory per test (temp_dir() starts a fresh one on each call).
std::string test_dir() {
    static std::string test, dir;
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string name = std::string(info->test_suite_name()) + "." + info->name();
    if (name != test) {
        test = name;
        dir = temp_dir();
    }
    return dir;
}

ssize_t write_bytes(const void* bytes, size_t length, void* stream) {
    static_cast<std::ofstream*>(stream)->write(static_cast<const char*>(bytes),
                                               static_cast<std::streamsize>(length));
    return static_cast<ssize_t>(length);
}

// Writes four firms with ReadStat's own writer in the given .dta format: an integer id with a
// variable label, a double with a system missing and an extended missing (.a), a float, a
// labelled byte (one value without a label) and a string with an empty (missing) cell.
std::string write_firms(int version) {
    const std::string path = test_dir() + "/firms" + std::to_string(version) + ".dta";
    std::ofstream out(path, std::ios::binary);
    readstat_writer_t* writer = readstat_writer_init();
    readstat_set_data_writer(writer, write_bytes);
    readstat_writer_set_file_format_version(writer, static_cast<uint8_t>(version));
    readstat_label_set_t* regions = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "regionlbl");
    readstat_label_int32_value(regions, 3, "east");
    readstat_label_int32_value(regions, 1, "north");
    readstat_label_int32_value(regions, 2, "south");
    readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_INT32, 0);
    readstat_variable_set_label(id, "Firm identifier");
    readstat_variable_t* tfp = readstat_add_variable(writer, "tfp", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_t* share = readstat_add_variable(writer, "share", READSTAT_TYPE_FLOAT, 0);
    readstat_variable_t* region = readstat_add_variable(writer, "region", READSTAT_TYPE_INT8, 0);
    readstat_variable_set_label_set(region, regions);
    readstat_variable_t* name = readstat_add_variable(writer, "name", READSTAT_TYPE_STRING, 8);
    readstat_begin_writing_dta(writer, &out, 4);

    const int ids[] = {101, 102, 103, 104};
    const int region_values[] = {3, 1, 7, 2};
    const char* names[] = {"beta", "alpha", "", "beta"};
    for (int r = 0; r < 4; ++r) {
        readstat_begin_row(writer);
        readstat_insert_int32_value(writer, id, ids[r]);
        if (r == 1)
            readstat_insert_missing_value(writer, tfp);
        else if (r == 2)
            readstat_insert_tagged_missing_value(writer, tfp, 'a');
        else
            readstat_insert_double_value(writer, tfp, 0.1 * (r + 1));
        readstat_insert_float_value(writer, share, 0.25f * static_cast<float>(r));
        if (r == 3)
            readstat_insert_missing_value(writer, region);
        else
            readstat_insert_int8_value(writer, region, static_cast<int8_t>(region_values[r]));
        readstat_insert_string_value(writer, name, names[r]);
        readstat_end_row(writer);
    }
    readstat_end_writing(writer);
    readstat_writer_free(writer);
    return path;
}

std::string read_error(const std::string& path, const ReadOptions& options = {}) {
    try {
        read_dta(path, options);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

class ReadDta : public ::testing::TestWithParam<int> {};

TEST_P(ReadDta, ValuesMissingValuesLabelsAndStrings) {
    const Frame f = read_dta(write_firms(GetParam()));
    ASSERT_EQ(f.rows(), 4u);
    EXPECT_EQ(f.names(), (std::vector<std::string>{"id", "tfp", "share", "region", "name"}));

    const auto& id = f.column("id");
    EXPECT_EQ(id.type, ColumnType::integer);
    EXPECT_EQ(id.integers, (std::vector<std::int64_t>{101, 102, 103, 104}));
    EXPECT_EQ(id.label, "Firm identifier");

    // Doubles are stored as the same 8 bytes: exact. "." and ".a" are both missing.
    const auto& tfp = f.column("tfp");
    EXPECT_EQ(tfp.type, ColumnType::numeric);
    EXPECT_EQ(tfp.numbers[0], 0.1);
    EXPECT_TRUE(std::isnan(tfp.numbers[1]));
    EXPECT_TRUE(std::isnan(tfp.numbers[2]));
    EXPECT_EQ(tfp.numbers[3], 0.1 * 4);
    EXPECT_EQ(f.column("share").numbers, (std::vector<double>{0.0, 0.25, 0.5, 0.75}));

    // Issue 17 item 4: a labelled numeric variable stays numbers (as in Stata), its labels kept
    // beside them for tables; 7 has no label.
    const auto& region = f.column("region");
    EXPECT_EQ(region.type, ColumnType::integer);
    EXPECT_EQ(region.integers, (std::vector<std::int64_t>{3, 1, 7, kMissingInteger}));
    EXPECT_EQ(region.value_labels, (std::map<double, std::string>{{1, "north"}, {2, "south"}, {3, "east"}}));

    const auto& name = f.column("name");
    EXPECT_EQ(name.type, ColumnType::categorical);
    EXPECT_EQ(name.levels, (std::vector<std::string>{"alpha", "beta"}));
    EXPECT_EQ(name.codes, (std::vector<std::int32_t>{1, 0, kMissingCode, 1}));
}

TEST_P(ReadDta, ProjectionKeepsTheNamedVariablesInTheGivenOrder) {
    ReadOptions options;
    options.columns = {"region", "id"};
    const Frame f = read_table(write_firms(GetParam()), options);
    EXPECT_EQ(f.names(), (std::vector<std::string>{"region", "id"}));
    EXPECT_EQ(f.column("region").integers, (std::vector<std::int64_t>{3, 1, 7, kMissingInteger}));
    EXPECT_EQ(f.column("region").value_labels.at(1), "north");
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Issue 17 item 4: `head -c -1 file.dta` was read with exit 0, its value labels lost. A file cut
// at any byte is refused, and the error names the section and the byte offset.
TEST_P(ReadDta, AFileCutShortAtAnyByteIsRefused) {
    const std::string bytes = file_bytes(write_firms(GetParam()));
    const std::string cut = test_dir() + "/cut.dta";
    for (std::size_t length = 0; length < bytes.size(); ++length) {
        std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, length);
        const std::string error = read_error(cut);
        ASSERT_NE(error, "") << "a file cut to " << length << " of " << bytes.size() << " bytes was read";
        ASSERT_NE(error.find("byte offset"), std::string::npos) << error;
    }
    std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 1);
    EXPECT_NE(read_error(cut).find(": the Stata file is damaged or incomplete: "), std::string::npos) << read_error(cut);
    std::ofstream(cut, std::ios::binary | std::ios::trunc) << bytes << "trailing";
    EXPECT_NE(read_error(cut), "");
}


INSTANTIATE_TEST_SUITE_P(Formats, ReadDta, ::testing::Values(113, 114, 115, 117, 118, 119));

TEST(ReadDtaErrors, UnknownProjectedVariableSuggestsTheClosestName) {
    const auto path = write_firms(118);
    ReadOptions options;
    options.columns = {"regoin"};
    EXPECT_EQ(read_error(path, options), path + ": no column 'regoin'; did you mean 'region'?");
}

std::string patched_copy(const std::string& path, const std::string& from, const std::string& to,
                         const std::string& name) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = bytes.find(from);
    EXPECT_NE(at, std::string::npos);
    bytes.replace(at, from.size(), to);
    const std::string out = test_dir() + "/" + name;
    std::ofstream(out, std::ios::binary) << bytes;
    return out;
}

TEST(ReadDtaErrors, UnsupportedVersionNamesTheFile) {
    const auto release_120 =
        patched_copy(write_firms(118), "<release>118</release>", "<release>120</release>", "stata18.dta");
    EXPECT_EQ(read_error(release_120),
              release_120 + ": Stata .dta format 120 is not supported (formats 104 to 119 are; "
                            "Stata's saveold writes one) (the header, byte offset 0)");
    const auto format_99 = patched_copy(write_firms(114), "r", "c", "format99.dta");  // first byte
    EXPECT_EQ(read_error(format_99),
              format_99 + ": Stata .dta format 99 is not supported (formats 104 to 119 are; "
                          "Stata's saveold writes one) (the header, byte offset 0)");
}

TEST(ReadDtaErrors, TruncatedOrForeignFilesNameTheFile) {
    const auto path = write_firms(118);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string truncated = test_dir() + "/truncated.dta";
    std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    EXPECT_EQ(read_error(truncated).rfind(truncated + ": the Stata file is damaged or incomplete: the file has ", 0), 0u)
        << read_error(truncated);
    const std::string text = test_dir() + "/text.dta";
    std::ofstream(text, std::ios::binary) << "id,x\n1,2\n";
    EXPECT_EQ(read_error(text),
              text + ": not a Stata .dta file: its first bytes are not a .dta header (the header, byte offset 0)");
}

TEST(ReadDtaErrors, MissingFileIsAnError) {
    const std::string path = test_dir() + "/absent.dta";
    EXPECT_EQ(read_error(path), "cannot open " + path + ": No such file or directory");
}

}  // namespace
}  // namespace gvcpanel::data
