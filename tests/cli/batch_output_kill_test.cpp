// A batch killed (SIGKILL) at any moment of writing its outputs leaves every output file either the
// old complete one or the new complete one, never a part of either. The old outputs come from a
// batch of four specifications; the new ones from the same folder after the file gains two more
// (so that every table, the summary, the curve and the manifest change). Each trial restores the
// old folder, reruns the larger batch, waits until its last result is stored (the output phase
// starts then) and kills it after a delay that steps through the length of that phase. A second
// test checks every state a kill can leave, at each system call that changes a file (ptrace).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/paths.hpp"

namespace gvcpanel::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kTrials = 12;

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The bytes that identify a complete output: the manifest without its time stamp, a PDF without
// its creation date (both change from run to run); every other file as written.
std::string comparable(const fs::path& path) {
    const std::string bytes = read_bytes(path);
    if (path.filename() == "manifest.json") {
        auto json = nlohmann::ordered_json::parse(bytes, nullptr, false);
        if (json.is_discarded()) return "unparsable: " + bytes;
        json.erase("time");
        return json.dump();
    }
    if (path.extension() == ".pdf") return std::regex_replace(bytes, std::regex("/CreationDate \\([^)]*\\)"), "");
    return bytes;
}

// The outputs of a folder (everything but the store and the lock), comparable.
std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const auto name = entry.path().filename().string();
        if (name != "results.jsonl" && name != ".batch.lock") files[name] = comparable(entry.path());
    }
    return files;
}

std::size_t stored_lines(const fs::path& store) {
    std::ifstream in(store);
    return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
}

