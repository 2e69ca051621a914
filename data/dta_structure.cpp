#include "data/dta_structure.hpp"

#include <array>
#include <cstdint>

#include "data/error.hpp"

namespace gvcpanel::data {

namespace {

// The sections in map order (map entry k is where section k starts).
constexpr std::array<std::string_view, 13> kOpeningTags = {
    "<stata_dta>", "<map>", "<variable_types>", "<varnames>", "<sortlist>", "<formats>", "<value_label_names>",
    "<variable_labels>", "<characteristics>", "<data>", "<strls>", "<value_labels>", "</stata_dta>"};
constexpr std::size_t kMapEntries = 14;
constexpr std::size_t kData = 9, kStrls = 10, kValueLabels = 11, kEnd = 12, kEndOfFile = 13, kTypes = 2;

class Reader {
public:
    Reader(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {}

    [[noreturn]] void fail(const std::string& what, std::string_view section, std::size_t offset) const {
        throw Error(name_ + ": the Stata file is damaged or incomplete: " + what + " (" + std::string(section) +
                    ", byte offset " + std::to_string(offset) + ")");
    }

    bool has(std::string_view tag, std::size_t at) const {
        return at <= bytes_.size() && bytes_.substr(at, tag.size()) == tag;
    }

    // Moves past `tag` at position_, which must be there.
    void tag(std::string_view tag, std::string_view section) {
        if (!has(tag, position_)) fail("expected " + std::string(tag), section, position_);
        position_ += tag.size();
    }

    // An unsigned number of `width` bytes at `at`, in the file's byte order.
    std::uint64_t number(std::size_t at, std::size_t width, std::string_view section) const {
        if (at > bytes_.size() || bytes_.size() - at < width) fail("the file ends inside a number", section, at);
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < width; ++i) {
            const auto byte = static_cast<unsigned char>(bytes_[at + (big_endian_ ? i : width - 1 - i)]);
            value = value << 8 | byte;
        }
        return value;
    }

    std::uint64_t read_number(std::size_t width, std::string_view section) {
        const auto value = number(position_, width, section);
        position_ += width;
        return value;
    }

    void skip(std::uint64_t count, std::string_view section) {
        if (count > bytes_.size() - position_) fail("the file ends inside the " + std::string(section), section, position_);
        position_ += static_cast<std::size_t>(count);
    }

