#include "cli/read_options.hpp"

#include <algorithm>

#include "cli/run_model.hpp"
#include "data/error.hpp"
#include "models/columns_used.hpp"

namespace gvcpanel::cli {

namespace po = boost::program_options;

namespace {

// "a,b" and "c" -> a, b, c: a repeatable option whose values may each list several.
std::vector<std::string> split_lists(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& value : values) {
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = value.find(',', start);
            out.push_back(value.substr(start, comma == std::string::npos ? comma : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return out;
}

}  // namespace

void add_read_options(po::options_description& options, ReadSettings& settings) {
    po::options_description reading("reading the data (docs/reading.md)");
    // clang-format off
    reading.add_options()
        ("na", po::value(&settings.na)->composing(),
         "more cells read as missing, besides empty, NA and . (repeatable; commas separate): --na \"n/a,-\"")
        ("decimal", po::value(&settings.decimal)->default_value(settings.decimal),
         "decimal mark: . or , (a decimal-comma file is separated by ; or tab)")
        ("text", po::value(&settings.text)->composing(),
         "read these columns as text, as written (codes, ids; repeatable; commas separate)")
        ("sheet", po::value(&settings.sheet), "an Excel .xlsx file's sheet to read (default the first)");
    // clang-format on
    options.add(reading);
}

data::ReadOptions read_options(const ReadSettings& settings) {
    data::ReadOptions options;
    if (settings.decimal != "." && settings.decimal != ",")
        throw Error("--decimal '" + settings.decimal + "': the decimal mark is . or ,");
    options.decimal = settings.decimal[0];
    options.sheet = settings.sheet;
    for (const auto& token : split_lists(settings.na))
        if (std::find(options.missing.begin(), options.missing.end(), token) == options.missing.end())
            options.missing.push_back(token);
    for (const auto& name : split_lists(settings.text)) {
        if (name.empty()) throw Error("--text: an empty column name");
        options.text_columns.push_back(name);
    }
    return options;
}

std::vector<std::string> category_columns(const std::vector<const ModelRequest*>& requests) {
    std::vector<std::string> categories, values;
    for (const auto* request : requests) {
        if (request->estimator == "nls") continue;
        std::vector<std::string> used, only;
        try {
            used = columns_needed(*request);
            only = models::category_columns(model_spec(*request));
        } catch (const Error&) {
            continue;  // a request that does not parse fails on its own when it runs
        }
        for (const auto& name : used)
            (std::find(only.begin(), only.end(), name) != only.end() ? categories : values).push_back(name);
    }
    std::erase_if(categories, [&](const std::string& name) {
        return std::find(values.begin(), values.end(), name) != values.end();
    });
    std::sort(categories.begin(), categories.end());
    categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
    return categories;
}

}  // namespace gvcpanel::cli