pid_t start_batch(const std::string& spec, const fs::path& out) {
    const pid_t child = ::fork();
    if (child == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execl(testing::program().c_str(), "gvcpanel", "batch", spec.c_str(), "--out", out.c_str(), "--jobs", "1",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return child;
}

// Waits for the store to hold `lines` lines; returns false when the batch ended before.
bool wait_for_store(pid_t child, const fs::path& store, std::size_t lines) {
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < deadline) {
        if (stored_lines(store) >= lines) return true;
        if (::waitpid(child, nullptr, WNOHANG) == child) return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return false;
}

std::string spec_text(const std::string& vcovs) {
    return "data = \"panel.csv\"\npanel = \"firm,year\"\n[defaults]\ninterest = [\"x1\"]\n[[model]]\nname = \"m\"\n"
           "outcome = \"y\"\nterms = \"x1\"\ncsw0 = [\"x2\"]\nfixed_effects = [\"firm + year\"]\nvcov = [" + vcovs + "]\n";
}

// The panel, the old and the new batch files in `dir`, and the old batch's folder `dir`/old.
// Returns the new batch file.
std::string old_outputs(const fs::path& dir) {
    {
        std::ofstream data(dir / "panel.csv");
        data << "firm,year,y,x1,x2\n";
        for (int firm = 1; firm <= 60; ++firm)
            for (int year = 2001; year <= 2006; ++year)
                data << firm << ',' << year << ',' << (firm * 7 + year * 3) % 11 + 0.1 * firm << ','
                     << (firm * 5 + year) % 13 << ',' << (firm + year * 11) % 7 << '\n';
    }
    const std::string old_spec = (dir / "old.toml").string(), new_spec = (dir / "new.toml").string();
    std::ofstream(old_spec) << spec_text("\"cluster:firm\", \"hc1\"");
    std::ofstream(new_spec) << spec_text("\"cluster:firm\", \"hc1\", \"iid\"");
    const std::string command = testing::program() + " batch " + old_spec + " --out " + (dir / "old").string();
    EXPECT_EQ(std::system((command + " >/dev/null").c_str()), 0);
    return new_spec;
}

TEST(BatchOutputKill, EveryOutputIsTheOldOrTheNewCompleteFile) {
    const fs::path dir = testing::temp_dir();
    const std::string new_spec = old_outputs(dir);
    const fs::path old_dir = dir / "old", new_dir = dir / "new";
    ASSERT_TRUE(fs::exists(old_dir / "summary.csv"));
    fs::copy(old_dir, new_dir);
    const auto started = Clock::now();
    const pid_t reference = start_batch(new_spec, new_dir);
    ASSERT_TRUE(wait_for_store(reference, new_dir / "results.jsonl", 6));
    const auto stored = Clock::now();
    int status = 0;
    ::waitpid(reference, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const auto output_phase = Clock::now() - stored;
    const auto old_files = outputs(old_dir), new_files = outputs(new_dir);
    ASSERT_EQ(old_files.size(), 8u);  // 3 tables, summary, 3 curves, manifest
    for (const auto& [name, bytes] : old_files) ASSERT_NE(bytes, new_files.at(name)) << name << " must change";
    std::cout << "reference run " << std::chrono::duration<double>(Clock::now() - started).count()
              << " s, output phase " << std::chrono::duration<double>(output_phase).count() << " s\n";

    int killed_while_writing = 0;
    for (int trial = 0; trial < kTrials; ++trial) {
        SCOPED_TRACE("trial " + std::to_string(trial));
        const fs::path out = dir / ("trial" + std::to_string(trial));
        fs::copy(old_dir, out);
        const pid_t child = start_batch(new_spec, out);
        if (wait_for_store(child, out / "results.jsonl", 6))
            std::this_thread::sleep_for(output_phase * trial / kTrials);
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
        killed_while_writing += WIFSIGNALED(status) ? 1 : 0;
        const auto files = outputs(out);
        for (const auto& [name, bytes] : old_files) {
            const auto it = files.find(name);
            ASSERT_NE(it, files.end()) << name << " disappeared";
            EXPECT_TRUE(it->second == bytes || it->second == new_files.at(name)) << name << " is neither whole file";
        }
        for (const auto& [name, bytes] : files)
            EXPECT_TRUE(old_files.count(name) || name.starts_with(".")) << "unexpected file " << name;
    }
    EXPECT_GE(killed_while_writing, kTrials / 2) << "most kills must land before the batch ends";

    // A rerun after a kill completes the outputs and removes the dead writer's temporary files.
    const fs::path last = dir / ("trial" + std::to_string(kTrials / 2));
    ASSERT_EQ(std::system((testing::program() + " batch " + new_spec + " --out " + last.string() + " >/dev/null").c_str()), 0);
    EXPECT_EQ(outputs(last), new_files);
}

// Every moment of the batch, not a sample of them: the batch runs under ptrace (every thread), which
// stops it at the entry of each system call that changes a file (write, open, rename, unlink,
// truncate; and its exit). A SIGKILL leaves the files as the calls completed so far made them, and
// only these calls change them, so the folder at these stops is every state a kill can leave: each
// is checked. On the previous main summary.csv was empty at the stop after its open(O_TRUNC).
bool changes_files(std::uint64_t call) {
    switch (call) {
        case SYS_write: case SYS_pwrite64: case SYS_writev: case SYS_pwritev: case SYS_openat: case SYS_renameat:
        case SYS_renameat2: case SYS_unlinkat: case SYS_truncate: case SYS_ftruncate: case SYS_fallocate:
        case SYS_exit_group:
#ifdef SYS_open
        case SYS_open: case SYS_creat: case SYS_rename: case SYS_unlink:
#endif
            return true;
        default:
            return false;
    }
}

// Runs `arguments` under ptrace, calling `check` at the entry of every call changes_files() names.
// Returns the exit status, or -1 when the program could not be traced.
int run_traced(const std::vector<std::string>& arguments, const std::function<void()>& check) {
    const pid_t child = ::fork();
    if (child == 0) {
        if (::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0) ::_exit(126);
        ::raise(SIGSTOP);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        std::vector<char*> argv;
        for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        ::execv(testing::program().c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child || !WIFSTOPPED(status)) return -1;
    ::ptrace(PTRACE_SETOPTIONS, child, nullptr, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL);
    ::ptrace(PTRACE_SYSCALL, child, nullptr, nullptr);
    for (;;) {
        const pid_t thread = ::waitpid(-1, &status, __WALL);
        if (thread < 0) return -1;
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            if (thread == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            continue;
        }
        long signal = WSTOPSIG(status);
        if (signal == (SIGTRAP | 0x80)) {
            __ptrace_syscall_info info{};
            if (::ptrace(PTRACE_GET_SYSCALL_INFO, thread, sizeof info, &info) > 0 &&
                info.op == PTRACE_SYSCALL_INFO_ENTRY && changes_files(info.entry.nr))
                check();
            signal = 0;
        } else if (signal == SIGTRAP || signal == SIGSTOP) {
            signal = 0;  // exec's trap, a new thread's first stop, a clone event: not the program's
        }
        ::ptrace(PTRACE_SYSCALL, thread, nullptr, reinterpret_cast<void*>(signal));
    }
}

TEST(BatchOutputKill, AtEveryCallThatChangesAFileEachOutputIsWhole) {
    const fs::path dir = testing::temp_dir();
    const std::string new_spec = old_outputs(dir);
    const fs::path old_dir = dir / "old", reference = dir / "reference", out = dir / "traced";
    ASSERT_TRUE(fs::exists(old_dir / "summary.csv"));
    fs::copy(old_dir, reference);
    fs::copy(old_dir, out);
    const std::string command = testing::program() + " batch " + new_spec + " --out " + reference.string();
    ASSERT_EQ(std::system((command + " >/dev/null 2>&1").c_str()), 0);
    const auto old_files = outputs(old_dir), new_files = outputs(reference);

    std::size_t checks = 0, torn = 0, renewed = 0;
    std::string first_torn;
    const auto check = [&] {
        ++checks;
        const auto files = outputs(out);
        std::size_t fresh = 0;
        for (const auto& [name, bytes] : old_files) {
            const auto it = files.find(name);
            const bool whole = it != files.end() && (it->second == bytes || it->second == new_files.at(name));
            fresh += it != files.end() && it->second != bytes ? 1 : 0;
            if (!whole && torn++ == 0)
                first_torn = name + (it == files.end() ? " missing" : " holds " + std::to_string(it->second.size()) +
                                                                          " bytes, neither whole file") +
                             " at check " + std::to_string(checks);
        }
        for (const auto& entry : files)
            if (!old_files.count(entry.first) && !entry.first.starts_with(".") && torn++ == 0)
                first_torn = "unexpected file " + entry.first;
        renewed = std::max(renewed, fresh);
    };
    const int status = run_traced({"gvcpanel", "batch", new_spec, "--out", out.string(), "--jobs", "1"}, check);
    if (status == -1) GTEST_SKIP() << "ptrace is not permitted here";
    EXPECT_EQ(status, 0);
    EXPECT_EQ(torn, 0u) << first_torn;
    EXPECT_EQ(renewed, old_files.size()) << "every output must have been replaced while traced";
    EXPECT_GT(checks, 2 * old_files.size()) << "the writes of the output phase must have been stopped at";
    EXPECT_EQ(outputs(out), new_files);
    std::cout << checks << " states checked\n";
}

}  // namespace
}  // namespace gvcpanel::cli
