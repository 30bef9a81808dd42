#include "interventions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {

constexpr std::array<std::string_view, 2> kLengthNames = {"below-knee", "thigh"};
constexpr std::array<std::string_view, 2> kMaterialNames = {"elastic", "inelastic"};
constexpr std::array<std::string_view, 3> kIpcNames = {"none", "calf", "foot"};
constexpr std::array<std::string_view, 4> kStrengthNames = {"average", "untrained", "trained",
                                                            "deconditioned"};

template <typename E, size_t N>
std::optional<E> lookup(const std::array<std::string_view, N>& names, std::string_view s) {
    for (size_t i = 0; i < N; ++i)
        if (names[i] == s) return static_cast<E>(i);
    return std::nullopt;
}

// RAL-GZ 387/1 (Gütezeichengemeinschaft Medizinische Kompressionsstrümpfe, 2008): the pressure
// is highest at the ankle (point B) and may be at most 70 % of it below the knee (point D) and
// at most 40 % on the thigh (point G). The stocking here follows those limits, linearly in
// between.
constexpr double kBelowKneeFraction = 0.70;
constexpr double kThighFraction = 0.40;

// Surface pressure reaching the veins. Muscle and interstitium are mostly water: they pass an
// external load on almost whole, and imaging shows the deep veins narrowing at least as much as
// the superficial ones (MRI under a stocking, prone: deep -64 %, superficial -39 % of the
// cross-section, Downie et al. 2007, J Magn Reson Imaging 26:80; supine duplex under knee-length
// stockings: gastrocnemius and soleal veins -95 % and -86 %, great saphenous -33 %, BMC
// Musculoskelet Disord 2021, doi:10.1186/s12891-021-04603-z). Partsch & Partsch 2005 closed the
// small saphenous and the posterior tibial vein at the same cuff pressures. So every vein takes the
// full pressure; what makes the deep ones narrow more is their softer wall
// (ModelParams::deep_wall). The earlier 0.85 for the deep veins closed the posterior tibial vein at
// 70 mmHg sitting and 88 standing (measured 50-60 and about 70).
constexpr double kDeepTransmission = 1.0;

// Working pressure: when the triceps surae contracts, the calf's girth grows against the
// stocking. A stiff (inelastic, short-stretch) material raises its pressure far more than an
// elastic one (Partsch's static stiffness and working pressure; inelastic bandages reach about
// twice their resting pressure during walking, elastic stockings a fifth more).
constexpr double kElasticWorkingGain = 0.2;
constexpr double kInelasticWorkingGain = 1.0;
constexpr double kReferenceMusclePeak = 180.0; // soleus walking peak, Ballard 1998 (T9)

constexpr double kIpcRampS = 0.5; // cuff inflation and deflation ramps (raised cosine)

double smooth_step(double x) {
    x = std::clamp(x, 0.0, 1.0);
    return 0.5 - 0.5 * std::cos(std::numbers::pi * x);
}

} // namespace

std::string_view to_string(StockingLength v) {
    return kLengthNames[static_cast<int>(v)];
}
std::string_view to_string(StockingMaterial v) {
    return kMaterialNames[static_cast<int>(v)];
}
std::string_view to_string(IpcSite v) {
    return kIpcNames[static_cast<int>(v)];
}
std::string_view to_string(CalfStrength v) {
    return kStrengthNames[static_cast<int>(v)];
}
std::optional<StockingLength> stocking_length_from_string(std::string_view s) {
    return lookup<StockingLength>(kLengthNames, s);
}
std::optional<StockingMaterial> stocking_material_from_string(std::string_view s) {
    return lookup<StockingMaterial>(kMaterialNames, s);
}
std::optional<IpcSite> ipc_site_from_string(std::string_view s) {
    return lookup<IpcSite>(kIpcNames, s);
}
std::optional<CalfStrength> calf_strength_from_string(std::string_view s) {
    return lookup<CalfStrength>(kStrengthNames, s);
}

