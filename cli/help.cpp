// `gvcpanel help TOPIC`: reference texts kept in the program, so that they need no source tree.
// `formula` prints docs/formula.md (embedded at build time).
#include <iostream>
#include <map>
#include <string>

#include "cli/commands.hpp"
#include "cli/formula_doc.hpp"
#include "data/error.hpp"
#include "data/names.hpp"

namespace gvcpanel::cli {

namespace {

struct Topic {
    const char* summary;
    const char* text;
};

const std::map<std::string, Topic>& topics() {
    static const std::map<std::string, Topic> table = {
        {"formula", {"the formula syntax with examples of every term and function (docs/formula.md)", kFormulaDoc}},
    };
    return table;
}

}  // namespace

int run_help(const Args& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << "usage: gvcpanel help TOPIC   (each command's options: gvcpanel COMMAND --help)\n\n";
        for (const auto& [name, topic] : topics()) std::cout << "  " << name << "  " << topic.summary << "\n";
        return 0;
    }
    const auto it = topics().find(args[0]);
    if (it == topics().end()) {
        std::vector<std::string> names;
        for (const auto& entry : topics()) names.push_back(entry.first);
        std::string list;
        for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
        throw Error("unknown help topic '" + args[0] + "'" + data::did_you_mean(args[0], names) + " (topics: " +
                    list + "; for a command's options: gvcpanel COMMAND --help)");
    }
    if (args.size() > 1) throw Error("help takes one topic, not '" + args[1] + "'");
    std::cout << it->second.text;
    return 0;
}

}  // namespace gvcpanel::cli
