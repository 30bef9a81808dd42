#include "secondheart_options.hpp"

#include "anatomy/mesh_loader.hpp"
#include "camera_control.hpp"
#include "translate.hpp"

#include <charconv>
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sh::app {

namespace {

constexpr std::uint32_t k_max_side = 16384; // maxImageDimension2D of lavapipe and most GPUs

std::optional<std::uint32_t> parse_uint(std::string_view text) {
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
}

std::string check_size(const std::string& text) {
    return parse_size(text) ? std::string()
                            : "expected WIDTHxHEIGHT in pixels, each 1 to 16384, e.g. 1280x720; "
                              "got '" +
                                  text + "'";
}

// "auto" (nothing inside) or a number from 0.25 to 1 (NaN and the infinities fail the range
// test); nothing when invalid. --leg-detail and --render-scale.
std::optional<std::optional<double>> parse_auto_or_fraction(const std::string& text) {
    if (text == "auto") return std::optional<double>{};
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(v >= 0.25 && v <= 1.0))
        return std::nullopt;
    return std::optional<double>{v};
}

CLI::Validator auto_or_fraction() {
    return CLI::Validator(
        [](const std::string& text) {
            return parse_auto_or_fraction(text)
                       ? std::string()
                       : "expected auto or a number from 0.25 to 1; got '" + text + "'";
        },
        "auto|0.25..1");
}

} // namespace

std::optional<std::optional<double>> parse_leg_detail(const std::string& text) {
    return parse_auto_or_fraction(text);
}

std::optional<std::optional<float>> parse_render_scale(const std::string& text) {
    const auto v = parse_auto_or_fraction(text);
    if (!v) return std::nullopt;
    return *v ? std::optional<float>{static_cast<float>(**v)} : std::optional<float>{};
}

std::optional<Size> parse_size(const std::string& text) {
    const std::size_t x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    const auto w = parse_uint(std::string_view(text).substr(0, x));
    const auto h = parse_uint(std::string_view(text).substr(x + 1));
    if (!w || !h || *w == 0 || *h == 0 || *w > k_max_side || *h > k_max_side) return std::nullopt;
    return Size{*w, *h};
}