IpcCycle default_ipc_cycle(IpcSite site) {
    switch (site) {
    // Calf: a mean cuff pressure of 45 mmHg (Kamm et al. 1986, Cardiovasc Res 20:588); the
    // common sequential calf device cycle of about 11 s inflation in a 60 s cycle.
    case IpcSite::Calf:
        return {45.0, 11.0, 49.0};
    // Foot (A-V Impulse type): 130 mmHg for 3 s, 3 times a minute; high pressure and low
    // frequency gave the largest deep venous flow (Br J Surg 1993, 80:198: 50-200 mmHg, 1-3 s,
    // 3 vs 6 per minute).
    case IpcSite::Foot:
        return {130.0, 3.0, 17.0};
    default:
        return {};
    }
}

bool Interventions::any() const {
    return stocking_ankle_mmHg > 0 || elevation_deg.has_value() || ipc != IpcSite::None ||
           calf_strength != CalfStrength::Average;
}

bool operator==(const Interventions& a, const Interventions& b) {
    return a.stocking_ankle_mmHg == b.stocking_ankle_mmHg &&
           a.stocking_length == b.stocking_length && a.stocking_material == b.stocking_material &&
           a.elevation_deg == b.elevation_deg && a.ipc == b.ipc &&
           a.ipc_cycle.pressure_mmHg == b.ipc_cycle.pressure_mmHg &&
           a.ipc_cycle.on_s == b.ipc_cycle.on_s && a.ipc_cycle.off_s == b.ipc_cycle.off_s &&
           a.ipc_band_z_cm == b.ipc_band_z_cm && a.calf_strength == b.calf_strength;
}

double stocking_profile(double z, StockingLength length, Vec3 ankle, Vec3 knee, Vec3 hip) {
    // Measuring points: B just above the malleoli, D just below the knee, G at the top of the
    // thigh (RAL-GZ 387/1 measuring points).
    const double b = ankle.z + 2.0, d = knee.z - 3.0, g = hip.z - 6.0;
    if (z <= b) return 1.0; // foot and ankle
    if (z <= d) return 1.0 + (kBelowKneeFraction - 1.0) * (z - b) / (d - b);
    if (length == StockingLength::BelowKnee) return 0.0;
    if (z <= g)
        return kBelowKneeFraction + (kThighFraction - kBelowKneeFraction) * (z - d) / (g - d);
    return 0.0;
}

double transmission(VeinSystem system) {
    return system == VeinSystem::Superficial ? 1.0 : kDeepTransmission;
}

StrengthFactors strength_factors(CalfStrength s) {
    switch (s) {
    // Trained vs untrained, calibrated to Padberg et al. 2004 (J Vasc Surg 39:79: six months of
    // calf training in venous insufficiency, APG ejection fraction +3.48 +- 2.7 points, residual
    // volume fraction -8.75 +- 4.6): the peak pressure +-8 % and the intramuscular sinus capacity
    // the muscle empties 0.9 / 1.2 of average. The residual fraction after ten tiptoes moves with
    // that capacity, hardly with the pressure (the squeeze already empties the deep veins), so
    // the capacity carries the calibration: EF +3.3 / +4.4 points, RVF -4.8 / -6.3 points in the
    // healthy / great-saphenous-reflux leg. A trained-to-untrained capacity of 1.33 is a
    // calibration, not a measured sinus volume; with it the APG venous volume grows about 15 %.
    case CalfStrength::Untrained:
        return {0.92, 0.90};
    case CalfStrength::Trained:
        return {1.08, 1.20};
    // After weeks of bed rest the plantar flexors lose about a quarter of their strength and
    // about a tenth of their volume (bed-rest studies of 4-6 weeks; see docs/heart.md).
    case CalfStrength::Deconditioned:
        return {0.65, 0.88};
    default:
        return {1.0, 1.0};
    }
}

