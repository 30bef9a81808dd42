// Orbit camera around the leg. The leg frame is z-up, centimetres (x lateral, y anterior for
// the right leg), so the camera orbits about +z: yaw 0 looks at the leg from the front (eye on
// +y), yaw +90 deg from the lateral side (+x), pitch > 0 from above.
// Projection follows Vulkan: depth 0..1 (GLM_FORCE_DEPTH_ZERO_TO_ONE, set on sh_engine) and
// clip-space y pointing down, so meshes wound counter-clockwise seen from outside stay
// front-facing with VK_FRONT_FACE_COUNTER_CLOCKWISE.
#pragma once

#include "sim/vocabulary.hpp"

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

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

// A preset framed on a box (the leg's bounds: centre and extent in cm) for a given aspect
// ratio (width / height): every corner of the box, seen from the preset's direction, fits with
// a small margin, so the leg fills most of the view height (and a wide pose, the L of the
// sitting leg, fits the width). `insets` are the fractions of the frame covered by a panel on
// the left (0 to 0.5) and by a title and a caption at the top and the bottom (0 to 0.3 each): the
// box is framed in, and centred on, the rest.
struct FrameInsets {
    float left = 0.0f, top = 0.0f, bottom = 0.0f;
};
//   Front   from anterior, slightly above
//   Back    from posterior (the calf muscles and the small saphenous vein)
//   Medial  from the medial side (-x for the right leg: the great saphenous vein)
//   Cutaway posteromedial, a little above and closer: pairs with the x-ray mode to show the
//           deep veins and the soleal sinuses through translucent muscles
Camera camera_preset(CameraPreset preset, const glm::vec3& centre, const glm::vec3& extent,
                     float aspect, FrameInsets insets = {});

} // namespace sh::scene
