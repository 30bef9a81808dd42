// Stand-in FrameContent until the scene renderer (engine/scene) and the GPU particles
// (engine/particles) land: clears the target and draws particles as points moving along the
// vein centrelines, front view. Each particle stays in its compartment and moves with that
// compartment's mean velocity from the FlowFrame (CPU-advected, uploaded per frame slot), so the
// calf pump's rhythm and reflux are visible, if crudely. Not the real particle system.
#pragma once

#include "draw_pipelines.hpp"
#include "frame_content.hpp"
#include "frame_loop.hpp"
#include "memory.hpp"
#include "vein_data.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace sh {

class PlaceholderContent final : public FrameContent {
public:
    static Result<std::unique_ptr<PlaceholderContent>>
    create(const Device& device, const VeinGeometry& geometry, std::uint32_t particle_count);

    void record(VkCommandBuffer cmd, OffscreenTarget& target, const FrameInfo& info) override;

private:
    struct Walker {
        std::uint32_t compartment = 0;
        float t = 0; // 0 (distal end) .. 1 (proximal end) along the centreline
    };
    struct Line {
        std::vector<glm::vec3> points;
        std::vector<float> cumulative; // arclength at each point, cm
        float length = 0;
        float area_cm2 = 1; // reference cross-section of all parallel veins
    };
    PlaceholderContent() = default;
    glm::vec3 position(const Walker& w) const;
    void advance(const FlowFrame& flow, double dt_s);

    std::vector<Line> lines_;
    std::vector<Walker> walkers_;
    glm::vec3 lo_{0}, hi_{0};                        // bounds of the geometry, for the view
    std::array<Buffer, k_frames_in_flight> buffers_; // one per slot: the CPU writes while the
    std::array<ParticleRenderer, k_frames_in_flight> renderers_; // other slot may be drawing
    std::uint32_t count_ = 0;
    bool large_points_ = false;
};

} // namespace sh
