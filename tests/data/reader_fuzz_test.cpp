// Mutated CSV and Stata files for the readers (issue 17): bit flips, truncations, inserted and
// deleted bytes, and stray tokens in a column of numbers. Every input must give a frame or a
// gvcpanel::Error that says where (FILE:LINE:COL for CSV, a byte offset and section for .dta):
// never a crash, a hang or another exception; a file cut short is never read as if whole; a stray
// token is reported at its own cell. Fixed seeds; CI runs these under AddressSanitizer and UBSan
// (.ci/run), where the whole test takes seconds.
#include <gtest/gtest.h>
#include <readstat.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "data/error.hpp"
#include "data/read.hpp"
#include "support/paths.hpp"

namespace gvcpanel::data {
namespace {

constexpr int kCsvCases = 1200;
constexpr int kDtaCases = 1600;
constexpr std::uint64_t kSeed = 20261207;
// A read of a few kilobytes takes milliseconds even under the sanitizers; far beyond is a hang.
constexpr auto kHang = std::chrono::seconds(20);

// Aborts the process, naming the case, when one read does not return within kHang.
class Watchdog {
public:
    Watchdog() : thread_([this] { watch(); }) {}
    ~Watchdog() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
    void start(std::string what) {
        std::lock_guard lock(mutex_);
        what_ = std::move(what);
        started_ = std::chrono::steady_clock::now();
        running_ = true;
    }
    void stop() {
        std::lock_guard lock(mutex_);
        running_ = false;
    }

private:
    void watch() {
        std::unique_lock lock(mutex_);
        while (!done_) {
            wake_.wait_for(lock, std::chrono::milliseconds(200));
            if (running_ && std::chrono::steady_clock::now() - started_ > kHang) {
                std::fprintf(stderr, "reader fuzz: no answer within %lld s on %s\n",
                             static_cast<long long>(kHang.count()), what_.c_str());
                std::abort();
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false, running_ = false;
    std::string what_;
    std::chrono::steady_clock::time_point started_;
    std::thread thread_;
};

enum class Outcome { read, error };

struct Attempt {
    Outcome outcome = Outcome::read;
    std::string message;
    Frame frame;
};

// Every column the same: values, text, labels.
bool same_frames(const Frame& a, const Frame& b) {
    if (a.names() != b.names() || a.rows() != b.rows()) return false;
    for (std::size_t c = 0; c < a.cols(); ++c) {
        const Column &x = a.column(c), &y = b.column(c);
        if (x.type != y.type || x.value_labels != y.value_labels || x.label != y.label) return false;
        for (std::size_t r = 0; r < a.rows(); ++r)
            if (x.text(r) != y.text(r)) return false;
    }
    return true;
}

template <typename Read>
Attempt attempt(Watchdog& watchdog, const std::string& what, Read read) {
    Attempt out;
    watchdog.start(what);
    try {
        out.frame = read();
    } catch (const Error& e) {
        out.outcome = Outcome::error;
        out.message = e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << what << ": an exception outside gvcpanel::Error: " << e.what();
        out.outcome = Outcome::error;
    }
    watchdog.stop();
    return out;
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

std::string flip_bits(std::string bytes, std::mt19937_64& random) {
    const int flips = std::uniform_int_distribution<int>(1, 4)(random);
    for (int f = 0; f < flips && !bytes.empty(); ++f) {
        const auto at = std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(random);
        bytes[at] = static_cast<char>(bytes[at] ^ (1 << std::uniform_int_distribution<int>(0, 7)(random)));
    }
    return bytes;
}

std::string insert_or_delete(std::string bytes, std::mt19937_64& random) {
    const auto at = std::uniform_int_distribution<std::size_t>(0, bytes.size())(random);
    const auto count = std::uniform_int_distribution<std::size_t>(1, 8)(random);
    if (random() % 2 == 0) return bytes.erase(at, count);
    std::string inserted(count, '\0');
    for (auto& c : inserted) c = static_cast<char>(random());
    return bytes.insert(at, inserted);
}

// ---- CSV ----

struct Cell {
    std::size_t offset = 0, length = 0, line = 0, column = 0;
};

// A small panel with whole numbers, reals, text, 20-digit codes and quoted fields holding commas
// and newlines; `shares` records where each share cell is.
std::string csv_base(std::vector<Cell>& shares) {
    std::string csv = "firm,year,share,region,code,note,count\n";
    std::size_t line = 2;
    for (int r = 0; r < 60; ++r) {
        const std::size_t line_start = csv.size();
        csv += std::to_string(r / 6 + 1) + "," + std::to_string(2001 + r % 6) + ",";
        const std::string share = "0." + std::to_string(100 + (r * 37) % 900);
        shares.push_back({csv.size(), share.size(), line, csv.size() - line_start + 1});
        csv += share + ",R" + std::to_string(r % 4) + ",9133010012345678" + std::to_string(1000 + r) + ",";
        csv += r % 5 == 0 ? "\"a, \"\"b\"\"\nc\"" : "plain";
        line += r % 5 == 0 ? 2 : 1;
        csv += "," + std::to_string(r * 3) + "\n";
    }
    return csv;
}

TEST(ReaderFuzz, CsvMutations) {
    const std::string path = testing::temp_dir() + "/fuzz.csv";
    std::vector<Cell> shares;
    const std::string base = csv_base(shares);
    const std::regex located("^" + path + ":[0-9]+:[0-9]+: ");
    const std::vector<std::string> tokens = {"n/a", "-", "\"0,35\"", "#N/A", "NULL", "?", "1.2.3", "1e", "--1", ".."};
    std::mt19937_64 random(kSeed);
    Watchdog watchdog;
    int read = 0, refused = 0;
    for (int c = 0; c < kCsvCases; ++c) {
        const int kind = c % 4;
        std::string bytes;
        std::string expected_at;  // a stray token: the error's exact place
        bool cut_inside_a_line = false;
        if (kind == 0) {
            bytes = flip_bits(base, random);
        } else if (kind == 1) {
            const auto length = std::uniform_int_distribution<std::size_t>(0, base.size() - 1)(random);
            bytes = base.substr(0, length);
            cut_inside_a_line = length > 0 && base[length - 1] != '\n';
        } else if (kind == 2) {
            bytes = insert_or_delete(base, random);
        } else {
            const Cell& cell = shares[std::uniform_int_distribution<std::size_t>(0, shares.size() - 1)(random)];
            bytes = base;
            bytes.replace(cell.offset, cell.length, tokens[static_cast<std::size_t>(c / 4) % tokens.size()]);
            expected_at = path + ":" + std::to_string(cell.line) + ":" + std::to_string(cell.column) + ": ";
        }
        write_file(path, bytes);
        ReadOptions options;
        options.threads = 1 + c % 2;
        const Attempt a = attempt(watchdog, "CSV case " + std::to_string(c), [&] { return read_csv(path, options); });
        if (a.outcome == Outcome::read) {
            ++read;
            EXPECT_FALSE(cut_inside_a_line) << "case " << c << ": a file cut inside a line was read";
            EXPECT_TRUE(expected_at.empty()) << "case " << c << ": a stray token was read";
            continue;
        }
        ++refused;
        EXPECT_TRUE(std::regex_search(a.message, located, std::regex_constants::match_continuous))
            << "case " << c << ": not located: " << a.message;
        if (!expected_at.empty()) {
            EXPECT_EQ(a.message.rfind(expected_at, 0), 0u) << "case " << c << ": " << a.message;
        }
    }
    // The mutations must reach both outcomes often, or the test proves little.
    EXPECT_GT(read, kCsvCases / 10);
    EXPECT_GT(refused, kCsvCases / 4);
}

// ---- Stata ----

ssize_t append(const void* bytes, size_t length, void* out) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(bytes), length);
    return static_cast<ssize_t>(length);
}

// Forty firm-years with ReadStat's writer: an integer id, a double with missing values, a labelled
// byte (two label sets, one unused), a float and a string.
std::string dta_base(int version) {
    std::string bytes;
    readstat_writer_t* writer = readstat_writer_init();
    readstat_set_data_writer(writer, append);
    readstat_writer_set_file_format_version(writer, static_cast<uint8_t>(version));
    readstat_label_set_t* regions = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "regionlbl");
    readstat_label_int32_value(regions, 1, "north");
    readstat_label_int32_value(regions, 2, "south");
    readstat_label_set_t* spare = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "sparelbl");
    readstat_label_int32_value(spare, 0, "no");
    readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_INT32, 0);
    readstat_variable_t* tfp = readstat_add_variable(writer, "tfp", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_t* region = readstat_add_variable(writer, "region", READSTAT_TYPE_INT8, 0);
    readstat_variable_set_label_set(region, regions);
    readstat_variable_t* share = readstat_add_variable(writer, "share", READSTAT_TYPE_FLOAT, 0);
    readstat_variable_t* name = readstat_add_variable(writer, "name", READSTAT_TYPE_STRING, 6);
    readstat_begin_writing_dta(writer, &bytes, 40);
    for (int r = 0; r < 40; ++r) {
        readstat_begin_row(writer);
        readstat_insert_int32_value(writer, id, r / 4 + 1);
        if (r % 9 == 0)
            readstat_insert_missing_value(writer, tfp);
        else
            readstat_insert_double_value(writer, tfp, 0.1 * r);
        readstat_insert_int8_value(writer, region, static_cast<int8_t>(1 + r % 2));
        readstat_insert_float_value(writer, share, 0.25f * static_cast<float>(r % 4));
        readstat_insert_string_value(writer, name, r % 3 == 0 ? "" : "firm");
        readstat_end_row(writer);
    }
    readstat_end_writing(writer);
    readstat_writer_free(writer);
    return bytes;
}

TEST(ReaderFuzz, DtaMutations) {
    const std::string path = testing::temp_dir() + "/fuzz.dta";
    const std::vector<int> versions = {114, 117, 118, 119};
    std::vector<std::string> bases;
    for (const int version : versions) bases.push_back(dta_base(version));
    const std::regex located("\\(.+, byte offset [0-9]+\\)$");
    std::vector<Frame> whole;
    for (const auto& base : bases) {
        write_file(path, base);
        whole.push_back(read_dta(path));
    }
    std::mt19937_64 random(kSeed + 1);
    Watchdog watchdog;
    int read = 0, refused = 0;
    for (int c = 0; c < kDtaCases; ++c) {
        const std::size_t b = static_cast<std::size_t>(c) % bases.size();
        const std::string& base = bases[b];
        const int kind = (c / static_cast<int>(bases.size())) % 3;
        std::string bytes;
        bool truncated = false;
        if (kind == 0) {
            bytes = flip_bits(base, random);
        } else if (kind == 1) {
            bytes = base.substr(0, std::uniform_int_distribution<std::size_t>(0, base.size() - 1)(random));
            truncated = true;
        } else {
            bytes = insert_or_delete(base, random);
        }
        write_file(path, bytes);
        const Attempt a = attempt(watchdog, "Stata case " + std::to_string(c) + " (format " +
                                                std::to_string(versions[b]) + ")",
                                  [&] { return read_dta(path); });
        if (a.outcome == Outcome::read) {
            ++read;
            // Formats before 117 have no map: a file cut exactly before the value-label table of
            // a set no variable uses cannot be told from a whole one, and nothing read is lost.
            if (truncated) {
                EXPECT_TRUE(versions[b] < 117 && same_frames(a.frame, whole[b]))
                    << "case " << c << ": a file cut short was read";
            }
            continue;
        }
        ++refused;
        EXPECT_TRUE(std::regex_search(a.message, located)) << "case " << c << ": not located: " << a.message;
    }
    EXPECT_GT(read, kDtaCases / 20);
    EXPECT_GT(refused, kDtaCases / 4);
}

}  // namespace
}  // namespace gvcpanel::data
