// The control panel without a window: ImGui driven by hand (display size and time step set by
// the test), and the simulator side applying the panel's edits and presets.
#include "conditions.hpp"
#include "control_panel.hpp"
#include "headless_panel.hpp"
#include "protocols.hpp"
#include "secondheart_sim.hpp"
#include "swelling_label.hpp"
#include "ui_scale.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <imgui.h>
#include <imgui_internal.h>
#include <thread>

using namespace sh;

namespace {
using HeadlessImGui = testing::HeadlessPanel;
} // namespace

TEST_CASE("panel: draws every section headless and reports no edit without input", "[panel]") {
    HeadlessImGui imgui;
    app::SimDriver sim(std::nullopt);
    ui::PanelState panel;
    sim.init_panel(panel);
    CHECK(panel.presets.size() == 5);
    CHECK(panel.conditions.size() == 7);
    for (int i = 0; i < 400; ++i) { // 6.7 s: past the 5 s of standing
        sim.advance(1.0 / 60.0);
        sim.update_panel(panel);
        ui::PanelEdits e = imgui.frame(panel);
        CHECK_FALSE(e.any());
    }
    ImDrawData* dd = ImGui::GetDrawData();
    REQUIRE(dd != nullptr);
    CHECK(dd->TotalVtxCount > 1000); // text, plots and widgets were emitted
    CHECK_FALSE(panel.plot_gsv_mmHg.empty());
    CHECK(panel.cadence_spm == Approx(95.0)); // the default script walks at 3 km/h after 5 s
}

TEST_CASE("panel: presets load their settings into the simulation and the controls", "[panel]") {
    app::SimDriver sim(std::nullopt);
    ui::PanelState panel;
    sim.init_panel(panel);
    auto preset = [&](const char* name) {
        auto it = std::find(panel.presets.begin(), panel.presets.end(), name);
        REQUIRE(it != panel.presets.end());
        panel.preset = static_cast<int>(it - panel.presets.begin());
        ui::PanelEdits e;
        e.preset = true;
        sim.apply_edits(panel, e);
    };
    preset("Long-haul flight");
    CHECK(sim.live().model().posture() == sim::Posture::Sitting);
    CHECK(panel.posture == sim::Posture::Sitting);
    CHECK(panel.time_lapse >= 600.0f);
    // A 9-hour flight in under a minute of 60 Hz frames, with the leg swelling.
    for (int i = 0; i < 60 * 40 && sim.live().seated_hours() < 9.0; ++i) sim.advance(1.0 / 60.0);
    CHECK(sim.live().seated_hours() >= 9.0);
    sim.update_panel(panel);
    CHECK(panel.swelling_pct > 1.5f);
    CHECK(panel.vte_risk > 2.0f);

    preset("Varicose veins");
    CHECK(panel.conditions[static_cast<std::size_t>(panel.condition)] == "gsv-reflux");
    CHECK(panel.valve_severity[0] == Approx(1.0f)); // great saphenous failed
    CHECK(panel.valve_severity[5] == Approx(0.0f)); // tibial competent
    CHECK(sim.live().model().activity().kind == sim::Activity::Walking);

    // The panel shows all seven valve groups: the foot's too, which the "no-valves" condition
    // fails (six sliders used to hide them).
    CHECK(panel.valve_severity.size() == sim::kValveGroups.size());
    const auto it = std::find(panel.conditions.begin(), panel.conditions.end(), "no-valves");
    REQUIRE(it != panel.conditions.end());
    panel.condition = static_cast<int>(it - panel.conditions.begin());
    ui::PanelEdits c;
    c.condition = true;
    sim.apply_edits(panel, c);
    const auto foot = static_cast<std::size_t>(sim::ValveGroup::Foot);
    CHECK(panel.valve_severity[foot] == Approx(1.0f));
    CHECK(sim.live().model().valves().severity[foot] == Approx(1.0));
}

