// Issue 11's panel without a window: the interventions' controls applied to the live simulation
// field by field (the gait keeps its phase), the IPC device's usual cycle, the elevation, and the
// heart section and inset drawn headless with the live numbers; the beat's squeeze.
#include "control_panel.hpp"
#include "headless_panel.hpp"
#include "heart_inset.hpp"
#include "secondheart_sim.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>

using namespace sh;

namespace {

using HeadlessImGui = testing::HeadlessPanel;

sim::Scenario walking() {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    return s;
}

double gait_phase_now(const app::SimDriver& sim) {
    const sim::LegModel& m = sim.live().model();
    return m.drive().phase + m.dt_s() / sim::cycle_period_s(m.activity());
}

double phase_gap(double a, double b) {
    const double g = std::fmod(std::abs(a - b), 1.0);
    return std::min(g, 1.0 - g);
}

void apply_interventions(app::SimDriver& sim, ui::PanelState& panel) {
    ui::PanelEdits e;
    e.interventions = true;
    sim.apply_edits(panel, e);
}

} // namespace

TEST_CASE("panel: stocking, strength and IPC edits reach the leg and keep the gait phase",
          "[panel][heart]") {
    app::SimDriver sim(walking());
    ui::PanelState panel;
    sim.init_panel(panel);
    CHECK(panel.interventions.stocking_mmHg == 0.0f);
    CHECK(panel.interventions.stocking_class == "no stocking");
    const double period = sim::cycle_period_s(sim.live().model().activity());
    const double t0 = sim.time_s();
    const double phase0 = gait_phase_now(sim);
    for (int frame = 1; frame <= 30; ++frame) { // the stocking slider dragged to 30 mmHg
        panel.interventions.stocking_mmHg = static_cast<float>(frame);
        apply_interventions(sim, panel);
        sim.advance(1.0 / 60.0);
        const double expected = std::fmod(phase0 + (sim.time_s() - t0) / period, 1.0);
        CHECK(phase_gap(gait_phase_now(sim), expected) < 1e-6);
    }
    panel.interventions.stocking_length = 1;   // thigh
    panel.interventions.stocking_material = 1; // inelastic
    panel.interventions.calf_strength = 2;     // trained
    apply_interventions(sim, panel);
    const sim::Interventions& iv = sim.interventions();
    CHECK(iv.stocking_ankle_mmHg == 30.0);
    CHECK(iv.stocking_length == sim::StockingLength::Thigh);
    CHECK(iv.stocking_material == sim::StockingMaterial::Inelastic);
    CHECK(iv.calf_strength == sim::CalfStrength::Trained);
    CHECK(panel.interventions.stocking_class == "RAL class II, moderate (23-32 mmHg)");
    CHECK(sim.live().model().activity().kind == sim::Activity::Walking);

    // A device chosen anew starts with the cycle real devices use; then the sliders set it.
    panel.interventions.ipc = 2; // foot
    apply_interventions(sim, panel);
    CHECK(sim.interventions().ipc == sim::IpcSite::Foot);
    CHECK(panel.interventions.ipc_pressure_mmHg == 130.0f); // A-V Impulse type: 130 mmHg, 3 s
    CHECK(panel.interventions.ipc_on_s == 3.0f);
    CHECK(panel.interventions.ipc_off_s == 17.0f);
    panel.interventions.ipc_pressure_mmHg = 160.0f;
    panel.interventions.ipc_off_s = 900.0f; // beyond the slider: clamped to 600 s
    apply_interventions(sim, panel);
    CHECK(sim.interventions().ipc_cycle.pressure_mmHg == 160.0);
    CHECK(sim.interventions().ipc_cycle.off_s == 600.0);
    CHECK(panel.interventions.ipc_off_s == 600.0f);
    panel.interventions.ipc = 0;
    apply_interventions(sim, panel);
    CHECK(sim.interventions().ipc == sim::IpcSite::None);
    // The heart's leg takes the same settings.
    CHECK(sim.live().circulation().leg().interventions() == sim.interventions());
}

