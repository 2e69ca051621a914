// What the designs of many specifications on one frame share (the batch runner's): the sorted levels
// of a variable, the rows a --subset keeps, and an estimation sample with its fixed-effect groupings
// (singletons dropped once per sample). A sample is keyed by the flag of every row before singletons
// are dropped, with the fixed effects, weights and panel: exact, never a hash.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/frame.hpp"
#include "data/shared_cache.hpp"
#include "models/design.hpp"
#include "models/levels.hpp"

namespace gvcpanel::models {

// An estimation sample with the fixed-effect groupings on it, as build_design makes them.
struct SharedSample {
    std::string key;                      // unique among the samples of one SharedSamples
    std::vector<std::size_t> rows;        // frame rows kept
    std::size_t singletons = 0;           // rows dropped as singletons
    std::vector<Grouping> fixed_effects;  // codes and level names; varying slopes not filled
};

class SharedSamples {
public:
    // For designs on `frame` only; values beyond `byte_budget` bytes are dropped, least recently
    // used first.
    SharedSamples(const data::Frame& frame, std::size_t byte_budget);

    const data::Frame& frame() const { return frame_; }

    // The levels named `name` (a column, or "a^b"), computed once.
    std::shared_ptr<const Levels> levels(const std::string& name, const std::function<Levels()>& compute);

    // The rows a --subset condition keeps; `key` is the condition with the panel it is read on.
    std::shared_ptr<const std::vector<bool>> subset(const std::string& key,
                                                    const std::function<std::vector<bool>()>& compute);

    // The sample of the rows flagged in `keep` (before singletons) under `setting` (the fixed
    // effects, weights, panel and singleton rule, as text). `compute` fills all but the key.
    std::shared_ptr<const SharedSample> sample(const std::string& setting, const std::vector<std::uint8_t>& keep,
                                               const std::function<SharedSample()>& compute);

private:
    const data::Frame& frame_;
    data::SharedCache<std::string, Levels> levels_;
    data::SharedCache<std::string, std::vector<bool>> subsets_;
    data::SharedCache<std::string, SharedSample> samples_;
    std::atomic<std::size_t> next_sample_{0};
};

}  // namespace gvcpanel::models
