// The leg scene: what the app calls each frame to draw bones, muscles (deformed on the GPU),
// veins with valves and the skin into the OffscreenTarget. After record() the target's colour
// image holds the scene and its depth image the opaque depth (bones, opaque muscles, valve
// cusps), ready for the particle splat and the UI.
//
//   auto scene = scene::create_scene_renderer(device, submitter, vein_geometry,
//                                             vein_state_buffer.get(), leg).take();
//   per frame:  (the owner uploads the frame's VeinState: VeinStateBuffer::record_upload)
//               scene.update(vein_state);                   // CPU only: muscle activation
//               scene.record(cmd, target, camera, options); // outside any rendering
// Vein radii and valve states are read by the shaders from the VeinState buffer.
#pragma once

#include "anatomy/mesh.hpp"
#include "anatomy/mesh_loader.hpp"
#include "device.hpp"
#include "gpu_layouts.h"
#include "immediate_submit.hpp"
#include "memory.hpp"
#include "offscreen_target.hpp"
#include "pass_timer.hpp"
#include "result.hpp"
#include "scene/camera.hpp"
#include "scene/leg_poser.hpp"
#include "scene/mesh_renderer.hpp"
#include "scene/muscle_deformer.hpp"
#include "scene/pose_framing.hpp"
#include "scene/stage_renderer.hpp"
#include "scene/vein_renderer.hpp"
#include "vein_data.hpp"
#include "vk_handle.hpp"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh::scene {

enum class Palette {
    Dark,  // dark blue-grey background: projectors and dim lecture halls (default)
    Light, // light grey background: bright rooms, printed handouts
};

struct SceneOptions {
    RenderMode mode = RenderMode::Normal;
    Palette palette = Palette::Dark;
    bool show_skin = true;
    bool show_veins = true;
    bool show_valves = true;
    float vein_scale = 1.0f;    // radius exaggeration for teaching (1 = anatomical)
    float vein_opacity = 0.55f; // tube opacity at normal incidence (the rim is more opaque)
    StageLayout stage;          // floor, seat or bed and the contact shadow (hidden by default)
};

// The clear colour of a palette, as stored in the UNORM target (already gamma-encoded).
std::array<float, 4> background_color(Palette palette);

// What the picture SceneRenderer::record draws depends on, as numbers that LegContent's
// still-scene cache (app/scene_cache) compares from frame to frame: `exact` must be the same to
// the bit (camera, options, stage, the pose's angles and joints, each muscle's deformation,
// valve failures); `near` within its own `near_tolerance` of the drawn picture's: the values
// that creep a little every frame even while the leg holds still (each vein's drawn radius
// scale, each valve's opening, the skin's swelling), by less than a tenth of a pixel.
struct PictureInputs {
    std::vector<float> exact;
    std::vector<float> near;
    std::vector<float> near_tolerance; // per entry of `near`
};
// A vein's drawn radius scale: 1 % of its reference radius, 0.06 mm of the widest (6 mm).
inline constexpr float k_radius_scale_tolerance = 0.01f;
// A valve's opening (0 closed .. 1 open): 3 % of the cusps' travel, under 0.2 mm.
inline constexpr float k_valve_opening_tolerance = 0.03f;
// The skin's drawn swelling (cm, exaggeration applied): 0.1 mm.
inline constexpr float k_swelling_tolerance_cm = 0.01f;
// At the default framing of 1280x720 a pixel is about 1.4 mm of leg.
bool same_picture(const PictureInputs& drawn, const PictureInputs& now);

class SceneRenderer {
public:
    SceneRenderer() = default;

    // Takes the frame's muscle activations (the contraction's lambda and bulge, pushed by
    // record()), its time and its pose (the posed bounds; whether a stocking is drawn). The vein
    // radii, valve states and the pose itself need nothing here: the shaders read them from
    // the VeinState buffer bound at creation.
    void update(const gpu::VeinState& state);
    // CPU devices: the leg posed on the host (LegPoser::pose_on_host) from now on, reading the
    // state update() last saw (`initial` until then: what the VeinState buffer starts with).
    std::optional<Error> enable_host_pose(const Device& device, const gpu::VeinState& initial);
    bool host_pose() const noexcept { return poser_.host_pose(); }

