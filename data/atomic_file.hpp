// Output files written whole or not at all. The bytes go to a temporary file in the target's folder
// (".NAME.PID.N.tmp"), which is flushed to disk and renamed over the target only once complete, so
// that a reader, a full disk or a kill at any moment leaves either the old complete file or the new
// complete one; on failure the temporary file is removed. Every writer of a result, table, plot,
// CSV or manifest goes through here. A target that exists and is not a regular file (a terminal,
// /dev/null, a pipe) cannot be replaced and is written directly.
#pragma once

#include <string>
#include <string_view>

namespace gvcpanel::data {

class AtomicFile {
public:
    // Creates the temporary file; an Error names `path` and the reason (no such folder, no permission).
    explicit AtomicFile(const std::string& path);
    // Removes the temporary file unless commit() succeeded.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Appends bytes; a failed write is an Error naming `path` and the system's reason (ENOSPC...).
    void write(std::string_view bytes);
    // Flushes the bytes to disk and renames the temporary file over `path`.
    void commit();

    const std::string& path() const { return path_; }

private:
    [[noreturn]] void fail(const std::string& what, int error);
    std::string path_;       // as the caller named it (for messages)
    std::string target_;     // where the rename goes: `path_`, or the file a symbolic link points to
    std::string temporary_;  // empty when writing directly
    int fd_ = -1;
    bool committed_ = false;
};

// `text` to `path` through one AtomicFile.
void write_file(const std::string& path, std::string_view text);

// The leftovers of writers killed before their rename (temporary files named as AtomicFile names
// them, by processes no longer alive) in `folder`, removed; returns how many.
std::size_t remove_stale_temporaries(const std::string& folder);

}  // namespace gvcpanel::data
