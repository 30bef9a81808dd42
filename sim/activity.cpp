#include "activity.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {

constexpr std::array<std::string_view, 7> kNames = {
    "still", "walking", "running", "heel_raises", "ankle_pumps", "toe_tapping", "calf_squeeze"};

// Smooth bump: 0 outside [start, end], rising to 1 at `peak` with raised-cosine flanks.
double bump(double phase, double start, double peak, double end) {
    if (phase <= start || phase >= end) return 0;
    double x = phase < peak ? (phase - start) / (peak - start) : (end - phase) / (end - peak);
    return 0.5 - 0.5 * std::cos(std::numbers::pi * x);
}

// Passive calf pressure from ankle dorsiflexion per (km/h)^2 of walking speed, mmHg. Calibrated
// against T4 (the per-stride minimum lower at 6 km/h than at 3, Kügler 2001) while staying below
// the push-off peak (T9, Ballard 1998).
constexpr double kAnkleJointPump = 5.8;
// Passive calf pressure at full seated dorsiflexion, mmHg (calibrated, T16).
constexpr double kDorsiflexionStretch = 60.0;

} // namespace

std::string_view to_string(Activity a) {
    return kNames[static_cast<int>(a)];
}

std::optional<Activity> activity_from_string(std::string_view name) {
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name) return static_cast<Activity>(i);
    if (name == "standing" || name == "sitting" || name == "none") return Activity::Still;
    if (name == "walk") return Activity::Walking;
    if (name == "run") return Activity::Running;
    if (name == "heel-raises" || name == "tiptoe") return Activity::HeelRaises;
    if (name == "ankle-pumps") return Activity::AnklePumps;
    if (name == "toe-tapping") return Activity::ToeTapping;
    return std::nullopt;
}

