// PNG output of read-back pixels (screenshots, test artefacts), via stb_image_write.
#pragma once

#include "offscreen_target.hpp"
#include "result.hpp"

#include <filesystem>

namespace sh {

// Writes an RGBA8 PNG; returns the path written or why it failed.
Result<std::filesystem::path> write_png(const std::filesystem::path& path,
                                        const RgbaPixels& pixels);

} // namespace sh
