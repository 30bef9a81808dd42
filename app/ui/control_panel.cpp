#include "control_panel.hpp"

#include "runtime_strings.hpp"
#include "translate.hpp"

#include <algorithm>
#include <cstdio>
#include <imgui.h>

namespace sh::ui {
namespace {

using i18n::tr;
using i18n::trc;

// The vocabulary's labels in the language shown (listed for translation in
// app/i18n/runtime_strings.cpp); string literals, so null-terminated, as ImGui wants them.
template <class Term>
const char* label_text(const Term& t) {
    return tr(t.label);
}

void plot(const char* label, const std::vector<float>& v, const char* unit) {
    if (v.empty()) return;
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%.1f %s", static_cast<double>(v.back()), unit);
    // The name above, the plot across the panel's width: a name beside it would be clipped.
    ImGui::TextUnformatted(label);
    ImGui::PushID(label);
    ImGui::PlotLines("##plot", v.data(), static_cast<int>(v.size()), 0, overlay, *lo - 1.0f,
                     *hi + 1.0f, ImVec2(ImGui::GetContentRegionAvail().x, 40.0f));
    ImGui::PopID();
}

// A condition id of the panel's menu in the language shown (sim/conditions.cpp's ids).
const char* condition_label(const std::vector<std::string>& ids, int i) {
    return trc(i18n::k_condition_context, ids[static_cast<std::size_t>(i)].c_str());
}

// The language of every screen, switched at once (app/i18n); for this run only, the settings
// file's "language" is what the next run starts with.
void language_menu() {
    const std::string_view current = i18n::current_language();
    std::string shown;
    for (const i18n::Language& l : i18n::available_languages())
        if (l.code == current) shown = l.name;
    if (!ImGui::BeginCombo(tr("language"), shown.c_str())) return;
    for (const i18n::Language& l : i18n::available_languages()) {
        const std::string name(l.name); // in its own language: "Deutsch"
        if (ImGui::Selectable(name.c_str(), l.code == current)) i18n::set_language(l.code);
    }
    ImGui::EndCombo();
}

// One radio button per word of the vocabulary that `offered` accepts, in the vocabulary's order,
// three to a row. Returns whether the choice changed.
template <class Enum, class Offered>
bool radio_buttons(Enum& value, Offered offered) {
    int v = static_cast<int>(value);
    bool changed = false;
    int shown = 0;
    for (const auto& t : sim::Vocabulary<Enum>::terms) {
        if (!offered(t)) continue;
        if (shown++ % 3 != 0) ImGui::SameLine();
        changed |= ImGui::RadioButton(label_text(t), &v, static_cast<int>(t.value));
    }
    value = static_cast<Enum>(v);
    return changed;
}

// What a clinic would report for this leg (standing, walking at 3 km/h, tiptoes): measured in
// the background whenever the valves change, so the numbers lag the sliders by a moment.
void clinical_numbers(const ClinicalReadout& c) {
    ImGui::TextDisabled("%s", tr("clinical tests for these valves (AVP at 3 km/h, APG)"));
    if (!c.error.empty()) {
        ImGui::TextWrapped(tr("could not be measured: %s"), c.error.c_str());
        return;
    }
    if (!c.ready) {
        ImGui::TextUnformatted(tr("measuring..."));
        return;
    }
    ImGui::Text(tr("ambulatory pressure fall  %.0f mmHg"),
                static_cast<double>(c.ambulatory_fall_mmHg));
    if (c.refill_capped)
        ImGui::Text(tr("refill time  > %.0f s"), static_cast<double>(c.refill_time_s));
    else
        ImGui::Text(tr("refill time  %.1f s"), static_cast<double>(c.refill_time_s));
    ImGui::Text(tr("ejection fraction  %.0f %%"), static_cast<double>(c.ejection_fraction_pct));
    ImGui::Text(tr("venous filling index  %.1f mL/s"), static_cast<double>(c.filling_index_ml_s));
}

// Radio buttons for a list of labels, in rows as wide as the panel, translated in `context` (the
// labels' NC_() markers in control_panel.hpp). Returns whether the choice changed.
template <std::size_t N>
bool radio_row(const std::array<const char*, N>& labels, const char* context, int& value) {
    bool changed = false;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (int i = 0; i < static_cast<int>(N); ++i) {
        const char* label = trc(context, labels[static_cast<std::size_t>(i)]);
        // On the same row while it fits: translations are longer than the English.
        const float width =
            ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
        if (i != 0) {
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
        }
        changed |= ImGui::RadioButton(label, &value, i);
    }
    return changed;
}

// Stockings, elevation, intermittent pneumatic compression, calf strength (issue 11). Returns
// whether anything changed.
bool interventions_section(InterventionControls& c) {
    bool changed = false;
    ImGui::PushID("interventions");
    ImGui::TextDisabled("%s", tr("compression stocking (pressure at the ankle; 0 = none)"));
    changed |= ImGui::SliderFloat(tr("stocking"), &c.stocking_mmHg, 0.0f, 50.0f, "%.0f mmHg");
    if (c.stocking_mmHg > 0.0f) {
        // English from clinical_numbers (stocking_class_name), its strings marked there.
        if (!c.stocking_class.empty()) ImGui::TextUnformatted(tr(c.stocking_class));
        changed |= radio_row(k_stocking_lengths, "stocking length", c.stocking_length);
        changed |= radio_row(k_stocking_materials, "stocking material", c.stocking_material);
    }
    changed |= ImGui::Checkbox(tr("leg elevated (lying or seated)"), &c.elevate);
    if (c.elevate)
        changed |= ImGui::SliderFloat(tr("elevation"), &c.elevation_deg, 0.0f, 80.0f, "%.0f°");
    ImGui::TextDisabled("%s", tr("intermittent pneumatic compression"));
    ImGui::PushID("ipc");
    changed |= radio_row(k_ipc_sites, "compression site", c.ipc);
    if (c.ipc != 0) {
        changed |= ImGui::SliderFloat(tr("cuff"), &c.ipc_pressure_mmHg, 10.0f, 200.0f, "%.0f mmHg");
        changed |= ImGui::SliderFloat(tr("inflated"), &c.ipc_on_s, 1.0f, 60.0f, "%.0f s");
        changed |= ImGui::SliderFloat(tr("released"), &c.ipc_off_s, 1.0f, 600.0f, "%.0f s",
                                      ImGuiSliderFlags_Logarithmic);
    }
    ImGui::PopID();
    ImGui::TextDisabled("%s", tr("calf muscle strength"));
    changed |= radio_row(k_calf_strengths, "calf strength", c.calf_strength);
    ImGui::PopID();
    return changed;
}

} // namespace

PanelEdits draw_control_panel(PanelState& s) {
    PanelEdits edits;
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    // Full height on the left: the plots and clinical numbers stay visible without scrolling.
    ImGui::SetNextWindowSize(ImVec2(380, std::max(200.0f, ImGui::GetIO().DisplaySize.y - 20)),
                             ImGuiCond_FirstUseEver);
    ImGui::Begin("SecondHeart");

    if (!s.presets.empty() &&
        ImGui::CollapsingHeader(tr("Presets"), ImGuiTreeNodeFlags_DefaultOpen)) {
        for (std::size_t i = 0; i < s.presets.size(); ++i) {
            if (i % 2 != 0) ImGui::SameLine();
            if (ImGui::Button(tr(s.presets[i]))) {
                s.preset = static_cast<int>(i);
                edits.preset = true;
            }
        }
    }

    if (ImGui::CollapsingHeader(tr("Activity"), ImGuiTreeNodeFlags_DefaultOpen)) {
        edits.activity |=
            radio_buttons(s.activity, [](const sim::ActivityTerm& t) { return t.sustained; });
        if (s.activity == sim::Activity::Running) {
            edits.activity |=
                ImGui::SliderFloat(tr("speed"), &s.running_speed_kmh, 6.0f, 16.0f, "%.1f km/h");
        } else if (s.activity == sim::Activity::Still || s.activity == sim::Activity::Walking) {
            // Standing is walking at 0 km/h as far as the slider goes: moving it starts walking.
            float speed = s.activity == sim::Activity::Still ? 0.0f : s.walking_speed_kmh;
            if (ImGui::SliderFloat(tr("speed"), &speed, 0.0f, 8.0f, "%.1f km/h")) {
                edits.activity = true;
                s.walking_speed_kmh = speed;
                s.activity = speed > 0.0f ? sim::Activity::Walking : sim::Activity::Still;
            }
        }
        if (s.cadence_spm > 0)
            ImGui::Text(tr("cadence %.0f steps/min"), static_cast<double>(s.cadence_spm));
        edits.posture |=
            radio_buttons(s.posture, [](const sim::PostureTerm& t) { return t.on_panel; });
    }

    if (ImGui::CollapsingHeader(tr("Valves"))) {
        if (!s.conditions.empty()) {
            const int count = static_cast<int>(s.conditions.size());
            if (s.condition < 0 || s.condition >= count) s.condition = 0;
            if (ImGui::BeginCombo(tr("condition"), condition_label(s.conditions, s.condition))) {
                for (int i = 0; i < count; ++i) {
                    const bool selected = i == s.condition;
                    if (ImGui::Selectable(condition_label(s.conditions, i), selected)) {
                        edits.condition |= !selected;
                        s.condition = i;
                    }
                    if (selected) ImGui::SetItemDefaultFocus();
                }
                ImGui::EndCombo();
            }
        }
        ImGui::TextDisabled("%s", tr("failure per group (0 healthy, 1 no valve)"));
        for (const sim::ValveGroupTerm& t : sim::kValveGroups)
            edits.valves |= ImGui::SliderFloat(label_text(t),
                                               &s.valve_severity[static_cast<std::size_t>(t.value)],
                                               0.0f, 1.0f, "%.2f");
    }

    if (ImGui::CollapsingHeader(tr("Compression, elevation, calf"), ImGuiTreeNodeFlags_DefaultOpen))
        edits.interventions |= interventions_section(s.interventions);
    draw_heart_section(s.heart);

    if (ImGui::CollapsingHeader(tr("Sitting and time"))) {
        edits.sitting |= ImGui::SliderFloat(tr("time-lapse"), &s.time_lapse, 1.0f, 2000.0f, "x%.0f",
                                            ImGuiSliderFlags_Logarithmic);
        edits.sitting |= ImGui::Checkbox(tr("5-minute walk every hour"), &s.breaks);
        const int h = static_cast<int>(s.seated_hours);
        ImGui::Text(tr("seated %d h %02d min"), h, static_cast<int>((s.seated_hours - h) * 60.0));
    }
    if (ImGui::CollapsingHeader(tr("View"), ImGuiTreeNodeFlags_DefaultOpen)) {
        for (int i = 0; i < static_cast<int>(k_views.size()); ++i) {
            if (i != 0) ImGui::SameLine();
            edits.view |=
                ImGui::RadioButton(trc("view", k_views[static_cast<std::size_t>(i)]), &s.view, i);
        }
        ImGui::TextUnformatted(tr("blood coloured by"));
        for (int i = 0; i < static_cast<int>(k_blood_colours.size()); ++i) {
            if (i != 0) ImGui::SameLine();
            edits.blood_colour |= ImGui::RadioButton(
                trc("blood colour", k_blood_colours[static_cast<std::size_t>(i)]), &s.blood_colour,
                i);
        }
        // x1 is true scale; above it the view says so (app/ui/swelling_label).
        edits.exaggeration |= ImGui::SliderFloat(tr("swelling shown"), &s.swelling_exaggeration,
                                                 1.0f, 10.0f, "x%.0f");
    }
    edits.pause = ImGui::Checkbox(tr("pause"), &s.paused);
    if (s.paused) {
        ImGui::SameLine();
        edits.step = ImGui::Button(tr("step"));
    }

    ImGui::Separator();
    ImGui::Text(tr("time %.1f s"), s.sim_time_s);
    plot(tr("ankle, superficial"), s.plot_gsv_mmHg, "mmHg");
    plot(tr("ankle, deep"), s.plot_deep_mmHg, "mmHg");
    plot(tr("calf vein volume"), s.plot_calf_volume_ml, "mL");
    plot(tr("popliteal flow"), s.plot_popliteal_ml_s, "mL/s");
    clinical_numbers(s.clinical);
    ImGui::Text(tr("leg swelling   %+.1f %%"), static_cast<double>(s.swelling_pct));
    ImGui::Text(tr("relative risk of a clot  %.2f"), static_cast<double>(s.vte_risk));
    ImGui::TextDisabled("%s", tr("a population average for teaching, not a diagnosis"));
    edits.labels = ImGui::Checkbox(tr("anatomical labels"), &s.show_labels);
    language_menu();
    if (ImGui::CollapsingHeader(tr("Export"))) {
        edits.screenshot = ImGui::Button(tr("Screenshot (F12)"));
        ImGui::SameLine();
        edits.record = ImGui::Button(s.recording ? tr("Stop recording (F9)") : tr("Record (F9)"));
        ImGui::SameLine();
        edits.export_csv = ImGui::Button(tr("Time series CSV"));
    }
    ImGui::Separator();
    // Wrapped: longer in other languages than the panel is wide.
    ImGui::TextWrapped(tr("frame %.2f ms  (GPU: compute %.2f, draw %.2f, ui %.2f)"),
                       static_cast<double>(s.frame_ms), static_cast<double>(s.gpu_compute_ms),
                       static_cast<double>(s.gpu_draw_ms), static_cast<double>(s.gpu_ui_ms));
    if (!s.gpu_passes.empty() && ImGui::TreeNode(tr("draw passes (GPU ms)"))) {
        for (const auto& [name, ms] : s.gpu_passes)
            ImGui::Text("%-18s %6.2f", name.c_str(), static_cast<double>(ms));
        ImGui::TreePop();
    }
    if (!s.device_name.empty()) ImGui::TextDisabled("%s", s.device_name.c_str());
    s.panel_right_px = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;
    ImGui::End();

    // The beating heart beside the leg, at the top right: the leg is framed in the middle of
    // what the panel leaves free, the anatomical labels stay next to it.
    const float heart_px = std::clamp(0.14f * ImGui::GetIO().DisplaySize.y, 56.0f, 160.0f);
    draw_heart_card("##heart_inset", s.heart, 10.0f, heart_px, false, 1.0f, false);
    return edits;
}

} // namespace sh::ui