    std::string_view bytes_;
    const std::string& name_;
    std::size_t position_ = 0;
    bool big_endian_ = false;
};

// Bytes per observation of a variable of the given type code (help dta: 1-2045 str#, 32768 strL,
// 65526 double, 65527 float, 65528 long, 65529 int, 65530 byte); 0 for an unknown code.
std::uint64_t type_width(std::uint64_t code) {
    if (code >= 1 && code <= 2045) return code;
    switch (code) {
        case 32768: return 8;
        case 65526: return 8;
        case 65527: return 4;
        case 65528: return 4;
        case 65529: return 2;
        case 65530: return 1;
        default: return 0;
    }
}

}  // namespace

void check_dta_structure(std::string_view bytes, int version, const std::string& name) {
    Reader in(bytes, name);
    const std::string_view header = "the header";
    in.tag("<stata_dta><header><release>", header);
    in.skip(3, header);
    in.tag("</release><byteorder>", header);
    if (in.has("MSF", in.position_)) in.big_endian_ = true;
    else if (!in.has("LSF", in.position_)) in.fail("the byte order is neither MSF nor LSF", header, in.position_);
    in.skip(3, header);
    in.tag("</byteorder><K>", header);
    const auto variables = in.read_number(version >= 119 ? 4 : 2, header);
    in.tag("</K><N>", header);
    const auto observations = in.read_number(version >= 118 ? 8 : 4, header);
    in.tag("</N><label>", header);
    in.skip(in.read_number(version >= 118 ? 2 : 1, header), header);
    in.tag("</label><timestamp>", header);
    in.skip(in.read_number(1, header), header);
    in.tag("</timestamp></header>", header);

    const std::string_view map_section = "the map";
    const std::size_t map_at = in.position_;
    in.tag("<map>", map_section);
    std::array<std::uint64_t, kMapEntries> map{};
    for (auto& entry : map) entry = in.read_number(8, map_section);
    in.tag("</map>", map_section);
    if (map[kEndOfFile] != bytes.size())
        in.fail(bytes.size() < map[kEndOfFile]
                    ? "the file has " + std::to_string(bytes.size()) + " bytes but its map says it ends at byte " +
                          std::to_string(map[kEndOfFile]) + ": it was cut short"
                    : "the file has " + std::to_string(bytes.size() - map[kEndOfFile]) +
                          " bytes after the end its map gives",
                map_section, map_at);
    for (std::size_t k = 1; k <= kEnd; ++k)
        if (map[k] < map[k - 1] || map[k] > bytes.size() || !in.has(kOpeningTags[k], static_cast<std::size_t>(map[k])))
            in.fail("the map puts " + std::string(kOpeningTags[k]) + " at a byte that does not hold it",
                    kOpeningTags[k], static_cast<std::size_t>(std::min<std::uint64_t>(map[k], bytes.size())));

    // Declared observations: the data section holds N records of the width the types add up to.
    const std::string_view types_end = "</variable_types>";
    if (map[kTypes + 1] - map[kTypes] != kOpeningTags[kTypes].size() + 2 * variables + types_end.size())
        in.fail("the variable types do not match the " + std::to_string(variables) + " declared variables",
                kOpeningTags[kTypes], static_cast<std::size_t>(map[kTypes]));
    std::uint64_t width = 0;
    for (std::uint64_t v = 0; v < variables; ++v) {
        const auto at = static_cast<std::size_t>(map[kTypes]) + kOpeningTags[kTypes].size() + 2 * v;
        const auto code = in.number(at, 2, kOpeningTags[kTypes]);
        if (type_width(code) == 0) in.fail("unknown variable type " + std::to_string(code), kOpeningTags[kTypes], at);
        width += type_width(code);
    }
    const std::uint64_t data_start = map[kData] + kOpeningTags[kData].size();
    const std::string_view data_end_tag = "</data>";
    if (map[kStrls] < data_start + data_end_tag.size() ||
        !in.has(data_end_tag, static_cast<std::size_t>(map[kStrls] - data_end_tag.size())))
        in.fail("the data section does not end with </data>", "<data>", static_cast<std::size_t>(map[kStrls]));
    const std::uint64_t data_bytes = map[kStrls] - data_end_tag.size() - data_start;
    if (width == 0 ? data_bytes != 0 : (data_bytes % width != 0 || data_bytes / width != observations))
        in.fail("the data section holds " + std::to_string(data_bytes) + " bytes for the " +
                    std::to_string(observations) + " declared observations of " + std::to_string(width) + " bytes",
                "<data>", static_cast<std::size_t>(data_start));

    // Value labels: <lbl> length name padding table </lbl>, each whole, up to </value_labels>.
    const std::string_view labels = kOpeningTags[kValueLabels];
    const std::string_view labels_end = "</value_labels>";
    const std::size_t labels_stop = static_cast<std::size_t>(map[kEnd]) - labels_end.size();
    if (map[kEnd] < map[kValueLabels] + labels.size() + labels_end.size() || !in.has(labels_end, labels_stop))
        in.fail("the value labels do not end with </value_labels>", labels, static_cast<std::size_t>(map[kEnd]));
    in.position_ = static_cast<std::size_t>(map[kValueLabels]) + labels.size();
    const std::size_t name_bytes = version >= 118 ? 129 : 33;
    while (in.position_ < labels_stop) {
        in.tag("<lbl>", labels);
        const auto length = in.read_number(4, labels);
        in.skip(name_bytes + 3, labels);
        in.skip(length, labels);
        in.tag("</lbl>", labels);
    }
    if (in.position_ != labels_stop)
        in.fail("a value-label table runs past </value_labels>", labels, labels_stop);
}

}  // namespace gvcpanel::data
