#include "mode_scenes.hpp"

namespace sh::app {

namespace {

using sim::Activity;
using sim::Posture;

sim::Scenario scenario(const char* condition, Posture posture, sim::ActivitySpec activity,
                       double time_lapse = 1, bool breaks = false) {
    sim::Scenario s;
    s.condition = condition;
    s.posture = posture;
    s.activity = activity;
    s.time_lapse = time_lapse;
    if (breaks) s.breaks = sim::SitBreaks{60, Activity::Walking, 5};
    return s;
}

const PlainScene k_walking{
    "Walking",
    "Walking: every step the calf muscles squeeze the deep veins and push the blood up, "
    "towards the heart.",
    scenario("healthy", Posture::Standing, {Activity::Walking, 4.0}), scene::CameraPreset::Cutaway};
const PlainScene k_standing{
    "Standing still",
    "Standing still: the calf pump rests, and blood waits in the leg veins under its own weight.",
    scenario("healthy", Posture::Standing, {Activity::Still, 0.0}), scene::CameraPreset::Front};
// A 9-hour flight in about 30 s (x1000), like the panel's Long-haul flight preset.
const PlainScene k_flight{
    "Sitting on a flight",
    "Sitting on a long flight, hours pass in seconds: the pump is idle, fluid seeps into the "
    "tissues and the leg swells.",
    scenario("healthy", Posture::Sitting, {Activity::Still, 0.0}, 1000),
    scene::CameraPreset::Front};
const PlainScene k_leaky{
    "Leaky valves",
    "Leaky valves (varicose veins): after each step some blood falls back down the vein on the "
    "inner side of the leg.",
    scenario("gsv-reflux", Posture::Standing, {Activity::Walking, 3.0}),
    scene::CameraPreset::Medial};
const PlainScene k_ankle_pumps{
    "Ankle pumps in the seat",
    "Moving the feet up and down while seated restarts the pump, even without standing up.",
    scenario("healthy", Posture::Sitting, {Activity::AnklePumps, 0.0}), scene::CameraPreset::Back};
const PlainScene k_desk_breaks{
    "Desk day with short walks",
    "A working day at a desk with a five-minute walk every hour: less swelling than sitting "
    "still.",
    scenario("healthy", Posture::Sitting, {Activity::Still, 0.0}, 600, true),
    scene::CameraPreset::Front};

} // namespace

const std::vector<PlainScene>& kiosk_scenes() {
    static const std::vector<PlainScene> list = {k_walking, k_standing, k_flight, k_leaky};
    return list;
}

const std::vector<PlainScene>& patient_scenes() {
    static const std::vector<PlainScene> list = {k_walking,     k_standing,    k_flight,
                                                 k_ankle_pumps, k_desk_breaks, k_leaky};
    return list;
}

} // namespace sh::app
