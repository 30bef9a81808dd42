#include "scenario_view.hpp"

#include "scenario.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace sh::sim {
namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view source, std::string_view key, const std::string& expected,
                       const json& got) {
    const std::string shown = got.is_number() || got.is_string() ? got.dump() : got.type_name();
    throw ScenarioError(std::string(source) + ": key \"" + std::string(key) + "\": expected " +
                        expected + ", got " + shown);
}

double number(const json& v, std::string_view source, const std::string& key, double lo, double hi,
              const char* what) {
    char expected[128];
    std::snprintf(expected, sizeof expected, "a number from %g to %g (%s)", lo, hi, what);
    if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi))
        fail(source, key, expected, v);
    return v.get<double>();
}

CameraPreset preset(const json& v, std::string_view source, const std::string& key) {
    const auto p = v.is_string() ? from_id<CameraPreset>(v.get<std::string>()) : std::nullopt;
    if (!p) fail(source, key, "one of " + id_list<CameraPreset>(), v);
    return *p;
}

} // namespace

bool operator==(const CameraSetting& a, const CameraSetting& b) {
    return a.preset == b.preset && a.yaw_deg == b.yaw_deg && a.pitch_deg == b.pitch_deg &&
           a.zoom == b.zoom;
}

CameraSetting read_camera_setting(const json& v, std::string_view source, std::string_view key) {
    const std::string k(key);
    CameraSetting c;
    if (v.is_string()) {
        c.preset = preset(v, source, k);
        return c;
    }
    if (!v.is_object())
        fail(source, k,
             "a preset (" + id_list<CameraPreset>() +
                 ") or an object with preset, yaw_deg, pitch_deg, zoom",
             v);
    for (auto& [name, value] : v.items()) {
        if (name == "preset")
            c.preset = preset(value, source, k + ".preset");
        else if (name == "yaw_deg")
            c.yaw_deg = number(value, source, k + ".yaw_deg", -kMaxCameraYawDeg, kMaxCameraYawDeg,
                               "degrees turned from the preset, positive towards the lateral side");
        else if (name == "pitch_deg")
            c.pitch_deg = number(value, source, k + ".pitch_deg", -kMaxCameraPitchDeg,
                                 kMaxCameraPitchDeg, "degrees tilted, positive from above");
        else if (name == "zoom")
            c.zoom = number(value, source, k + ".zoom", kMinCameraZoom, kMaxCameraZoom,
                            "magnification, 2 = twice as close");
        else
            throw ScenarioError(std::string(source) + ": key \"" + k + "." + name +
                                "\": unknown (expected preset, yaw_deg, pitch_deg, zoom)");
    }
    return c;
}

double read_exaggeration(const json& v, std::string_view source, std::string_view key) {
    return number(v, source, std::string(key), kMinExaggeration, kMaxExaggeration,
                  "1 true scale, 10 ten times the swelling");
}

json to_json(const CameraSetting& c) {
    if (c.yaw_deg == 0 && c.pitch_deg == 0 && c.zoom == 1) return std::string(id_of(c.preset));
    return {{"preset", std::string(id_of(c.preset))},
            {"yaw_deg", c.yaw_deg},
            {"pitch_deg", c.pitch_deg},
            {"zoom", c.zoom}};
}

} // namespace sh::sim
