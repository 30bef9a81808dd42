#include "camera_control.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <imgui.h>
#include <imgui_internal.h>

namespace sh::app {
namespace {
constexpr std::uint32_t k_double_tap_ms = 350;
constexpr float k_double_tap_distance = 0.05f; // of the screen
constexpr float k_wheel_step = 0.9f;           // one notch: 10 % closer
} // namespace

bool CameraControl::handle(const SDL_Event& e, bool ui_took, int width, int height) {
    const float w = static_cast<float>(std::max(width, 1));
    const float h = static_cast<float>(std::max(height, 1));
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which == SDL_TOUCH_MOUSEID || ui_took) return false;
        if (e.button.button == SDL_BUTTON_LEFT && e.button.clicks >= 2) {
            drag_ = Drag::None;
            rig_->reset();
            return true;
        }
        drag_ = e.button.button == SDL_BUTTON_LEFT ? Drag::Orbit : Drag::Pan;
        return false;
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID) return false;
        drag_ = Drag::None;
        return false;
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID || drag_ == Drag::None) return false;
        if (drag_ == Drag::Orbit)
            rig_->orbit(static_cast<float>(e.motion.xrel) / w,
                        static_cast<float>(e.motion.yrel) / h);
        else
            rig_->pan(static_cast<float>(e.motion.xrel) / h, static_cast<float>(e.motion.yrel) / h);
        return true;
    case SDL_MOUSEWHEEL:
        if (e.wheel.which == SDL_TOUCH_MOUSEID || ui_took || e.wheel.y == 0) return false;
        rig_->zoom(
            std::pow(k_wheel_step,
                     static_cast<float>(e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e.wheel.y
                                                                                    : e.wheel.y)));
        return true;
    case SDL_FINGERDOWN: {
        if (ui_took) return false;
        const SDL_FPoint p{e.tfinger.x, e.tfinger.y};
        if (fingers_.empty()) {
            const bool near =
                std::hypot(p.x - last_tap_.x, p.y - last_tap_.y) < k_double_tap_distance;
            if (near && e.tfinger.timestamp - last_tap_ms_ < k_double_tap_ms) {
                rig_->reset();
                last_tap_ = {-1.0f, -1.0f};
                fingers_[e.tfinger.fingerId] = p;
                return true;
            }
            last_tap_ = p;
            last_tap_ms_ = e.tfinger.timestamp;
        }
        fingers_[e.tfinger.fingerId] = p;
        return false;
    }
    case SDL_FINGERUP:
        fingers_.erase(e.tfinger.fingerId);
        return false;
    case SDL_FINGERMOTION: {
        auto it = fingers_.find(e.tfinger.fingerId);
        if (it == fingers_.end()) return false;
        if (fingers_.size() == 1) {
            // One finger turns the leg (dx, dy are fractions of the screen already).
            rig_->orbit(e.tfinger.dx, e.tfinger.dy);
        } else {
            // Two fingers: the spread zooms, the midpoint pans (each finger moves it by half).
            const SDL_FPoint before = it->second;
            SDL_FPoint other{};
            for (const auto& [id, q] : fingers_)
                if (id != e.tfinger.fingerId) other = q;
            const SDL_FPoint now{e.tfinger.x, e.tfinger.y};
            const float d0 = std::hypot(before.x - other.x, before.y - other.y);
            const float d1 = std::hypot(now.x - other.x, now.y - other.y);
            if (d0 > 1e-3f && d1 > 1e-3f) rig_->zoom(d0 / d1);
            rig_->pan(0.5f * e.tfinger.dx * w / h, 0.5f * e.tfinger.dy);
        }
        it->second = {e.tfinger.x, e.tfinger.y};
        return true;
    }
    default:
        return false;
    }
}

