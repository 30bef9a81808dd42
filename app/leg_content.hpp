#pragma once
// The real frame content of secondheart: the leg (engine/scene) with the blood as GPU particles
// (engine/particles) splatted over it, both reading the frame's gpu::VeinState from the one
// VeinStateBuffer this content owns and uploads (docs/architecture.md, "The frame").

#include "frame_content.hpp"
#include "particles/flow_particles.hpp"
#include "post/edge_aa_pass.hpp"
#include "scene/camera_rig.hpp"
#include "scene/scene_renderer.hpp"
#include "scene_cache.hpp"
#include "vein_state.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sh::app {

struct LegContentOptions {
    std::uint32_t particles = 0;     // 0: scale to the device
    std::vector<std::string> meshes; // --mesh ROLE=PATH[:UNITS] overrides
    scene::CameraPreset view = scene::CameraPreset::Front;
    scene::RenderMode mode = scene::RenderMode::Normal;
    scene::Palette palette = scene::Palette::Dark;
    // FXAA-style anti-aliasing of the leg and the blood (engine/post/edge_aa_pass), in place
    // over the leg's screen rectangle, before the UI. Nothing: on (default_antialias()).
    std::optional<bool> antialias;
    // The scene is drawn at this fraction of the frame size, anti-aliased and upscaled (a
    // bilinear blit) before the particle splat (at full size) and the UI, which stay sharp.
    // Nothing: by device and frame size, see default_render_scale().
    std::optional<float> render_scale;
    // Level of detail of the generated leg (anatomy::build_default_leg). Nothing: by device,
    // see default_leg_detail().
    std::optional<double> leg_detail;
    // Blood as a point list instead of the compute splat: the comparison path of the
    // benchmark table (on lavapipe points cost far more).
    bool draw_points = false;
    // The particle step on the program's thread (the C++ twin of the compute shader, copied
    // into the particle buffer) instead of the compute shader. Nothing: by device, see
    // default_host_particle_step().
    std::optional<bool> host_particle_step;
    // The leg's vertices posed on the host (LegPoser::pose_on_host) instead of by the pose
    // passes. Nothing: by device, see default_host_pose().
    std::optional<bool> host_pose;
    // The still-scene cache (app/scene_cache) where the scene is drawn into an internal target
    // (CPU devices): false draws the scene every frame (--scene-cache off; A/B runs).
    bool scene_cache = true;
    // How the blood is coloured: gpu::FLOW_COLOR_SPEED, _PRESSURE or _DIRECTION (the panel).
    std::uint32_t blood_colour = gpu::FLOW_COLOR_SPEED;
    // The steerable camera (mouse, touch; app/camera_control): when set, camera() is its view
    // of the current preset. Owned by the caller.
    const scene::CameraRig* camera_rig = nullptr;
    // gpu::FLOW_PALETTE_CVD: blood colours for deuteranopia and protanopia (--palette cvd).
    std::uint32_t blood_palette = gpu::FLOW_PALETTE_ORDINARY;
    // The floor, seat or bed under the leg as posed this frame (app/stage_layout).
    scene::StageLayout stage;
};

// Anti-aliasing when none is asked for: on, on every device. The in-place pass over the leg's
// rectangle measured 2.3-4.1 ms on lavapipe at 1280x720 (2 cores, load average ~5; about a
// quarter of the opaque pass); the earlier sampled full-frame post pass cost 14-36 ms there
// and was off on CPU devices.
bool default_antialias(const Device& device);

// Level of detail when none is asked for: 1 on GPUs; 0.5 on CPU devices, where vertex
// processing is single-threaded and dominated the frame (lavapipe, 1280x720, 100k particles:
// the opaque pass took about half as long at 0.5; a quarter of the triangles). At the
// default camera distances the two are hard to tell apart.
double default_leg_detail(const Device& device);

// Render scale when none is asked for: 1 on GPUs; on CPU devices 0.5 for frames of at least
// 960x540, where every pixel-bound pass (opaque leg, veins, valves, skin, anti-aliasing) costs
// about a quarter (lavapipe, 1280x720, 100k particles; docs/architecture.md, "The frame"). The
// blood and the UI stay at full size. Smaller frames stay at 1: too few pixels to halve.
float default_render_scale(const Device& device, VkExtent2D frame);

