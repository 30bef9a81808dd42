#include "mode_input.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace sh::app {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct NamedKey {
    const char* name;
    Key key;
};
constexpr std::array<NamedKey, 19> k_key_names = {{
    {"pagedown", Key::PageDown},
    {"pgdn", Key::PageDown},
    {"pageup", Key::PageUp},
    {"pgup", Key::PageUp},
    {"right", Key::Right},
    {"left", Key::Left},
    {"space", Key::Space},
    {"enter", Key::Enter},
    {"return", Key::Enter},
    {"backspace", Key::Backspace},
    {"n", Key::N},
    {"p", Key::P},
    {"b", Key::B},
    {".", Key::Period},
    {"period", Key::Period},
    {"f5", Key::F5},
    {"esc", Key::Escape},
    {"escape", Key::Escape},
    {"q", Key::Q},
}};

ModeAction lecture_key(const KeyPress& k) {
    if (k.ctrl) return k.key == Key::Q ? ModeAction::Quit : ModeAction::None;
    switch (k.key) {
    case Key::PageDown:
    case Key::Right:
    case Key::Space:
    case Key::Enter:
    case Key::N:
        return ModeAction::NextStep;
    case Key::PageUp:
    case Key::Left:
    case Key::Backspace:
    case Key::P:
        return ModeAction::PreviousStep;
    case Key::B:
    case Key::Period:
        return ModeAction::ToggleBlank;
    case Key::F5:
        return ModeAction::StartLesson;
    case Key::Escape:
        return ModeAction::LeaveLesson;
    default:
        return ModeAction::None;
    }
}

} // namespace

std::string_view to_string(AppMode mode) {
    switch (mode) {
    case AppMode::Lecture:
        return "lecture";
    case AppMode::Kiosk:
        return "kiosk";
    case AppMode::Patient:
        return "patient";
    case AppMode::Desktop:
        break;
    }
    return "desktop";
}

ModeAction map_key(AppMode mode, const KeyPress& k) {
    switch (mode) {
    case AppMode::Lecture:
        return lecture_key(k);
    case AppMode::Kiosk:
        if (k.ctrl && k.shift && k.key == Key::F12) return ModeAction::KioskExit;
        return ModeAction::Activity;
    case AppMode::Patient:
        return k.ctrl && k.key == Key::Q ? ModeAction::Quit : ModeAction::None;
    case AppMode::Desktop:
        break;
    }
    if (k.key == Key::Escape || (k.ctrl && k.key == Key::Q)) return ModeAction::Quit;
    return ModeAction::None;
}

std::optional<KeyPress> parse_key_name(std::string_view name) {
    KeyPress press;
    std::string rest = lower(name);
    // Modifiers first ("ctrl+shift+f12"); a lone "+" would be a key name, which we do not have.
    for (;;) {
        if (rest.rfind("ctrl+", 0) == 0) {
            press.ctrl = true;
            rest.erase(0, 5);
        } else if (rest.rfind("shift+", 0) == 0) {
            press.shift = true;
            rest.erase(0, 6);
        } else {
            break;
        }
    }
    if (rest.size() == 1 && rest[0] >= '0' && rest[0] <= '9') {
        press.key = Key::Digit;
        press.digit = rest[0] - '0';
        return press;
    }
    if (rest == "f12") {
        press.key = Key::F12;
        return press;
    }
    for (const NamedKey& k : k_key_names) {
        if (rest == k.name) {
            press.key = k.key;
            return press;
        }
    }
    return std::nullopt;
}

std::optional<std::vector<TestKey>> parse_test_keys(std::string_view text, std::string& error) {
    std::vector<TestKey> keys;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view entry = text.substr(start, end - start);
        const std::size_t colon = entry.find(':');
        std::uint32_t frame = 0;
        const bool frame_ok = colon != std::string_view::npos &&
                              std::from_chars(entry.data(), entry.data() + colon, frame).ptr ==
                                  entry.data() + colon &&
                              colon > 0;
        const auto press =
            frame_ok ? parse_key_name(entry.substr(colon + 1)) : std::optional<KeyPress>{};
        if (!press) {
            error = "expected FRAME:KEY[,FRAME:KEY...] with keys such as PageDown, PageUp, "
                    "Right, Left, Space, Enter, Backspace, N, P, B, '.', F5, Esc, Ctrl+Q, "
                    "Ctrl+Shift+F12 or a digit; got '" +
                    std::string(entry) + "'";
            return std::nullopt;
        }
        keys.push_back({frame, *press});
        start = end + 1;
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const TestKey& a, const TestKey& b) { return a.frame < b.frame; });
    return keys;
}

void CornerHold::press(float x, float y, float width, float height, double now_s) {
    const float side = std::max(48.0f, corner_frac_ * std::min(width, height));
    pressed_ = x >= 0 && y >= 0 && x < side && y < side;
    since_ = now_s;
}

bool CornerHold::tick(double now_s) {
    if (!pressed_ || now_s - since_ < hold_s_) return false;
    pressed_ = false; // once per hold: the finger must lift and press again
    return true;
}

float touch_target_px(float dpi, float mm, float min_px) {
    const float known_dpi = dpi > 0 ? dpi : 96.0f;
    return std::max(min_px, mm * known_dpi / 25.4f);
}

float caption_text_px(std::uint32_t height, double text_scale) {
    const double px = static_cast<double>(height) / 45.0 * std::clamp(text_scale, 0.5, 4.0);
    return static_cast<float>(std::max(13.0, px));
}

} // namespace sh::app
