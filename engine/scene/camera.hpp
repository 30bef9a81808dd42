// Orbit camera around the leg. The leg frame is z-up, centimetres (x lateral, y anterior for
// the right leg), so the camera orbits about +z: yaw 0 looks at the leg from the front (eye on
// +y), yaw +90 deg from the lateral side (+x), pitch > 0 from above.
// Projection follows Vulkan: depth 0..1 (GLM_FORCE_DEPTH_ZERO_TO_ONE, set on sh_engine) and
// clip-space y pointing down, so meshes wound counter-clockwise seen from outside stay
// front-facing with VK_FRONT_FACE_COUNTER_CLOCKWISE.
#pragma once

#include "sim/vocabulary.hpp"

#include <array>
#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>
#include <span>

namespace sh::scene {

// The presets are words of the vocabulary (ids, aliases and labels: sim/vocabulary.hpp), so the
// panel, lessons, scenarios and --view share one enum and one name table.
using CameraPreset = sim::CameraPreset;

struct Camera {
    glm::vec3 target{0.0f, 0.0f, 40.0f}; // orbit centre, cm
    float yaw = 0.0f;                    // radians about +z; 0 = eye in front (+y)
    float pitch = 0.0f;                  // radians, clamped to +-85 deg
    float distance = 120.0f;             // eye to target, cm
    float fov_y = 0.61f;                 // vertical field of view, radians (35 deg)
    // Horizontal shift of the picture's centre in normalised device units (+1 = half the
    // width to the right): the leg is centred in the part of the frame a panel leaves free.
    float shift_x = 0.0f;
    float shift_y = 0.0f; // likewise down (Vulkan's NDC y points down)

    glm::vec3 eye() const;
    glm::vec3 forward() const; // unit, eye towards target
    glm::mat4 view() const;
    // Near and far planes follow the distance so depth precision stays where the leg is.
    glm::mat4 projection(float aspect) const;
    glm::mat4 view_proj(float aspect) const;

    void orbit(float delta_yaw, float delta_pitch);
    void zoom(float factor); // distance *= factor, clamped to [5, 2000] cm
};

// The parts of the frame a panel (left), buttons or a heart card (right) and a title and a
// caption (top, bottom) cover, as fractions of the frame's width (left, right: 0 to 0.5 each)
// and height (top, bottom: 0 to 0.3 each): the leg is framed in, and centred on, the rest.
struct FrameInsets {
    float left = 0.0f, top = 0.0f, bottom = 0.0f, right = 0.0f;
};
//   Front   from anterior, slightly above
//   Back    from posterior (the calf muscles and the small saphenous vein)
//   Medial  from the medial side (-x for the right leg: the great saphenous vein)
//   Cutaway posteromedial, a little above and closer: pairs with the x-ray mode to show the
//           deep veins and the soleal sinuses through translucent muscles
//
// A preset framed on the points of the leg as posed (PoseFraming::points(): a sample of the
// meshes' vertices, over the activity's last cycle) for a given aspect ratio (width / height):
// every point, seen in perspective from the preset's direction, fits with a small margin, and
// the picture of the points is centred in the free part of the frame. So the leg fills most
// of the view height when it stands or walks, and a wide pose (the L of the sitting leg, the
// lying leg) fits the width. Fitting the points, not the corners of their box, matters with
// perspective: a stride's box is about 70 cm deep, and its near corners, where no part of the
// leg is, would push the camera back. Empty points: the default camera.
Camera camera_preset(CameraPreset preset, std::span<const glm::vec3> points, float aspect,
                     FrameInsets insets = {});
// The direction of a preset (yaw, pitch) and its margin, before any fitting.
Camera preset_direction(CameraPreset preset, float& fill);
// A rectangle of the frame something is drawn over (a heart card, a column of buttons, a
// caption), as fractions of the frame: x from the left, y from the top, 0 to 1.
struct ScreenRect {
    float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
};
// Whether any of `points` lands strictly inside `r` seen through `c` (what camera_preset asks of
// each covered rectangle); points behind the eye land nowhere. Runs of points whose bounding box
// lands wholly outside `r` are passed over without projecting each point.
bool any_point_under(const Camera& c, float aspect, std::span<const glm::vec3> points,
                     const ScreenRect& r);
// camera_preset with `insets`, and then, for each rectangle of `covered` that touches an edge
// of the frame or of the part the insets leave (within 3 %) and that the leg would run under,
// the inset on one of the edges it touches grows to leave it free: of those edges, the one that
// keeps the leg largest. A rectangle away from the edges (a prompt in the middle) is left alone.
// `turn_yaw`, `turn_pitch` (radians) turn the preset's direction before fitting (a lesson's or a
// scenario's view, CameraRig::set_view): the leg is framed as seen from there.
Camera camera_preset(CameraPreset preset, std::span<const glm::vec3> points, float aspect,
                     FrameInsets insets, std::span<const ScreenRect> covered, float turn_yaw = 0.0f,
                     float turn_pitch = 0.0f,
                     FrameInsets* chosen = nullptr); // the insets grown as said (tests)
// The 8 corners of a box (centre and extent in cm).
std::array<glm::vec3, 8> box_corners(const glm::vec3& centre, const glm::vec3& extent);
// The same framed on every corner of a box (centre and extent in cm).
Camera camera_preset(CameraPreset preset, const glm::vec3& centre, const glm::vec3& extent,
                     float aspect, FrameInsets insets = {});

} // namespace sh::scene