TEST_CASE("panel: the swelling slider scales the skin's growth drawn, scenarios set it and the "
          "camera",
          "[panel]") {
    app::SimDriver sim(std::nullopt);
    ui::PanelState panel;
    sim.init_panel(panel);
    CHECK(panel.swelling_exaggeration == 1.0f); // true scale unless asked
    sim::Scenario seated;
    seated.posture = sim::Posture::Sitting;
    seated.time_lapse = 600;
    sim.set_scenario(seated);
    for (int i = 0; i < 60; ++i) sim.advance(1.0 / 60.0); // ten minutes in the seat
    const app::LegFluidVolumes rest = app::rest_fluid_volumes(sim::default_network(), 175.0);
    const app::SkinSwelling true_scale = app::skin_swelling(sim.live().model(), rest, 1.0);
    CHECK(true_scale.calf_cm > 0.01f);
    CHECK(sim.skin_swelling().calf_cm == Approx(true_scale.calf_cm));

    panel.swelling_exaggeration = 5.0f;
    ui::PanelEdits e;
    e.exaggeration = true;
    sim.apply_edits(panel, e);
    CHECK(sim.swelling_exaggeration() == 5.0);
    sim.set_paused(true);
    sim.advance(1.0 / 60.0);
    const app::SkinSwelling shown = sim.skin_swelling();
    const app::SkinSwelling now = app::skin_swelling(sim.live().model(), rest, 1.0);
    CHECK(shown.calf_cm == Approx(5.0f * now.calf_cm));
    CHECK(shown.ankle_cm == Approx(5.0f * now.ankle_cm));
    // What the shaders read: foot, ankle, calf in the frame's pose block.
    CHECK(sim.state().pose.skin_swelling_cm.x == Approx(shown.foot_cm));
    CHECK(sim.state().pose.skin_swelling_cm.z == Approx(shown.calf_cm));

    // A scenario (or lesson step) that names them sets the exaggeration and asks for its view
    // once; one that does not keeps the viewer's.
    sim::Scenario named = seated;
    named.swelling_exaggeration = 3.0;
    named.camera = sim::CameraSetting{sim::CameraPreset::Medial, 20, 0, 1.5};
    sim.set_scenario(named);
    CHECK(sim.swelling_exaggeration() == 3.0);
    const auto view = sim.take_camera_request();
    REQUIRE(view);
    CHECK(*view == *named.camera);
    CHECK_FALSE(sim.take_camera_request());
    sim.set_scenario(seated);
    CHECK(sim.swelling_exaggeration() == 3.0);
    CHECK_FALSE(sim.take_camera_request());
    sim.init_panel(panel);
    CHECK(panel.swelling_exaggeration == 3.0f);
}

TEST_CASE("swelling label: said whenever the picture is exaggerated, over the 3D view", "[panel]") {
    CHECK(ui::swelling_label_text(1.0).empty()); // true scale needs no warning
    CHECK(ui::swelling_label_text(5.0) == "Swelling shown x5");
    CHECK(ui::swelling_label_text(2.5) == "Swelling shown x2.5");
    CHECK(ui::swelling_label_text(10.0) == "Swelling shown x10");
    HeadlessImGui imgui;
    ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
    for (const double x : {1.0, 6.0}) {
        ImGui::NewFrame();
        ui::draw_swelling_label(x, 390.0f, 6.0f);
        ImGui::Render();
        // A window of its own, so the camera keeps the leg from under it (app/camera_control
        // collects the windows).
        const ImGuiWindow* w = ImGui::FindWindowByName("##swelling_shown");
        const bool shown = w != nullptr && w->Active;
        if (x == 1.0) {
            CHECK_FALSE(shown);
            continue;
        }
        REQUIRE(shown);
        const ImDrawList* fg = w->DrawList;
        REQUIRE(fg->VtxBuffer.Size > 0);
        float lo = 1e9f, hi = 0, top = 1e9f, bottom = 0;
        for (const ImDrawVert& v : fg->VtxBuffer) {
            lo = std::min(lo, v.pos.x), hi = std::max(hi, v.pos.x);
            top = std::min(top, v.pos.y), bottom = std::max(bottom, v.pos.y);
        }
        CHECK(lo > 390.0f);                                                  // right of the panel
        CHECK((lo + hi) / 2 == Approx((390.0f + 1280.0f) / 2).margin(2.0f)); // centred
        CHECK(bottom - top > 0.035f * 720.0f); // text at least 3.5 % of the height
    }
}

TEST_CASE("panel: a valve slider fails that group only, pause and single step", "[panel]") {
    app::SimDriver sim(std::nullopt);
    ui::PanelState panel;
    sim.init_panel(panel);
    panel.valve_severity[2] = 0.8f; // perforators
    ui::PanelEdits e;
    e.valves = true;
    sim.apply_edits(panel, e);
    const auto& v = sim.live().model().valves();
    CHECK(v.severity[static_cast<int>(sim::ValveGroup::Perforator)] == Approx(0.8));
    CHECK(v.severity[static_cast<int>(sim::ValveGroup::Gsv)] == Approx(0.0));

    panel.paused = true;
    ui::PanelEdits p;
    p.pause = true;
    sim.apply_edits(panel, p);
    const double t = sim.live().model().time_s();
    CHECK(sim.advance(0.05) == 0.0);
    ui::PanelEdits step;
    step.step = true;
    sim.apply_edits(panel, step);
    CHECK(sim.live().model().time_s() > t);
}

