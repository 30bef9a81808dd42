#pragma once
// What the keys and touches mean in each mode, as pure functions (no SDL): the presenter-remote
// mapping of lecture mode, the kiosk's hidden exit gesture, the names the hidden --test-keys hook
// uses, and the sizes of touch targets and caption text. The app translates SDL events into
// KeyPress values and acts on the ModeAction it gets back.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::app {

enum class AppMode { Desktop, Lecture, Kiosk, Patient };
std::string_view to_string(AppMode mode);

enum class Key {
    Other,
    PageDown,
    PageUp,
    Right,
    Left,
    Space,
    Enter,
    Backspace,
    N,
    P,
    B,
    Period,
    F5,
    Escape,
    Q,
    F12,
    Digit, // KeyPress::digit holds 0-9
};

struct KeyPress {
    Key key = Key::Other;
    int digit = -1; // 0-9 for Key::Digit
    bool ctrl = false;
    bool shift = false;
};

enum class ModeAction {
    None,         // ignored in this mode
    NextStep,     // lecture: next lesson step (or un-blank)
    PreviousStep, // lecture: previous lesson step (or un-blank)
    ToggleBlank,  // lecture: fade to black and pause, or back
    StartLesson,  // lecture: (re)start the current lesson from its first step
    LeaveLesson,  // lecture: stop presenting (the leg stays, captions go)
    Quit,         // leave the program
    KioskExit,    // kiosk: open the PIN keypad
    Activity,     // kiosk: counts as a touch (wakes it, resets the idle timer)
};

// Lecture: PgDn/Right/Space/Enter/N next, PgUp/Left/Backspace/P previous, B or . blank, F5
// start, Esc leave the lesson, Ctrl+Q quit (Esc never quits: clickers send it).
// Kiosk: Ctrl+Shift+F12 opens the PIN keypad; any other key is only activity (no key quits).
// Patient: Ctrl+Q quits (Esc does nothing, so a stray key never ends a consultation).
// Desktop: Esc or Ctrl+Q quits, as before.
ModeAction map_key(AppMode mode, const KeyPress& key);

// "PageDown", "B", ".", "F5", "Esc", "Ctrl+Q", "Ctrl+Shift+F12", "7" ... (case-insensitive).
std::optional<KeyPress> parse_key_name(std::string_view name);

// The hidden --test-keys hook: "60:PageDown,120:B" -> key presses injected at those frames.
struct TestKey {
    std::uint32_t frame = 0;
    KeyPress press;
};
// Nothing and `error` set (naming the bad entry and what was expected) for a bad list.
std::optional<std::vector<TestKey>> parse_test_keys(std::string_view text, std::string& error);

// The kiosk's hidden exit gesture: a press held still for hold_s in the top-left corner (a
// square of corner_frac of the shorter side, at least 48 px).
class CornerHold {
public:
    explicit CornerHold(double hold_s = 3.0, float corner_frac = 0.08f)
        : hold_s_(hold_s), corner_frac_(corner_frac) {}
    void press(float x, float y, float width, float height, double now_s);
    void release() { pressed_ = false; }
    // True once per completed hold.
    bool tick(double now_s);

private:
    double hold_s_;
    float corner_frac_;
    bool pressed_ = false;
    double since_ = 0;
};

// Side of a touch button in pixels: `mm` millimetres at `dpi` dots per inch (dpi <= 0: unknown,
// 96 assumed), never below min_px (kiosk practice: about 54 px).
float touch_target_px(float dpi, float mm = 9.0f, float min_px = 54.0f);

// Caption text height for an output `height` pixels tall: 1/45 of it (lecture-hall rule of
// 1/40 to 1/50), times the user's text_scale, at least 13 px (ImGui's default font).
float caption_text_px(std::uint32_t height, double text_scale = 1.0);

} // namespace sh::app
