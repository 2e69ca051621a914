// Runs the gvcpanel program as a user does and keeps its exit status, standard output and standard
// error apart, each captured in a fresh temporary folder.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
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

// `args` follow the program's name: "fit --data x.csv ...".
inline ProgramRun run_program(const std::string& args) {
    const std::string dir = temp_dir(), out = dir + "/out.txt", err = dir + "/err.txt";
    const int raw = std::system((program() + " " + args + " >" + out + " 2>" + err).c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, file_text(out), file_text(err)};
}

}  // namespace gvcpanel::testing
