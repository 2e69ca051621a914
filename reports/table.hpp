// reports::Table: several fitted models side by side, as journals print them. It reads only
// estimators::Result; stacked panels (Panel A / Panel B) share the model columns.
//   std::cout << reports::Table({ols, fe}).render(reports::Format::latex);
#pragma once

#include <string>
#include <vector>

#include "estimators/result.hpp"
#include "reports/layout.hpp"
#include "reports/render.hpp"
#include "reports/table_options.hpp"

namespace gvcpanel::reports {

struct Panel {
    std::string title;                       // "Panel A: Exporters"
    std::vector<estimators::Result> results; // one per model column
};

class Table {
public:
    explicit Table(const std::vector<estimators::Result>& results, const TableOptions& options = {});
    explicit Table(const std::vector<Panel>& panels, const TableOptions& options = {});

    const Layout& layout() const { return layout_; }
    std::string render(Format format, const RenderOptions& options = {}) const;

private:
    Layout layout_;
};

}  // namespace gvcpanel::reports
