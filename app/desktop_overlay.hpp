#pragma once
// What the desktop program adds over the leg and the panel: the anatomical labels, and export
// (screenshot on F12 or the panel button, recording on F9 / the button / --record PATH, the CSV
// of the live time series), with a short on-screen message naming each file written or saying
// what went wrong. The run loop calls it at five points (see secondheart_run.cpp):
//
//   event:          overlay.handle_key(key)               F9, F12
//   inside ImGui:   overlay.draw(panel, edits, size, view_proj of the leg's camera, live)
//   before render:  capture |= overlay.before_render(clock_s, loop.stats().rendered)
//   after render:   overlay.after_render(loop)
//   at the end:     overlay.finish(loop)                   flushes and stops a recording

#include "anatomy_labels.hpp"
#include "control_panel.hpp"
#include "frame_loop.hpp"
#include "frame_recorder.hpp"
#include "live_simulation.hpp"

#include <deque>
#include <filesystem>
#include <future>
#include <imgui.h>
#include <memory>
#include <optional>
#include <SDL_keycode.h>
#include <string>
#include <vector>

namespace sh::app {

struct OverlayOptions {
    std::string export_dir_setting; // settings key "export_dir" ("" = the default folder)
    std::string record_path;        // --record PATH: record from the first frame
    bool headless = false;          // recordings wait for the writer instead of dropping
    int record_fps = 30;
};

class DesktopOverlay {
public:
    DesktopOverlay(const VeinGeometry& veins, OverlayOptions options);
    ~DesktopOverlay();
    DesktopOverlay(const DesktopOverlay&) = delete;
    DesktopOverlay& operator=(const DesktopOverlay&) = delete;

    // F12: screenshot; F9: start or stop recording. True when the key was one of them.
    bool handle_key(SDL_Keycode key);
    // Inside the ImGui frame, after the panel: the panel's export buttons, the labels (when
    // there is a scene camera: LegContent::view_proj(size); the anatomy's when `desktop` and
    // panel.show_labels, the stocking's class whenever one is worn, larger outside the desktop),
    // the messages. Sets panel.recording.
    void draw(ui::PanelState& panel, const ui::PanelEdits& edits, VkExtent2D size,
              const std::optional<glm::mat4>& view_proj, const LiveSimulation& live,
              bool desktop = true);
    // Whether the frame about to be rendered must be read back. `clock_s`: seconds of the
    // run (wall time in a window, frames / 60 headless); `frame_number`: the number the frame
    // loop will give it (its stats().rendered before render).
    bool before_render(double clock_s, std::uint64_t frame_number);
    // Collects the read-back frames that are ready (never waits) for the screenshot and the
    // recorder. `rendered`: the frame was rendered, not skipped.
    void after_render(FrameLoop& loop, bool rendered);
    void finish(FrameLoop& loop);

    const std::filesystem::path& export_dir() const { return export_dir_; }
    bool recording() const { return recorder_ != nullptr || record_wanted_; }
    // Every message shown so far (tests; also printed on stderr).
    const std::vector<std::string>& messages() const { return log_; }

private:
    // `text` (English) goes to stderr and messages(); the screen shows `shown` when given (the
    // same message in the language shown).
    void say(const std::string& text, const std::string& shown = {});
    void toggle_recording();
    void stop_recording(const std::string& why);
    void take_screenshot(std::shared_ptr<const RgbaPixels> pixels);
    void report_screenshots(bool wait);
    void export_csv(const LiveSimulation& live);
    void draw_messages(ImVec2 size); // in ImGui units (points)
    void handle_frames(std::vector<CapturedFrame> frames);

    OverlayOptions options_;
    std::filesystem::path export_dir_;
    AnatomyLabels labels_;
    bool screenshot_wanted_ = false;
    std::optional<std::uint64_t> screenshot_frame_; // frame read back for it
    bool record_wanted_ = false;                    // start at the next captured frame
    std::filesystem::path record_path_;
    std::unique_ptr<FrameRecorder> recorder_;
    std::optional<double> next_tick_s_; // next video frame time on the run clock
    double last_clock_s_ = 0;
    std::deque<std::pair<std::uint64_t, int>> record_frames_; // frame number, video repeats
    struct Toast {
        std::string text;
        double until_s;
    };
    std::deque<Toast> toasts_;
    // PNG encoding takes a good part of a second at full HD on a CPU: it runs beside the frames.
    // Each gives the message: English, then as shown.
    std::vector<std::future<std::pair<std::string, std::string>>> screenshots_;
    std::vector<std::string> log_;
};

} // namespace sh::app
