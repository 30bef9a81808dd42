// Lecture mode's screen: the lesson's caption in a large bar along the bottom (readable from the
// back of a hall), the lesson title and "Step 2 / 5" small at the top, the beating heart with
// its cardiac output and stroke volume plots at the right edge, nothing else; and the
// blank screen (a fade to black over everything). Keys are handled by the app; this only draws.
#pragma once

#include "heart_inset.hpp"
#include "mode_style.hpp"

#include <cstddef>
#include <string>

namespace sh::ui {

struct LectureView {
    ModeLook look;
    bool presenting = true; // false after Esc: no caption, a hint how to start again
    std::string lesson_title;
    std::string caption;
    std::size_t step = 0; // 1-based
    std::size_t steps = 0;
    bool waiting = false;       // the step waits for the presenter (the counter is highlighted)
    float step_progress = 0.0f; // 0..1 through a timed step (a thin line over the caption)
    float blank = 0.0f;         // 0 shown .. 1 black
    HeartView heart;            // the beating heart and its last minute, at the right edge
};

// Inside an ImGui frame.
void draw_lecture_screen(const LectureView& view);

// Shared by the modes: a full-width caption bar along the bottom with wrapped text. Returns its
// height in pixels.
float draw_caption_bar(const char* id, const std::string& text, const ModeLook& look,
                       float progress = -1.0f);
// A black veil over everything (the blank screen, the kiosk's fades); alpha 0..1.
void draw_veil(float alpha);

} // namespace sh::ui
