#include "scene/camera.hpp"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace sh::scene {
namespace {
constexpr float k_max_pitch = 1.4835f; // 85 deg: never look straight along the up axis
constexpr float k_deg = 3.14159265f / 180.0f;
} // namespace

std::string_view to_string(CameraPreset preset) {
    switch (preset) {
    case CameraPreset::Front:
        return "front";
    case CameraPreset::Back:
        return "back";
    case CameraPreset::Medial:
        return "medial";
    case CameraPreset::Cutaway:
        return "cutaway";
    }
    return "front";
}

std::optional<CameraPreset> parse_camera_preset(std::string_view name) {
    for (CameraPreset p :
         {CameraPreset::Front, CameraPreset::Back, CameraPreset::Medial, CameraPreset::Cutaway}) {
        if (to_string(p) == name) return p;
    }
    return std::nullopt;
}

glm::vec3 Camera::eye() const {
    const glm::vec3 dir(std::cos(pitch) * std::sin(yaw), std::cos(pitch) * std::cos(yaw),
                        std::sin(pitch));
    return target + distance * dir;
}

glm::vec3 Camera::forward() const {
    return glm::normalize(target - eye());
}

glm::mat4 Camera::view() const {
    return glm::lookAt(eye(), target, glm::vec3(0, 0, 1));
}

glm::mat4 Camera::projection(float aspect) const {
    const float near_cm = std::max(0.5f, distance * 0.1f);
    const float far_cm = distance * 4.0f + 200.0f;
    glm::mat4 p = glm::perspective(fov_y, std::max(aspect, 1e-3f), near_cm, far_cm);
    p[1][1] *= -1.0f; // Vulkan clip space: y down
    return p;
}

glm::mat4 Camera::view_proj(float aspect) const {
    return projection(aspect) * view();
}

void Camera::orbit(float delta_yaw, float delta_pitch) {
    yaw = std::remainder(yaw + delta_yaw, 2.0f * 3.14159265f);
    pitch = std::clamp(pitch + delta_pitch, -k_max_pitch, k_max_pitch);
}

void Camera::zoom(float factor) {
    distance = std::clamp(distance * factor, 5.0f, 2000.0f);
}

Camera camera_preset(CameraPreset preset, const glm::vec3& centre, const glm::vec3& extent,
                     float aspect) {
    Camera c;
    c.target = centre;
    float fill = 1.15f; // margin around the box (perspective: near corners look bigger)
    switch (preset) {
    case CameraPreset::Front:
        c.yaw = 0.0f;
        c.pitch = 8.0f * k_deg;
        break;
    case CameraPreset::Back:
        c.yaw = 180.0f * k_deg;
        c.pitch = 8.0f * k_deg;
        break;
    case CameraPreset::Medial:
        c.yaw = -90.0f * k_deg;
        c.pitch = 5.0f * k_deg;
        break;
    case CameraPreset::Cutaway:
        c.yaw = -140.0f * k_deg;
        c.pitch = 12.0f * k_deg;
        fill = 1.02f; // a little closer: the deep veins are the subject
        break;
    }
    // Fit the box's height and its horizontal diagonal (whatever the yaw) into the view.
    const float half_h = 0.5f * extent.z;
    const float half_w = 0.5f * std::hypot(extent.x, extent.y);
    const float tan_v = std::tan(0.5f * c.fov_y);
    const float tan_h = tan_v * std::max(aspect, 1e-3f);
    c.distance = fill * std::max(half_h / tan_v, half_w / tan_h) + half_w;
    return c;
}

} // namespace sh::scene
