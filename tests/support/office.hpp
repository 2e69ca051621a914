// Reading back the Word, RTF and Excel files the program writes, independently of the code that
// wrote them: the cells of a .docx (its document.xml), of an RTF table (its \cell groups), the text
// Excel shows for a cell of a .xlsx (its value through its number format), and LibreOffice's
// rendering of a document as laid-out text (soffice to PDF, then pdftotext -layout) when both
// programs are installed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "data/xlsx_sheet.hpp"

namespace gvcpanel::testing {

using TableCells = std::vector<std::vector<std::string>>;  // rows of cell texts

// One entry of a zip archive, whole; a missing entry is a test failure and "".
std::string zip_entry(const std::string& archive, const std::string& name);

// The tables of a .docx: each cell's text runs joined (stars included), row by row.
std::vector<TableCells> docx_tables(const std::string& path);

// The table rows of an RTF document: each cell's text with control words and groups removed.
TableCells rtf_rows(const std::string& rtf);

// What Excel shows for `cell` under number formats such as 0.000, (0.000), 0.000"***" and 0:
// the value with the format's decimals, its parentheses and quoted suffix; text as it is.
std::string excel_display(const data::XlsxCell& cell);

// Each file converted by LibreOffice (headless, a private profile) to PDF and then to text with
// pdftotext -layout; nullopt when soffice or pdftotext is not installed. The files' names must
// differ in more than their extension.
std::optional<std::vector<std::string>> libreoffice_layout_texts(const std::vector<std::string>& paths,
                                                                const std::string& work_dir);

}  // namespace gvcpanel::testing
