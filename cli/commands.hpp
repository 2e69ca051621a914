// The subcommands of `gvcpanel`, one file each. Each takes the arguments after its name, writes its
// output, and returns the exit status; user errors propagate as gvcpanel::Error to main().
#pragma once

#include <string>
#include <vector>

namespace gvcpanel::cli {

using Args = std::vector<std::string>;

int run_demo(const Args& args);      // gvcpanel demo [--out DIR]
int run_fit(const Args& args);       // gvcpanel fit --data FILE --model "FORMULA" [options]
int run_describe(const Args& args);  // gvcpanel describe --data FILE --panel ID[,TIME]
int run_simulate(const Args& args);  // gvcpanel simulate [--firms N] [--years T] [--seed S] --out F.csv
int run_table(const Args& args);     // gvcpanel table RESULT.json... [--format ...] [--out FILE]
int run_plot(const Args& args);      // gvcpanel plot coef RESULT.json... --out FILE.png|svg|pdf
int run_test(const Args& args);      // gvcpanel test NAME... --data FILE --model "FORMULA" --panel ID[,TIME]
int run_mediate(const Args& args);  // gvcpanel mediate --data FILE --treatment X --mediator M --outcome Y
int run_bacon(const Args& args);     // gvcpanel bacon --data FILE --panel ID,TIME --model "y ~ treat"
int run_batch(const Args& args);     // gvcpanel batch SPEC.toml [--jobs N] [--out DIR] [--dry-run] [--retry-failed]
int run_measures(const Args& args);  // gvcpanel measures icio|trade|cluster [options] --out F.csv
int run_weights(const Args& args);   // gvcpanel weights (--coords F ... | --edges F) --out W.csv
int run_help(const Args& args);      // gvcpanel help TOPIC

}  // namespace gvcpanel::cli
