#include "png_writer.hpp"

// The one translation unit with stb_image_write's implementation. STATIC keeps its symbols
// private to this file, so it cannot clash with the copy inside Debian's libstb (which
// libimgui links).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <stb/stb_image_write.h>
#include <string>
#include <unistd.h>

namespace sh {
namespace {

void append_bytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

Error file_error(const std::filesystem::path& path, const std::string& step, int err) {
    return Error{"could not write " + path.string() + ": " + step + ": " + std::strerror(err),
                 {err == ENOSPC || err == EFBIG || err == EDQUOT
                      ? "the disk (or the file size limit) is full: free some space"
                      : "check that the folder exists and is writable"},
                 ErrorCode::Io};
}

} // namespace

Result<std::filesystem::path> write_file_atomically(const std::filesystem::path& path,
                                                    const std::vector<std::uint8_t>& bytes) {
    // A hidden name in the same folder (so the rename stays on one file system), unique per
    // process and call (the recorder's thread and a screenshot may write at once).
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    const std::filesystem::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
               std::to_string(counter++));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return file_error(path, "cannot create a file in " + dir.string(), errno);
    const auto fail = [&](const std::string& step, int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return file_error(path, step, err);
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail("write", n < 0 ? errno : ENOSPC);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("flush to disk", errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return file_error(path, "close", err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return file_error(path, "rename into place", err);
    }
    return path;
}

Result<std::filesystem::path> write_png(const std::filesystem::path& path,
                                        const RgbaPixels& pixels) {
    if (pixels.width == 0 || pixels.height == 0 ||
        pixels.data.size() != std::size_t{pixels.width} * pixels.height * 4) {
        return Error{"write_png: pixel buffer does not match its size", {path.string()}};
    }
    constexpr auto int_max = static_cast<std::uint32_t>(std::numeric_limits<int>::max() / 4);
    if (pixels.width > int_max || pixels.height > int_max)
        return Error{"write_png: image too large", {path.string()}};
    const int w = static_cast<int>(pixels.width);
    const int h = static_cast<int>(pixels.height);
    std::vector<std::uint8_t> encoded;
    if (stbi_write_png_to_func(append_bytes, &encoded, w, h, 4, pixels.data.data(), w * 4) == 0)
        return Error{"could not encode the PNG for " + path.string(), {}};
    return write_file_atomically(path, encoded);
}

} // namespace sh
