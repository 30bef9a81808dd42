#include "gait_kinematics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <span>

namespace sh::sim {
namespace {

struct Key {
    double phase; // 0..1 of the stride, 0 = heel strike
    double deg;
};

// Tables of key events of the mean sagittal curves, at reference speeds. Each joint has the
// same events at every speed, so a speed in between interpolates event by event (timing and
// angle), and a periodic cubic (Hermite with centred slopes) joins the events.
//
// Walking, free speed (about 1.3 m/s = 4.7 km/h):
//  - knee: ten points read from the mean knee flexion curve of typically developing subjects at
//    their free speed in Schwartz, Rozumalski & Trost 2008 (J Biomech 41:1639, the curve
//    distributed as kneeflex.csv with the detrend1d examples): 5.5 deg at heel strike, the
//    loading-response peak 19.7 deg at 12 %, the stance minimum 6.7 deg at 42 %, 34 deg at toe-off
//    (60 %), the swing peak 60.5 deg at 72 %, 3.8 deg at 98 %. The test compares the whole
//    51-point curve (tests/sim/test_gait_kinematics.cpp).
//  - ankle: Perry & Burnfield 2010 (Gait Analysis, 2nd ed., ch. 4) and Winter 1991 (The
//    Biomechanics and Motor Control of Human Gait, normative natural cadence): neutral at heel
//    strike, -6 deg (plantarflexion) at foot flat (7 %), +10 deg peak dorsiflexion at 45 %,
//    -18 deg peak plantarflexion just after toe-off (62 %), back to neutral by mid-swing.
//  - thigh: inclination from the vertical (Winter's thigh segment angle; the pelvis is not
//    modelled): +25 deg at heel strike, -10 deg at 52 % (trailing limb), +30 deg in late swing.
//    From foot-flat to heel rise the thigh keys are set by the foot lying flat on the floor
//    (thigh = knee flexion - ankle dorsiflexion), which the measured angles satisfy.
// Slow (2.5 km/h) and fast (6.5 km/h): the speed effects of Schwartz 2008 (loading-response knee
// flexion, swing knee peak, peak plantarflexion and hip range grow with speed; stance and the
// events move earlier in the stride as speed grows) applied to the free-speed events.
constexpr double kWalkSpeeds[3] = {2.5, 4.7, 6.5};
constexpr std::array<std::array<Key, 10>, 3> kWalkKnee{{
    {{{0, 4},
      {.13, 13},
      {.27, 9},
      {.43, 5},
      {.54, 12},
      {.63, 33},
      {.74, 57},
      {.84, 42},
      {.92, 16},
      {.98, 3}}},
    {{{0, 5.5},
      {.12, 19.7},
      {.26, 13.2},
      {.42, 6.7},
      {.52, 14.4},
      {.60, 34.1},
      {.72, 60.5},
      {.82, 45.5},
      {.90, 19.0},
      {.98, 3.8}}},
    {{{0, 7},
      {.11, 24},
      {.25, 17},
      {.40, 9},
      {.50, 17},
      {.58, 36},
      {.70, 63},
      {.80, 48},
      {.88, 21},
      {.98, 4}}},
}};
constexpr std::array<std::array<Key, 9>, 3> kWalkAnkle{{
    {{{0, 0}, {.08, -5}, {.27, 6}, {.48, 12}, {.56, 7}, {.65, -13}, {.75, -6}, {.87, 1}, {.95, 0}}},
    {{{0, 0}, {.07, -6}, {.25, 5}, {.45, 10}, {.53, 6}, {.62, -18}, {.72, -8}, {.85, 0}, {.95, 0}}},
    {{{0, -1},
      {.06, -7},
      {.23, 4},
      {.42, 9},
      {.50, 3},
      {.60, -22},
      {.70, -10},
      {.83, -1},
      {.95, -1}}},
}};
constexpr std::array<std::array<Key, 8>, 3> kWalkThigh{{
    {{{0, 20}, {.13, 17}, {.27, 3}, {.43, -6}, {.54, -9}, {.65, -1}, {.87, 25}, {.95, 22}}},
    {{{0, 25}, {.12, 24}, {.26, 8}, {.42, -3}, {.52, -10}, {.62, -2}, {.86, 30}, {.95, 27}}},
    {{{0, 31}, {.11, 30}, {.25, 13}, {.40, 0.5}, {.50, -13}, {.60, -3}, {.84, 36}, {.95, 33}}},
}};
// Toe-off: 63 %, 60 % (Perry & Burnfield 2010: 60 % at free speed), 58 % of the stride.
constexpr double kWalkStance[3] = {0.63, 0.60, 0.58};

// Running at 9 km/h (2.5 m/s, jogging) and 16 km/h (4.5 m/s): Novacheck 1998 (Gait Posture
// 7:77, running and sprinting mean curves) and the speed effects in Fukuchi, Fukuchi & Duarte
// 2017 (PeerJ 5:e3298, 2.5 / 3.5 / 4.5 m/s): knee 18-20 deg at contact, about 42-45 deg stance
// peak, swing peak 90 deg (jog) to 105 deg; ankle peak dorsiflexion 22-24 deg in mid-stance,
// plantarflexion about -20 deg at toe-off; stance 38 % of the stride jogging, 32 % at 16 km/h.
constexpr double kRunSpeeds[2] = {9.0, 16.0};
constexpr std::array<std::array<Key, 7>, 2> kRunKnee{{
    {{{0, 18}, {.15, 42}, {.38, 18}, {.50, 40}, {.70, 90}, {.90, 30}, {.97, 20}}},
    {{{0, 20}, {.12, 45}, {.32, 20}, {.45, 55}, {.65, 105}, {.88, 35}, {.97, 22}}},
}};
constexpr std::array<std::array<Key, 7>, 2> kRunAnkle{{
    {{{0, 5}, {.15, 22}, {.38, -18}, {.50, -5}, {.70, 8}, {.90, 8}, {.97, 6}}},
    {{{0, 3}, {.12, 24}, {.32, -22}, {.45, -5}, {.65, 10}, {.88, 8}, {.97, 4}}},
}};
constexpr std::array<std::array<Key, 6>, 2> kRunThigh{{
    {{{0, 28}, {.15, 12}, {.38, -12}, {.50, 0}, {.85, 40}, {.95, 33}}},
    {{{0, 34}, {.12, 16}, {.32, -15}, {.45, 5}, {.82, 52}, {.95, 40}}},
}};
constexpr double kRunStance[2] = {0.38, 0.32};

double wrap01(double p) {
    p = std::fmod(p, 1.0);
    return p < 0 ? p + 1.0 : p;
}

// Periodic cubic Hermite through the keys (slopes from the neighbours on either side).
double periodic_curve(std::span<const Key> k, double phase) {
    const int n = static_cast<int>(k.size());
    auto at = [&](int i) {
        int j = ((i % n) + n) % n;
        double shift = std::floor(static_cast<double>(i) / n);
        return Key{k[j].phase + shift, k[j].deg};
    };
    phase = wrap01(phase);
    int i = n - 1;
    for (int j = 0; j < n; ++j)
        if (k[j].phase <= phase) i = j;
    Key a = at(i), b = at(i + 1);
    if (phase < a.phase) phase += 1.0; // before the first key: the segment wrapping round
    Key before = at(i - 1), after = at(i + 2);
    double h = b.phase - a.phase;
    double ma = (b.deg - before.deg) / (b.phase - before.phase) * h;
    double mb = (after.deg - a.deg) / (after.phase - a.phase) * h;
    double t = (phase - a.phase) / h, t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * a.deg + (t3 - 2 * t2 + t) * ma + (-2 * t3 + 3 * t2) * b.deg +
           (t3 - t2) * mb;
}

// The keys of a table at a speed: event by event between the two nearest reference speeds.
template <size_t N, size_t S>
double speed_curve(const std::array<std::array<Key, N>, S>& tables, const double (&speeds)[S],
                   double speed, double phase) {
    size_t lo = 0;
    while (lo + 2 < S && speed > speeds[lo + 1]) ++lo;
    double t = std::clamp((speed - speeds[lo]) / (speeds[lo + 1] - speeds[lo]), 0.0, 1.0);
    std::array<Key, N> keys;
    for (size_t i = 0; i < N; ++i) {
        keys[i].phase = tables[lo][i].phase + t * (tables[lo + 1][i].phase - tables[lo][i].phase);
        keys[i].deg = tables[lo][i].deg + t * (tables[lo + 1][i].deg - tables[lo][i].deg);
    }
    return periodic_curve(keys, phase);
}

template <size_t S>
double speed_value(const double (&v)[S], const double (&speeds)[S], double s) {
    size_t lo = 0;
    while (lo + 2 < S && s > speeds[lo + 1]) ++lo;
    double t = std::clamp((s - speeds[lo]) / (speeds[lo + 1] - speeds[lo]), 0.0, 1.0);
    return v[lo] + t * (v[lo + 1] - v[lo]);
}

double smoothstep(double a, double b, double x) {
    double t = std::clamp((x - a) / (b - a), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// The toes: flat on the floor while the foot rolls over them in stance; in swing they relax
// from their toe-off extension back to neutral within 15 % of the stride.
void add_toes(JointAngles& j, double phase, double toe_off, const JointAngles& at_toe_off) {
    if (phase <= toe_off) {
        j.mtp_extension_deg =
            toes_flat_extension_deg(j.thigh_deg - j.knee_flexion_deg + j.ankle_dorsiflexion_deg);
    } else {
        double ext = toes_flat_extension_deg(at_toe_off.thigh_deg - at_toe_off.knee_flexion_deg +
                                             at_toe_off.ankle_dorsiflexion_deg);
        j.mtp_extension_deg = ext * (1.0 - smoothstep(toe_off, toe_off + 0.15, phase));
    }
}

// Raised-cosine rise, hold and fall: 0 before `start`, 1 from `top` to `hold_end`, 0 after `end`.
double plateau(double p, double start, double top, double hold_end, double end) {
    if (p <= start || p >= end) return 0;
    if (p < top) return 0.5 - 0.5 * std::cos(std::numbers::pi * (p - start) / (top - start));
    if (p <= hold_end) return 1;
    return 0.5 + 0.5 * std::cos(std::numbers::pi * (p - hold_end) / (end - hold_end));
}

// A gait's angles at a speed and phase from its tables (thigh, knee, ankle; stance fraction).
template <class Thigh, class Knee, class Ankle, size_t S>
JointAngles gait_angles(const Thigh& thigh, const Knee& knee, const Ankle& ankle,
                        const double (&stance)[S], const double (&speeds)[S], double speed,
                        double phase) {
    auto raw = [&](double p) {
        JointAngles j;
        j.thigh_deg = speed_curve(thigh, speeds, speed, p);
        j.knee_flexion_deg = speed_curve(knee, speeds, speed, p);
        j.ankle_dorsiflexion_deg = speed_curve(ankle, speeds, speed, p);
        return j;
    };
    phase = wrap01(phase);
    const double toe_off = speed_value(stance, speeds, speed);
    JointAngles j = raw(phase);
    add_toes(j, phase, toe_off, raw(toe_off));
    return j;
}

} // namespace

double toes_flat_extension_deg(double foot_pitch_deg) {
    return std::clamp(-foot_pitch_deg, 0.0, 60.0);
}

JointAngles walking_angles(double speed_kmh, double phase) {
    return gait_angles(kWalkThigh, kWalkKnee, kWalkAnkle, kWalkStance, kWalkSpeeds, speed_kmh,
                       phase);
}

JointAngles running_angles(double speed_kmh, double phase) {
    return gait_angles(kRunThigh, kRunKnee, kRunAnkle, kRunStance, kRunSpeeds, speed_kmh, phase);
}

double stance_fraction(const ActivitySpec& a) {
    switch (a.kind) {
    case Activity::Walking:
        return speed_value(kWalkStance, kWalkSpeeds, a.speed_kmh);
    case Activity::Running:
        return speed_value(kRunStance, kRunSpeeds, a.speed_kmh);
    default:
        return 1.0;
    }
}

double stride_length_m(const ActivitySpec& a) {
    double period = cycle_period_s(a);
    if (period <= 0 || (a.kind != Activity::Walking && a.kind != Activity::Running)) return 0;
    return a.speed_kmh / 3.6 * period;
}

JointAngles activity_angles(const ActivitySpec& a, double phase) {
    JointAngles j;
    phase = wrap01(phase);
    switch (a.kind) {
    case Activity::Walking:
        if (a.speed_kmh > 0.05) j = walking_angles(a.speed_kmh, phase);
        break;
    case Activity::Running:
        j = running_angles(a.speed_kmh, phase);
        break;
    case Activity::HeelRaises:
        // Up on the toes while the soleus contracts (activity.cpp: its drive rises from 5 % to a
        // peak at 30 %), a short hold, down by 70 %. 35 deg of plantarflexion: a full heel raise
        // (the ankle's active plantarflexion range is about 40-50 deg, AAOS).
        j.ankle_dorsiflexion_deg = -35.0 * plateau(phase, 0.05, 0.35, 0.45, 0.70);
        break;
    case Activity::AnklePumps:
        // Full range (AAOS normal range of motion: 20 deg dorsiflexion, 50 deg plantarflexion;
        // 45 used): point the foot in the first half (soleus drive peak at 25 %), pull it up in
        // the second (tibialis anterior peak at 75 %).
        j.ankle_dorsiflexion_deg = -45.0 * plateau(phase, 0.0, 0.25, 0.25, 0.5) +
                                   20.0 * plateau(phase, 0.5, 0.75, 0.75, 1.0);
        break;
    case Activity::ToeTapping:
        // The heel stays down and the forefoot lifts 18 deg (tibialis anterior, 0-60 %).
        j.ankle_dorsiflexion_deg = 18.0 * plateau(phase, 0.0, 0.3, 0.3, 0.6);
        break;
    default:
        break;
    }
    return j;
}

} // namespace sh::sim
