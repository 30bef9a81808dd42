// The first heart on screen (issue 11): a small beating heart drawn beside the leg, whose beat
// follows the model's heart rate and whose squeeze follows its stroke volume, labelled with both;
// the heart's numbers with their live plots (the desktop panel's section and lecture mode's card).
// Like the other screens it only draws a plain struct (filled by the app from
// app::LiveSimulation's circulation) and never calls the simulator.
#pragma once

#include <imgui.h>
#include <vector>

namespace sh::ui {

struct HeartView {
    bool valid = false; // false: nothing to draw (no simulation yet)
    float stroke_volume_ml = 0;
    float heart_rate_bpm = 0;
    float cardiac_output_l_min = 0;
    float mean_arterial_mmHg = 0;
    float beat_phase = 0; // 0..1 through the current beat (systole first)
    // The last minute of each number, oldest first (app::LiveSimulation::heart_history).
    std::vector<float> plot_stroke_volume_ml, plot_heart_rate_bpm, plot_cardiac_output_l_min,
        plot_mean_arterial_mmHg;
};

// How much smaller than at rest the heart is drawn at this point of the beat: 0 in diastole, up
// to the stroke volume's share of a full squeeze at the height of systole. The squeeze is
// SV / (end-diastolic volume of about 150 mL) of the volume, so the outline shrinks by the cube
// root of what stays; exaggerated x2 so that a fall from 106 to 65 mL shows on a small drawing.
float heart_squeeze(float beat_phase, float stroke_volume_ml);

// The beating heart with "79 /min" and "70 mL" under it, in a square of side `size` whose top
// left corner is `corner`, on the given draw list (the foreground list in the modes, so that no
// window covers it). `text_scale` multiplies the font; `light` draws for a white background.
void draw_beating_heart(ImDrawList* list, const HeartView& view, ImVec2 corner, float size,
                        float text_scale, bool light);

// The heart inset in a corner of the screen, clear of the leg: a borderless window at the right
// edge, `top` pixels down, with the heart, and (with_plots) the numbers and their plots.
// Returns its height.
float draw_heart_card(const char* id, const HeartView& view, float top, float heart_px,
                      bool with_plots, float text_scale, bool light);

// The desktop panel's heart section (inside the panel window): numbers and four plots.
void draw_heart_section(const HeartView& view);

} // namespace sh::ui
