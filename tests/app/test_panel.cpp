// The control panel without a window: ImGui driven by hand (display size and time step set by
// the test), and the simulator side applying the panel's edits and presets.
#include "conditions.hpp"
#include "control_panel.hpp"
#include "protocols.hpp"
#include "secondheart_sim.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <imgui.h>
#include <thread>

using namespace sh;

namespace {
// A headless ImGui frame loop: the panel draws into draw lists nobody renders.
struct HeadlessImGui {
    HeadlessImGui() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(1280, 720);
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    ui::PanelEdits frame(ui::PanelState& s) {
        ImGui::NewFrame();
        ui::PanelEdits e = ui::draw_control_panel(s);
        ImGui::Render();
        return e;
    }
};
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
    CHECK(panel.posture == ui::PostureChoice::Sitting);
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
}

TEST_CASE("panel: a valve slider fails that group only; pause and single step", "[panel]") {
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
