#include "estimators/resampling/replicates.hpp"

#include <omp.h>

#include <algorithm>
#include <exception>

#include "data/error.hpp"
#include "estimators/resampling/replicate_stream.hpp"

namespace gvcpanel::estimators::resampling {

namespace {

constexpr std::size_t kMaxMessages = 5;

}  // namespace

void ReplicateOptions::validate() const {
    if (replications == 0) throw Error("resampling: the number of replications must be at least 1");
    if (first >= replications)
        throw Error("resampling: first replicate " + std::to_string(first) + " is not below the " +
                    std::to_string(replications) + " replications");
    if (threads < 0) throw Error("resampling: threads = " + std::to_string(threads) + " must be >= 0");
}

arma::mat Replicates::successful() const {
    arma::mat kept(succeeded(), estimates.n_cols);
    std::size_t next = 0, failure = 0;
    for (std::size_t r = 0; r < count(); ++r) {
        if (failure < failed.size() && failed[failure] == first + r) {
            ++failure;
            continue;
        }
        kept.row(next++) = estimates.row(r);
    }
    return kept;
}

Replicates run_replicates(std::size_t k, const ReplicateOptions& options, const ReplicateFunction& replicate) {
    options.validate();
    const std::size_t count = std::min(options.count, options.replications - options.first);
    Replicates result;
    result.first = options.first;
    result.estimates.set_size(count, k);
    std::vector<std::string> message(count);
    std::vector<char> failed(count, 0);
    std::exception_ptr fatal;
    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    // Dynamic scheduling: refits differ in cost (iterations to convergence); each writes its own row.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::size_t r = 0; r < count; ++r) {
        const std::size_t index = options.first + r;
        try {
            data::Random stream = replicate_stream(options.seed, index);
            const arma::vec estimate = replicate(index, stream);
            if (estimate.n_elem != k)
                throw Error("replicate " + std::to_string(index) + " gave " + std::to_string(estimate.n_elem) +
                            " estimates for " + std::to_string(k));
            if (!estimate.is_finite()) throw Error("an estimate is not finite");
            result.estimates.row(r) = estimate.t();
        } catch (const Error& error) {
            failed[r] = 1;
            message[r] = error.what();
            result.estimates.row(r).fill(arma::datum::nan);
        } catch (...) {
#pragma omp critical(gvcpanel_replicates_fatal)
            if (!fatal) fatal = std::current_exception();
            failed[r] = 1;
        }
    }
    if (fatal) std::rethrow_exception(fatal);
    for (std::size_t r = 0; r < count; ++r) {
        if (!failed[r]) continue;
        result.failed.push_back(options.first + r);
        if (result.messages.size() < kMaxMessages &&
            std::find(result.messages.begin(), result.messages.end(), message[r]) == result.messages.end())
            result.messages.push_back(message[r]);
    }
    return result;
}

Replicates merge_replicates(std::vector<Replicates> parts) {
    if (parts.empty()) throw Error("merge_replicates: no parts");
    std::sort(parts.begin(), parts.end(), [](const Replicates& a, const Replicates& b) { return a.first < b.first; });
    Replicates merged;
    merged.first = parts.front().first;
    std::size_t next = merged.first;
    for (const auto& part : parts) {
        if (part.first != next)
            throw Error("merge_replicates: replicates " + std::to_string(std::min(next, part.first)) + " to " +
                        std::to_string(std::max(next, part.first)) + (part.first > next ? " are missing" : " overlap"));
        if (!merged.estimates.is_empty() && part.estimates.n_cols != merged.estimates.n_cols)
            throw Error("merge_replicates: parts with different numbers of estimates");
        merged.estimates = arma::join_cols(merged.estimates, part.estimates);
        merged.failed.insert(merged.failed.end(), part.failed.begin(), part.failed.end());
        for (const auto& m : part.messages)
            if (merged.messages.size() < kMaxMessages &&
                std::find(merged.messages.begin(), merged.messages.end(), m) == merged.messages.end())
                merged.messages.push_back(m);
        next = part.first + part.count();
    }
    return merged;
}

Replicates bootstrap(const SamplingPlan& plan, std::size_t k, const ReplicateOptions& options, const Refit& refit) {
    return run_replicates(k, options, [&](std::size_t, data::Random& stream) { return refit(draw_units(plan, stream)); });
}

Replicates jackknife(const SamplingPlan& plan, std::size_t k, int threads, const Refit& refit) {
    ReplicateOptions options;
    options.replications = plan.units();
    options.threads = threads;
    return run_replicates(k, options, [&](std::size_t unit, data::Random&) { return refit(leave_out(plan, unit)); });
}

}  // namespace gvcpanel::estimators::resampling
