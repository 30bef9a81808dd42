#include "sim_heart_command.hpp"

#include "conditions.hpp"
#include "heart_protocols.hpp"

#include <cmath>
#include <iostream>
#include <sstream>

namespace sh::app {
namespace {

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}
double round4(double v) { // vein areas are a few tenths of a cm2
    return std::round(v * 1e4) / 1e4;
}

// A number in [lo, hi]; NaN and infinity are refused (a plain range check lets NaN through).
CLI::Validator finite_range(double lo, double hi, const std::string& unit) {
    std::ostringstream what;
    what << "a number from " << lo << " to " << hi << " " << unit;
    const std::string expected = what.str();
    return CLI::Validator(
        [lo, hi, expected](std::string& text) -> std::string {
            double v = 0;
            try {
                size_t used = 0;
                v = std::stod(text, &used);
                if (used != text.size()) return "expected " + expected + ", got '" + text + "'";
            } catch (...) {
                return "expected " + expected + ", got '" + text + "'";
            }
            if (!std::isfinite(v) || v < lo || v > hi)
                return "expected " + expected + ", got '" + text + "'";
            return {};
        },
        expected);
}

CLI::Validator one_of(std::initializer_list<std::string> names) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : "|") + n;
    std::vector<std::string> v(names);
    return CLI::Validator(
        [v, list](std::string& text) -> std::string {
            for (const auto& n : v)
                if (n == text) return {};
            return "expected one of " + list + ", got '" + text + "'";
        },
        list);
}

void add_subject_options(CLI::App* cmd, std::string& condition, double& severity, double& height,
                         double& speed, std::string& activity) {
    cmd->add_option("--condition", condition, "Clinical condition: " + sim::condition_names())
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                return sim::condition_valves(v)
                           ? std::string()
                           : "unknown condition '" + v + "' (expected one of " +
                                 sim::condition_names() + ")";
            },
            "CONDITION"))
        ->capture_default_str();
    cmd->add_option("--severity", severity, "Valve failure severity, 0 to 1")
        ->check(finite_range(0, 1, ""))
        ->capture_default_str();
    cmd->add_option("--height", height, "Body height in cm (120 to 220)")
        ->check(finite_range(120, 220, "cm"))
        ->capture_default_str();
    cmd->add_option("--speed", speed, "Walking or running speed in km/h (0 to 16)")
        ->check(finite_range(0, 16, "km/h"))
        ->capture_default_str();
    cmd->add_option("--activity", activity, "What the leg does: " + sim::activity_names())
        ->check(CLI::Validator(
            [](std::string& v) -> std::string {
                auto a = sim::activity_from_string(v);
                if (!a || *a == sim::Activity::CalfSqueeze)
                    return "expected one of still, walking, running, heel_raises, ankle_pumps, "
                           "toe_tapping, got '" +
                           v + "'";
                return {};
            },
            "ACTIVITY"))
        ->capture_default_str();
}

// Walking, running and heel raises need the leg standing (as the panel does it).
std::string activity_posture_error(sim::Activity a, sim::Posture p) {
    bool upright_only = a == sim::Activity::Walking || a == sim::Activity::Running ||
                        a == sim::Activity::HeelRaises;
    if (upright_only && p != sim::Posture::Standing)
        return "--activity " + std::string(sim::to_string(a)) + " needs --posture standing";
    return {};
}

} // namespace

void add_intervention_options(CLI::App* cmd, InterventionOptions& o) {
    cmd->add_option("--stocking", o.stocking_mmHg,
                    "Graduated compression stocking: pressure at the ankle in mmHg (0 none, up "
                    "to 50); the pressure falls towards knee and thigh (RAL-GZ 387)")
        ->check(finite_range(0, 50, "mmHg"))
        ->capture_default_str();
    cmd->add_option("--stocking-length", o.length, "Stocking length: below-knee or thigh")
        ->check(one_of({"below-knee", "thigh"}))
        ->capture_default_str();
    cmd->add_option("--stocking-material", o.material,
                    "elastic (stocking) or inelastic (short-stretch: higher working pressure)")
        ->check(one_of({"elastic", "inelastic"}))
        ->capture_default_str();
    cmd->add_option("--elevation", o.elevation_deg,
                    "Leg elevation in degrees (0 to 80): the straight leg raised when lying, the "
                    "lower leg lifted on a footrest when seated; no effect standing")
        ->check(finite_range(0, 80, "degrees"));
    cmd->add_option("--ipc", o.ipc,
                    "Intermittent pneumatic compression: calf (45 mmHg, 11 s every 60 s) or foot "
                    "(130 mmHg, 3 s every 20 s)")
        ->check(one_of({"none", "calf", "foot"}))
        ->capture_default_str();
    cmd->add_option("--calf-strength", o.calf_strength,
                    "Calf muscle: untrained, average, trained or deconditioned (after bed rest)")
        ->check(one_of({"untrained", "average", "trained", "deconditioned"}))
        ->capture_default_str();
}