ParseOutcome parse_command_line(int argc, char** argv) {
    CLI::App app{"secondheart: a real-time 3D lower leg showing the calf muscle pump.\n"
                 "Opens a window when a display is available; otherwise (or with --headless)\n"
                 "renders offscreen and writes the last frame as a PNG."};
    app.footer("Exit codes: 0 ok, 1 runtime failure, 2 bad command line or scenario, 3 no Vulkan "
               "driver or device at all, 4 validation errors (with --validation), 5 a Vulkan "
               "device is present but could not be used (each reason printed), 6 a requested "
               "output (--screenshot, --record) could not be written.\n"
               "SIGTERM or SIGINT (Ctrl+C) finishes the frame in flight, the recording and the "
               "screenshot, then exits; a second one exits at once.\n"
               "Environment: SECONDHEART_GPU picks a device like --gpu.\n"
               "Lecture keys: PageDown/Right/Space/Enter/N next step, PageUp/Left/Backspace/P "
               "previous, B or . blank, F5 start the lesson again, Esc leave the lesson, Ctrl+Q "
               "quit.\n"
               "Kiosk: exit only with the settings file's kiosk_pin, after Ctrl+Shift+F12 or a "
               "3 s press in the top-left corner.\n"
               "Lecture and kiosk are fullscreen unless --size is given (then a window).\n"
               "Settings: $XDG_CONFIG_HOME/secondheart/settings.json (see README).");
    Options o;
    std::string size_text;
    std::vector<std::string> resize_args;

    app.add_flag("--headless", o.headless, "Render offscreen without a window (no SDL at all)");
    app.add_option("--frames", o.frames,
                   "Stop after N frames, 1 or more (without it a window runs until closed, "
                   "headless renders 120)")
        ->check(CLI::Range(1u, 100000000u));
    app.add_option("--size", size_text, "Window or image size in pixels, WIDTHxHEIGHT")
        ->check(check_size)
        ->default_str("1280x720");
    app.add_option("--screenshot", o.screenshot,
                   "Write the last frame (with the UI) to this PNG file (headless default: "
                   "secondheart-frame.png)");
    app.add_option("--record", o.record,
                   "Record the run to this video file through ffmpeg (H.264, else MPEG-4, 30 "
                   "frames/s); without ffmpeg, numbered PNG frames go to PATH-stem_frames/")
        ->check([](const std::string& path) {
            return path.empty() || path.back() == '/' ? std::string("expected a file name such as "
                                                                    "run.mp4")
                                                      : std::string();
        });
    app.add_flag(
        "--validation", o.validation,
        "Enable the Khronos validation layer; any error or warning fails the run (exit 4)");
    app.add_option("--scenario", o.scenario, "Scenario JSON file (assets/scenarios/*.json)")
        ->check(CLI::ExistingFile);
    app.add_option("--particles", o.particles,
                   "Blood particles (1 to 4194304; default: scaled to the device)")
        ->check(CLI::Range(1u, 4194304u));
    app.add_option("--check-lesson", o.check_lesson,
                   "Validate a lesson file and exit: 0 if valid, 2 with the step and key at fault");
    app.add_option("--view", o.view, "Camera: front, back, medial or cutaway (x-ray)")
        ->check(CLI::Validator(
            [](const std::string& v) {
                return sim::from_id<sim::CameraPreset>(v)
                           ? std::string()
                           : "expected one of " + sim::id_list<sim::CameraPreset>();
            },
            "PRESET"))
        ->capture_default_str();
    app.add_option("--palette", o.palette,
                   "dark (projector, dim room), light (bright room) or cvd (dark, blood colours "
                   "for red-green colour blindness)")
        ->check(CLI::IsMember({"dark", "light", "cvd"}))
        ->capture_default_str();
    app.add_option("--mesh", o.meshes,
                   "Anatomy mesh for a role, ROLE=PATH[:UNITS[:AXES]], e.g. soleus=FJ1437.obj:mm, "
                   "fitted where the default structure is; or atlas=FOLDER|SET.json, files of one "
                   "atlas placed as one set (docs/meshes.md; repeatable)")
        ->check([](const std::string& spec) {
            const anatomy::OverrideParse parsed = anatomy::parse_mesh_override(spec);
            return parsed.value ? std::string() : parsed.error;
        });
    app.add_option("--gpu", o.gpu, "Vulkan device: index or part of its name (e.g. llvmpipe)");
    app.add_option("--benchmark", o.benchmark,
                   "Render N frames and print one JSON line of timings last on stdout")
        ->check(CLI::Range(1u, 100000000u));
    app.add_option("--antialias", o.antialias,
                   "Anti-aliasing of the leg (FXAA-style, over the leg's part of the frame): on, "
                   "off, or auto (on, on every device)")
        ->check(CLI::IsMember({"auto", "on", "off"}))
        ->capture_default_str();
    app.add_option("--render-scale", o.render_scale,
                   "Draw the leg at this fraction of the frame size, upscaled before the blood "
                   "and the UI: auto (0.5 on CPU devices such as lavapipe for frames of 960x540 "
                   "or more, 1 otherwise) or a fraction 0.25 to 1 (bilinear upscale)")
        ->check(auto_or_fraction())
        ->capture_default_str();
    app.add_option("--leg-detail", o.leg_detail,
                   "Level of detail of the generated leg: auto (0.5 on CPU devices such as "
                   "lavapipe, where vertex work dominates; 1 on GPUs) or a fraction 0.25 to 1 "
                   "of the ring and segment counts")
        ->check(auto_or_fraction())
        ->capture_default_str();
    app.add_option("--particle-draw", o.particle_draw,
                   "How the blood is drawn: splat (compute, fast everywhere) or points (a point "
                   "list, for comparison)")
        ->check(CLI::IsMember({"splat", "points"}))
        ->capture_default_str();
    app.add_option("--particle-step", o.particle_step,
                   "Where the blood's step runs: gpu (compute shader), cpu (the same step in "
                   "C++ on the program's thread, copied to the device), or auto (cpu on CPU "
                   "devices such as lavapipe, gpu otherwise)")
        ->check(CLI::IsMember({"auto", "gpu", "cpu"}))
        ->capture_default_str();
    app.add_option("--pose-step", o.pose_step,
                   "Where the leg's vertices are posed each frame: gpu (compute passes), cpu "
                   "(the same pose in C++ on the program's threads, copied to the device), or "
                   "auto (cpu on CPU devices such as lavapipe, gpu otherwise)")
        ->check(CLI::IsMember({"auto", "gpu", "cpu"}))
        ->capture_default_str();
    app.add_option("--scene-cache", o.scene_cache,
                   "Whether a still scene is drawn again: auto (on CPU devices such as lavapipe, "
                   "where the 3D view is drawn at a reduced size, a picture that nothing changed "
                   "is kept and reused; the blood and the UI are drawn every frame) or off "
                   "(drawn every frame)")
        ->check(CLI::IsMember({"auto", "off"}))
        ->capture_default_str();
    bool lecture_on = false, kiosk_on = false, patient_on = false;
    app.add_flag("--lecture", lecture_on,
                 "Lecture mode: fullscreen, large captions, lesson steps on "
                 "presenter-remote keys (see README)");
    app.add_flag("--kiosk", kiosk_on,
                 "Kiosk mode: fullscreen, touch, attract loop, idle "
                 "reset, exit only with the settings file's PIN");
    app.add_flag("--patient", patient_on,
                 "Patient mode: plain words, few large buttons, for a "
                 "clinician beside a patient");
    std::string language;
    app.add_option("--language", language,
                   "Language of the screens: " + i18n::available_language_list() +
                       " (default: the settings file's language, else LANG/LC_MESSAGES, else en)")
        ->check([](const std::string& code) {
            return i18n::match_language(code)
                       ? std::string()
                       : "unknown language '" + code +
                             "'; available: " + i18n::available_language_list();
        });
    int display = -1;
    auto* display_opt =
        app.add_option("--display", display,
                       "Fullscreen on display N (0 is the first; default: the settings file's)")
            ->check(CLI::Range(0, 63));
    app.add_option("--lesson", o.lessons,
                   "Lesson file for --lecture and --kiosk, repeatable, played in the order given "
                   "(default: the three shipped lessons)")
        ->check(CLI::ExistingFile);
    // Hidden hooks for the windowed smoke test.
    app.add_option("--test-resize-at", resize_args, "FRAME WxH")->expected(2)->group("");
    app.add_option("--test-minimise-at", o.test_minimise_frame, "FRAME")->group("");
    app.add_option("--test-display-change-at", o.test_display_change_frame, "FRAME")->group("");
    std::string test_keys;
    app.add_option("--test-keys", test_keys, "FRAME:KEY,...")->group("");
    app.add_option("--test-pointer", o.test_pointer, "FRAME:drag:DX:DY,FRAME:wheel:N,...")
        ->group("");
    app.add_flag("--test-fixed-dt", o.test_fixed_dt, "1/60 s frames in a window too")->group("");
    app.add_option("--report-rss-every", o.report_rss_every, "FRAMES")->group("");

    try {
        app.parse(argc, argv);
        if (!resize_args.empty()) {
            const auto frame = parse_uint(resize_args[0]);
            const auto to = parse_size(resize_args[1]);
            if (!frame || !to)
                throw CLI::ValidationError("--test-resize-at", "expected FRAME WIDTHxHEIGHT");
            o.test_resize_frame = *frame;
            o.test_resize_to = *to;
        }
        if (int(lecture_on) + int(kiosk_on) + int(patient_on) > 1) {
            std::string given;
            for (const auto& [on, name] :
                 {std::pair{lecture_on, "--lecture"}, std::pair{kiosk_on, "--kiosk"},
                  std::pair{patient_on, "--patient"}})
                if (on) given += std::string(given.empty() ? "" : " ") + name;
            throw CLI::ValidationError(given, "these modes cannot be combined: choose one of "
                                              "--lecture, --kiosk, --patient (or none for the "
                                              "desktop)");
        }
        if (!o.lessons.empty() && !lecture_on && !kiosk_on)
            throw CLI::ValidationError("--lesson", "lessons play only with --lecture or --kiosk");
        if (!test_keys.empty()) {
            std::string why;
            auto keys = parse_test_keys(test_keys, why);
            if (!keys) throw CLI::ValidationError("--test-keys", why);
            o.test_keys = std::move(*keys);
        }
        if (std::string why; !o.test_pointer.empty() && !parse_test_pointer(o.test_pointer, why))
            throw CLI::ValidationError("--test-pointer", why);
    } catch (const CLI::CallForHelp& e) {
        app.exit(e);
        return {std::nullopt, k_exit_ok};
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return {std::nullopt, k_exit_usage};
    }
    if (!size_text.empty()) o.size = *parse_size(size_text);
    o.size_given = !size_text.empty();
    if (*display_opt) o.display = display;
    if (app.count("--palette") != 0) o.palette_given = o.palette;
    if (app.count("--language") != 0) o.language = i18n::match_language(language);
    o.mode = lecture_on   ? AppMode::Lecture
             : kiosk_on   ? AppMode::Kiosk
             : patient_on ? AppMode::Patient
                          : AppMode::Desktop;
    return {o, k_exit_ok};
}

} // namespace sh::app
