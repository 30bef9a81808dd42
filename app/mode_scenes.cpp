#include "mode_scenes.hpp"

#include "shipped_scenarios.hpp"
#include "translate.hpp"

namespace sh::app {

namespace {

using sim::Activity;
using sim::Posture;

// A healthy leg in a posture, doing one thing in real time: the scenes that are no preset.
sim::Scenario healthy(Posture posture, Activity activity) {
    sim::Scenario s;
    s.posture = posture;
    s.activity = {activity, sim::default_gait_speed_kmh(activity)};
    return s;
}

PlainScene walking() {
    return {N_("Walking"),
            N_("Walking: every step the calf muscles squeeze the deep veins and push the blood up, "
               "towards the heart."),
            shipped_scenario("healthy_walk"), scene::CameraPreset::Cutaway};
}
PlainScene standing() {
    return {
        N_("Standing still"),
        N_("Standing still: the calf pump rests, and blood waits in the leg veins under its own "
           "weight."),
        healthy(Posture::Standing, Activity::Still), scene::CameraPreset::Front};
}
// The panel's Long-haul flight preset: 9 hours in about 30 s.
PlainScene flight() {
    return {
        N_("Sitting on a flight"),
        N_("Sitting on a long flight, hours pass in seconds: the pump is idle, fluid seeps into "
           "the tissues and the leg swells."),
        shipped_scenario("long_haul_flight"), scene::CameraPreset::Front};
}
PlainScene leaky() {
    return {
        N_("Leaky valves"),
        N_("Leaky valves (varicose veins): after each step some blood falls back down the vein on "
           "the inner side of the leg."),
        shipped_scenario("varicose_veins"), scene::CameraPreset::Medial};
}
PlainScene ankle_pumps() {
    return {N_("Ankle pumps in the seat"),
            N_("Moving the feet up and down while seated restarts the pump, even without standing "
               "up."),
            healthy(Posture::Sitting, Activity::AnklePumps), scene::CameraPreset::Back};
}
PlainScene desk_breaks() {
    return {N_("Desk day with short walks"),
            N_("A working day at a desk with a five-minute walk every hour: less swelling than "
               "sitting still."),
            shipped_scenario("desk_day_with_breaks"), scene::CameraPreset::Front};
}

// Issue 11. Below-knee stockings of RAL class I (about 20 mmHg at the ankle) are what the flight
// studies used (LONFLIT, the Cochrane review of stockings on flights of 4 hours and more).
PlainScene flight_stockings() {
    PlainScene p{
        N_("Compression stockings on the flight"),
        N_("Below-knee compression stockings (about 20 mmHg at the ankle) on a long flight "
           "press on the leg veins from outside: they hold less blood, and a little more "
           "returns to the heart. In flight studies stockings cut swelling and silent clots; "
           "this model shows the smaller swelling, not yet the fewer clots."),
        shipped_scenario("long_haul_flight"), scene::CameraPreset::Front};
    p.scenario.interventions.stocking_ankle_mmHg = 20;
    p.scenario.interventions.stocking_length = sim::StockingLength::BelowKnee;
    return p;
}
// Lying with the straight leg raised 30 degrees (the elevation advised for swollen legs: the
// feet above the heart).
PlainScene legs_up() {
    PlainScene p{
        N_("Put your legs up"),
        N_("Lying with the legs raised above the heart, gravity helps: the leg veins empty "
           "towards the heart, the ankle vein pressure falls to almost nothing and the heart "
           "gets a little more blood with each beat."),
        healthy(Posture::Lying, Activity::Still), scene::CameraPreset::Medial};
    p.scenario.interventions.elevation_deg = 30.0;
    return p;
}

} // namespace

const std::vector<PlainScene>& kiosk_scenes() {
    static const std::vector<PlainScene> list = {walking(), standing(), flight(), leaky()};
    return list;
}

const std::vector<PlainScene>& patient_scenes() {
    static const std::vector<PlainScene> list = {walking(),          standing(), flight(),
                                                 flight_stockings(), legs_up(),  ankle_pumps(),
                                                 desk_breaks(),      leaky()};
    return list;
}

} // namespace sh::app
