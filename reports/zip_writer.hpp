// A zip archive built in memory with libzip (deflate), for the Office Open XML formats: each
// entry a name and its bytes, in the order given, with a fixed time stamp so that the same table
// gives the same bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gvcpanel::reports {

using ZipEntry = std::pair<std::string, std::string>;  // name in the archive, contents

// The archive's bytes; a libzip failure is an Error naming the entry.
std::string zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace gvcpanel::reports
