// An allocator that takes large blocks straight from the kernel (mmap) and returns them on free
// (munmap). The CSV reader's per-chunk buffers use it so that freeing them after the merge really
// lowers the resident set (malloc may keep freed heap blocks), and over-reserving costs nothing
// until a page is written.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>

namespace gvcpanel::data {

template <class T>
struct PageAllocator {
    using value_type = T;
    static constexpr std::size_t kMinMappedBytes = 64 * 1024;

    PageAllocator() = default;
    template <class U>
    PageAllocator(const PageAllocator<U>&) {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kMinMappedBytes) return static_cast<T*>(::operator new(bytes));
        void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kMinMappedBytes)
            ::operator delete(p);
        else
            ::munmap(p, bytes);
    }
    template <class U>
    bool operator==(const PageAllocator<U>&) const { return true; }
};

}  // namespace gvcpanel::data
