#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "reports/render.hpp"
#include "reports/table.hpp"
#include "sample_results.hpp"
#include "support/paths.hpp"

namespace gvcpanel::reports {

namespace {

// Compiles `fragment` in a minimal article; "" when it compiled, else what went wrong.
std::string compile(const std::string& fragment, const std::string& packages) {
    const std::string dir = testing::temp_dir();
    std::ofstream(dir + "/table.tex") << fragment;
    std::ofstream(dir + "/main.tex") << "\\documentclass{article}\n\\usepackage{" << packages
                                     << "}\n\\begin{document}\n\\input{table}\n\\end{document}\n";
    const std::string command = "cd '" + dir + "' && pdflatex -interaction=nonstopmode -halt-on-error main.tex > log.txt 2>&1";
    if (std::system(command.c_str()) != 0) return "pdflatex failed; see " + dir + "/log.txt";
    return std::filesystem::exists(dir + "/main.pdf") ? "" : "pdflatex wrote no PDF in " + dir;
}

bool have_pdflatex() { return std::system("command -v pdflatex > /dev/null 2>&1") == 0; }

}  // namespace

TEST(RenderLatex, GoldenTwoPanels) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels.tex", render_latex(table.layout()));
}

TEST(RenderLatex, GoldenDecimalAlignedWithDcolumn) {
    const Table table(testing::two_panels(), testing::golden_options());
    testing::expect_golden("table_panels_dcolumn.tex", render_latex(table.layout(), {.latex_decimal_align = true}));
}

TEST(RenderLatex, SpecialCharactersAreEscapedAndMinusIsAMinus) {
    const auto tex = render_latex(Table(testing::results_fixture("models.json")).layout());
    EXPECT_NE(tex.find("export\\_share"), std::string::npos);
    EXPECT_NE(tex.find("$-$0.085$^{**}$"), std::string::npos);
    EXPECT_NE(tex.find("p$<$0.10"), std::string::npos);
    EXPECT_EQ(tex.rfind("\\usepackage"), tex.find("% Needs \\usepackage") + 8);  // a fragment: no preamble
}

TEST(RenderLatex, TheMultiplicationSignOfInteractionsIsMath) {
    auto results = testing::results_fixture("models.json");
    results[0].coef[1].name = "export_share:gvc";
    TableOptions options;
    options.labels = {{"export_share", "Export share"}, {"gvc", "GVC"}};
    EXPECT_NE(render_latex(Table(results, options).layout()).find("Export share $\\times$ GVC &"), std::string::npos);
}

TEST(RenderLatex, CompilesWithBooktabsAndThreeparttable) {
    if (!have_pdflatex()) GTEST_SKIP() << "pdflatex is not installed (Debian: texlive-latex-base, "
                                          "texlive-latex-recommended, texlive-latex-extra); LaTeX not compiled";
    const Table table(testing::two_panels(), testing::golden_options());
    EXPECT_EQ(compile(render_latex(table.layout()), "booktabs,threeparttable"), "");
    EXPECT_EQ(compile(render_latex(table.layout(), {.latex_decimal_align = true}), "booktabs,threeparttable,dcolumn"), "");
    auto results = testing::results_fixture("models.json");
    results[0].coef[1].name = "export_share:gvc";
    results[2].ancillary.push_back({"sigma", 1.2, 0.1});
    TableOptions options;
    options.labels = {{"export_share", "Export share & more_{x}"}, {"gvc", "GVC (%, $, #)"}};
    options.below = Below::ci;
    EXPECT_EQ(compile(render_latex(Table(results, options).layout()), "booktabs,threeparttable"), "");
}

}  // namespace gvcpanel::reports