std::string activity_names() {
    std::string out;
    for (auto n : kNames) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

double walking_cadence_spm(double speed_kmh) {
    return std::clamp(65.0 + 10.0 * speed_kmh, 60.0, 150.0);
}

double running_cadence_spm(double speed_kmh) {
    return std::clamp(150.0 + 2.5 * speed_kmh, 150.0, 195.0);
}

double soleus_peak_mmHg(const ActivitySpec& a) {
    switch (a.kind) {
    case Activity::Walking:
        return 140.0 + 12.0 * std::clamp(a.speed_kmh, 0.0, 8.0);
    case Activity::Running:
        return 230.0 + 4.0 * std::clamp(a.speed_kmh, 6.0, 16.0);
    case Activity::HeelRaises:
        return 190.0;
    case Activity::AnklePumps:
        return 110.0;
    case Activity::ToeTapping:
        return 35.0;
    default:
        return 0.0;
    }
}

double cycle_period_s(const ActivitySpec& a) {
    switch (a.kind) {
    case Activity::Walking:
        return a.speed_kmh > 0.05 ? 120.0 / walking_cadence_spm(a.speed_kmh) : 0.0;
    case Activity::Running:
        return 120.0 / running_cadence_spm(a.speed_kmh);
    case Activity::HeelRaises:
        return 1.5; // one tiptoe every 1.5 s (APG: about 1 per second)
    case Activity::AnklePumps:
        return 2.0; // 30 per minute, the usual in-flight advice
    case Activity::ToeTapping:
        return 0.6;
    default:
        return 0.0;
    }
}

double contraction_end_phase(const ActivitySpec& a) {
    switch (a.kind) {
    case Activity::HeelRaises:
        return 0.8; // the soleus and foot bumps below end by 0.75 and 0.8
    default:
        return 1.0;
    }
}

double exercise_level(const ActivitySpec& a) {
    switch (a.kind) {
    case Activity::Walking: {
        // Calf blood flow rises faster than the speed: quadratic, 1 at 6 km/h. Calibrated
        // against T2 and T4 (Stick 1992: mean 23.5 mmHg at 3 km/h, 30.4 at 6 km/h).
        double x = std::clamp(a.speed_kmh, 0.0, 8.0) / 6.0;
        return x * x;
    }
    case Activity::Running:
        return 1.3 + 0.1 * std::clamp(a.speed_kmh - 8.0, 0.0, 8.0);
    case Activity::HeelRaises:
        return 0.5;
    case Activity::AnklePumps:
        return 0.5; // active calf work like heel raises; calibrated against T16 (Stein 2009)
    case Activity::ToeTapping:
        return 0.15;
    default:
        return 0.0;
    }
}

MuscleDrive muscle_drive(const ActivitySpec& a, double t) {
    MuscleDrive d;
    d.exercise_level = exercise_level(a);
    d.cycle_s = cycle_period_s(a);
    if (a.kind == Activity::CalfSqueeze) {
        // A firm manual squeeze of the calf held for 1 s, then released quickly (the duplex
        // reflux provocation).
        constexpr double kSqueeze = 90.0;
        if (t < 0.2)
            d.manual_compression_mmHg = kSqueeze * t / 0.2;
        else if (t < 1.0)
            d.manual_compression_mmHg = kSqueeze;
        else if (t < 1.1)
            d.manual_compression_mmHg = kSqueeze * (1.1 - t) / 0.1;
        return d;
    }
    if (d.cycle_s <= 0) return d;
    double phase = std::fmod(t / d.cycle_s, 1.0);
    d.phase = phase;
    double sol = soleus_peak_mmHg(a);
    auto& p = d.pressure_mmHg;
    switch (a.kind) {
    case Activity::Walking: {
        // Heel strike at phase 0; triceps surae active in mid-late stance, peak near 40 %
        // (push-off); tibialis anterior at heel strike and in swing; plantar plexus loaded
        // through stance.
        double v = std::clamp(a.speed_kmh, 0.0, 8.0);
        p[0] = sol * bump(phase, 0.10, 0.42, 0.60);
        // Ankle joint pump: dorsiflexion in terminal swing stretches the triceps surae and
        // raises its pressure passively; the range and speed of ankle motion grow with gait
        // speed (Kügler 2001: joint mobility matters, larger drops at higher speed).
        p[0] += kAnkleJointPump * v * v * bump(phase, 0.78, 0.92, 1.0);
        p[1] = 0.85 * p[0];
        p[2] = (40.0 + 5.0 * v) * (bump(phase, 0.62, 0.80, 1.0) + bump(phase, -0.05, 0.02, 0.12));
        p[3] = (60.0 + 6.0 * v) * bump(phase, 0.0, 0.30, 0.62);
        break;
    }
    case Activity::Running:
        p[0] = sol * bump(phase, 0.03, 0.20, 0.40);
        p[1] = 0.9 * p[0];
        p[2] = 80.0 * bump(phase, 0.45, 0.75, 1.0);
        p[3] = 110.0 * bump(phase, 0.0, 0.15, 0.38);
        break;
    case Activity::HeelRaises:
        // Up on the toes briskly, down slowly: the heel returns over about 0.7 s.
        p[0] = sol * bump(phase, 0.05, 0.25, 0.75);
        p[1] = 0.9 * p[0];
        p[3] = 50.0 * bump(phase, 0.0, 0.25, 0.8);
        break;
    case Activity::AnklePumps:
        // Plantarflexion in the first half, dorsiflexion in the second (seated, unloaded).
        // Through the full range of motion the dorsiflexion stretches the triceps surae, which
        // squeezes the calf a second time (passive stretch pressure; calibrated against T16,
        // Stein 2009: seated popliteal velocity 3 -> 18 cm/s with ankle exercise).
        p[0] =
            sol * bump(phase, 0.0, 0.25, 0.5) + kDorsiflexionStretch * bump(phase, 0.5, 0.8, 1.0);
        p[1] = 0.6 * p[0];
        p[2] = 60.0 * bump(phase, 0.5, 0.75, 1.0);
        break;
    case Activity::ToeTapping:
        p[2] = 50.0 * bump(phase, 0.0, 0.3, 0.6);
        p[0] = sol * bump(phase, 0.5, 0.75, 1.0);
        break;
    default:
        break;
    }
    return d;
}

} // namespace sh::sim