TEST_CASE("panel: the clinical numbers appear after measuring and follow the valves", "[panel]") {
    HeadlessImGui imgui;
    app::SimDriver sim(std::nullopt);
    ui::PanelState panel;
    sim.init_panel(panel);
    CHECK_FALSE(panel.clinical.ready); // "measuring..." until the worker has finished
    auto wait_ready = [&] {
        for (int i = 0; i < 120 * 100 && !panel.clinical.ready; ++i) {
            sim.advance(1.0 / 60.0);
            sim.update_panel(panel);
            (void)imgui.frame(panel); // the frame never waits for the measurement
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        REQUIRE(panel.clinical.ready);
    };
    wait_ready();
    sim::Subject healthy;
    healthy.valves = *sim::condition_valves("healthy");
    CHECK(panel.clinical.ambulatory_fall_mmHg ==
          Approx(static_cast<float>(sim::run_avp(healthy).fall_mmHg)));

    // Fail the great saphenous valves: measuring again, then a short refill time.
    panel.valve_severity[0] = 1.0f;
    ui::PanelEdits e;
    e.valves = true;
    sim.apply_edits(panel, e);
    sim.advance(1.0 / 60.0);
    sim.update_panel(panel);
    CHECK_FALSE(panel.clinical.ready);
    wait_ready();
    CHECK(panel.clinical.refill_time_s < 8.0f);
}

TEST_CASE("HiDPI: ImGui works in window points and draws at drawable pixels", "[ui][hidpi]") {
    // A 2x display: 1280x720 points, 2560x1440 pixels.
    const UiScale retina = compute_ui_scale(1280, 720, 2560, 1440);
    CHECK(retina.display_w == 1280.0f); // mouse events arrive in points
    CHECK(retina.display_h == 720.0f);
    CHECK(retina.framebuffer_x == 2.0f);
    CHECK(retina.framebuffer_y == 2.0f);
    CHECK(retina.font_raster == 2.0f); // the atlas at 26 px, drawn at 13 points
    // The draw data covers exactly the drawable: points times scale.
    CHECK(retina.display_w * retina.framebuffer_x == 2560.0f);

    // A 1x display, and a fractional one (150 %, rounded to a quarter for the font).
    const UiScale plain = compute_ui_scale(800, 600, 800, 600);
    CHECK(plain.framebuffer_x == 1.0f);
    CHECK(plain.font_raster == 1.0f);
    const UiScale frac = compute_ui_scale(1000, 500, 1510, 755);
    CHECK(frac.framebuffer_x == Approx(1.51f));
    CHECK(frac.font_raster == 1.5f);

    // No window size (headless, or minimised): one point per pixel, nothing divided by zero.
    const UiScale none = compute_ui_scale(0, 0, 320, 240);
    CHECK(none.display_w == 320.0f);
    CHECK(none.framebuffer_x == 1.0f);
    CHECK(none.font_raster == 1.0f);
    // Absurd densities stay within 1 to 4.
    CHECK(compute_ui_scale(100, 100, 1000, 1000).font_raster == 4.0f);
    CHECK(compute_ui_scale(1000, 1000, 500, 500).font_raster == 1.0f);
}

TEST_CASE("HiDPI: a mouse position in points lands on the widget drawn in pixels", "[ui][hidpi]") {
    // ImGui's hit testing uses DisplaySize units; the Vulkan backend multiplies vertex
    // positions by FramebufferScale. A click at the centre of a button (in points) therefore
    // presses it, whatever the scale.
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    const UiScale s = compute_ui_scale(640, 480, 1280, 960);
    io.DisplaySize = ImVec2(s.display_w, s.display_h);
    io.DisplayFramebufferScale = ImVec2(s.framebuffer_x, s.framebuffer_y);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    bool pressed = false;
    ImVec2 centre;
    for (int frame = 0; frame < 4 && !pressed; ++frame) {
        if (frame >= 1) io.MousePos = centre;
        io.MouseDown[0] = frame == 2;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(100, 100));
        ImGui::Begin("hidpi");
        pressed = ImGui::Button("press me", ImVec2(120, 40));
        centre = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                        (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
        ImGui::End();
        ImGui::Render();
        // The draw data is in points; scaled by FramebufferScale it fills the drawable.
        CHECK(ImGui::GetDrawData()->FramebufferScale.x == 2.0f);
        CHECK(ImGui::GetDrawData()->DisplaySize.x == 640.0f);
    }
    // Released on the frame after the press: pressed reports the click.
    if (!pressed) {
        io.MouseDown[0] = false;
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(100, 100));
        ImGui::Begin("hidpi");
        pressed = ImGui::Button("press me", ImVec2(120, 40));
        ImGui::End();
        ImGui::Render();
    }
    CHECK(pressed);
    CHECK(centre.x < 640.0f); // the button centre is in points, inside the 640-point window
    ImGui::DestroyContext();
}
