#pragma once
// What the leg is doing: the gait cycle and other muscle activation patterns, turned into the
// intramuscular pressures that squeeze the veins and into an exercise level that drives arterial
// inflow (exercise hyperaemia).

#include "network.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace sh::sim {

enum class Activity { Still, Walking, Running, HeelRaises, AnklePumps, ToeTapping, CalfSqueeze };
std::string_view to_string(Activity a);
std::optional<Activity> activity_from_string(std::string_view name);
std::string activity_names();

struct ActivitySpec {
    Activity kind = Activity::Still;
    double speed_kmh = 0; // walking 0 to 8, running 6 to 16
};

// Cadence in steps per minute (both legs) at a walking speed: about 95 at 3 km/h and 125 at
// 6 km/h (Tudor-Locke 2019). Running: about 160-175.
double walking_cadence_spm(double speed_kmh);
double running_cadence_spm(double speed_kmh);

// Peak soleus intramuscular pressure per stride (Ballard 1998: walking 181 +- 69, running
// 269 +- 95 mmHg).
double soleus_peak_mmHg(const ActivitySpec& a);

struct MuscleDrive {
    std::array<double, kMuscleCount> pressure_mmHg{}; // above resting tissue pressure
    double exercise_level = 0; // 0 at rest, about 1 at brisk walking, used for inflow and lymph
    double manual_compression_mmHg = 0; // an examiner's hand squeezing the calf (reflux test)
    double cycle_s = 0;                 // period of the pattern (0 when still)
    // 0..1 within the cycle. For walking and running, 0 is the heel strike of this leg (the
    // gait kinematics pose the leg from the same phase, so the drawn leg and the squeeze agree).
    double phase = 0;
};

// The muscle drive at time t (seconds since the activity started).
MuscleDrive muscle_drive(const ActivitySpec& a, double t);
// Steady exercise level of an activity (the target of the hyperaemia lag).
double exercise_level(const ActivitySpec& a);
// Period of one cycle of the pattern in seconds (a stride for gait), 0 when still.
double cycle_period_s(const ActivitySpec& a);
// Phase (0..1) at which a heel raise's or ankle pump's contraction has fully relaxed (the heel
// is back down); 1 for the other patterns.
double contraction_end_phase(const ActivitySpec& a);

} // namespace sh::sim
