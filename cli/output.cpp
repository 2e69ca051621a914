#include "cli/output.hpp"

#include <filesystem>
#include <iostream>

#include "cli/standard_output.hpp"
#include "data/atomic_file.hpp"
#include "data/error.hpp"
#include "reports/summary.hpp"
#include "reports/table.hpp"

namespace gvcpanel::cli {

OutputFormat parse_output_format(const std::string& name) {
    if (name == "text") return OutputFormat::text;
    if (name == "json") return OutputFormat::json;
    switch (reports::parse_format(name)) {
        case reports::Format::markdown: return OutputFormat::md;
        case reports::Format::latex: return OutputFormat::latex;
        case reports::Format::html: return OutputFormat::html;
        case reports::Format::csv: return OutputFormat::csv;
        case reports::Format::text: return OutputFormat::text;
        case reports::Format::json: return OutputFormat::json;
        case reports::Format::docx: return OutputFormat::docx;
        case reports::Format::rtf: return OutputFormat::rtf;
        case reports::Format::xlsx: return OutputFormat::xlsx;
    }
    return OutputFormat::text;
}

void require_file_for_binary(const std::string& format, const std::string& out) {
    if (out.empty() && reports::is_binary(reports::parse_format(format)))
        throw Error("--format " + format + " writes a binary file: give --out FILE." + format);
}

std::string render_results(const std::vector<estimators::Result>& results, OutputFormat format) {
    for (const auto& result : results)
        for (const auto& note : result.notes) std::cerr << "note: " << note << "\n";
    switch (format) {
        case OutputFormat::text: {
            std::string text;
            for (const auto& result : results) text += reports::summary(result);
            return text;
        }
        case OutputFormat::json: {
            if (results.size() == 1) return estimators::to_json(results[0]).dump(2) + "\n";
            auto array = nlohmann::ordered_json::array();
            for (const auto& result : results) array.push_back(estimators::to_json(result));
            return array.dump(2) + "\n";
        }
        case OutputFormat::md: return reports::Table(results).render(reports::Format::markdown);
        case OutputFormat::latex: return reports::Table(results).render(reports::Format::latex);
        case OutputFormat::html: return reports::Table(results).render(reports::Format::html);
        case OutputFormat::csv: return reports::Table(results).render(reports::Format::csv);
        case OutputFormat::docx: return reports::Table(results).render(reports::Format::docx);
        case OutputFormat::rtf: return reports::Table(results).render(reports::Format::rtf);
        case OutputFormat::xlsx: return reports::Table(results).render(reports::Format::xlsx);
    }
    return "";
}

void write_output(const std::string& text, const std::string& path) {
    if (path.empty()) {
        std::cout << text;
        if (const auto failure = standard_output_failure()) throw Error("cannot write to standard output: " + *failure);
        return;
    }
    data::write_file(path, text);
}

void create_output_folder(const std::string& path) {
    std::error_code error;
    if (std::filesystem::exists(path, error) && !std::filesystem::is_directory(path, error))
        throw Error("cannot create the output folder '" + path + "': a file of that name is in the way");
    std::filesystem::create_directories(path, error);
    if (error) throw Error("cannot create the output folder '" + path + "': " + error.message());
}

}  // namespace gvcpanel::cli
