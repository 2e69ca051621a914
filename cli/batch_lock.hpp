// One batch at a time per output folder: an advisory lock (flock) on OUT/.batch.lock, held while the
// batch writes there and released by the system when the process ends, however it ends. The file
// records who holds it (pid, host, start time), so that a second batch on the same folder stops
// with that instead of estimating the same specifications twice.
#pragma once

#include <string>

namespace gvcpanel::cli {

class OutputFolderLock {
public:
    // Takes the lock of `folder` (which must exist) or throws an Error naming the holder.
    explicit OutputFolderLock(const std::string& folder);
    ~OutputFolderLock();
    OutputFolderLock(const OutputFolderLock&) = delete;
    OutputFolderLock& operator=(const OutputFolderLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace gvcpanel::cli
