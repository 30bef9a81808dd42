// The kiosk's topic buttons and the leg (issue 9): at every window size a kiosk meets, the
// camera's framing (engine/scene/camera, which frees the edges that UI windows are docked to)
// keeps the standing and the sitting leg clear of the buttons, the caption, the figures and
// the heart. On a 480x270 screen the buttons used to sit as a block in the middle, over the leg.
// Headless ImGui: the window rectangles are what the picture would show.

#include "anatomy/default_leg.hpp"
#include "anatomy/leg_skinning.hpp"
#include "headless_imgui.hpp"
#include "kiosk_screen.hpp"
#include "kiosk_test_view.hpp"
#include "posture.hpp"
#include "scene/camera.hpp"

#include <catch2/catch.hpp>
#include <glm/vec4.hpp>
#include <imgui_internal.h>
#include <string>
#include <vector>

using namespace sh;

namespace {

// A window's rectangle as a fraction of the display (as the camera gets it).
scene::ScreenRect covered(const char* name, ImVec2 display) {
    ImGuiWindow* w = ImGui::FindWindowByName(name);
    REQUIRE(w != nullptr);
    return {w->Pos.x / display.x, w->Pos.y / display.y, (w->Pos.x + w->Size.x) / display.x,
            (w->Pos.y + w->Size.y) / display.y};
}

// Every 7th vertex of the default leg's meshes, posed standing or sitting.
std::vector<glm::vec3> leg_points(sim::Posture posture) {
    static const std::vector<anatomy::DefaultStructure> leg = anatomy::build_default_leg(0.3);
    const sim::PosedLeg posed(sim::default_network(), 1.0, posture);
    std::vector<glm::vec3> out;
    for (const auto& s : leg)
        for (std::size_t i = 0; i < s.mesh.positions.size(); i += 7) {
            const glm::vec3 p = s.mesh.positions[i];
            const sim::Vec3 q = posed.place({p.x, p.y, p.z});
            out.emplace_back(q.x, q.y, q.z);
        }
    return out;
}

} // namespace

// Lays the kiosk screen out in `phase` at every size a kiosk meets and checks that the camera
// keeps the standing and the sitting leg clear of `names` (and of the heart when it is drawn).
void check_leg_clear_of(ui::KioskPhase phase, const std::vector<const char*>& names) {
    for (ImVec2 size : {ImVec2(480, 270), ImVec2(640, 360), ImVec2(1280, 720), ImVec2(1920, 1080),
                        ImVec2(768, 1024)}) {
        testing::HeadlessImGuiContext imgui(size);
        // The shipped kiosk's caption is two lines at 480x270.
        ui::KioskView v = testing::kiosk_test_view(phase);
        v.caption = "Walking: every step the calf muscles squeeze the deep veins and push the "
                    "blood up, towards the heart.";
        for (int frame = 0; frame < 3; ++frame) { // auto-sized windows settle in two frames
            ImGui::NewFrame();
            (void)ui::draw_kiosk_screen(v);
            ImGui::Render();
        }
        std::vector<scene::ScreenRect> windows;
        for (const char* name : names) windows.push_back(covered(name, size));
        if (ImGui::FindWindowByName("##kiosk_heart") != nullptr)
            windows.push_back(covered("##kiosk_heart", size));
        const scene::ScreenRect first = windows[0];
        INFO(size.x << "x" << size.y << ": " << names[0] << " " << first.x0 << ".." << first.x1
                    << " x " << first.y0 << ".." << first.y1);
        for (sim::Posture posture : {sim::Posture::Standing, sim::Posture::Sitting}) {
            const std::vector<glm::vec3> points = leg_points(posture);
            const float aspect = size.x / size.y;
            // The kiosk's insets (app/frame_driver.cpp): the title and the caption.
            const scene::FrameInsets insets{0.0f, 0.1f, 0.16f, 0.0f};
            const scene::Camera cam =
                scene::camera_preset(scene::CameraPreset::Front, points, aspect, insets, windows);
            const glm::mat4 vp = cam.view_proj(aspect);
            int under = 0;
            float lo_y = 1.0f, hi_y = 0.0f;
            for (const glm::vec3& p : points) {
                const glm::vec4 c = vp * glm::vec4(p, 1.0f);
                const float x = 0.5f + 0.5f * c.x / c.w, y = 0.5f + 0.5f * c.y / c.w;
                lo_y = std::min(lo_y, y);
                hi_y = std::max(hi_y, y);
                for (const scene::ScreenRect& r : windows)
                    if (x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1) ++under;
            }
            INFO((posture == sim::Posture::Standing ? "standing" : "sitting")
                 << ": leg from y " << lo_y << " to " << hi_y);
            CHECK(under == 0);
            // And the leg is not shrunk to nothing to get there: a standing leg keeps at least
            // half of the frame's height.
            if (posture == sim::Posture::Standing) CHECK(hi_y - lo_y > 0.5f);
        }
    }
}

TEST_CASE("kiosk: the topic buttons never cover the leg, down to a 480x270 screen",
          "[kiosk][framing]") {
    check_leg_clear_of(ui::KioskPhase::Active,
                       {"##kiosk_buttons", "##kiosk_caption", "##kiosk_numbers"});
}

// The attract loop's pulsing "Touch to start" used to sit over the knee.
TEST_CASE("kiosk: on the attract screen \"Touch to start\" and the title never cover the leg",
          "[kiosk][framing]") {
    check_leg_clear_of(ui::KioskPhase::Attract,
                       {"##kiosk_touch", "##kiosk_title", "##kiosk_caption"});
}