PostureAngles adjusted_pose(Posture posture, const Interventions& iv, double head_up_tilt_deg) {
    PostureAngles a = posture_angles(posture);
    if (a.supine) {
        if (iv.elevation_deg) {
            a.hip_flexion_deg = std::clamp(*iv.elevation_deg, 0.0, 90.0);
            a.knee_flexion_deg = 0;
        }
        a.head_up_tilt_deg = std::clamp(head_up_tilt_deg, 0.0, 90.0);
    } else if (posture == Posture::Sitting && iv.elevation_deg) {
        // A footrest: the lower leg swings up from hanging by the elevation angle.
        a.knee_flexion_deg = a.hip_flexion_deg - std::clamp(*iv.elevation_deg, 0.0, 80.0);
    }
    return a;
}

InterventionField::InterventionField(const Network& net, const Interventions& iv)
    : iv_(iv), strength_(strength_factors(iv.calf_strength)) {
    const int n = static_cast<int>(net.compartments.size());
    resting_.assign(n, 0);
    ipc_gain_.assign(n, 0);
    skin_resting_.assign(n, 0);
    ipc_skin_.assign(n, 0);
    auto landmark = [&](const char* name, Vec3 fallback) {
        auto it = net.landmarks.find(name);
        return it == net.landmarks.end() ? fallback : it->second;
    };
    const Vec3 ankle = landmark("ankle_joint", {0, 0, 8});
    const Vec3 knee = landmark("knee_joint", {0, 0, 47});
    const Vec3 hip = landmark("hip_joint", {-3, 0, 91});
    const double stocking = std::clamp(iv.stocking_ankle_mmHg, 0.0, 50.0);
    for (int c = 0; c < n; ++c) {
        const Compartment& comp = net.compartments[c];
        const Segment& seg = net.segments[comp.segment];
        const double t = transmission(seg.system);
        if (stocking > 0) {
            skin_resting_[c] =
                stocking * stocking_profile(comp.centre.z, iv.stocking_length, ankle, knee, hip);
            resting_[c] = t * skin_resting_[c];
        }
        const bool in_band = !iv.ipc_band_z_cm || (comp.centre.z >= iv.ipc_band_z_cm->first &&
                                                   comp.centre.z <= iv.ipc_band_z_cm->second);
        if (in_band && ((iv.ipc == IpcSite::Calf && seg.tissue == Tissue::Calf) ||
                        (iv.ipc == IpcSite::Foot && seg.tissue == Tissue::Foot))) {
            ipc_gain_[c] = t;
            ipc_skin_[c] = 1.0;
        }
    }
    working_gain_ = iv.stocking_material == StockingMaterial::Inelastic ? kInelasticWorkingGain
                                                                        : kElasticWorkingGain;
    active_ = stocking > 0 || (iv.ipc != IpcSite::None && iv.ipc_cycle.pressure_mmHg > 0);
}

void InterventionField::adjust_drive(MuscleDrive& drive) const {
    drive.pressure_mmHg[static_cast<int>(Muscle::Soleus)] *= strength_.pressure;
    drive.pressure_mmHg[static_cast<int>(Muscle::Gastrocnemius)] *= strength_.pressure;
}

void InterventionField::begin_step(const MuscleDrive& drive, double time_s) {
    if (!active_) return;
    const double swell = 0.5 *
                         (drive.pressure_mmHg[static_cast<int>(Muscle::Soleus)] +
                          drive.pressure_mmHg[static_cast<int>(Muscle::Gastrocnemius)]) /
                         kReferenceMusclePeak;
    working_factor_ = 1.0 + working_gain_ * swell;
    ipc_now_ = 0;
    const IpcCycle& cyc = iv_.ipc_cycle;
    const double period = cyc.on_s + cyc.off_s;
    if (iv_.ipc != IpcSite::None && period > 0 && cyc.on_s > 0) {
        double t = std::fmod(time_s, period);
        double ramp = std::min(kIpcRampS, 0.5 * cyc.on_s);
        double level =
            t < cyc.on_s ? smooth_step(t / ramp) : 1.0 - smooth_step((t - cyc.on_s) / ramp);
        ipc_now_ = cyc.pressure_mmHg * std::max(0.0, level);
    }
}

} // namespace sh::sim
