// A fixed pool of std::threads takes groups of specifications that share one fit (cli/batch_groups)
// from a shared counter, groups on one sample one after another; the panel indexes are built once,
// before, and levels, samples and demeaned columns once each while the batch runs (cli/shared_work).
// With more than one job each fit runs on one thread (OpenMP and BLAS), so jobs do not compete for
// cores.
#include "cli/batch_run.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/batch_groups.hpp"
#include "cli/batch_progress.hpp"
#include "cli/run_model.hpp"
#include "cli/shared_work.hpp"
#include "cli/threads.hpp"
#include "data/error.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

namespace {

using Line = nlohmann::ordered_json;

Line result_line(const ExpandedSpec& spec, const estimators::Result& result) {
    Line line = {{"id", spec.id}, {"spec", spec.spec}};
    if (!result.converged) {
        line["error"] = "did not converge: " + result.convergence_message;
        return line;
    }
    const auto json = estimators::to_json(result);
    for (auto it = json.begin(); it != json.end(); ++it) line[it.key()] = it.value();
    return line;
}

Line error_line(const ExpandedSpec& spec, const std::string& message) {
    return {{"id", spec.id}, {"spec", spec.spec}, {"error", message}};
}

Line estimate(const ExpandedSpec& spec, const ModelRequest& request, const data::Frame& frame,
              const data::PanelIndex* panel, SharedWork& shared) {
    try {
        return result_line(spec, run_model(request, frame, panel, &shared));
    } catch (const Error& e) {
        return error_line(spec, e.what());
    } catch (const std::exception& e) {
        return error_line(spec, std::string("internal error: ") + e.what());
    }
}

// A group of specifications that differ only in the covariance (cli/batch_groups): one fit for
// all. When that throws, each runs alone, so that each gets its own error or result.
std::vector<Line> estimate_group(const std::vector<const ExpandedSpec*>& group, ModelRequest request,
                                 const data::Frame& frame, const data::PanelIndex* panel, SharedWork& shared) {
    std::vector<Line> lines;
    if (group.size() > 1) {
        std::vector<std::string> vcovs;
        for (const auto* spec : group) vcovs.push_back(spec->request.vcov);
        try {
            const auto results = run_model(request, vcovs, frame, panel, &shared);
            for (std::size_t i = 0; i < group.size(); ++i) lines.push_back(result_line(*group[i], results[i]));
            return lines;
        } catch (const std::exception&) {
            lines.clear();  // the separate runs below report the error of the member that has it
        }
    }
    for (const auto* spec : group) {
        request.vcov = spec->request.vcov;
        lines.push_back(estimate(*spec, request, frame, panel, shared));
    }
    return lines;
}

// The panel index of every distinct --panel of the specifications, built once for all of them;
// nullopt when it cannot be built (each specification then reports why).
std::map<std::string, std::optional<data::PanelIndex>> panel_indexes(const std::vector<const ExpandedSpec*>& specs,
                                                                     const data::Frame& frame) {
    std::map<std::string, std::optional<data::PanelIndex>> panels;
    for (const auto* spec : specs) {
        if (panels.count(spec->request.panel)) continue;
        try {
            panels.emplace(spec->request.panel, panel_index(spec->request, frame));
        } catch (const std::exception&) {
            panels.emplace(spec->request.panel, std::nullopt);
        }
    }
    return panels;
}

}  // namespace

void BatchRunOptions::validate() const {
    if (jobs < 0) throw Error("--jobs " + std::to_string(jobs) + ": the number of jobs cannot be negative (0 = all cores)");
}

BatchRunCounts run_specifications(const std::vector<ExpandedSpec>& specs, const data::Frame& frame,
                                  const std::map<std::string, nlohmann::ordered_json>& stored,
                                  ResultStore& store, const BatchRunOptions& options) {
    options.validate();
    BatchRunCounts counts;
    std::vector<const ExpandedSpec*> todo;
    for (const auto& spec : specs) {
        const auto it = stored.find(spec.id);
        const bool keep = it != stored.end() && !(options.retry_failed && it->second.contains("error"));
        if (keep) ++counts.skipped;
        else todo.push_back(&spec);
    }
    auto groups = group_by_fit(todo);
    order_by_sample(groups);
    const auto panels = panel_indexes(todo, frame);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t jobs = std::min<std::size_t>(options.jobs > 0 ? static_cast<std::size_t>(options.jobs) : cores,
                                                   std::max<std::size_t>(groups.size(), 1));
    SharedWork shared(frame,
                      options.shared_bytes > 0 ? options.shared_bytes : default_shared_budget(frame.rows(), jobs));
    Progress progress(todo.size(), options.progress_terminal);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{0};
    std::exception_ptr store_error;  // a write to the store failed: stop taking work, report after the join
    std::mutex store_error_mutex;
    auto work = [&] {
        if (jobs > 1) set_threads(1);
        for (std::size_t i = next++; i < groups.size(); i = next++) {
            ModelRequest request = groups[i].front()->request;
            if (jobs > 1) request.threads = 1;
            const auto& panel = panels.at(request.panel);
            for (const auto& line : estimate_group(groups[i], request, frame, panel ? &*panel : nullptr, shared)) {
                const bool bad = line.contains("error");
                failed += bad ? 1 : 0;
                try {
                    store.append(line);
                } catch (...) {
                    const std::lock_guard lock(store_error_mutex);
                    if (!store_error) store_error = std::current_exception();
                    next = groups.size();
                    return;
                }
                progress.finished(bad);
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t j = 1; j < jobs; ++j) pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
    progress.close();
    if (store_error) std::rethrow_exception(store_error);
    counts.estimated = todo.size();
    counts.failed = failed;
    return counts;
}

}  // namespace gvcpanel::cli
