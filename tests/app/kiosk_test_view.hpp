// A kiosk screen's content for the headless layout tests (test_kiosk_heart, test_kiosk_layout):
// the four topic buttons of the shipped kiosk, a caption and a valid heart.
#pragma once

#include "kiosk_screen.hpp"

namespace sh::testing {

inline ui::KioskView kiosk_test_view(ui::KioskPhase phase) {
    ui::KioskView v;
    v.phase = phase;
    v.title = "The second heart at work";
    v.caption = "Walking: every step the calf muscles squeeze the deep veins.";
    v.scenes = {"Walking", "Standing still", "Sitting on a flight", "Leaky valves"};
    v.scene = 0;
    v.ankle_mmHg = 23;
    v.heart.valid = true;
    v.heart.stroke_volume_ml = 89;
    v.heart.heart_rate_bpm = 75;
    v.heart.beat_phase = 0.2f;
    return v;
}

} // namespace sh::testing
