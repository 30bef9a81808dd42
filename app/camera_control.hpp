// Mouse and touch onto the camera (engine/scene/camera_rig): drag to orbit, wheel or pinch to
// zoom, right- or middle-drag or two fingers to pan, double-click or double-tap to glide back to
// the preset. Events the UI took (the pointer over a panel) are left alone. Touch screens send
// SDL finger events and, by default, synthetic mouse events too; the synthetic ones are
// ignored so a touch is not counted twice.
#pragma once

#include "scene/camera_rig.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <SDL.h>
#include <string>
#include <string_view>
#include <vector>

namespace sh::app {

class CameraControl {
public:
    explicit CameraControl(scene::CameraRig& rig) : rig_(&rig) {}
    // Returns true when the event moved the camera. `width`/`height`: the window in the
    // event's pixel units.
    bool handle(const SDL_Event& event, bool ui_took, int width, int height);

private:
    enum class Drag { None, Orbit, Pan };
    scene::CameraRig* rig_;
    Drag drag_ = Drag::None;
    std::map<SDL_FingerID, SDL_FPoint> fingers_; // normalised 0..1
    std::uint32_t last_tap_ms_ = 0;
    SDL_FPoint last_tap_{-1.0f, -1.0f};
};

// Window tests: pointer actions injected through SDL's event queue at given frames
// (--test-pointer FRAME:drag:DX:DY, FRAME:wheel:N, FRAME:dclick, FRAME:report; DX and DY in
// pixels). `report` prints how far the view is from the preset.
struct TestPointer {
    std::uint32_t frame = 0;
    std::string action; // drag, wheel, dclick, report
    int dx = 0, dy = 0; // drag pixels; wheel: dx = steps
};
// The actions, or nothing with `why` set (the option named, what was expected).
std::optional<std::vector<TestPointer>> parse_test_pointer(std::string_view text, std::string& why);
// Pushes the actions due at frame i (from `next` on) for a window of `width` x `height`.
void inject_test_pointer(const std::vector<TestPointer>& actions, std::uint32_t i,
                         std::size_t& next, int width, int height, const scene::CameraRig& rig);

// The rectangles of the frame the last ImGui frame drew windows over (panels, heart cards,
// buttons, captions; not tooltips or popups), as fractions of the display: what the camera keeps
// the leg from under (CameraRig::set_covered). Call after the UI's frame has ended.
std::vector<scene::ScreenRect> ui_covered_rects();

// What the frame loop keeps for the camera: the rig, its input, the test actions.
struct CameraInput {
    scene::CameraRig rig;
    CameraControl control{rig};
    std::vector<TestPointer> test;
    std::size_t next_test = 0;
    float idle_return_s = 0; // kiosk: drift back to the preset after this long untouched
    CameraInput() = default;
    CameraInput(const CameraInput&) = delete;
    CameraInput& operator=(const CameraInput&) = delete;
};

} // namespace sh::app
