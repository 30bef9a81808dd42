// Patient mode's screen, for a clinician beside a patient: a few large buttons in plain words
// ("Walking", "Sitting on a flight", "Leaky valves"), one sentence on what the leg is doing, and
// the swelling and clot-risk figures with the population-average disclaimer, the heart's numbers
// in plain words and a small beating heart beside the leg. No plots, no valve sliders: the
// desktop panel has those.
#pragma once

#include "heart_inset.hpp"
#include "mode_style.hpp"

#include <string>
#include <vector>

namespace sh::ui {

struct PatientView {
    ModeLook look;
    std::vector<std::string> scenes;
    int scene = -1;
    std::string explanation;
    float ankle_mmHg = 0;
    float swelling_pct = 0;
    float vte_risk = 1;
    double seated_hours = 0;
    HeartView heart;
    // The heart in plain words (app::plain_heart_words): now, lying against standing, disclaimer.
    std::string heart_now, heart_compared, heart_disclaimer;
};

// Returns the scene button pressed, or -1.
int draw_patient_screen(const PatientView& view);

} // namespace sh::ui
