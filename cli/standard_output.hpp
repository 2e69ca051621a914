// Standard output through a buffer of our own that keeps the reason of a failed write. With the C
// library's buffer the reason was lost: a failed flush discards the buffered bytes, std::cout stops
// at its first failure, and errno is overwritten long before the end of the run, so a command whose
// output outgrew one buffer ("fit --help > /dev/full") could only say that "a write failed".
#pragma once

#include <optional>
#include <string>

namespace gvcpanel::cli {

// Makes std::cout write to file descriptor 1 through the buffer above. On a terminal it does
// nothing (the C library's line buffering shows each line as it is printed).
void capture_standard_output();

// Flushes standard output; the system's reason for the first write that failed ("No space left on
// device"), or nothing when everything printed reached it. A failure is reported once.
std::optional<std::string> standard_output_failure();

}  // namespace gvcpanel::cli
