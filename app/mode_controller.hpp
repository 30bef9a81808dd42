// The lecture, kiosk and patient modes around the frame loop: key and touch input, the lesson
// player and the kiosk state machine on the frame clock, lesson steps and scene buttons applied
// to the simulator and the camera, and the mode's screen (app/ui) drawn each frame. Desktop
// mode does not use it (the control panel is unchanged). Everything it does is logged on stderr
// ("secondheart: lecture: ... step 2/5"), which the mode tests read.
#pragma once

#include "kiosk_state.hpp"
#include "leg_content.hpp"
#include "lesson_player.hpp"
#include "mode_input.hpp"
#include "mode_scenes.hpp"
#include "mode_style.hpp"
#include "secondheart_sim.hpp"
#include "settings.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sh::app {

struct ModeSetup {
    AppMode mode = AppMode::Desktop;
    std::vector<Lesson> lessons; // lecture and kiosk
    Settings settings;           // PIN, idle times, text scale, touch size
    bool light = false;          // light UI (and scene) palette
    float dpi = 0;               // of the window's display; 0 unknown
};

class ModeController {
public:
    explicit ModeController(ModeSetup setup);

    AppMode mode() const { return setup_.mode; }

    // Input, translated from SDL or injected by --test-keys.
    void on_key(const KeyPress& key);
    void on_pointer_down(float x, float y, float width, float height);
    void on_pointer_up();
    bool quit_requested() const { return quit_; }

    // Once per frame before the UI: the mode's clocks advance by dt_s (wall seconds), and a new
    // lesson step or scene goes to the simulator and, when there is one, the leg's camera.
    void update(double dt_s, SimDriver& sim, LegContent* leg);
    // Inside the ImGui frame.
    void draw(const SimDriver& sim, std::uint32_t output_height);

    // State, for the tests and the logs.
    const LessonPlayer& player() const { return player_; }
    KioskPhase kiosk_phase() const { return kiosk_.phase(); }
    bool keypad_open() const { return keypad_open_; }
    bool presenting() const { return presenting_; }
    bool blank() const { return blank_; }
    int scene() const { return scene_; }

    // The atlas size for ImGuiLayer::create: the mode's text height at this output height.
    float font_px(std::uint32_t output_height) const;

private:
    void lecture_key(ModeAction action);
    void kiosk_key(const KeyPress& key);
    void apply_step(SimDriver& sim, LegContent* leg);
    void apply_scene(int index, SimDriver& sim, LegContent* leg);
    void submit_pin();
    ui::ModeLook look(std::uint32_t output_height) const;
    const std::vector<PlainScene>& scenes() const;

    ModeSetup setup_;
    LessonPlayer player_;
    KioskStateMachine kiosk_;
    CornerHold corner_;
    double now_s_ = 0; // the mode clock: wall time (fixed 1/60 s steps headless)
    bool quit_ = false;

    // Lecture.
    bool presenting_ = true;
    bool blank_ = false;
    float blank_alpha_ = 0;
    std::uint64_t applied_revision_ = 0;

    // Kiosk and patient.
    KioskPhase last_kiosk_phase_ = KioskPhase::Attract;
    int scene_ = -1;
    std::optional<int> pending_scene_; // chosen in the UI, applied at the next update
    bool keypad_open_ = false;
    bool kiosk_heart_logged_ = false; // "beating heart drawn" is said once per run
    std::string keypad_entry_;
    std::string keypad_message_;
};

} // namespace sh::app