// Raising the legs of someone lying flat moves blood to the heart: stroke volume up (the
// simulator's passive leg raise: +8.8 % at 40 degrees, docs/heart.md).
TEST_CASE("panel: lying with the legs elevated raises the stroke volume", "[panel][heart]") {
    sim::Scenario lying;
    lying.posture = sim::Posture::Lying;
    app::SimDriver sim(lying);
    ui::PanelState panel;
    sim.init_panel(panel);
    for (int i = 0; i < 60 * 10; ++i) sim.advance(1.0 / 60.0);
    const float flat = sim.live().heart_now().stroke_volume_ml;
    panel.interventions.elevate = true;
    panel.interventions.elevation_deg = 40.0f;
    apply_interventions(sim, panel);
    REQUIRE(sim.interventions().elevation_deg.has_value());
    CHECK(*sim.interventions().elevation_deg == 40.0);
    CHECK(sim.live().model().posture() == sim::Posture::Lying);
    for (int i = 0; i < 60 * 30; ++i) sim.advance(1.0 / 60.0);
    const float raised = sim.live().heart_now().stroke_volume_ml;
    INFO("flat " << flat << " mL, raised " << raised << " mL");
    CHECK(raised > 1.04f * flat);
    CHECK(raised < 1.2f * flat);
}

TEST_CASE("panel: the heart section and inset draw the live numbers headless", "[panel][heart]") {
    HeadlessImGui imgui;
    app::SimDriver sim(walking());
    ui::PanelState panel;
    sim.init_panel(panel);
    panel.interventions.stocking_mmHg = 20.0f; // the stocking's class, length and material rows
    panel.interventions.ipc = 1;               // and the cuff's sliders are drawn too
    apply_interventions(sim, panel);
    for (int i = 0; i < 120; ++i) {
        sim.advance(1.0 / 60.0);
        sim.update_panel(panel);
        CHECK_FALSE(imgui.frame(panel).any());
    }
    const app::HeartSample now = sim.live().heart_now();
    REQUIRE(panel.heart.valid);
    CHECK(panel.heart.stroke_volume_ml == now.stroke_volume_ml);
    CHECK(panel.heart.heart_rate_bpm == now.heart_rate_bpm);
    CHECK(panel.heart.cardiac_output_l_min == now.cardiac_output_l_min);
    CHECK(panel.heart.mean_arterial_mmHg == now.mean_arterial_mmHg);
    CHECK(panel.heart.plot_stroke_volume_ml.size() == sim.live().heart_history().size());
    CHECK(panel.heart.plot_cardiac_output_l_min.back() == now.cardiac_output_l_min);
    CHECK(panel.interventions.stocking_class == "RAL class I, light (18-21 mmHg)");
    // The inset is its own window at the top right, clear of the panel on the left.
    ImGuiWindow* inset = ImGui::FindWindowByName("##heart_inset");
    REQUIRE(inset != nullptr);
    CHECK(inset->Pos.x > panel.panel_right_px);
    CHECK(inset->Pos.x + inset->Size.x <= ImGui::GetIO().DisplaySize.x + 0.5f);
}

TEST_CASE("panel: the drawn heart squeezes in systole by its stroke volume", "[heart]") {
    CHECK(ui::heart_squeeze(0.5f, 100.0f) == 0.0f); // diastole: full size
    CHECK(ui::heart_squeeze(0.0f, 100.0f) == 0.0f);
    const float big = ui::heart_squeeze(0.175f, 106.0f);  // the height of systole, lying
    const float small = ui::heart_squeeze(0.175f, 65.0f); // standing
    CHECK(big > small);
    CHECK(small > 0.05f);
    CHECK(big < 0.46f);
    // 106 mL of 150 leave 29 %: the outline shrinks by 1 - cbrt(0.29) = 34 %, x2 shown, capped.
    CHECK(ui::heart_squeeze(0.175f, 40.0f) ==
          Approx(2.0f * (1.0f - std::cbrt(1.0f - 40.0f / 150.0f))));
}
