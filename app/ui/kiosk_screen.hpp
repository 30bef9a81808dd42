// Kiosk mode's screen: in the attract loop the lesson's captions and "Touch to start"; in use a
// row of big plain buttons (walk, stand, sit on a flight, leaky valves) over a caption that says
// what the leg is doing; the "Still there?" countdown before the reset. It only draws and reports
// what was touched; the kiosk state machine (app/logic/kiosk_state, which defines the phases) and
// the scenes live in the app. The beating heart (heart_inset.hpp) sits at the right edge under
// the figures, clear of the leg in the middle and of the buttons.
#pragma once

#include "heart_inset.hpp"
#include "kiosk_state.hpp"
#include "mode_style.hpp"

#include <string>
#include <vector>

namespace sh::ui {

using app::KioskPhase;

struct KioskView {
    ModeLook look;
    KioskPhase phase = KioskPhase::Attract;
    std::string title;   // attract: the lesson's title
    std::string caption; // attract: the step's caption; active: the scene's explanation
    float step_progress = -1.0f;
    std::vector<std::string> scenes; // button labels
    int scene = -1;                  // highlighted
    float ankle_mmHg = 0;
    double countdown_s = 0; // StillThere: seconds to the reset
    double time_s = 0;      // for the gentle pulse of "Touch to start"
    HeartView heart;        // the model's heart (attract and active; not over "Still there?")
};

struct KioskActions {
    int scene = -1;           // a scene button
    bool still_here = false;  // the countdown's button
    bool heart_drawn = false; // the beating heart fitted and was drawn this frame
};

KioskActions draw_kiosk_screen(const KioskView& view);

} // namespace sh::ui
