#include "png_writer.hpp"

// The one translation unit with stb_image_write's implementation. STATIC keeps its symbols
// private to this file, so it cannot clash with the copy inside Debian's libstb (which
// libimgui links).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STB_IMAGE_WRITE_STATIC
#include <limits>
#include <stb/stb_image_write.h>
#include <string>

namespace sh {

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
    if (stbi_write_png(path.string().c_str(), w, h, 4, pixels.data.data(), w * 4) == 0) {
        return Error{"could not write PNG " + path.string(),
                     {"check that the folder exists and is writable"}};
    }
    return path;
}

} // namespace sh
