// The kiosk's beating heart (issue 11): drawn in the attract loop and while a visitor uses the
// kiosk, at the right edge, clear of the buttons and of the leg (framed in the middle of the
// screen), at the window sizes a kiosk meets. Headless ImGui: the screen draws into draw lists
// nobody renders; the window rectangles are what the picture would show.

#include "headless_imgui.hpp"
#include "kiosk_screen.hpp"
#include "kiosk_test_view.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

using namespace sh;

namespace {
struct Rect {
    float x0, y0, x1, y1;
};
Rect window_rect(const char* name) {
    ImGuiWindow* w = ImGui::FindWindowByName(name);
    REQUIRE(w != nullptr);
    return {w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y};
}
bool overlap(const Rect& a, const Rect& b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
ui::KioskView view(ui::KioskPhase phase) {
    return testing::kiosk_test_view(phase);
}
} // namespace

TEST_CASE("kiosk: the beating heart sits at the right edge, clear of the leg and the buttons",
          "[kiosk][heart]") {
    for (ImVec2 size :
         {ImVec2(480, 270), ImVec2(1280, 720), ImVec2(1920, 1080), ImVec2(768, 1024)}) {
        for (ui::KioskPhase phase : {ui::KioskPhase::Attract, ui::KioskPhase::Active}) {
            testing::HeadlessImGuiContext imgui(size);
            ui::KioskActions a;
            for (int frame = 0; frame < 3; ++frame) { // auto-sized windows settle in two frames
                ImGui::NewFrame();
                a = ui::draw_kiosk_screen(view(phase));
                ImGui::Render();
            }
            INFO(size.x << "x" << size.y
                        << (phase == ui::KioskPhase::Active ? " active" : " attract"));
            REQUIRE(a.heart_drawn);
            const Rect heart = window_rect("##kiosk_heart");
            CHECK(heart.x1 <= size.x + 0.5f);
            CHECK(heart.y0 >= 0.0f);
            // The leg is framed about the middle of the screen: the heart stays in the outer
            // fifth on the right.
            CHECK(heart.x0 >= 0.8f * size.x - 1.0f);
            CHECK_FALSE(overlap(heart, window_rect("##kiosk_caption")));
            if (phase == ui::KioskPhase::Active) {
                CHECK_FALSE(overlap(heart, window_rect("##kiosk_buttons")));
                CHECK_FALSE(overlap(heart, window_rect("##kiosk_numbers")));
            } else {
                CHECK_FALSE(overlap(heart, window_rect("##kiosk_title")));
            }
        }
    }
}

TEST_CASE("kiosk: no heart before the simulation has one, none over \"Still there?\"",
          "[kiosk][heart]") {
    testing::HeadlessImGuiContext imgui;
    ui::KioskView v = view(ui::KioskPhase::Active);
    v.heart.valid = false;
    ImGui::NewFrame();
    CHECK_FALSE(ui::draw_kiosk_screen(v).heart_drawn);
    ImGui::Render();
    v = view(ui::KioskPhase::StillThere);
    ImGui::NewFrame();
    CHECK_FALSE(ui::draw_kiosk_screen(v).heart_drawn);
    ImGui::Render();
}
