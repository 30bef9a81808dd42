// PNG output of read-back pixels (screenshots, recorded frames, test artefacts), via
// stb_image_write.
#pragma once

#include "offscreen_target.hpp"
#include "result.hpp"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace sh {

// Writes an RGBA8 PNG; returns the path written or why it failed. The image is encoded in
// memory, written to a hidden temporary name beside `path`, every write, the flush to disk and
// the close checked, and only then renamed to `path`: a full disk or a read-only folder gives
// an error naming the cause ("No space left on device"), never a cut-off PNG, and nothing is
// left behind.
Result<std::filesystem::path> write_png(const std::filesystem::path& path,
                                        const RgbaPixels& pixels);

// The file part of write_png, for any bytes: temporary name, checked writes, fsync, rename.
Result<std::filesystem::path> write_file_atomically(const std::filesystem::path& path,
                                                    const std::vector<std::uint8_t>& bytes);

} // namespace sh
