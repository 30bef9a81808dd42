#include "heart_inset.hpp"

#include "translate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace sh::ui {
namespace {

using i18n::tr;

// The strings of this screen, in one place: marked for translation (po/), translated where
// they are drawn.
constexpr const char* k_rate_format = "%.0f /min";
constexpr const char* k_stroke_format = "%.0f mL";
constexpr const char* k_section_title = N_("The heart (whole body, both legs)");
constexpr const char* k_section_note = N_("a population average for teaching, not a diagnosis");
constexpr const char* k_plots_note = N_("the last minute:");
constexpr const char* k_stroke_label = N_("stroke volume");
constexpr const char* k_rate_label = N_("heart rate");
constexpr const char* k_output_label = N_("cardiac output");
constexpr const char* k_pressure_label = N_("mean arterial pressure");

constexpr float k_end_diastolic_ml = 150.0f; // resting adult left ventricle, about 120-150 mL
constexpr float k_systole_share = 0.35f;     // of the beat at 60-80 /min
constexpr float k_squeeze_exaggeration = 2.0f;

// The classic heart curve (x = 16 sin^3 t, y = 13 cos t - 5 cos 2t - 2 cos 3t - cos 4t), in a
// unit box: x and y in -0.5..0.5, y down as on screen. Half of it (t from 0 to pi) is one side;
// each side is close enough to convex to be filled as a convex polygon.
constexpr int k_half_points = 24;
std::array<ImVec2, k_half_points + 1> half_outline() {
    std::array<ImVec2, k_half_points + 1> p{};
    for (int i = 0; i <= k_half_points; ++i) {
        const double t = std::numbers::pi * i / k_half_points;
        const double s = std::sin(t);
        const double x = 16 * s * s * s;
        const double y =
            13 * std::cos(t) - 5 * std::cos(2 * t) - 2 * std::cos(3 * t) - std::cos(4 * t);
        p[static_cast<std::size_t>(i)] =
            ImVec2(static_cast<float>(x / 34.0), static_cast<float>(-(y + 2.55) / 29.5));
    }
    return p;
}

// A plot across the available width with its name and latest value written over it (no label
// line above: the heart's four plots stay short).
void plot(const char* label, const std::vector<float>& v, const char* unit_format, float height) {
    if (v.empty()) return;
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    char value[32];
    std::snprintf(value, sizeof value, unit_format, static_cast<double>(v.back()));
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s  %s", label, value);
    ImGui::PushID(label);
    // A range of at least +-2 % around the values: a steady heart is a flat line, not noise.
    const float pad = std::max(0.02f * std::abs(*hi), 0.5f * (*hi - *lo) + 1e-3f);
    ImGui::PlotLines("##plot", v.data(), static_cast<int>(v.size()), 0, overlay, *lo - pad,
                     *hi + pad, ImVec2(ImGui::GetContentRegionAvail().x, height));
    ImGui::PopID();
}

} // namespace

float heart_squeeze(float beat_phase, float stroke_volume_ml) {
    const float phase = beat_phase - std::floor(beat_phase);
    if (phase >= k_systole_share) return 0.0f;
    const float ejected = std::clamp(stroke_volume_ml / k_end_diastolic_ml, 0.0f, 0.9f);
    const float full = 1.0f - std::cbrt(1.0f - ejected); // linear shrink at the end of systole
    const float shape = std::sin(std::numbers::pi_v<float> * phase / k_systole_share);
    return std::min(0.45f, k_squeeze_exaggeration * full * shape);
}

