#pragma once
// What people do for their legs (issue 11): graduated compression stockings, leg elevation,
// intermittent pneumatic compression (IPC) and calf muscle training or deconditioning. Each is an
// external pressure on the tissue and the veins under it, a change of the pose, or a change of the
// muscle pump; LegModel calls in here through three small hooks (pose, muscle drive, external
// pressure) and is otherwise unchanged. Sources and calibration: docs/heart.md.

#include "activity.hpp"
#include "network.hpp"
#include "posture.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sh::sim {

enum class StockingLength { BelowKnee, Thigh };
enum class StockingMaterial { Elastic, Inelastic };
enum class IpcSite { None, Calf, Foot };
enum class CalfStrength { Average, Untrained, Trained, Deconditioned };

std::string_view to_string(StockingLength v);
std::string_view to_string(StockingMaterial v);
std::string_view to_string(IpcSite v);
std::string_view to_string(CalfStrength v);
std::optional<StockingLength> stocking_length_from_string(std::string_view s);
std::optional<StockingMaterial> stocking_material_from_string(std::string_view s);
std::optional<IpcSite> ipc_site_from_string(std::string_view s);
std::optional<CalfStrength> calf_strength_from_string(std::string_view s);

// An IPC device's cycle: pressure held for `on_s`, then released for `off_s`.
struct IpcCycle {
    double pressure_mmHg = 0;
    double on_s = 0;
    double off_s = 0;
};
// The device settings used when only the site is given (sources in docs/heart.md):
// calf 45 mmHg, 11 s on / 49 s off; foot 130 mmHg, 3 s on / 17 s off (3 per minute).
IpcCycle default_ipc_cycle(IpcSite site);

struct Interventions {
    double stocking_ankle_mmHg = 0; // 0: no stocking; class by ankle pressure, 0-50
    StockingLength stocking_length = StockingLength::BelowKnee;
    StockingMaterial stocking_material = StockingMaterial::Elastic;
    // Straight-leg elevation in degrees when lying (replaces the 40 degrees of leg_raised), or a
    // footrest lifting the lower leg from vertical when seated. Unset: the posture's own pose.
    std::optional<double> elevation_deg;
    IpcSite ipc = IpcSite::None;
    IpcCycle ipc_cycle{};
    // A narrow cuff (e.g. a blood-pressure cuff at mid-calf): only compartments whose centre lies
    // in this leg-frame height range [cm] are squeezed. Unset: the whole calf or foot.
    std::optional<std::pair<double, double>> ipc_band_z_cm;
    CalfStrength calf_strength = CalfStrength::Average;

    bool any() const;
};
bool operator==(const Interventions& a, const Interventions& b);

// Fraction of the ankle pressure a graduated stocking exerts at leg-frame height z (cm, standing
// leg of the reference network: ankle joint at 8, knee joint at 47, hip joint at 91), following
// RAL-GZ 387/1: highest at the ankle, at most 70 % below the knee, at most 40 % on the thigh.
// Zero above the stocking's top (below-knee ends just under the knee).
double stocking_profile(double z_cm, StockingLength length, Vec3 ankle, Vec3 knee, Vec3 hip);

// How much of the surface pressure reaches the veins: superficial veins lie directly under the
// skin, the deep and intramuscular veins under fascia and muscle that carry part of it.
double transmission(VeinSystem system);

// Calf strength as factors on the triceps surae's peak compartment pressure and on the
// intramuscular sinus volume it empties (1 for average).
struct StrengthFactors {
    double pressure = 1;
    double sinus_volume = 1;
};
StrengthFactors strength_factors(CalfStrength s);

// The pose a posture takes with the interventions' elevation and a head-up tilt (degrees of the
// body from horizontal; only for supine postures).
PostureAngles adjusted_pose(Posture posture, const Interventions& iv, double head_up_tilt_deg);

// Per-compartment external pressures of the interventions, precomputed for one network; each
// step sets the time-varying parts once (muscle swelling under an inelastic stocking, the IPC
// cycle) and then reads one number per compartment.
class InterventionField {
public:
    InterventionField() = default;
    InterventionField(const Network& net, const Interventions& iv);

    // Scales the triceps surae pressures by the calf strength.
    void adjust_drive(MuscleDrive& drive) const;
    // Once per step, before external_mmHg: time since the interventions were set.
    void begin_step(const MuscleDrive& drive, double time_s);
    double external_mmHg(int c) const {
        return active_ ? resting_[c] * working_factor_ + ipc_gain_[c] * ipc_now_ : 0.0;
    }
    // The pressure the stocking or cuff exerts on the skin over compartment c: what the
    // interstitial tissue there takes (the fluid-filled subcutis and muscle pass it on whole; it
    // opposes capillary filtration and drives lymph, docs/heart.md "Swelling under a stocking").
    double skin_mmHg(int c) const {
        return active_ ? skin_resting_[c] * working_factor_ + ipc_skin_[c] * ipc_now_ : 0.0;
    }
    double ipc_pressure_now() const { return ipc_now_; }
    double stocking_factor_now() const { return working_factor_; }
    const Interventions& settings() const { return iv_; }
    double sinus_volume_factor() const { return strength_.sinus_volume; }

private:
    Interventions iv_;
    StrengthFactors strength_;
    bool active_ = false;
    std::vector<double> resting_, ipc_gain_, skin_resting_, ipc_skin_;
    double working_gain_ = 0, working_factor_ = 1, ipc_now_ = 0;
};

} // namespace sh::sim
