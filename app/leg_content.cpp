#include "leg_content.hpp"

#include "anatomy/leg_cache.hpp"
#include "anatomy/mesh_loader.hpp"
#include "frame_loop.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace sh::app {

std::filesystem::path default_leg_cache_dir(double detail) {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".cache";
    else
        base = std::filesystem::temp_directory_path();
    const long percent = std::lround(std::clamp(detail, 0.0, 1.0) * 100.0);
    if (percent >= 100) return base / "secondheart" / "default-leg";
    return base / "secondheart" / ("default-leg-detail-" + std::to_string(percent));
}

Result<std::unique_ptr<LegContent>> LegContent::create(const Device& device,
                                                       const ImmediateSubmitter& submitter,
                                                       const VeinGeometry& geometry,
                                                       const LegContentOptions& options) {
    // Regenerated on every start (about 0.3 s): the files always match this build's generator,
    // and nothing is read relative to the working directory. Published atomically: parallel
    // runs share the folder (anatomy/leg_cache).
    const double detail =
        std::clamp(options.leg_detail.value_or(default_leg_detail(device)), 0.1, 1.0);
    std::filesystem::path dir = default_leg_cache_dir(detail);
    anatomy::LeggenResult generated = anatomy::publish_default_leg(dir, detail);
    if (!generated.error.empty())
        std::fprintf(stderr,
                     "secondheart: cannot write the default leg to %s (%s); using the "
                     "built-in structures\n",
                     dir.string().c_str(), generated.error.c_str());
    anatomy::LoadedLeg leg = anatomy::load_leg(dir / "manifest.json", options.meshes);
    for (const std::string& m : leg.messages)
        std::fprintf(stderr, "secondheart: mesh: %s\n", m.c_str());

    // The frame's simulator state: one buffer, read by the scene and the particles, holding a
    // state at rest until the first frame uploads the simulator's.
    auto state_tables = build_vein_state_tables(geometry);
    if (!state_tables) return state_tables.error();
    const auto rest = std::make_unique<gpu::VeinState>();
    write_rest_vein_state(state_tables.value(), *rest);
    auto vein_state = create_vein_state_buffer(device, submitter, *rest);
    if (!vein_state) return vein_state.error();

    auto scene =
        scene::create_scene_renderer(device, submitter, geometry, vein_state.value().get(), leg);
    if (!scene) return scene.error();
    if (options.host_pose.value_or(default_host_pose(device)))
        if (auto error = scene.value().enable_host_pose(device, *rest)) return *error;
    FlowParticleOptions po;
    po.count = options.particles != 0 ? options.particles : scale_to_device(device);
    // The leg meshes end at mid-thigh; the network runs on to the groin. Blood above the skin
    // would float in the air, so it is not drawn (it still flows).
    po.clip_z_max = scene.value().bounds().valid ? scene.value().bounds().max.z : 1e9f;
    po.host_step = options.host_particle_step.value_or(default_host_particle_step(device));
    // Nothing on the device reads the host step's particles unless they are drawn as points.
    po.host_step_to_device = options.draw_points;
    auto particles =
        create_flow_particles(device, submitter, geometry, vein_state.value().get(), po);
    if (!particles) return particles.error();
    auto edge_aa = create_edge_aa_pass(device);
    if (!edge_aa) return edge_aa.error();
    LegContentOptions resolved = options;
    if (resolved.render_scale)
        resolved.render_scale = std::clamp(*resolved.render_scale, 0.25f, 1.0f);
    if (!resolved.antialias) resolved.antialias = default_antialias(device);
    resolved.leg_detail = detail;
    return std::unique_ptr<LegContent>(new LegContent(device, vein_state.take(), scene.take(),
                                                      particles.take(), edge_aa.take(), resolved));
}

float default_render_scale(const Device& device, VkExtent2D frame) {
    if (device.properties().deviceType != VK_PHYSICAL_DEVICE_TYPE_CPU) return 1.0f;
    return frame.width >= 960 && frame.height >= 540 ? 0.5f : 1.0f;
}

float LegContent::render_scale_for(VkExtent2D extent) const {
    return options_.render_scale.value_or(default_render_scale(*device_, extent));
}

double default_leg_detail(const Device& device) {
    return device.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU ? 0.5 : 1.0;
}

