// Runs the gvcpanel program as a user does and keeps its exit status, standard output and standard
// error apart, each captured in a temporary folder of its own (not the test's temp_dir(), which a
// test may be using for its files), removed afterwards.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/paths.hpp"

namespace gvcpanel::testing {

struct ProgramRun {
    int status = -1;  // the exit status; -1 when the program did not exit normally
    std::string out, err;
};

inline std::string file_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A shell command line: "mpirun -np 2 PROGRAM batch ...".
inline ProgramRun run_command(const std::string& command) {
    std::string dir = (std::filesystem::temp_directory_path() / "gvcpanel-run-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) return {};
    const std::string out = dir + "/out.txt", err = dir + "/err.txt";
    const int raw = std::system((command + " >" + out + " 2>" + err).c_str());
    ProgramRun run{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, file_text(out), file_text(err)};
    std::filesystem::remove_all(dir);
    return run;
}

// `args` follow the program's name: "fit --data x.csv ...".
inline ProgramRun run_program(const std::string& args) { return run_command(program() + " " + args); }

}  // namespace gvcpanel::testing
