#include "reports/show.hpp"

#include "data/error.hpp"

namespace gvcpanel::reports {

Show parse_show(const std::string& text, const std::string& option) {
    if (text == "auto") return Show::automatic;
    if (text == "yes") return Show::always;
    if (text == "no") return Show::never;
    throw Error(option + ": '" + text + "' is not a choice; choose auto, yes or no");
}

}  // namespace gvcpanel::reports