    // Records: muscle deformation (compute) and the frame's data upload, the pose passes
    // (LegPoser: every leg vertex posed once), their barriers, then
    // target.begin_rendering (cleared to the palette's background), every draw, and
    // target.end_rendering. Must be called outside rendering; the target must stay alive
    // until the command buffer completes. `passes` marks the end of each pass (GPU timestamps:
    // "scene setup", "skinning", "opaque", "floor", "valves", "skin back", "veins",
    // "translucent", "skin front").
    void record(VkCommandBuffer cmd, OffscreenTarget& target, const Camera& camera,
                const SceneOptions& options, const PassMarker& passes = {});

    // This frame's PictureInputs (after update(state); `out`'s storage is reused): what
    // record() with these arguments would draw.
    void picture_inputs(const Camera& camera, const SceneOptions& options, float aspect,
                        const gpu::VeinState& state, PictureInputs& out) const;
    // Bounds of the whole leg (all meshes) in the rest pose.
    const anatomy::Bounds& bounds() const noexcept { return bounds_; }
    // The leg as drawn: in the last pose update() saw, and over the activity's last cycle (what
    // camera presets frame).
    const anatomy::Bounds& posed_bounds() const noexcept { return framing_.current(); }
    const anatomy::Bounds& framing_bounds() const noexcept { return framing_.framing(); }
    // The sampled points of those poses: what the presets fit (camera_preset).
    const std::vector<glm::vec3>& framing_points() const noexcept { return framing_.points(); }
    Camera camera(CameraPreset preset, float aspect) const {
        return camera_preset(preset, framing_.points(), aspect);
    }

    const MeshRenderer& meshes() const noexcept { return meshes_; }
    const MuscleDeformer& muscles() const noexcept { return muscles_; }
    const VeinRenderer& veins() const noexcept { return veins_; }
    const LegPoser& poser() const noexcept { return poser_; }
    // Whether the last record() deformed the muscles and posed the meshes (false: nothing they
    // depend on had changed, last frame's posed meshes were drawn again).
    bool posed_meshes() const noexcept { return posed_meshes_; }
    const StageRenderer& stage() const noexcept { return stage_; }
    float time_s() const noexcept { return time_s_; }

private:
    friend Result<SceneRenderer> create_scene_renderer(const Device&, const ImmediateSubmitter&,
                                                       const VeinGeometry&, VkBuffer,
                                                       const anatomy::LoadedLeg&);
    void write_globals(const Camera& camera, const SceneOptions& options, float aspect);

    UniqueDescriptorSetLayout set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    UniquePipelineLayout layout_;
    MeshRenderer meshes_;
    MuscleDeformer muscles_;
    VeinRenderer veins_;
    LegPoser poser_;
    std::unique_ptr<gpu::VeinState> host_state_; // the host pose's copy of the frame's state
    StageRenderer stage_;
    Buffer globals_buffer_;
    gpu::SceneGlobals globals_{};
    anatomy::Bounds bounds_;
    PoseFraming framing_;
    float time_s_ = 0.0f;
    float mesh_scale_ = 1.0f; // PoseState::offset.w
    bool stocking_ = false;   // PoseState::stocking.x > 0
    // What the meshes were last deformed and posed with (mesh_pose_inputs); empty: never.
    std::vector<float> mesh_pose_inputs_;
    std::vector<float> frame_pose_inputs_; // this frame's, compared with the above
    gpu::PoseState pose_{};                // the pose update() saw
    bool posed_meshes_ = false;
};

// Everything the muscle deformation and the mesh pose pass read that changes from frame to
// frame: the pose, the swelling rounded to 0.005 cm (it creeps up by far less than that per
// frame while standing; 0.05 mm is a tenth of a pixel at 1280x720), each muscle's deformation,
// and whether the stocking's range is posed. While these stay the same (a leg held still) the
// meshes are not posed again.
// Written into `out` (its storage is reused: no allocation once it has grown).
void mesh_pose_inputs(const gpu::PoseState& pose, const MuscleDeformer& muscles, bool stocking,
                      std::vector<float>& out);

// The leg as anatomy::load_leg returns it (meshes and their deform specs, aligned).
// `vein_state`: the VeinStateBuffer the vein and valve shaders read (it must outlive the scene).
Result<SceneRenderer> create_scene_renderer(const Device& device,
                                            const ImmediateSubmitter& submitter,
                                            const VeinGeometry& veins, VkBuffer vein_state,
                                            const anatomy::LoadedLeg& leg);
// Loads the leg from a manifest first (its fallbacks apply: every role gets a mesh).
Result<SceneRenderer> create_scene_renderer(const Device& device,
                                            const ImmediateSubmitter& submitter,
                                            const VeinGeometry& veins, VkBuffer vein_state,
                                            const std::filesystem::path& manifest);

} // namespace sh::scene
