// A fixed pool of std::threads takes specifications from a shared counter. With more than one job
// each fit runs on one thread (OpenMP and BLAS), so jobs do not compete for cores.
#include "cli/batch_run.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "cli/batch_progress.hpp"
#include "cli/run_model.hpp"
#include "cli/threads.hpp"
#include "data/error.hpp"
#include "estimators/result.hpp"

namespace gvcpanel::cli {

namespace {

nlohmann::ordered_json estimate(const ExpandedSpec& spec, ModelRequest request, const data::Frame& frame) {
    nlohmann::ordered_json line = {{"id", spec.id}, {"spec", spec.spec}};
    try {
        const auto result = run_model(request, frame);
        if (!result.converged) {
            line["error"] = "did not converge: " + result.convergence_message;
            return line;
        }
        const auto json = estimators::to_json(result);
        for (auto it = json.begin(); it != json.end(); ++it) line[it.key()] = it.value();
    } catch (const Error& e) {
        line["error"] = e.what();
    } catch (const std::exception& e) {
        line["error"] = std::string("internal error: ") + e.what();
    }
    return line;
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
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t jobs = std::min<std::size_t>(options.jobs > 0 ? static_cast<std::size_t>(options.jobs) : cores,
                                                   std::max<std::size_t>(todo.size(), 1));
    Progress progress(todo.size(), options.progress_terminal);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{0};
    std::exception_ptr store_error;  // a write to the store failed: stop taking work, report after the join
    std::mutex store_error_mutex;
    auto work = [&] {
        if (jobs > 1) set_threads(1);
        for (std::size_t i = next++; i < todo.size(); i = next++) {
            ModelRequest request = todo[i]->request;
            if (jobs > 1) request.threads = 1;
            const auto line = estimate(*todo[i], request, frame);
            const bool bad = line.contains("error");
            failed += bad ? 1 : 0;
            try {
                store.append(line);
            } catch (...) {
                const std::lock_guard lock(store_error_mutex);
                if (!store_error) store_error = std::current_exception();
                next = todo.size();
                return;
            }
            progress.finished(bad);
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