// Where the blood's step runs when nothing is asked for: on the host on CPU devices, where the
// C++ step takes about a third of the CPU time of the compute shader and overlaps the device's
// drawing of the previous frame (docs/architecture.md, "The frame"); in the shader on GPUs.
bool default_host_particle_step(const Device& device);
// On CPU devices (lavapipe): the pose passes cost its compute threads about ten times what
// their C++ twins cost the host (LegPoser::pose_on_host).
bool default_host_pose(const Device& device);

class LegContent final : public FrameContent {
public:
    // Generates the default leg's glTF files into a cache folder (the project's own generator,
    // a fraction of a second), loads them through assimp with the overrides, and creates the
    // scene renderer and the particles. Mesh problems are reported on stderr and fall back.
    static Result<std::unique_ptr<LegContent>> create(const Device& device,
                                                      const ImmediateSubmitter& submitter,
                                                      const VeinGeometry& geometry,
                                                      const LegContentOptions& options);

    void record_compute(VkCommandBuffer cmd, const FrameInfo& info) override;
    void record(VkCommandBuffer cmd, OffscreenTarget& target, const FrameInfo& info) override;
    void on_target_resized(OffscreenTarget& target) override;

    std::uint32_t particle_count() const { return particles_.count(); }
    // The scale of the last attached frame (before the first: 1 unless one was asked for).
    float render_scale() const { return render_scale_; }
    // The scale a frame of `extent` is drawn at.
    float render_scale_for(VkExtent2D extent) const;
    double leg_detail() const { return options_.leg_detail.value_or(1.0); }
    bool antialias() const { return options_.antialias.value_or(true); }
    bool host_particle_step() const { return particles_.host_step(); }
    bool host_pose() const { return scene_.host_pose(); }
    // The still-scene cache's counts (both 0 where it is not used).
    const SceneCache& scene_cache() const { return scene_cache_; }
    LegContentOptions& options() { return options_; }
    // The scene camera record() uses for a frame of `extent` (its aspect and the current view):
    // overlays such as the anatomical labels project through camera(e).view_proj(aspect).
    scene::Camera camera(VkExtent2D extent) const;
    glm::mat4 view_proj(VkExtent2D extent) const {
        return camera(extent).view_proj(aspect(extent));
    }
    static float aspect(VkExtent2D extent);

private:
    LegContent(const Device& device, VeinStateBuffer vein_state, scene::SceneRenderer scene,
               FlowParticles particles, EdgeAaPass edge_aa, LegContentOptions options)
        : device_(&device), vein_state_(std::move(vein_state)), scene_(std::move(scene)),
          particles_(std::move(particles)), edge_aa_(std::move(edge_aa)),
          options_(std::move(options)), render_scale_(options_.render_scale.value_or(1.0f)) {}
    // True when the scene is drawn into internal_ and upscaled into the frame's target;
    // options().antialias may switch the anti-aliasing off and on at any time.
    bool uses_internal() const { return render_scale_ < 1.0f; }
    // The part of a `extent` draw target the leg covers (its bounds seen through the camera),
    // where the anti-aliasing runs.
    VkRect2D leg_rect(const glm::mat4& view_proj, VkExtent2D extent) const;

    const Device* device_;
    VeinStateBuffer vein_state_; // read by scene_ and particles_ (declared first: outlives them)
    scene::SceneRenderer scene_;
    FlowParticles particles_;
    EdgeAaPass edge_aa_;
    LegContentOptions options_;
    float render_scale_ = 1.0f;
    OffscreenTarget internal_;           // scene + splat target when uses_internal(), else unused
    SceneCache scene_cache_;             // attached when uses_internal() and options_.scene_cache
    scene::PictureInputs frame_picture_; // this frame's, compared with the cache's
    scene::PictureInputs previous_picture_; // the last frame's: is the scene holding still?
    const OffscreenTarget* attached_ = nullptr;
    VkExtent2D attached_extent_{};
};

// Where the default leg is generated: $XDG_CACHE_HOME/secondheart/default-leg (or ~/.cache/...,
// or the system temporary folder); other levels of detail in default-leg-detail-N (N percent).
std::filesystem::path default_leg_cache_dir(double detail = 1.0);

} // namespace sh::app