sim::Interventions to_interventions(const InterventionOptions& o) {
    sim::Interventions iv;
    iv.stocking_ankle_mmHg = o.stocking_mmHg;
    iv.stocking_length = sim::stocking_length_from_string(o.length).value_or(iv.stocking_length);
    iv.stocking_material =
        sim::stocking_material_from_string(o.material).value_or(iv.stocking_material);
    iv.elevation_deg = o.elevation_deg;
    iv.ipc = sim::ipc_site_from_string(o.ipc).value_or(sim::IpcSite::None);
    iv.ipc_cycle = sim::default_ipc_cycle(iv.ipc);
    iv.calf_strength =
        sim::calf_strength_from_string(o.calf_strength).value_or(sim::CalfStrength::Average);
    return iv;
}

HeartCommands::HeartCommands(CLI::App& app) {
    veins_ = app.add_subcommand("veins", "Cross-section of the deep calf, great saphenous and "
                                         "popliteal veins after 2 min in a posture");
    veins_->add_option("--posture", veins_o_.posture, "lying, sitting or standing")
        ->check(one_of({"lying", "sitting", "standing"}))
        ->capture_default_str();
    add_subject_options(veins_, veins_o_.condition, veins_o_.severity, veins_o_.height_cm,
                        veins_o_.speed_kmh, veins_o_.activity);
    add_intervention_options(veins_, veins_o_.interventions);

    heart_ = app.add_subcommand("heart", "The closed circulation: stroke volume, heart rate, "
                                         "cardiac output and blood pressure after M minutes "
                                         "in a posture (from lying)");
    heart_->add_option("--posture", heart_o_.posture, "lying, sitting, standing or tilt60")
        ->check(one_of({"lying", "sitting", "standing", "tilt60"}))
        ->capture_default_str();
    heart_->add_option("--minutes", heart_o_.minutes, "Minutes in the posture (0.1 to 60)")
        ->check(finite_range(0.1, 60, "minutes"))
        ->capture_default_str();
    add_subject_options(heart_, heart_o_.condition, heart_o_.severity, heart_o_.height_cm,
                        heart_o_.speed_kmh, heart_o_.activity);
    add_intervention_options(heart_, heart_o_.interventions);
}

int HeartCommands::run() const {
    return *veins_ ? run_veins() : run_heart();
}

int HeartCommands::run_veins() const {
    const Options& o = veins_o_;
    sim::VeinsOptions v;
    v.posture = *sim::posture_from_string(o.posture);
    v.activity = {*sim::activity_from_string(o.activity), o.speed_kmh};
    if (auto err = activity_posture_error(v.activity.kind, v.posture); !err.empty()) {
        std::cerr << "secondheart-sim veins: " << err << "\n";
        return 2;
    }
    v.interventions = to_interventions(o.interventions);
    v.valves = *sim::condition_valves(o.condition, o.severity);
    v.height_cm = o.height_cm;
    sim::VeinsResult r = sim::run_veins(v);
    nlohmann::json out = {{"deep_calf_area_cm2", round4(r.deep_calf_area_cm2)},
                          {"gsv_calf_area_cm2", round4(r.gsv_calf_area_cm2)},
                          {"popliteal_area_cm2", round4(r.popliteal_area_cm2)},
                          {"deep_calf_pressure_mmHg", round2(r.deep_calf_pressure_mmHg)},
                          {"gsv_calf_pressure_mmHg", round2(r.gsv_calf_pressure_mmHg)},
                          {"posture", o.posture},
                          {"activity", o.activity},
                          {"condition", o.condition},
                          {"height_cm", o.height_cm},
                          {"interventions", to_json(v.interventions)}};
    std::cout << out.dump(2) << std::endl;
    return 0;
}

int HeartCommands::run_heart() const {
    const Options& o = heart_o_;
    sim::HeartOptions h;
    h.body = *sim::body_posture_from_string(o.posture);
    h.activity = {*sim::activity_from_string(o.activity), o.speed_kmh};
    if (auto err = activity_posture_error(h.activity.kind, h.body.posture); !err.empty()) {
        std::cerr << "secondheart-sim heart: " << err << "\n";
        return 2;
    }
    h.minutes = o.minutes;
    h.interventions = to_interventions(o.interventions);
    h.valves = *sim::condition_valves(o.condition, o.severity);
    h.height_cm = o.height_cm;
    sim::HeartResult r = sim::run_heart(h);
    auto state = [](const sim::HeartState& s) {
        return nlohmann::json{{"stroke_volume_mL", round2(s.stroke_volume_mL)},
                              {"heart_rate_bpm", round2(s.heart_rate_bpm)},
                              {"cardiac_output_L_min", round2(s.cardiac_output_L_min)},
                              {"mean_arterial_mmHg", round2(s.mean_arterial_mmHg)},
                              {"central_venous_mmHg", round2(s.central_venous_mmHg)}};
    };
    nlohmann::json out = state(r.state);
    out["leg_volume_change_mL"] = round2(r.leg_volume_change_mL);
    out["lying_same_time"] = state(r.lying);
    out["minutes"] = o.minutes;
    out["posture"] = o.posture;
    out["activity"] = o.activity;
    out["condition"] = o.condition;
    out["height_cm"] = o.height_cm;
    out["interventions"] = to_json(h.interventions);
    out["note"] = "population-average model, not a measurement of this person";
    std::cout << out.dump(2) << std::endl;
    return 0;
}

} // namespace sh::app
