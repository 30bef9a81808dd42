#pragma once
// The real frame content of secondheart: the leg (engine/scene) with the blood as GPU particles
// (engine/particles) splatted over it, both driven by the simulator's FlowFrame.

#include "particles/flow_particles.hpp"
#include "frame_content.hpp"
#include "scene/scene_renderer.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace sh::app {

struct LegContentOptions {
    std::uint32_t particles = 0;         // 0: scale to the device
    std::vector<std::string> meshes;     // --mesh ROLE=PATH[:UNITS] overrides
    scene::CameraPreset view = scene::CameraPreset::Front;
    scene::RenderMode mode = scene::RenderMode::Normal;
    scene::Palette palette = scene::Palette::Dark;
};

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
    LegContentOptions& options() { return options_; }

private:
    LegContent(const Device& device, scene::SceneRenderer scene, FlowParticles particles,
               LegContentOptions options)
        : device_(&device), scene_(std::move(scene)), particles_(std::move(particles)),
          options_(std::move(options)) {}

    const Device* device_;
    scene::SceneRenderer scene_;
    FlowParticles particles_;
    LegContentOptions options_;
    const OffscreenTarget* attached_ = nullptr;
};

// Where the default leg is generated: $XDG_CACHE_HOME/secondheart/default-leg (or ~/.cache/...,
// or the system temporary folder).
std::filesystem::path default_leg_cache_dir();

} // namespace sh::app
