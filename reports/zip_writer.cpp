#include "reports/zip_writer.hpp"

#include <zip.h>

#include <memory>

#include "data/error.hpp"

namespace gvcpanel::reports {

namespace {

// 1 January 2000: DOS time stamps start in 1980; any fixed date keeps the output reproducible.
constexpr time_t kTimestamp = 946684800;

struct SourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};

Error zip_error(const std::string& what, zip_error_t* error) {
    return Error("writing the zip archive: " + what + ": " + zip_error_strerror(error));
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, SourceFree> buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) throw zip_error("an empty buffer", &error);
    zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (!archive) throw zip_error("opening", &error);
    zip_source_keep(buffer.get());  // the archive frees its source on close; we read it after
    for (const auto& [name, contents] : entries) {
        zip_source_t* source = zip_source_buffer(archive, contents.data(), contents.size(), 0);
        const zip_int64_t index = source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (source) zip_source_free(source);
            const std::string message = zip_error_strerror(zip_get_error(archive));
            zip_discard(archive);
            throw Error("writing the zip archive: entry '" + name + "': " + message);
        }
        zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
        zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kTimestamp, 0);
    }
    if (zip_close(archive) != 0) {
        const std::string message = zip_error_strerror(zip_get_error(archive));
        zip_discard(archive);
        throw Error("writing the zip archive: " + message);
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0)
        throw zip_error("reading it back", zip_source_error(buffer.get()));
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), stat.size);
    zip_source_close(buffer.get());
    if (read != static_cast<zip_int64_t>(stat.size)) throw zip_error("reading it back", zip_source_error(buffer.get()));
    return bytes;
}

}  // namespace gvcpanel::reports
