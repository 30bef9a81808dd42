#include "image_compare.hpp"

#include "png_writer.hpp"

#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <stb/stb_image.h>

namespace sh::test {

std::optional<RgbaPixels> read_png(const std::filesystem::path& path) {
    int w = 0, h = 0, channels = 0;
    stbi_uc* data = stbi_load(path.string().c_str(), &w, &h, &channels, 4);
    if (data == nullptr) return std::nullopt;
    RgbaPixels p;
    p.width = static_cast<std::uint32_t>(w);
    p.height = static_cast<std::uint32_t>(h);
    p.data.assign(data, data + static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    stbi_image_free(data);
    return p;
}

ImageComparison compare_with_reference(const RgbaPixels& actual,
                                       const std::filesystem::path& reference,
                                       const std::filesystem::path& out_dir,
                                       const std::string& name, ImageTolerance tolerance) {
    ImageComparison c;
    std::ostringstream msg;
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (const char* update = std::getenv("SH_UPDATE_REFERENCE_IMAGES"); update && *update) {
        std::filesystem::create_directories(reference.parent_path(), ec);
        c.passed = static_cast<bool>(write_png(reference, actual));
        c.reference_rewritten = true;
        c.message = "reference image rewritten: " + reference.string();
        return c;
    }
    const std::filesystem::path actual_path = out_dir / (name + "_actual.png");
    if (!write_png(actual_path, actual)) {
        c.message = "cannot write " + actual_path.string();
        return c;
    }
    const std::optional<RgbaPixels> ref = read_png(reference);
    if (!ref) {
        c.message = "no reference image " + reference.string() + "; the rendering is at " +
                    actual_path.string() + " (SH_UPDATE_REFERENCE_IMAGES=1 writes it)";
        return c;
    }
    if (ref->width != actual.width || ref->height != actual.height) {
        msg << name << ": reference " << reference.string() << " is " << ref->width << "x"
            << ref->height << ", the rendering " << actual.width << "x" << actual.height << " (at "
            << actual_path.string() << ")";
        c.message = msg.str();
        return c;
    }
    RgbaPixels diff = actual;
    const std::size_t pixels = ref->data.size() / 4;
    for (std::size_t p = 0; p < pixels; ++p) {
        int d = 0;
        for (std::size_t ch = 0; ch < 3; ++ch)
            d = std::max(d, std::abs(int(ref->data[p * 4 + ch]) - int(actual.data[p * 4 + ch])));
        c.worst = std::max(c.worst, d);
        const bool bad = d > tolerance.channel_tolerance;
        c.failing += bad ? 1 : 0;
        const auto grey = static_cast<std::uint8_t>(actual.data[p * 4 + 1] / 3);
        diff.data[p * 4 + 0] = bad ? 255 : grey;
        diff.data[p * 4 + 1] = bad ? 0 : grey;
        diff.data[p * 4 + 2] = bad ? 0 : grey;
        diff.data[p * 4 + 3] = 255;
    }
    c.fraction = pixels == 0 ? 0.0 : static_cast<double>(c.failing) / static_cast<double>(pixels);
    c.passed = c.fraction <= tolerance.max_failing_fraction;
    msg << name << ": " << c.failing << " pixels differ by more than "
        << tolerance.channel_tolerance << " (" << c.fraction * 100.0 << " %, at most "
        << tolerance.max_failing_fraction * 100.0 << " % allowed), worst " << c.worst;
    if (!c.passed) {
        const std::filesystem::path diff_path = out_dir / (name + "_diff.png");
        (void)write_png(diff_path, diff);
        msg << "; image differs from " << reference.string() << "; actual " << actual_path.string()
            << ", diff " << diff_path.string();
    }
    c.message = msg.str();
    return c;
}

} // namespace sh::test
