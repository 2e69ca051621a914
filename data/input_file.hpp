// A read-only memory map of a whole file. Pages already parsed can be handed back with release():
// file-backed pages count in the resident set, so a reader that releases what it has read keeps
// its memory to the parsed values.
#pragma once

#include <cstddef>
#include <string>

namespace gvcpanel::data {

class MappedFile {
public:
    // Throws Error naming the file when it does not exist, cannot be read or is a directory.
    // An empty file maps to size() == 0.
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const char* begin() const { return data_; }
    const char* end() const { return data_ + size_; }
    std::size_t size() const { return size_; }

    // Drops the whole pages inside [from, to) from memory; they are read again if touched.
    void release(const char* from, const char* to) const;

private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace gvcpanel::data
