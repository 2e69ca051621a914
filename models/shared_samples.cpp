// Three compute-once caches (data/shared_cache.hpp); a sample's key is the text of its setting and
// its row flags packed eight to a byte, and its name for the estimators is a counter.
#include "models/shared_samples.hpp"

namespace gvcpanel::models {

namespace {

std::size_t text_bytes(const std::vector<std::string>& texts) {
    std::size_t total = 0;
    for (const auto& text : texts) total += sizeof(std::string) + text.capacity();
    return total;
}

std::size_t levels_bytes(const Levels& levels) {
    return levels.codes.size() * sizeof(std::int32_t) + text_bytes(levels.names);
}

// One bit per row: the flags as a key, eight times smaller than the flags themselves.
std::string packed(const std::vector<std::uint8_t>& keep) {
    std::string bits((keep.size() + 7) / 8, '\0');
    for (std::size_t row = 0; row < keep.size(); ++row)
        if (keep[row]) bits[row / 8] = static_cast<char>(bits[row / 8] | (1 << (row % 8)));
    return bits;
}

}  // namespace

// Each of the three caches keeps at most a third of the budget.
SharedSamples::SharedSamples(const data::Frame& frame, std::size_t byte_budget)
    : frame_(frame),
      levels_(byte_budget / 3, levels_bytes),
      subsets_(byte_budget / 3, [](const std::vector<bool>& flags) { return flags.size() / 8; }),
      samples_(byte_budget / 3, [rows = frame.rows()](const SharedSample& sample) {
          std::size_t total = rows / 8 + sample.rows.size() * sizeof(std::size_t);
          for (const auto& grouping : sample.fixed_effects)
              total += grouping.codes.size() * sizeof(std::int32_t) + text_bytes(grouping.level_names);
          return total;
      }) {}

std::shared_ptr<const Levels> SharedSamples::levels(const std::string& name, const std::function<Levels()>& compute) {
    return levels_.get(name, compute);
}

std::shared_ptr<const std::vector<bool>> SharedSamples::subset(const std::string& key,
                                                               const std::function<std::vector<bool>()>& compute) {
    return subsets_.get(key, compute);
}

std::shared_ptr<const SharedSample> SharedSamples::sample(const std::string& setting,
                                                          const std::vector<std::uint8_t>& keep,
                                                          const std::function<SharedSample()>& compute) {
    return samples_.get(setting + '\0' + packed(keep), [&] {
        SharedSample sample = compute();
        sample.key = "sample " + std::to_string(next_sample_++);
        return sample;
    });
}

}  // namespace gvcpanel::models
