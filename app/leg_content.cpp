#include "leg_content.hpp"

#include "anatomy/leggen.hpp"
#include "anatomy/mesh_loader.hpp"

#include <cstdio>
#include <cstdlib>

namespace sh::app {

std::filesystem::path default_leg_cache_dir() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".cache";
    else base = std::filesystem::temp_directory_path();
    return base / "secondheart" / "default-leg";
}

Result<std::unique_ptr<LegContent>> LegContent::create(const Device& device,
                                                       const ImmediateSubmitter& submitter,
                                                       const VeinGeometry& geometry,
                                                       const LegContentOptions& options) {
    // Regenerated on every start (about 0.3 s): the files always match this build's generator,
    // and nothing is read relative to the working directory.
    std::filesystem::path dir = default_leg_cache_dir();
    anatomy::LeggenResult generated = anatomy::write_default_leg(dir);
    if (!generated.error.empty())
        std::fprintf(stderr, "secondheart: cannot write the default leg to %s (%s); using the "
                             "built-in structures\n", dir.string().c_str(), generated.error.c_str());
    anatomy::LoadedLeg leg = anatomy::load_leg(dir / "manifest.json", options.meshes);
    for (const std::string& m : leg.messages) std::fprintf(stderr, "secondheart: mesh: %s\n", m.c_str());

    auto scene = scene::create_scene_renderer(device, submitter, geometry, leg);
    if (!scene) return scene.error();
    FlowParticleOptions po;
    po.count = options.particles != 0 ? options.particles : scale_to_device(device);
    // The leg meshes end at mid-thigh; the network runs on to the groin. Blood above the skin
    // would float in the air, so it is not drawn (it still flows).
    po.clip_z_max = scene.value().bounds().valid ? scene.value().bounds().max.z : 1e9f;
    auto particles = create_flow_particles(device, submitter, geometry, po);
    if (!particles) return particles.error();
    return std::unique_ptr<LegContent>(
        new LegContent(device, scene.take(), particles.take(), options));
}

void LegContent::record_compute(VkCommandBuffer cmd, const FrameInfo& info) {
    // The frame loop has waited on this slot's fence, so its flow buffer is free to rewrite.
    particles_.set_flows(info.frame_slot, *info.flow);
    particles_.record_update(cmd, info.frame_slot, static_cast<float>(info.dt_s));
}

void LegContent::record(VkCommandBuffer cmd, OffscreenTarget& target, const FrameInfo& info) {
    if (attached_ != &target) on_target_resized(target);
    const VkExtent2D e = target.extent();
    const float aspect = static_cast<float>(e.width) / static_cast<float>(std::max(1u, e.height));
    scene::Camera camera = scene_.camera(options_.view, aspect);
    scene::SceneOptions so;
    so.mode = options_.view == scene::CameraPreset::Cutaway ? scene::RenderMode::XRay
                                                            : options_.mode;
    so.palette = options_.palette;
    scene_.update(*info.flow, static_cast<float>(info.time_s));
    scene_.record(cmd, target, camera, so);
    particles_.record_splat(cmd, target, camera.view_proj(aspect));
}

void LegContent::on_target_resized(OffscreenTarget& target) {
    auto ok = particles_.attach_target(*device_, target);
    if (!ok) throw std::runtime_error("particles: " + ok.error().describe());
    attached_ = &target;
}

} // namespace sh::app