// The host step writes a staging buffer that the GPU copies from later in the frame: each one may
// be written again only after the frame that read it has finished, which the frame loop's fence
// wait ensures when there are no more frames in flight than staging buffers.
static_assert(k_frames_in_flight <= FlowParticles::k_host_staging_buffers);

bool default_host_particle_step(const Device& device) {
    return device.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
}

static_assert(k_frames_in_flight <= scene::LegPoser::k_host_staging_buffers);

bool default_host_pose(const Device& device) {
    return device.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
}

bool default_antialias(const Device&) {
    return true;
}

VkRect2D LegContent::leg_rect(const glm::mat4& view_proj, VkExtent2D extent) const {
    const anatomy::Bounds& box = scene_.posed_bounds();
    if (!box.valid) return VkRect2D{{0, 0}, extent};
    // 2 pixels of margin: the background pixels just outside the silhouette are smoothed too.
    const PixelRect r = screen_rect(view_proj, box.min, box.max, extent, 2);
    return VkRect2D{{static_cast<std::int32_t>(r.x), static_cast<std::int32_t>(r.y)},
                    {r.width, r.height}};
}

void LegContent::record_compute(VkCommandBuffer cmd, const FrameInfo& info) {
    // The frame's one upload of the simulator's state, before every pass that reads it.
    if (info.state != nullptr) {
        vein_state_.record_upload(cmd, *info.state);
        particles_.set_host_state(*info.state);
    }
    particles_.set_color_mode(options_.blood_colour); // the panel may change it any frame
    particles_.set_palette(options_.blood_palette);
    particles_.record_update(cmd, static_cast<float>(info.dt_s));
}

void LegContent::record(VkCommandBuffer cmd, OffscreenTarget& target, const FrameInfo& info) {
    if (attached_ != &target || attached_extent_.width != target.extent().width ||
        attached_extent_.height != target.extent().height)
        on_target_resized(target);
    // The pose first: the camera frames it.
    if (info.state != nullptr) scene_.update(*info.state);
    const float aspect = LegContent::aspect(target.extent());
    const scene::Camera camera = this->camera(target.extent());
    scene::SceneOptions so;
    so.mode =
        options_.view == scene::CameraPreset::Cutaway ? scene::RenderMode::XRay : options_.mode;
    so.palette = options_.palette;
    if (scene_.posed_bounds().valid) {
        // The blood flows inside the posed skin: its bounds (plus a margin for vein radii
        // exaggerated for teaching) limit the splat's resolve to the leg's part of the screen.
        const glm::vec3 margin(3.0f);
        particles_.set_bounds(scene_.posed_bounds().min - margin,
                              scene_.posed_bounds().max + margin);
    }
    so.stage = options_.stage;
    // With a render scale below 1 the leg goes into the internal target (the frame's size
    // times the scale), is anti-aliased there and upscaled into the frame's target; the splat
    // then draws the blood at the frame's size, tested against the internal depth, so the
    // particles are as small and crisp as at full resolution. Points (the comparison path) are
    // drawn into the internal target. The frame's target ends in COLOR_ATTACHMENT_OPTIMAL for
    // the UI.
    OffscreenTarget& draw_target = uses_internal() ? internal_ : target;
    const glm::mat4 view_proj = camera.view_proj(aspect);
    const bool antialias = options_.antialias.value_or(true);
    // A still scene on a CPU device: last frame's picture again instead of drawing it.
    const bool cacheable =
        scene_cache_.attached() && !options_.draw_points && info.state != nullptr;
    if (cacheable) {
        scene_.picture_inputs(camera, so, aspect, *info.state, frame_picture_);
        frame_picture_.exact.push_back(antialias ? 1.0f : 0.0f);
        if (scene_cache_.holds(frame_picture_)) {
            scene_cache_.record_restore(cmd, target);
            info.passes.mark(cmd, "scene from cache");
            particles_.record_splat(cmd, target, view_proj, info.passes);
            std::swap(previous_picture_, frame_picture_);
            return;
        }
    }
    scene_.record(cmd, draw_target, camera, so, info.passes);
    if (options_.draw_points) {
        particles_.record_barrier_for_draw(cmd);
        draw_target.continue_rendering(cmd);
        particles_.record_draw_points(cmd, view_proj);
        draw_target.end_rendering(cmd);
        info.passes.mark(cmd, "particle points");
    } else if (!uses_internal()) {
        particles_.record_splat(cmd, draw_target, view_proj, info.passes);
    }
    if (antialias && !uses_internal()) {
        edge_aa_.record(cmd, draw_target, leg_rect(view_proj, draw_target.extent()));
        info.passes.mark(cmd, "anti-aliasing");
    }
    if (uses_internal()) {
        // One pass upscales and anti-aliases: a bilinear blit, then the leg's edge pixels
        // rewritten at the frame's resolution (sharp silhouettes, not 2-pixel stair steps).
        if (antialias) {
            edge_aa_.record(cmd, internal_, leg_rect(view_proj, internal_.extent()), &target);
            info.passes.mark(cmd, "upscale and anti-aliasing");
        } else {
            internal_.blit_to(cmd, target);
            info.passes.mark(cmd, "upscale");
        }
        // Kept only while the scene holds still (this frame draws what the last one drew): a
        // leg in motion would pay for a copy every frame and never use it.
        if (cacheable) {
            const bool still = scene::same_picture(previous_picture_, frame_picture_);
            std::swap(previous_picture_, frame_picture_);
            if (still) {
                scene_cache_.record_store(cmd, target, previous_picture_);
                info.passes.mark(cmd, "scene to cache");
            }
        }
        if (!options_.draw_points) particles_.record_splat(cmd, target, view_proj, info.passes);
    }
}

