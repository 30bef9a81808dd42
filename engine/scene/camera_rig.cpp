#include "scene/camera_rig.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::scene {
namespace {
constexpr float k_pi = 3.14159265f;
constexpr float k_max_pitch = 1.48f;       // about 85 deg, as Camera::orbit
constexpr float k_transition_s = 0.6f;     // preset to preset
constexpr float k_reset_tau_s = 0.1f;      // double-click: back within about half a second
constexpr float k_idle_drift_tau_s = 1.2f; // kiosk: a slow drift back

float ease(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

Camera blend(const Camera& a, const Camera& b, float t) {
    Camera c = b;
    const float dyaw = std::remainder(b.yaw - a.yaw, 2.0f * k_pi); // the shorter way round
    c.yaw = a.yaw + t * dyaw;
    c.pitch = a.pitch + t * (b.pitch - a.pitch);
    c.distance = std::exp(std::log(a.distance) + t * (std::log(b.distance) - std::log(a.distance)));
    c.target = a.target + t * (b.target - a.target);
    c.shift_x = a.shift_x + t * (b.shift_x - a.shift_x);
    c.shift_y = a.shift_y + t * (b.shift_y - a.shift_y);
    return c;
}
} // namespace

Camera CameraRig::compose(const Camera& preset) const {
    Camera c = preset;
    // The preset comes turned by set_view's yaw and pitch already (camera_preset).
    c.yaw = std::remainder(preset.yaw + yaw_, 2.0f * k_pi);
    c.pitch = std::clamp(preset.pitch + pitch_, -k_max_pitch, k_max_pitch);
    c.distance = preset.distance * std::exp(base_log_zoom_ + log_zoom_);
    const glm::vec3 forward = c.forward();
    const glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0, 0, 1)));
    const glm::vec3 up = glm::cross(right, forward);
    c.target = preset.target + (right * pan_.x + up * pan_.y) * c.distance;
    return c;
}

Camera CameraRig::view(CameraPreset preset, const glm::vec3& centre, const glm::vec3& extent,
                       float aspect) const {
    const std::array<glm::vec3, 8> corners = box_corners(centre, extent);
    return view(preset, corners, aspect);
}

Camera CameraRig::view(CameraPreset preset, std::span<const glm::vec3> points, float aspect) const {
    // The requested view (set_view's turn) is framed from its own direction.
    return show(camera_preset(preset, points, aspect, insets_, covered_, base_yaw_, base_pitch_));
}

Camera CameraRig::show(const Camera& framed) const {
    // A new direction (another preset): glide there from what was on screen.
    if (last_preset_ &&
        (std::abs(std::remainder(framed.yaw - last_preset_->yaw, 2.0f * k_pi)) > 1e-3f ||
         std::abs(framed.pitch - last_preset_->pitch) > 1e-3f)) {
        from_ = last_shown_;
        blend_ = 0.0f;
    }
    last_preset_ = framed;
    Camera shown = compose(framed);
    if (from_ && blend_ < 1.0f) shown = blend(*from_, shown, ease(blend_));
    last_shown_ = shown;
    return shown;
}

void CameraRig::orbit(float dx_fraction, float dy_fraction) {
    returning_ = false;
    idle_s_ = 0.0f;
    yaw_ = std::remainder(yaw_ - dx_fraction * k_pi, 2.0f * k_pi);
    pitch_ =
        std::clamp(pitch_ + dy_fraction * 0.5f * k_pi, -2.0f * k_max_pitch, 2.0f * k_max_pitch);
}

void CameraRig::zoom(float factor) {
    returning_ = false;
    idle_s_ = 0.0f;
    if (!(factor > 0.0f) || !std::isfinite(factor)) return;
    log_zoom_ = std::clamp(log_zoom_ + std::log(factor), std::log(0.25f), std::log(4.0f));
}

void CameraRig::pan(float dx_fraction, float dy_fraction) {
    returning_ = false;
    idle_s_ = 0.0f;
    // A drag across the view height moves the leg by about the height the view shows there.
    const float k = 2.0f * std::tan(0.5f * Camera{}.fov_y);
    pan_.x = std::clamp(pan_.x - dx_fraction * k, -1.0f, 1.0f);
    pan_.y = std::clamp(pan_.y + dy_fraction * k, -1.0f, 1.0f);
}

void CameraRig::reset() {
    returning_ = true;
    idle_s_ = 0.0f;
}

void CameraRig::set_view(float yaw_deg, float pitch_deg, float zoom) {
    // Glide from what is on screen (view() starts the transition from the last shown camera).
    if (last_preset_) {
        from_ = last_shown_;
        blend_ = 0.0f;
    }
    returning_ = false;
    idle_s_ = 0.0f;
    constexpr float deg = k_pi / 180.0f;
    const auto finite = [](float v, float fallback) { return std::isfinite(v) ? v : fallback; };
    base_yaw_ = std::remainder(finite(yaw_deg, 0.0f) * deg, 2.0f * k_pi);
    base_pitch_ = std::clamp(finite(pitch_deg, 0.0f) * deg, -k_max_pitch, k_max_pitch);
    const float z = finite(zoom, 1.0f) > 0.0f ? finite(zoom, 1.0f) : 1.0f;
    base_log_zoom_ = std::clamp(-std::log(z), std::log(0.25f), std::log(4.0f));
    yaw_ = pitch_ = log_zoom_ = 0.0f;
    pan_ = glm::vec2(0.0f);
}

void CameraRig::update(float dt_s, float idle_return_s) {
    dt_s = std::max(dt_s, 0.0f);
    blend_ = std::min(1.0f, blend_ + dt_s / k_transition_s);
    idle_s_ += dt_s;
    float tau = 0.0f;
    if (returning_)
        tau = k_reset_tau_s;
    else if (idle_return_s > 0.0f && idle_s_ > idle_return_s)
        tau = k_idle_drift_tau_s;
    if (tau <= 0.0f) return;
    const float keep = std::exp(-dt_s / tau);
    yaw_ *= keep;
    pitch_ *= keep;
    log_zoom_ *= keep;
    pan_ *= keep;
    if (degrees_from_preset() < 0.05f && std::abs(log_zoom_) < 1e-3f && glm::length(pan_) < 1e-3f) {
        yaw_ = pitch_ = log_zoom_ = 0.0f;
        pan_ = glm::vec2(0.0f);
        returning_ = false;
    }
}

float CameraRig::degrees_from_preset() const {
    return std::hypot(yaw_, pitch_) * 180.0f / k_pi;
}

float CameraRig::zoom_from_preset() const {
    return std::exp(log_zoom_);
}

float CameraRig::pan_from_preset() const {
    return glm::length(pan_);
}

} // namespace sh::scene