std::optional<std::vector<TestPointer>> parse_test_pointer(std::string_view text,
                                                           std::string& why) {
    std::vector<TestPointer> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        std::string item(text.substr(start, end - start));
        TestPointer t;
        char action[16] = {};
        int a = 0, b = 0;
        unsigned frame = 0;
        const int n = std::sscanf(item.c_str(), "%u:%15[a-z]:%d:%d", &frame, action, &a, &b);
        t.frame = frame;
        t.action = action;
        t.dx = a;
        t.dy = b;
        const bool ok = (n == 4 && t.action == "drag") || (n == 3 && t.action == "wheel") ||
                        (n == 2 && (t.action == "dclick" || t.action == "report"));
        if (!ok) {
            why = "expected FRAME:drag:DX:DY, FRAME:wheel:N, FRAME:dclick or FRAME:report, got \"" +
                  item + "\"";
            return std::nullopt;
        }
        out.push_back(t);
        start = end + 1;
    }
    return out;
}

void inject_test_pointer(const std::vector<TestPointer>& actions, std::uint32_t i,
                         std::size_t& next, int width, int height, const scene::CameraRig& rig) {
    for (; next < actions.size() && actions[next].frame <= i; ++next) {
        const TestPointer& t = actions[next];
        // Over the leg, right of the desktop panel.
        const int x = width * 3 / 4, y = height / 2;
        SDL_Event e{};
        if (t.action == "report") {
            std::fprintf(stderr,
                         "secondheart: camera at frame %u: %.1f deg, zoom x%.2f, pan %.2f from "
                         "the preset\n",
                         i, static_cast<double>(rig.degrees_from_preset()),
                         static_cast<double>(rig.zoom_from_preset()),
                         static_cast<double>(rig.pan_from_preset()));
        } else if (t.action == "wheel") {
            SDL_Event m{};
            m.type = SDL_MOUSEMOTION; // the pointer over the leg first (the UI checks hovering)
            m.motion.x = x;
            m.motion.y = y;
            SDL_PushEvent(&m);
            e.type = SDL_MOUSEWHEEL;
            e.wheel.y = t.dx;
            SDL_PushEvent(&e);
        } else {
            e.type = SDL_MOUSEBUTTONDOWN;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.state = SDL_PRESSED;
            e.button.clicks = t.action == "dclick" ? 2 : 1;
            e.button.x = x;
            e.button.y = y;
            SDL_PushEvent(&e);
            if (t.action == "drag") {
                SDL_Event m{};
                m.type = SDL_MOUSEMOTION;
                m.motion.state = SDL_BUTTON_LMASK;
                m.motion.x = x + t.dx;
                m.motion.y = y + t.dy;
                m.motion.xrel = t.dx;
                m.motion.yrel = t.dy;
                SDL_PushEvent(&m);
            }
            SDL_Event u = e;
            u.type = SDL_MOUSEBUTTONUP;
            u.button.state = SDL_RELEASED;
            SDL_PushEvent(&u);
        }
    }
}

std::vector<scene::ScreenRect> ui_covered_rects() {
    std::vector<scene::ScreenRect> out;
    const ImGuiContext* g = ImGui::GetCurrentContext();
    if (g == nullptr) return out;
    const ImVec2 display = g->IO.DisplaySize;
    if (!(display.x > 0.0f) || !(display.y > 0.0f)) return out;
    constexpr ImGuiWindowFlags passing =
        ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup | ImGuiWindowFlags_ChildWindow;
    for (const ImGuiWindow* w : g->Windows) {
        if (!w->Active || w->Hidden || (w->Flags & passing) != 0) continue;
        const ImRect r = w->Rect();
        out.push_back({std::clamp(r.Min.x / display.x, 0.0f, 1.0f),
                       std::clamp(r.Min.y / display.y, 0.0f, 1.0f),
                       std::clamp(r.Max.x / display.x, 0.0f, 1.0f),
                       std::clamp(r.Max.y / display.y, 0.0f, 1.0f)});
    }
    return out;
}

} // namespace sh::app
