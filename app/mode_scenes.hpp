// The plain scenes behind the kiosk's and the patient mode's big buttons: a label in everyday
// words, one sentence on what the leg shows, the simulator settings and the camera. A scene that
// shows a preset loads its shipped scenario file (app/logic/shipped_scenarios).
#pragma once

#include "scenario.hpp"
#include "scene/camera.hpp"

#include <string>
#include <vector>

namespace sh::app {

struct PlainScene {
    std::string label;
    std::string explanation;
    sim::Scenario scenario;
    scene::CameraPreset camera = scene::CameraPreset::Front;
};

// Walking, Standing still, Sitting on a flight, Leaky valves.
const std::vector<PlainScene>& kiosk_scenes();
// The kiosk's four plus compression stockings on the flight, legs up, ankle pumps in the seat
// and a desk day with short walks.
const std::vector<PlainScene>& patient_scenes();

} // namespace sh::app
