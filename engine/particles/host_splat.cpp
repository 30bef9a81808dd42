#include "particles/host_splat.hpp"

#include "two_halves.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <glm/geometric.hpp>
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

ParticlePoser::ParticlePoser(const FlowTables& tables) : tables_(tables) {
    // 0.5 cm pieces: the pose's blends are 4-16 cm wide, so a piece bends by a degree or two at
    // most (the network's own segments reach 17 cm, straight across the knee).
    constexpr float k_piece_cm = 0.5f;
    first_sample_.assign(tables.points.size(), 0);
    pieces_.assign(tables.points.size(), 0);
    for (const gpu::FlowCompartmentGpu& comp : tables.compartments) {
        // One and a half reference radii: past the wall of a lumen dilated by half (particles
        // stay inside 0.95 of the current radius).
        const float reach = 1.5f * comp.ref_radius;
        for (std::uint32_t seg = 0; seg + 1u < comp.point_count; ++seg) {
            const std::uint32_t a = comp.point_begin + seg;
            const glm::vec3 from(tables.points[a]), to(tables.points[a + 1u]);
            const auto pieces = static_cast<std::uint32_t>(
                std::max(1.0f, std::ceil(glm::length(to - from) / k_piece_cm)));
            first_sample_[a] = static_cast<std::uint32_t>(rest_.size());
            pieces_[a] = pieces;
            for (std::uint32_t k = 0; k <= pieces; ++k) {
                rest_.push_back(
                    glm::mix(from, to, static_cast<float>(k) / static_cast<float>(pieces)));
                reach_.push_back(reach);
            }
        }
    }
    samples_.resize(rest_.size());
    set_pose(pose_);
}

void ParticlePoser::set_pose(const SoftPose& pose) {
    pose_ = pose;
    // The samples in two halves on two threads: eleven poses each (about 1.5 ms of one core
    // walking, on the frame's path).
    in_two_halves(rest_.size(),
                  [&](std::size_t first, std::size_t count) { pose_samples(pose, first, count); });
}

void ParticlePoser::pose_samples(const SoftPose& pose, std::size_t first, std::size_t count) {
    constexpr float h = 0.05f;           // cm: central differences over 1 mm
    constexpr float k_linear_cm = 0.02f; // how far the linear prediction may miss
    for (std::size_t i = first; i < first + count; ++i) {
        const glm::vec3& c = rest_[i];
        Sample& out = samples_[i];
        out.posed = pose(c);
        for (int axis = 0; axis < 3; ++axis) {
            glm::vec3 step(0.0f);
            step[axis] = h;
            out.jacobian[axis] = (pose(c + step) - pose(c - step)) / (2.0f * h);
        }
        // The joints turn about the lateral (x) axis: the pose bends in y and z.
        const float r = reach_[i];
        out.linear = true;
        for (const glm::vec3 d : {glm::vec3(0.0f, r, 0.0f), glm::vec3(0.0f, -r, 0.0f),
                                  glm::vec3(0.0f, 0.0f, r), glm::vec3(0.0f, 0.0f, -r)})
            if (glm::length(pose(c + d) - (out.posed + out.jacobian * d)) > k_linear_cm)
                out.linear = false;
    }
}

glm::vec3 ParticlePoser::operator()(const gpu::FlowParticle& p) const {
    if (tables_.compartments.empty()) return glm::vec3(p.position);
    const std::uint32_t c = std::min<std::uint32_t>(
        p.compartment, static_cast<std::uint32_t>(tables_.compartments.size() - 1));
    if (tables_.compartments[c].point_count < 2u) return glm::vec3(p.position);
    // The step's centre (place() in flow_particles_reference.cpp).
    return (*this)(p, centreline_point(tables_, c, p.s));
}

glm::vec3 ParticlePoser::operator()(const gpu::FlowParticle& p, const CentrelinePoint& rest) const {
    // The piece of the centre's segment the particle is on, and where along it.
    const std::uint32_t a = rest.first_point;
    const float along = std::clamp(rest.t, 0.0f, 1.0f) * static_cast<float>(pieces_[a]);
    const std::uint32_t piece = std::min(static_cast<std::uint32_t>(along), pieces_[a] - 1u);
    const float u = along - static_cast<float>(piece);
    const Sample& s0 = samples_[first_sample_[a] + piece];
    const Sample& s1 = samples_[first_sample_[a] + piece + 1u];
    if (!s0.linear || !s1.linear) return pose_(glm::vec3(p.position));
    const glm::mat3 jacobian = s0.jacobian * (1.0f - u) + s1.jacobian * u;
    return glm::mix(s0.posed, s1.posed, u) + jacobian * (glm::vec3(p.position) - rest.centre);
}

void pose_particles_range(std::span<const gpu::FlowParticle> particles, const ParticlePoser& poser,
                          std::span<glm::vec3> out, std::span<const CentrelinePoint> placed) {
    if (placed.size() == particles.size()) {
        for (std::size_t i = 0; i < particles.size(); ++i) out[i] = poser(particles[i], placed[i]);
        return;
    }
    for (std::size_t i = 0; i < particles.size(); ++i) out[i] = poser(particles[i]);
}

