#pragma once
// Anatomical labels anchored to the structures of the leg: each anchor is a 3D point taken from
// the same data the renderer draws (the landmarks of anatomy/ that the default leg is lofted
// from, and the vein centrelines and valve positions of the venous network), projected through
// the scene camera of the current frame every frame. Drawn with ImGui on the background draw
// list (text, a dot on the structure and a leader line), with a short plain explanation on
// hover, or on tap (a click pins it; touch screens send taps as clicks).

#include "gpu_layouts.h"
#include "vein_data.hpp"

#include <cstddef>
#include <glm/mat4x4.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sh::app {

struct LabelAnchor {
    std::string name;        // shown beside the structure (English; drawn translated, tr())
    std::string explanation; // one or two plain sentences, shown on hover or tap (likewise)
    glm::vec3 position{0};   // leg frame, cm, in the rest pose
    // From the anatomy meshes' landmarks (made for a 175 cm body, scaled like the meshes), not
    // from the venous network (already scaled to the body).
    bool on_mesh = false;
};

// Where an anchor is on screen in the frame's pose: posed as soft tissue with the same skeleton
// and pose the shaders use (gpu::PoseState; engine/pose_state), so the label stays on its
// structure when the leg walks, sits or lies. Without a pose: the rest position.
glm::vec3 posed_anchor(const LabelAnchor& anchor, const gpu::PoseState* pose);

// The compression stocking's label, "Class 2 · 23 mmHg", anchored on the calf over the stocking;
// nothing when the pose carries no stocking (PoseState::stocking).
std::optional<LabelAnchor> stocking_label(const gpu::PoseState& pose);

// The default set: soleus, both gastrocnemius heads, tibia, fibula, Achilles tendon, great and
// small saphenous veins, popliteal vein, posterior tibial veins, a perforator and a valve.
// Anchors whose source is missing (a network without that vein) are left out.
std::vector<LabelAnchor> default_label_anchors(const VeinGeometry& veins);

// Where the leg-frame point `p` lands on a frame of `size` pixels (origin top left, y down) for
// the renderer's view-projection (Vulkan clip space: y down, depth 0..1). Nothing when it lies
// behind the camera, outside the near/far range or off screen.
std::optional<glm::vec2> project_to_screen(const glm::mat4& view_proj, const glm::vec3& p,
                                           glm::vec2 size);

struct PlacedLabel {
    std::size_t anchor = 0; // index into the anchors
    glm::vec2 anchor_px{0}; // the structure on screen
    glm::vec2 box_min{0};   // the text box
    glm::vec2 box_max{0};
};

// Puts each visible anchor's text box beside it, on the outer side (left of the leg for anchors
// left of the anchors' median x, right otherwise) at a fixed leader length, and nudges boxes on
// the same side downwards so that none overlaps the one above. Boxes stay on screen
// horizontally, and right of `left_limit` (the panel's right edge): a left box that would
// cross it goes to the right side instead. `text_size[i]` is the size of anchor i's text.
std::vector<PlacedLabel> layout_labels(const std::vector<std::optional<glm::vec2>>& anchors_px,
                                       const std::vector<glm::vec2>& text_size, glm::vec2 size,
                                       float left_limit = 0.0f);

class AnatomyLabels {
public:
    explicit AnatomyLabels(std::vector<LabelAnchor> anchors) : anchors_(std::move(anchors)) {}

    // Inside an ImGui frame. Draws every visible label (the anatomy's when `anatomy`, and the
    // stocking's whenever `pose` has one), each posed with `pose`; returns the anchor whose
    // explanation is shown (hovered, or pinned by a click), if any: an index into anchors(), or
    // anchors().size() for the stocking. Labels under an ImGui window (the panel) do not react
    // to the mouse. `text_px`: the labels' text height (0: the current font's), larger on the
    // lecture, kiosk and patient screens, which show only the stocking's.
    std::optional<std::size_t> draw(const glm::mat4& view_proj, glm::vec2 display_size,
                                    float left_limit = 0.0f, const gpu::PoseState* pose = nullptr,
                                    bool anatomy = true, float text_px = 0.0f);

    const std::vector<LabelAnchor>& anchors() const { return anchors_; }
    const std::vector<PlacedLabel>& placed() const { return placed_; } // of the last draw

private:
    std::vector<LabelAnchor> anchors_;
    std::vector<LabelAnchor> frame_anchors_; // this frame's: the anatomy's, then the stocking's
    std::vector<PlacedLabel> placed_;
    std::optional<std::size_t> pinned_;
};

} // namespace sh::app
