#include "support/office.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace gvcpanel::testing {

namespace {

std::string unescaped_xml(std::string text) {
    for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
        for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + c.size()))
            text.replace(at, entity.size(), c);
    }
    return text;
}

bool installed(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

std::string zip_entry(const std::string& archive, const std::string& name) {
    int code = 0;
    zip_t* zip = zip_open(archive.c_str(), ZIP_RDONLY, &code);
    if (!zip) {
        ADD_FAILURE() << archive << " is not a zip archive (libzip error " << code << ")";
        return "";
    }
    std::string bytes;
    zip_stat_t stat;
    zip_file_t* file = zip_stat(zip, name.c_str(), 0, &stat) == 0 ? zip_fopen(zip, name.c_str(), 0) : nullptr;
    if (!file) {
        ADD_FAILURE() << archive << " has no entry " << name;
    } else {
        bytes.resize(static_cast<std::size_t>(stat.size));
        if (zip_fread(file, bytes.data(), stat.size) != static_cast<zip_int64_t>(stat.size)) ADD_FAILURE() << "short read";
        zip_fclose(file);
    }
    zip_discard(zip);
    return bytes;
}

// The parts of `text` between `open` and `close`, in order (no nesting in what is read here).
std::vector<std::string> between(const std::string& text, const std::string& open, const std::string& close) {
    std::vector<std::string> parts;
    for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
        const char after = at + open.size() < text.size() ? text[at + open.size()] : '\0';
        if (after != '>' && after != ' ') {  // a longer name: <w:tcPr> when looking for <w:tc>
            at += open.size();
            continue;
        }
        const std::size_t start = text.find('>', at) + 1;
        const std::size_t stop = text.find(close, start);
        if (stop == std::string::npos) break;
        parts.push_back(text.substr(start, stop - start));
        at = stop + close.size();
    }
    return parts;
}

std::vector<TableCells> docx_tables(const std::string& path) {
    const std::string xml = zip_entry(path, "word/document.xml");
    std::vector<TableCells> tables;
    for (const auto& table : between(xml, "<w:tbl", "</w:tbl>")) {
        TableCells rows;
        for (const auto& row : between(table, "<w:tr", "</w:tr>")) {
            rows.emplace_back();
            for (const auto& cell : between(row, "<w:tc", "</w:tc>")) {
                std::string joined;
                for (const auto& text : between(cell, "<w:t", "</w:t>")) joined += text;
                rows.back().push_back(unescaped_xml(joined));
            }
        }
        tables.push_back(rows);
    }
    return tables;
}

TableCells rtf_rows(const std::string& rtf) {
    static const std::regex row(R"(\\trowd([\s\S]*?)\\row\b)"), cell(R"(\\intbl\\q[lc] ([\s\S]*?)\\cell)");
    static const std::regex group(R"(\{\\(?:super|i) ([^{}]*)\})"), unicode(R"(\\u(-?[0-9]+)\?)");
    TableCells rows;
    for (std::sregex_iterator r(rtf.begin(), rtf.end(), row), end; r != end; ++r) {
        const std::string row_rtf = (*r)[1];
        rows.emplace_back();
        for (std::sregex_iterator c(row_rtf.begin(), row_rtf.end(), cell); c != end; ++c) {
            std::string text = std::regex_replace((*c)[1].str(), group, "$1");
            // Non-ASCII characters as UTF-8 (the cells here use the multiplication sign at most).
            std::smatch m;
            while (std::regex_search(text, m, unicode)) {
                const int code = std::stoi(m[1]) & 0xFFFF;
                std::string utf8;
                if (code < 0x80) utf8 = static_cast<char>(code);
                else if (code < 0x800) utf8 = {static_cast<char>(0xC0 | (code >> 6)), static_cast<char>(0x80 | (code & 0x3F))};
                else utf8 = {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
                             static_cast<char>(0x80 | (code & 0x3F))};
                text = m.prefix().str() + utf8 + m.suffix().str();
            }
            text = std::regex_replace(text, std::regex(R"(\\([\\{}]))"), "$1");
            rows.back().push_back(text);
        }
    }
    return rows;
}

std::string excel_display(const data::XlsxCell& cell) {
    if (cell.kind != data::XlsxCell::Kind::number) return cell.text;
    const std::string& format = cell.format;
    const auto point = format.find('.');
    std::size_t decimals = 0;
    if (point != std::string::npos)
        while (point + 1 + decimals < format.size() && format[point + 1 + decimals] == '0') ++decimals;
    char number[64];
    std::snprintf(number, sizeof number, "%.*f", static_cast<int>(decimals), cell.number);
    std::string shown = number;
    if (shown == "-" + std::string(shown.size() - 1, '0')) shown.erase(0, 1);
    if (!format.empty() && format.front() == '(') shown = "(" + shown + ")";
    const auto quote = format.find('"');
    if (quote != std::string::npos) shown += format.substr(quote + 1, format.rfind('"') - quote - 1);
    return shown;
}

std::optional<std::vector<std::string>> libreoffice_layout_texts(const std::vector<std::string>& paths,
                                                                const std::string& work_dir) {
    if (!installed("soffice") || !installed("pdftotext")) return std::nullopt;
    // A private profile: several conversions may run at once (ctest -j), and LibreOffice locks its
    // profile. One soffice run converts every file (starting it is most of the cost).
    std::string command = "HOME=" + work_dir + " soffice -env:UserInstallation=file://" + work_dir +
                          "/lo-profile --headless --convert-to pdf --outdir " + work_dir;
    for (const auto& path : paths) command += " " + path;
    if (std::system((command + " >" + work_dir + "/soffice.log 2>&1").c_str()) != 0) {
        ADD_FAILURE() << "soffice failed: " << command;
        return std::vector<std::string>(paths.size());
    }
    std::vector<std::string> texts;
    for (const auto& path : paths) {
        const std::string stem = work_dir + "/" + std::filesystem::path(path).stem().string();
        if (std::system(("pdftotext -layout " + stem + ".pdf " + stem + ".txt").c_str()) != 0)
            ADD_FAILURE() << "pdftotext failed on " << stem << ".pdf";
        std::ifstream in(stem + ".txt");
        std::stringstream out;
        out << in.rdbuf();
        texts.push_back(out.str());
    }
    return texts;
}

}  // namespace gvcpanel::testing
