// Command line of the secondheart program (CLI11). Parsing is separate from running so that every
// rejection happens before any window or device exists, with exit code 2 and the option named.
#pragma once

#include "mode_input.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sh::app {

// Exit codes of secondheart (also listed in --help).
enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_failure = 1,    // a runtime failure (message on stderr)
    k_exit_usage = 2,      // bad command line or scenario file
    k_exit_no_device = 3,  // no Vulkan driver, or the driver lists no device at all
    k_exit_validation = 4, // --validation and the layer reported errors or warnings
    // A Vulkan device is present but could not be used: every device was rejected (too old,
    // missing features, --gpu names none of them; each rejection is printed) or creating it
    // failed. Unlike 3 this is never "nothing to run on": tests treat it as a failure.
    k_exit_device_failed = 5,
    // A requested output (--screenshot, --record) could not be written completely (disk full,
    // read-only folder, ffmpeg failed); the message names the file and the cause.
    k_exit_output_failed = 6,
};

struct Size {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
};

struct Options {
    bool headless = false;
    std::uint32_t frames = 0; // not given: until the window is closed (headless: 120 frames)
    Size size{1280, 720};
    std::string screenshot;   // PNG of the last frame
    std::string record;       // video (ffmpeg) or PNG frames of the whole run
    std::string check_lesson; // validate this lesson file and exit (0 valid, 2 not)
    bool validation = false;
    std::string scenario;            // scenario JSON file
    std::uint32_t particles = 0;     // 0: scaled to the device (100,000 on lavapipe)
    std::string view = "front";      // front, back, medial, cutaway (x-ray of the deep veins)
    std::string palette = "dark";    // dark, light (bright rooms) or cvd (colour vision)
    std::vector<std::string> meshes; // ROLE=PATH[:UNITS[:AXES]], validated, for the scene renderer
    std::string gpu;                 // name substring or index; empty: automatic (SECONDHEART_GPU)
    std::uint32_t benchmark = 0;     // frames to render and time; 0: off
    std::string antialias = "auto";  // FXAA-style edge pass: on, off, auto (on everywhere)
    std::string render_scale = "auto";   // auto (CPU devices 0.5 from 960x540, GPUs 1) or 0.25 .. 1
    std::string leg_detail = "auto";     // auto (CPU devices 0.5, GPUs 1) or a fraction 0.25 .. 1
    std::string particle_draw = "splat"; // splat (compute) or points (the comparison path)
    std::string scene_cache = "auto";    // auto (on where the scene is upscaled) or off
    std::string particle_step = "auto";  // auto, gpu (compute shader) or cpu (the C++ twin)
    std::string pose_step = "auto";      // the leg's pose: auto, gpu (compute) or cpu (C++)

    // Modes (README "Modes"): desktop unless one of --lecture, --kiosk, --patient is given.
    AppMode mode = AppMode::Desktop;
    bool size_given = false;          // --size given: lecture and kiosk then open a window
    std::optional<int> display;       // --display N: fullscreen on that display (else settings)
    std::vector<std::string> lessons; // --lesson FILE (repeatable); none: the shipped lessons
    std::optional<std::string> palette_given; // --palette given (wins over the settings file)
    // --language CODE: checked against the catalogues (app/i18n); wins over the settings file
    // and the system's LANG. Holds the matched code ("de" for de_AT).
    std::optional<std::string> language;

    // Hidden test hooks (window mode only): drive a resize and a minimise from inside the loop.
    std::optional<std::uint32_t> test_resize_frame;
    Size test_resize_to{};
    std::optional<std::uint32_t> test_minimise_frame;
    std::optional<std::uint32_t> test_display_change_frame; // a synthetic display event
    // Hidden hooks of the mode tests and the kiosk memory run (window and headless): key
    // presses injected at given frames, a fixed 1/60 s frame time in a window too, and
    // VmRSS printed every N frames.
    std::vector<TestKey> test_keys;
    std::string test_pointer; // camera window test: app/camera_control.hpp (checked at parse)
    bool test_fixed_dt = false;
    std::uint32_t report_rss_every = 0;
};

// Parses argv. Returns the options, or the exit code to leave with (0 after --help, 2 after an
// error, which CLI11 has already printed naming the option).
struct ParseOutcome {
    std::optional<Options> options;
    int exit_code = k_exit_ok;
};
ParseOutcome parse_command_line(int argc, char** argv);

// "1280x720" -> Size; nothing for anything else (each side 1 .. 16384).
// --leg-detail: nullopt when invalid; an empty optional for "auto"; else the fraction.
std::optional<std::optional<double>> parse_leg_detail(const std::string& text);
// --render-scale: "auto" (nothing inside) or a number from 0.25 to 1; nothing when invalid.
std::optional<std::optional<float>> parse_render_scale(const std::string& text);
std::optional<Size> parse_size(const std::string& text);

} // namespace sh::app
