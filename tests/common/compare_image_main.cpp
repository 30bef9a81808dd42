// compare_image REFERENCE ACTUAL OUT_DIR NAME [CHANNEL_TOLERANCE MAX_FAILING_FRACTION]
// The image comparison of image_compare.hpp as a program, for tests that render through the
// secondheart program itself. Exit 0: within tolerance (or the reference was rewritten with
// SH_UPDATE_REFERENCE_IMAGES=1); 1: it differs, or a file is missing; 2: bad arguments.
#include "image_compare.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc != 5 && argc != 7) {
        std::fprintf(stderr, "usage: compare_image REFERENCE ACTUAL OUT_DIR NAME "
                             "[CHANNEL_TOLERANCE MAX_FAILING_FRACTION]\n");
        return 2;
    }
    sh::test::ImageTolerance tolerance;
    if (argc == 7) {
        tolerance.channel_tolerance = std::atoi(argv[5]);
        tolerance.max_failing_fraction = std::atof(argv[6]);
    }
    const auto actual = sh::test::read_png(argv[2]);
    if (!actual) {
        std::fprintf(stderr, "compare_image: cannot read the rendering %s\n", argv[2]);
        return 1;
    }
    const sh::test::ImageComparison c =
        sh::test::compare_with_reference(*actual, argv[1], argv[3], argv[4], tolerance);
    std::printf("compare_image: %s: %s\n", c.passed ? "PASSED" : "FAILED", c.message.c_str());
    return c.passed ? 0 : 1;
}
