#pragma once
// How a scenario or a lesson step shows the leg (issue 9): the camera and the exaggeration of the
// visible swelling. Both are optional in a file; what a file does not name stays as the viewer
// has it.
//
//   "camera": "medial"                         a preset (sim/vocabulary.hpp: ids and aliases)
//   "camera": {"preset": "back", "yaw_deg": 30, "pitch_deg": 10, "zoom": 1.5}
//             every key optional: degrees turned from the preset's direction (yaw positive
//             towards the leg's lateral side as seen from the front, pitch positive from above),
//             and a magnification (2 = twice as close); without "preset" the front view
//   "swelling_exaggeration": 5                 1 (true scale) to 10
//
// Bad values throw ScenarioError naming the file, the key and the expected range.

#include "vocabulary.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

namespace sh::sim {

struct CameraSetting {
    CameraPreset preset = CameraPreset::Front;
    double yaw_deg = 0;   // -180 .. 180
    double pitch_deg = 0; // -80 .. 80
    double zoom = 1;      // 0.25 .. 4
};
bool operator==(const CameraSetting& a, const CameraSetting& b);

inline constexpr double kMinExaggeration = 1, kMaxExaggeration = 10;
inline constexpr double kMaxCameraYawDeg = 180, kMaxCameraPitchDeg = 80;
inline constexpr double kMinCameraZoom = 0.25, kMaxCameraZoom = 4;

// `key` is the full key for messages ("camera", "steps[2].camera").
CameraSetting read_camera_setting(const nlohmann::json& v, std::string_view source,
                                  std::string_view key);
double read_exaggeration(const nlohmann::json& v, std::string_view source, std::string_view key);
// The preset's id alone when nothing is turned or zoomed, else the object.
nlohmann::json to_json(const CameraSetting& c);

} // namespace sh::sim
