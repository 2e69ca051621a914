// The bytes of an input file. A regular file is memory-mapped read-only, and pages already parsed
// can be handed back with release() (file-backed pages count in the resident set, so a reader that
// releases what it has read keeps its memory to the parsed values). A pipe, a FIFO or standard input
// (the name "-") cannot be mapped: it is read whole into memory. A FIFO that no program opens for
// writing is an error after a wait, not a hang; a terminal as standard input is refused.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gvcpanel::data {

class InputFile {
public:
    static constexpr double kFifoWaitSeconds = 10;  // how long a FIFO may stay without a writer

    // Throws Error naming the file when it does not exist, cannot be read, is a directory or a
    // device, or is a FIFO that nobody writes to within `fifo_wait_seconds`. An empty file has
    // size() == 0.
    explicit InputFile(const std::string& path, double fifo_wait_seconds = kFifoWaitSeconds);
    ~InputFile();
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    const char* begin() const { return data_; }
    const char* end() const { return data_ + size_; }
    std::size_t size() const { return size_; }
    // How messages name the input: the path, or "standard input" for "-".
    const std::string& name() const { return name_; }

    // Drops the whole pages of a mapped file inside [from, to) from memory; they are read again if
    // touched. Nothing to do for an input held in memory.
    void release(const char* from, const char* to) const;

    // Old Mac line ends: every '\r' becomes '\n' (a mapped file is first copied into memory).
    void convert_cr_line_ends();

private:
    void map(int fd, std::size_t size);
    void read_stream(int fd);
    void hold(std::vector<char> bytes);

    std::string name_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
    bool mapped_ = false;
    std::vector<char> owned_;  // the bytes of an input read into memory
};

}  // namespace gvcpanel::data
