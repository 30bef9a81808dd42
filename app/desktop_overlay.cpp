#include "desktop_overlay.hpp"

#include "export_files.hpp"
#include "flow_bridge.hpp"
#include "png_writer.hpp"
#include "series_csv.hpp"
#include "translate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <imgui.h>

namespace sh::app {
namespace {

constexpr double k_message_s = 5.0; // how long a message stays on screen
constexpr std::size_t k_max_messages = 4;
// The stocking label's text on the lecture, kiosk and patient screens: 3 % of the height, 22 px
// on a 720-line projector (the swelling label's 3.5 % is a heading; this names a thing).
constexpr float k_mode_label_height = 0.03f;

std::string now_stem(const char* prefix) {
    return timestamped_stem(prefix, std::chrono::system_clock::now());
}

template <class... Args>
std::string printf_string(const char* format, Args... args) {
    const int n = std::snprintf(nullptr, 0, format, args...);
    std::string out(static_cast<std::size_t>(std::max(n, 0)), '\0');
    std::snprintf(out.data(), out.size() + 1, format, args...);
    return out;
}

// A message in English (stderr, the log) and in the language shown (the screen): one printf
// format, looked up in the catalogue. The details filled in (paths, causes) stay as they are.
template <class... Args>
std::pair<std::string, std::string> message(const char* format, Args... args) {
    return {printf_string(format, args...), printf_string(i18n::tr(format), args...)};
}

} // namespace

DesktopOverlay::DesktopOverlay(const VeinGeometry& veins, OverlayOptions options)
    : options_(std::move(options)), export_dir_(default_export_dir(options_.export_dir_setting)),
      labels_(default_label_anchors(veins)) {
    if (!options_.record_path.empty()) {
        record_wanted_ = true;
        record_path_ = options_.record_path;
    }
}

DesktopOverlay::~DesktopOverlay() {
    report_screenshots(true); // a screenshot being written is finished, not abandoned
    if (recorder_) std::fprintf(stderr, "secondheart: %s\n", recorder_->stop().c_str());
}

void DesktopOverlay::say(const std::string& text, const std::string& shown) {
    std::fprintf(stderr, "secondheart: %s\n", text.c_str());
    log_.push_back(text);
    toasts_.push_back({shown.empty() ? text : shown, last_clock_s_ + k_message_s});
    while (toasts_.size() > k_max_messages) toasts_.pop_front();
}

bool DesktopOverlay::handle_key(SDL_Keycode key) {
    if (key == SDLK_F12) {
        screenshot_wanted_ = true;
        return true;
    }
    if (key == SDLK_F9) {
        toggle_recording();
        return true;
    }
    return false;
}

void DesktopOverlay::toggle_recording() {
    if (recorder_ || record_wanted_) {
        stop_recording("");
        return;
    }
    // The folder is checked now, so an unwritable one is reported at the key press.
    if (ExportOutcome dir = prepare_export_dir(export_dir_); !dir.ok()) {
        const auto [log, shown] = message(N_("cannot record: %s"), dir.error.c_str());
        say(log, shown);
        return;
    }
    record_wanted_ = true;
    record_path_ = unused_path(export_dir_, now_stem("secondheart"), ".mp4");
}

void DesktopOverlay::stop_recording(const std::string& why) {
    record_wanted_ = false;
    record_frames_.clear();
    next_tick_s_.reset();
    if (!recorder_) return;
    std::string summary = recorder_->stop();
    recorder_.reset();
    say(why.empty() ? summary : why + "; " + summary);
}

void DesktopOverlay::draw(ui::PanelState& panel, const ui::PanelEdits& edits, VkExtent2D size,
                          const std::optional<glm::mat4>& view_proj, const LiveSimulation& live,
                          bool desktop) {
    if (edits.screenshot) screenshot_wanted_ = true;
    if (edits.record) toggle_recording();
    if (edits.export_csv) export_csv(live);
    panel.recording = recording();
    // ImGui works in window points (HiDPI: fewer than the target's pixels); the labels and
    // messages are placed in those units.
    const ImVec2 points = ImGui::GetIO().DisplaySize;
    if (view_proj && size.width != 0 && size.height != 0) {
        // Posed like the leg on screen; the stocking's class label shows whenever one is worn.
        gpu::PoseState pose{};
        fill_pose_state(live.model(), glm::vec3(0.0f), pose);
        const glm::vec2 display(points.x, points.y);
        if (desktop)
            (void)labels_.draw(*view_proj, display, panel.panel_right_px, &pose, panel.show_labels);
        else // lecture, kiosk, patient: only the stocking's class, read from across a room
            (void)labels_.draw(*view_proj, display, 0.0f, &pose, false,
                               std::max(ImGui::GetFontSize(), k_mode_label_height * points.y));
    }
    draw_messages(points);
}

void DesktopOverlay::draw_messages(ImVec2 size) {
    while (!toasts_.empty() && toasts_.front().until_s < last_clock_s_) toasts_.pop_front();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float pad = 8.0f;
    const float wrap = std::min(640.0f, 0.6f * size.x);
    float y = size.y - pad;
    for (auto it = toasts_.rbegin(); it != toasts_.rend(); ++it) {
        const ImVec2 text = ImGui::CalcTextSize(it->text.c_str(), nullptr, false, wrap);
        const ImVec2 max(size.x - pad, y);
        const ImVec2 min(max.x - text.x - 2 * pad, y - text.y - 2 * pad);
        dl->AddRectFilled(min, max, IM_COL32(20, 24, 32, 225), 4.0f);
        dl->AddText(nullptr, 0.0f, ImVec2(min.x + pad, min.y + pad), IM_COL32(255, 255, 255, 255),
                    it->text.c_str(), nullptr, wrap);
        y = min.y - 4.0f;
    }
}

bool DesktopOverlay::before_render(double clock_s, std::uint64_t frame_number) {
    last_clock_s_ = clock_s;
    bool capture = false;
    if (screenshot_wanted_) {
        screenshot_wanted_ = false;
        screenshot_frame_ = frame_number;
        capture = true;
    }
    if (recorder_ || record_wanted_) {
        // Video frames at a fixed rate on the run clock: a frame is read back when one or more
        // video frame times have passed, and stands for all of them (the video keeps real
        // time when the window renders slower than the video's rate).
        const double period = 1.0 / std::max(1, options_.record_fps);
        if (!next_tick_s_) next_tick_s_ = clock_s;
        if (clock_s + 1e-9 >= *next_tick_s_) {
            const int repeats =
                1 + static_cast<int>(std::floor((clock_s - *next_tick_s_) / period));
            *next_tick_s_ += repeats * period;
            record_frames_.emplace_back(frame_number, repeats);
            capture = true;
        }
    }
    return capture;
}

void DesktopOverlay::after_render(FrameLoop& loop, bool rendered) {
    if (!rendered) {
        // A skipped frame (minimised) was never captured: forget what was planned for it.
        const std::uint64_t n = loop.stats().rendered;
        if (screenshot_frame_ && *screenshot_frame_ == n) {
            screenshot_frame_.reset();
            screenshot_wanted_ = true; // the next rendered frame instead
        }
        while (!record_frames_.empty() && record_frames_.back().first >= n)
            record_frames_.pop_back();
    }
    if (screenshot_frame_ || !record_frames_.empty()) handle_frames(loop.take_captures(false));
    report_screenshots(false);
}

void DesktopOverlay::finish(FrameLoop& loop) {
    if (screenshot_frame_ || !record_frames_.empty()) handle_frames(loop.take_captures(true));
    if (recorder_ || record_wanted_) stop_recording("");
    report_screenshots(true);
}

void DesktopOverlay::handle_frames(std::vector<CapturedFrame> frames) {
    for (CapturedFrame& f : frames) {
        if (screenshot_frame_ && f.frame_number == *screenshot_frame_) {
            screenshot_frame_.reset();
            take_screenshot(f.pixels);
        }
        while (!record_frames_.empty() && record_frames_.front().first < f.frame_number)
            record_frames_.pop_front(); // planned but never read back (a resize in between)
        if (record_frames_.empty() || record_frames_.front().first != f.frame_number) continue;
        const int repeats = record_frames_.front().second;
        record_frames_.pop_front();
        if (record_wanted_ && !recorder_) {
            RecordingOptions ro;
            ro.path = record_path_;
            ro.width = f.pixels->width;
            ro.height = f.pixels->height;
            ro.fps = options_.record_fps;
            ro.wait_when_behind = options_.headless;
            FrameRecorder::Started started = FrameRecorder::start(ro);
            record_wanted_ = false;
            if (!started.recorder) {
                const auto [log, shown] = message(N_("cannot record: %s"), started.error.c_str());
                say(log, shown);
                stop_recording("");
                return;
            }
            recorder_ = std::move(started.recorder);
            if (!started.note.empty()) say(started.note);
            const auto [log, shown] =
                message(N_("recording %ux%u at %d frames/s: %s (F9 stops)"), ro.width, ro.height,
                        ro.fps, recorder_->description().c_str());
            say(log, shown);
        }
        if (recorder_ && !recorder_->push(f.pixels, repeats)) {
            // A video has one size: a resized window ends the recording (what was recorded is
            // kept); F9 starts a new one at the new size.
            stop_recording("the window changed size (" + std::to_string(recorder_->width()) + "x" +
                           std::to_string(recorder_->height()) + " to " +
                           std::to_string(f.pixels->width) + "x" +
                           std::to_string(f.pixels->height) + "), so the recording stopped");
            return;
        }
    }
}

void DesktopOverlay::take_screenshot(std::shared_ptr<const RgbaPixels> pixels) {
    screenshots_.push_back(
        std::async(std::launch::async, [dir = export_dir_, stem = now_stem("secondheart"), pixels] {
            const ExportOutcome out =
                write_export(dir, stem, ".png", [&](const std::filesystem::path& tmp) {
                    auto written = write_png(tmp, *pixels);
                    return written ? std::string() : written.error().describe();
                });
            return out.ok() ? message(N_("screenshot saved: %s"), out.path.string().c_str())
                            : message(N_("screenshot not saved: %s"), out.error.c_str());
        }));
}

void DesktopOverlay::report_screenshots(bool wait) {
    for (auto it = screenshots_.begin(); it != screenshots_.end();) {
        if (wait || it->wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            const auto [log, shown] = it->get();
            say(log, shown);
            it = screenshots_.erase(it);
        } else {
            ++it;
        }
    }
}

void DesktopOverlay::export_csv(const LiveSimulation& live) {
    if (live.history().empty()) {
        const auto [log, shown] = message(N_("no time series yet: nothing to export"));
        say(log, shown);
        return;
    }
    const ExportOutcome out = write_text_export(export_dir_, now_stem("secondheart-series"), ".csv",
                                                series_csv(live.history()));
    const auto [log, shown] = out.ok()
                                  ? message(N_("time series saved (%zu rows): %s"),
                                            live.history().size(), out.path.string().c_str())
                                  : message(N_("time series not saved: %s"), out.error.c_str());
    say(log, shown);
}

} // namespace sh::app