float LegContent::aspect(VkExtent2D e) {
    return static_cast<float>(e.width) / static_cast<float>(std::max(1u, e.height));
}

scene::Camera LegContent::camera(VkExtent2D extent) const {
    // Presets frame the leg as posed over the activity's last cycle (the sitting leg's L, the
    // lying leg, the whole stride).
    if (options_.camera_rig != nullptr)
        return options_.camera_rig->view(options_.view, scene_.framing_points(), aspect(extent));
    return scene_.camera(options_.view, aspect(extent));
}

void LegContent::on_target_resized(OffscreenTarget& target) {
    // The device is idle here (frame loop contract, or the first record).
    const VkExtent2D e = target.extent();
    const float previous_scale = attached_ != nullptr ? render_scale_ : 1.0f;
    render_scale_ = render_scale_for(e);
    if (!options_.render_scale && render_scale_ != previous_scale) {
        if (uses_internal())
            std::fprintf(stderr,
                         "secondheart: %s is a CPU device: the 3D view is drawn at %.0f%% of the "
                         "%ux%u frame and upscaled, the blood and the UI at full size "
                         "(--render-scale 1 draws everything at full size)\n",
                         device_->properties().deviceName,
                         static_cast<double>(render_scale_) * 100.0, e.width, e.height);
        else
            std::fprintf(stderr, "secondheart: the 3D view is drawn at full size (%ux%u frame)\n",
                         e.width, e.height);
    }
    OffscreenTarget* draw_target = &target;
    if (uses_internal()) {
        const auto scaled = [&](std::uint32_t side) {
            return std::max(1u, static_cast<std::uint32_t>(
                                    std::lround(static_cast<float>(side) * render_scale_)));
        };
        auto internal = create_offscreen_target(*device_, {scaled(e.width), scaled(e.height)});
        if (!internal) throw std::runtime_error("internal target: " + internal.error().describe());
        internal_ = internal.take();
        // Linear blits of R8G8B8A8_UNORM are required of every Vulkan device; checked anyway.
        if (!internal_.has_linear_blit() || !target.has_linear_blit())
            throw std::runtime_error("render scale: the colour format cannot be blitted with "
                                     "linear filtering on this device; use --render-scale 1");
        draw_target = &internal_;
    }
    scene_cache_ = SceneCache{};
    if (uses_internal() && options_.scene_cache) scene_cache_.attach(*device_, e);
    auto aa = edge_aa_.attach(*device_, *draw_target, uses_internal() ? &target : nullptr);
    if (!aa) throw std::runtime_error("anti-aliasing: " + aa.error().describe());
    // The splat draws into the frame's target, testing against the scene's depth.
    auto ok = particles_.attach_target(*device_, target, uses_internal() ? &internal_ : nullptr);
    if (!ok) throw std::runtime_error("particles: " + ok.error().describe());
    attached_ = &target;
    attached_extent_ = e;
}

} // namespace sh::app