void host_splat_range(std::span<const gpu::FlowParticle> particles,
                      std::span<const glm::vec3> posed, const HostSplatFrame& frame,
                      std::uint64_t* keys) {
    const float width = static_cast<float>(frame.width);
    const float height = static_cast<float>(frame.height);
    const int rect_x = static_cast<int>(frame.rect.x), rect_y = static_cast<int>(frame.rect.y);
    const int rect_w = static_cast<int>(frame.rect.width);
    const int rect_h = static_cast<int>(frame.rect.height);
    const auto key_at = [&](int x, int y) {
        return keys + static_cast<std::size_t>(y) * static_cast<std::size_t>(rect_w) +
               static_cast<std::size_t>(x);
    };
    // In batches: first every particle of a batch is posed and projected, and the key rows its
    // footprint will touch are prefetched; then the batch's keys are compared and written. The
    // keys of a frame (8 bytes a pixel over the leg's rectangle) do not fit in the caches and
    // the particles land in no useful order, so without the prefetch most of the splat's time
    // was spent waiting for those loads (perf, 100k particles, walking).
    constexpr std::size_t k_batch = 32;
    struct Projected {
        int x, y; // centre pixel in the rectangle
        std::uint64_t key;
        bool reflux;
    };
    std::array<Projected, k_batch> batch;
    for (std::size_t first = 0; first < particles.size(); first += k_batch) {
        std::size_t n = 0;
        const std::size_t last = std::min(first + k_batch, particles.size());
        for (std::size_t i = first; i < last; ++i) {
            const gpu::FlowParticle& p = particles[i];
            if (p.position.z > frame.clip_z_max) continue;
            const glm::vec4 clip = frame.view_proj * glm::vec4(posed[i], 1.0f);
            if (clip.w <= 0.0f) continue;
            const glm::vec3 ndc = glm::vec3(clip) / clip.w;
            if (ndc.z < 0.0f || ndc.z > 1.0f || std::abs(ndc.x) > 1.02f || std::abs(ndc.y) > 1.02f)
                continue;
            // Same convention as the rasteriser and the compute splat: NDC y = -1 is the top row.
            const int cx = static_cast<int>(std::floor((ndc.x * 0.5f + 0.5f) * width)) - rect_x;
            const int cy = static_cast<int>(std::floor((ndc.y * 0.5f + 0.5f) * height)) - rect_y;
            const bool reflux =
                (p.flags & gpu::FLOW_FLAG_REFLUX) != 0u && (p.flags & gpu::FLOW_FLAG_STOPPED) == 0u;
            const int reach = reflux ? 2 : 1;
            if (cx < -reach || cy < -reach || cx >= rect_w + reach || cy >= rect_h + reach)
                continue; // the whole footprint is off the rectangle
            const auto dq = static_cast<std::uint32_t>(std::clamp(ndc.z, 0.0f, 1.0f) * 16383.0f);
            std::uint32_t depth_bits = 0;
            std::memcpy(&depth_bits, &ndc.z, sizeof(depth_bits));
            batch[n++] = {cx, cy, (std::uint64_t{(dq << 18) | rgb565(p.color)} << 32) | depth_bits,
                          reflux};
            for (int dy = -reach; dy <= reach; ++dy) {
                const int y = cy + dy;
                if (y >= 0 && y < rect_h)
                    __builtin_prefetch(key_at(std::clamp(cx, 0, rect_w - 1), y), 1);
            }
        }
        for (std::size_t i = 0; i < n; ++i) {
            const Projected& q = batch[i];
            const std::span<const Offset> footprint =
                q.reflux ? std::span<const Offset>(k_ring) : std::span<const Offset>(k_plus);
            for (const Offset& o : footprint) {
                const int x = q.x + o.x, y = q.y + o.y;
                if (x < 0 || y < 0 || x >= rect_w || y >= rect_h) continue;
                keep_smaller(*key_at(x, y), q.key | (std::uint64_t{o.edge} << 48));
            }
        }
    }
}

void collect_splat_pixels(std::uint64_t* keys, std::uint32_t rect_width, std::uint32_t row_begin,
                          std::uint32_t rows, std::vector<gpu::HostSplatPixel>& out) {
    for (std::uint32_t y = row_begin; y < row_begin + rows; ++y) {
        std::uint64_t* row = keys + std::size_t{y} * rect_width;
        for (std::uint32_t x = 0; x < rect_width; ++x) {
            const std::uint64_t key = row[x];
            if (key == k_host_splat_empty) continue;
            out.push_back({x | (y << 16), static_cast<std::uint32_t>(key),
                           static_cast<std::uint32_t>(key >> 32)});
            row[x] = k_host_splat_empty;
        }
    }
}

} // namespace sh
