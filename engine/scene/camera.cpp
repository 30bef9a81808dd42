#include "scene/camera.hpp"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace sh::scene {
namespace {
constexpr float k_max_pitch = 1.4835f; // 85 deg: never look straight along the up axis
constexpr float k_deg = 3.14159265f / 180.0f;
} // namespace

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
    p[1][1] *= -1.0f;   // Vulkan clip space: y down
    p[2][0] -= shift_x; // x_ndc += shift_x (clip.w is -z_view)
    p[2][1] -= shift_y;
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
                     float aspect, FrameInsets insets) {
    Camera c;
    c.target = centre;
    float fill = 1.06f; // margin around the box
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
        fill = 1.0f; // a little closer: the deep veins are the subject
        break;
    }
    // Fit every corner of the box: at distance d a corner at (x, y) across and z along the view
    // direction (towards the scene) is seen at depth d + z, so it fits when
    // d >= |x| / tan_h - z and d >= |y| / tan_v - z.
    const float left = std::clamp(insets.left, 0.0f, 0.5f);
    const float top = std::clamp(insets.top, 0.0f, 0.3f);
    const float bottom = std::clamp(insets.bottom, 0.0f, 0.3f);
    const float tan_full = std::tan(0.5f * c.fov_y);
    const float tan_v = tan_full * (1.0f - top - bottom);
    const float tan_h = tan_full * std::max(aspect, 1e-3f) * (1.0f - left);
    c.shift_x = left;
    c.shift_y = top - bottom;
    c.distance = 1.0f;
    const glm::vec3 forward = c.forward();
    const glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 0, 1)));
    const glm::vec3 up = glm::cross(right, forward);
    float d = 0.0f;
    for (int corner = 0; corner < 8; ++corner) {
        const glm::vec3 offset(0.5f * extent.x * ((corner & 1) != 0 ? 1.0f : -1.0f),
                               0.5f * extent.y * ((corner & 2) != 0 ? 1.0f : -1.0f),
                               0.5f * extent.z * ((corner & 4) != 0 ? 1.0f : -1.0f));
        const float x = std::abs(glm::dot(offset, right)), y = std::abs(glm::dot(offset, up));
        const float z = glm::dot(offset, forward);
        d = std::max({d, fill * x / tan_h - z, fill * y / tan_v - z});
    }
    c.distance = std::max(d, 5.0f);
    return c;
}

} // namespace sh::scene
