#include "particles/host_splat.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <glm/vec4.hpp>

namespace sh {
namespace {

std::uint32_t rgb565(std::uint32_t rgba) {
    const std::uint32_t r = (rgba & 0xffu) >> 3;
    const std::uint32_t g = ((rgba >> 8) & 0xffu) >> 2;
    const std::uint32_t b = ((rgba >> 16) & 0xffu) >> 3;
    return (r << 11) | (g << 5) | b;
}

// Footprints as particle_splat.comp's: forward particles a soft plus (centre, then 4 rim
// pixels), reflux ones a 5x5 square without its corners whose inner 3x3 is the half-alpha part.
struct Offset {
    int x, y;
    std::uint32_t edge;
};
constexpr std::array<Offset, 5> k_plus = {
    {{0, 0, 0}, {1, 0, 1}, {-1, 0, 1}, {0, 1, 1}, {0, -1, 1}}};
constexpr std::array<Offset, 21> k_ring = {
    {{-1, -2, 0}, {0, -2, 0}, {1, -2, 0}, {-2, -1, 0}, {-1, -1, 1}, {0, -1, 1}, {1, -1, 1},
     {2, -1, 0},  {-2, 0, 0}, {-1, 0, 1}, {0, 0, 1},   {1, 0, 1},   {2, 0, 0},  {-2, 1, 0},
     {-1, 1, 1},  {0, 1, 1},  {1, 1, 1},  {2, 1, 0},   {-1, 2, 0},  {0, 2, 0},  {1, 2, 0}}};

void keep_smaller(std::uint64_t& slot, std::uint64_t key) {
    std::atomic_ref<std::uint64_t> stored(slot);
    std::uint64_t seen = stored.load(std::memory_order_relaxed);
    // Keys only ever decrease, so most pixels end at this load (the veins are covered many
    // times over); a lost race retries with the value that won it.
    while (key < seen && !stored.compare_exchange_weak(seen, key, std::memory_order_relaxed)) {
    }
}

} // namespace

void host_splat_range(std::span<const gpu::FlowParticle> particles, const SoftPose& pose,
                      const HostSplatFrame& frame, std::uint64_t* keys) {
    const float width = static_cast<float>(frame.width);
    const float height = static_cast<float>(frame.height);
    const int rect_x = static_cast<int>(frame.rect.x), rect_y = static_cast<int>(frame.rect.y);
    const int rect_w = static_cast<int>(frame.rect.width);
    const int rect_h = static_cast<int>(frame.rect.height);
    for (const gpu::FlowParticle& p : particles) {
        if (p.position.z > frame.clip_z_max) continue;
        const glm::vec3 posed = pose(glm::vec3(p.position.x, p.position.y, p.position.z));
        const glm::vec4 clip = frame.view_proj * glm::vec4(posed, 1.0f);
        if (clip.w <= 0.0f) continue;
        const glm::vec3 ndc = glm::vec3(clip) / clip.w;
        if (ndc.z < 0.0f || ndc.z > 1.0f || std::abs(ndc.x) > 1.02f || std::abs(ndc.y) > 1.02f)
            continue;
        // Same convention as the rasteriser and the compute splat: NDC y = -1 is the top row.
        const int cx = static_cast<int>(std::floor((ndc.x * 0.5f + 0.5f) * width)) - rect_x;
        const int cy = static_cast<int>(std::floor((ndc.y * 0.5f + 0.5f) * height)) - rect_y;
        const auto dq = static_cast<std::uint32_t>(std::clamp(ndc.z, 0.0f, 1.0f) * 16383.0f);
        std::uint32_t depth_bits = 0;
        std::memcpy(&depth_bits, &ndc.z, sizeof(depth_bits));
        const std::uint64_t base = (std::uint64_t{(dq << 18) | rgb565(p.color)} << 32) | depth_bits;
        const bool reflux =
            (p.flags & gpu::FLOW_FLAG_REFLUX) != 0u && (p.flags & gpu::FLOW_FLAG_STOPPED) == 0u;
        const std::span<const Offset> footprint =
            reflux ? std::span<const Offset>(k_ring) : std::span<const Offset>(k_plus);
        for (const Offset& o : footprint) {
            const int x = cx + o.x, y = cy + o.y;
            if (x < 0 || y < 0 || x >= rect_w || y >= rect_h) continue;
            keep_smaller(keys[static_cast<std::size_t>(y) * static_cast<std::size_t>(rect_w) +
                              static_cast<std::size_t>(x)],
                         base | (std::uint64_t{o.edge} << 48));
        }
    }
}

} // namespace sh
