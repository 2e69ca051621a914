// A thread-safe cache of values computed at most once per key, for work that many fits share (the
// batch runner's levels, samples and demeaned columns). A caller either finds the value (or waits
// for the caller computing it) or claims the key and computes it. Values computed take their size
// in bytes; above the byte budget the least recently used ones are dropped (holders keep theirs).
// An error while computing is kept like a value: every caller of that key gets it.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace gvcpanel::data {

template <class Key, class Value>
class SharedCache {
public:
    using Pointer = std::shared_ptr<const Value>;
    using Future = std::shared_future<Pointer>;

    // `bytes` gives a value's size; the cache keeps at most `byte_budget` bytes of values computed.
    SharedCache(std::size_t byte_budget, std::function<std::size_t(const Value&)> bytes)
        : budget_(byte_budget), bytes_(std::move(bytes)) {}

    // The value of `key`, computed by `compute()` when no caller has it or is computing it.
    template <class Compute>
    Pointer get(const Key& key, Compute&& compute) {
        auto found = find_or_claim(key);
        if (found.future) return found.future->get();
        try {
            fulfil(key, compute());
        } catch (...) {
            fail(key, std::current_exception());
        }
        return found.claim.get();
    }

    // Either `future` (the value, or another caller's computation of it) or `claim`: this caller
    // must compute the value and call fulfil() or fail() for the key, then read `claim`.
    struct Found {
        std::optional<Future> future;
        Future claim;
    };

    Found find_or_claim(const Key& key) {
        const std::lock_guard lock(mutex_);
        if (const auto it = entries_.find(key); it != entries_.end()) {
            if (it->second.ready) recent_.splice(recent_.begin(), recent_, it->second.recent);
            return {it->second.future, {}};
        }
        auto& entry = entries_[key];
        entry.future = entry.promise.get_future().share();
        return {std::nullopt, entry.future};
    }

    void fulfil(const Key& key, Value value) {
        Pointer pointer = std::make_shared<const Value>(std::move(value));
        const std::size_t size = bytes_(*pointer);
        const std::lock_guard lock(mutex_);
        auto& entry = entries_.at(key);
        entry.promise.set_value(std::move(pointer));
        settle(key, entry, size);
    }

    void fail(const Key& key, std::exception_ptr error) {
        const std::lock_guard lock(mutex_);
        auto& entry = entries_.at(key);
        entry.promise.set_exception(std::move(error));
        settle(key, entry, 0);
    }

    std::size_t bytes_held() const {
        const std::lock_guard lock(mutex_);
        return held_;
    }

private:
    struct Entry {
        std::promise<Pointer> promise;
        Future future;
        bool ready = false;
        std::size_t bytes = 0;
        typename std::list<Key>::iterator recent;  // position in recent_ once ready
    };

    // Called with the lock held: the entry joins the recently used list, and the least recently
    // used entries leave until the values fit the budget (the newest always stays).
    void settle(const Key& key, Entry& entry, std::size_t size) {
        entry.ready = true;
        entry.bytes = size;
        recent_.push_front(key);
        entry.recent = recent_.begin();
        held_ += size;
        while (held_ > budget_ && recent_.size() > 1) {
            const auto oldest = entries_.find(recent_.back());
            held_ -= oldest->second.bytes;
            recent_.pop_back();
            entries_.erase(oldest);
        }
    }

    std::size_t budget_;
    std::function<std::size_t(const Value&)> bytes_;
    mutable std::mutex mutex_;
    std::map<Key, Entry> entries_;
    std::list<Key> recent_;  // ready entries, most recently used first
    std::size_t held_ = 0;
};

}  // namespace gvcpanel::data