void draw_beating_heart(ImDrawList* list, const HeartView& v, ImVec2 corner, float size,
                        float text_scale, bool light) {
    if (!v.valid) return;
    static const auto half = half_outline();
    const float text_h = ImGui::GetFontSize() * text_scale;
    const float heart_size = std::max(8.0f, size - 2.2f * text_h);
    const ImVec2 centre(corner.x + 0.5f * size, corner.y + 0.5f * heart_size);
    const float scale = heart_size * (1.0f - heart_squeeze(v.beat_phase, v.stroke_volume_ml));
    const ImU32 fill = light ? IM_COL32(190, 20, 40, 255) : IM_COL32(215, 35, 55, 255);
    const ImU32 edge = light ? IM_COL32(90, 0, 10, 255) : IM_COL32(255, 190, 190, 255);
    std::array<ImVec2, k_half_points + 1> side{};
    std::array<ImVec2, 2 * k_half_points> outline{};
    for (int mirror = 0; mirror < 2; ++mirror) {
        const float sx = mirror == 0 ? 1.0f : -1.0f;
        for (std::size_t i = 0; i < side.size(); ++i)
            side[i] = ImVec2(centre.x + sx * half[i].x * scale, centre.y + half[i].y * scale);
        list->AddConvexPolyFilled(side.data(), static_cast<int>(side.size()), fill);
        for (int i = 0; i < k_half_points; ++i)
            outline[static_cast<std::size_t>(mirror == 0 ? i : 2 * k_half_points - 1 - i)] =
                side[static_cast<std::size_t>(mirror == 0 ? i : i + 1)];
    }
    list->AddPolyline(outline.data(), static_cast<int>(outline.size()), edge, ImDrawFlags_Closed,
                      std::max(1.0f, size / 60.0f));

    // The two numbers under it, centred.
    ImFont* font = ImGui::GetFont();
    const ImU32 text = light ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
    char line[2][32];
    std::snprintf(line[0], sizeof line[0], k_rate_format, static_cast<double>(v.heart_rate_bpm));
    std::snprintf(line[1], sizeof line[1], k_stroke_format,
                  static_cast<double>(v.stroke_volume_ml));
    for (int i = 0; i < 2; ++i) {
        const ImVec2 ext = font->CalcTextSizeA(text_h, 1e9f, 0.0f, line[i]);
        list->AddText(
            font, text_h,
            ImVec2(corner.x + 0.5f * (size - ext.x),
                   corner.y + heart_size + 0.1f * text_h + static_cast<float>(i) * text_h),
            text, line[i]);
    }
}

float draw_heart_card(const char* id, const HeartView& v, float top, float heart_px,
                      bool with_plots, float text_scale, bool light) {
    if (!v.valid) return 0.0f;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // Wide enough for the plots' captions at this text size.
    const float caption_w =
        ImGui::CalcTextSize("cardiac output  10.0 L/min").x * text_scale + 16.0f;
    const float width = with_plots ? std::max(heart_px, caption_w) : heart_px;
    ImGui::SetNextWindowPos(ImVec2(display.x, top), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::SetNextWindowContentSize(ImVec2(width, 0));
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::SetWindowFontScale(text_scale);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    draw_beating_heart(ImGui::GetWindowDrawList(), v,
                       ImVec2(at.x + 0.5f * (width - heart_px), at.y), heart_px, 1.0f, light);
    ImGui::Dummy(ImVec2(width, heart_px));
    if (with_plots) {
        // The modes' look pads frames for touch; a plot's caption sits inside its padding and
        // would be pushed out of the frame, so the plots get ImGui's usual padding.
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 2));
        const float h = 2.2f * ImGui::GetFontSize();
        plot(tr(k_output_label), v.plot_cardiac_output_l_min, "%.1f L/min", h);
        plot(tr(k_stroke_label), v.plot_stroke_volume_ml, "%.0f mL", h);
        ImGui::PopStyleVar();
    }
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    return height;
}

void draw_heart_section(const HeartView& v) {
    if (!v.valid || !ImGui::CollapsingHeader(tr(k_section_title), ImGuiTreeNodeFlags_DefaultOpen))
        return;
    const float heart_px = 3.2f * ImGui::GetFontSize() + 2.2f * ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    draw_beating_heart(ImGui::GetWindowDrawList(), v, at, heart_px, 1.0f, false);
    ImGui::Dummy(ImVec2(heart_px, heart_px));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::Text("%s  %.0f mL", tr(k_stroke_label), static_cast<double>(v.stroke_volume_ml));
    ImGui::Text("%s  %.0f /min", tr(k_rate_label), static_cast<double>(v.heart_rate_bpm));
    ImGui::Text("%s  %.1f L/min", tr(k_output_label), static_cast<double>(v.cardiac_output_l_min));
    ImGui::Text("%s  %.0f mmHg", tr(k_pressure_label), static_cast<double>(v.mean_arterial_mmHg));
    ImGui::EndGroup();
    ImGui::TextDisabled("%s", tr(k_plots_note));
    const float h = 30.0f;
    plot(tr(k_stroke_label), v.plot_stroke_volume_ml, "%.0f mL", h);
    plot(tr(k_rate_label), v.plot_heart_rate_bpm, "%.0f /min", h);
    plot(tr(k_output_label), v.plot_cardiac_output_l_min, "%.2f L/min", h);
    plot(tr(k_pressure_label), v.plot_mean_arterial_mmHg, "%.0f mmHg", h);
    ImGui::TextDisabled("%s", tr(k_section_note));
}

} // namespace sh::ui
