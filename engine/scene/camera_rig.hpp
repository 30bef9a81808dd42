// The camera people steer: a preset's framing (camera_preset) with the user's orbit, zoom and
// pan on top, smooth transitions when the preset (or the pose it frames) changes, a quick glide
// back to the preset on request (double-click, double-tap) and a slow drift back after an idle
// time (kiosk). Input devices are mapped onto it by app/camera_control.
#pragma once

#include "scene/camera.hpp"

#include <glm/vec2.hpp>
#include <optional>
#include <span>
#include <vector>

namespace sh::scene {

class CameraRig {
public:
    // The camera for a frame: the preset framed on the box, with the user's offsets and the
    // transition applied. Call as often as needed; time moves only in update().
    Camera view(CameraPreset preset, const glm::vec3& centre, const glm::vec3& extent,
                float aspect) const;
    // The same framed on the posed leg's points (PoseFraming::points()).
    Camera view(CameraPreset preset, std::span<const glm::vec3> points, float aspect) const;

    // Drag across the view: a full width turns the leg half round; a full height tilts 90 deg.
    void orbit(float dx_fraction, float dy_fraction);
    // factor < 1 moves closer (a wheel step or a pinch), clamped to 0.25x..4x of the preset.
    void zoom(float factor);
    // Moves the leg with the pointer: fractions of the view height.
    void pan(float dx_fraction, float dy_fraction);
    // Glide back to the preset (double-click, double-tap).
    void reset();
    // Glide to the preset turned by `yaw_deg` (the camera's yaw: positive moves the eye towards
    // +x, the lateral side seen from the front), tilted by `pitch_deg` (positive from above) and
    // magnified by `zoom` (2: twice as close), as a lesson step or a scenario asks: this becomes
    // the view the user's orbit, zoom and pan start from, and where double-click, double-tap and
    // the kiosk's drift return. set_view(0, 0, 1) is the plain preset again.
    void set_view(float yaw_deg, float pitch_deg, float zoom);
    // Advances transitions; after `idle_return_s` without input (0: never) the view drifts back.
    void update(float dt_s, float idle_return_s = 0.0f);
    // The parts of the frame panels, titles and captions cover (camera_preset).
    void set_insets(FrameInsets insets) { insets_ = insets; }
    // What the UI drew over the frame (heart cards, buttons): the leg is kept from under the
    // ones docked to an edge (camera_preset). Used by view() on points.
    void set_covered(std::vector<ScreenRect> covered) { covered_ = std::move(covered); }

    // How far the user's view is from the preset: degrees of turn, zoom factor, pan (fractions
    // of the distance). All zero / one at the preset.
    float degrees_from_preset() const;
    float zoom_from_preset() const;
    float pan_from_preset() const;

private:
    Camera compose(const Camera& preset) const;
    Camera show(const Camera& framed) const; // the transition and the user's offsets

    float base_yaw_ = 0.0f, base_pitch_ = 0.0f, base_log_zoom_ = 0.0f; // set_view
    float yaw_ = 0.0f, pitch_ = 0.0f, log_zoom_ = 0.0f; // user offsets, on top of the base
    glm::vec2 pan_{0.0f};                               // fractions of the distance
    FrameInsets insets_;
    std::vector<ScreenRect> covered_;
    float idle_s_ = 0.0f;
    bool returning_ = false;
    // Transition from the camera shown when the preset's direction last changed.
    mutable std::optional<Camera> last_preset_;
    mutable std::optional<Camera> from_;
    mutable float blend_ = 1.0f;
    mutable Camera last_shown_;
};

} // namespace sh::scene
