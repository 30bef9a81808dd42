// Rendered images against committed reference PNGs, with a tolerance: shared by the engine's
// GPU tests (in-process, Catch2) and the program's screen tests (the compare_image tool run
// by tests/app/run_app_test.sh).
//
// A pixel fails when any of R, G, B differs by more than `channel_tolerance`; the image fails
// when more than `max_failing_fraction` of its pixels fail. On failure the actual image and a
// diff (failing pixels red over a dim grey copy) are written beside each other and named.
// SH_UPDATE_REFERENCE_IMAGES=1 rewrites the reference from the actual image instead.
#pragma once

#include "offscreen_target.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace sh::test {

struct ImageTolerance {
    int channel_tolerance = 8;
    double max_failing_fraction = 0.005;
};

struct ImageComparison {
    bool passed = false;
    bool reference_rewritten = false;
    std::size_t failing = 0;
    double fraction = 0;
    int worst = 0;
    std::string message; // one line: what was compared, the numbers, where the files are
};

// Reads a PNG as RGBA8; nothing if it cannot be read.
std::optional<RgbaPixels> read_png(const std::filesystem::path& path);

// Compares `actual` with the reference at `reference`. Writes <out_dir>/<name>_actual.png
// always and <out_dir>/<name>_diff.png on failure.
ImageComparison compare_with_reference(const RgbaPixels& actual,
                                       const std::filesystem::path& reference,
                                       const std::filesystem::path& out_dir,
                                       const std::string& name, ImageTolerance tolerance = {});

} // namespace sh::test
