// Word (.docx): the three-line table of ruled_table.hpp written as Office Open XML (ECMA-376
// WordprocessingML) directly, zipped with libzip: each table at the left margin (as esttab's),
// its cells carrying the rules as borders, stars as superscripts, the notes in a smaller size
// below, its title in bold above. Times New Roman 10 pt, A4 with 2 cm margins.
#include <algorithm>
#include <string>

#include "reports/render.hpp"
#include "reports/ruled_table.hpp"
#include "reports/zip_writer.hpp"

namespace gvcpanel::reports {

namespace {

constexpr int kLabelWidth = 3200;  // twips (1/1440 inch)
constexpr int kColumnWidth = 1400;

const char* const kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const char* const kMain = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// XML text: escaped, without the control characters XML 1.0 cannot hold.
std::string escaped(const std::string& text) {
    std::string kept;
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') kept += c;
    return html_escaped(kept);
}

// Border size in eighths of a point: 1 pt for the outer rules, 0.5 pt inside.
std::string border(const char* side, Rule rule) {
    if (rule == Rule::none) return "";
    return std::string("<w:") + side + " w:val=\"single\" w:sz=\"" + (rule == Rule::thick ? "8" : "4") +
           "\" w:space=\"0\" w:color=\"000000\"/>";
}

std::string run(const std::string& text, const std::string& properties) {
    if (text.empty()) return "";
    return "<w:r>" + (properties.empty() ? "" : "<w:rPr>" + properties + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + escaped(text) + "</w:t></w:r>";
}

std::string cell_xml(const RuledCell& cell, bool first, Rule above, Rule below) {
    const int width = first ? kLabelWidth + kColumnWidth * static_cast<int>(cell.span - 1)
                            : kColumnWidth * static_cast<int>(cell.span);
    std::string xml = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
    if (cell.span > 1) xml += "<w:gridSpan w:val=\"" + std::to_string(cell.span) + "\"/>";
    const std::string borders = border("top", above) + border("bottom", std::max(below, cell.under));
    if (!borders.empty()) xml += "<w:tcBorders>" + borders + "</w:tcBorders>";
    xml += "</w:tcPr><w:p><w:pPr><w:jc w:val=\"" + std::string(first ? "left" : "center") + "\"/></w:pPr>";
    xml += run(cell.text, cell.italic ? "<w:i/>" : "");
    xml += run(cell.stars, "<w:vertAlign w:val=\"superscript\"/>");
    return xml + "</w:p></w:tc>";
}

std::string table_xml(const RuledTable& table) {
    std::string xml = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>"
           "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/>"
           "<w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
    xml += "<w:gridCol w:w=\"" + std::to_string(kLabelWidth) + "\"/>";
    for (std::size_t c = 0; c < table.columns; ++c) xml += "<w:gridCol w:w=\"" + std::to_string(kColumnWidth) + "\"/>";
    xml += "</w:tblGrid>";
    for (const auto& row : table.rows) {
        xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
        for (std::size_t c = 0; c < row.cells.size(); ++c) xml += cell_xml(row.cells[c], c == 0, row.above, row.below);
        xml += "</w:tr>";
    }
    xml += "</w:tbl>";
    for (const auto& note : table.notes)
        xml += "<w:p><w:pPr><w:spacing w:before=\"40\"/></w:pPr>" + run(note, "<w:sz w:val=\"16\"/>") + "</w:p>";
    return xml;
}

std::string document_xml(const std::vector<TitledLayout>& tables) {
    std::string xml = std::string(kXmlDeclaration) + "<w:document xmlns:w=\"" + kMain + "\"><w:body>";
    for (std::size_t t = 0; t < tables.size(); ++t) {
        if (t > 0) xml += "<w:p/>";
        if (!tables[t].title.empty())
            xml += "<w:p><w:pPr><w:spacing w:after=\"120\"/></w:pPr>" + run(tables[t].title, "<w:b/>") + "</w:p>";
        xml += table_xml(ruled_table(tables[t].layout));
    }
    xml += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
           "w:bottom=\"1134\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";
    return xml + "</w:body></w:document>";
}

std::string styles_xml() {
    return std::string(kXmlDeclaration) + "<w:styles xmlns:w=\"" + kMain + "\"><w:docDefaults>" +
           "<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
           "w:cs=\"Times New Roman\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:rPrDefault>"
           "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>"
           "</w:pPrDefault></w:docDefaults></w:styles>";
}

}  // namespace

std::string render_docx(const std::vector<TitledLayout>& tables) {
    const std::string package = "http://schemas.openxmlformats.org/package/2006/";
    const std::string relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const std::string content_types =
        std::string(kXmlDeclaration) + "<Types xmlns=\"" + package + "content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
        "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";
    const std::string package_rels = std::string(kXmlDeclaration) + "<Relationships xmlns=\"" + package +
                                     "relationships\"><Relationship Id=\"rId1\" Type=\"" + relationships +
                                     "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    const std::string document_rels = std::string(kXmlDeclaration) + "<Relationships xmlns=\"" + package +
                                      "relationships\"><Relationship Id=\"rId1\" Type=\"" + relationships +
                                      "styles\" Target=\"styles.xml\"/></Relationships>";
    return zip_archive({{"[Content_Types].xml", content_types},
                        {"_rels/.rels", package_rels},
                        {"word/_rels/document.xml.rels", document_rels},
                        {"word/document.xml", document_xml(tables)},
                        {"word/styles.xml", styles_xml()}});
}

}  // namespace gvcpanel::reports
