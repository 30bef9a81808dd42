// LegPoser's host path (CPU devices): the pose passes' work as C++ twins, written into a mapped
// staging buffer and copied into the posed buffers (leg_poser.hpp, pose_on_host). Each function
// here mirrors one shader: pose_meshes.comp, pose_veins.comp, pose_valves.comp (and
// pose.h's pose_swelling_cm); muscle_deform.comp is MuscleDeformer::deform_on_host. The
// positions land within float rounding of the shaders' (lavapipe's sines and cosines are not
// the C library's): tests/app/test_gpu_leg_poser.cpp compares the two.
#include "scene/leg_poser.hpp"
#include "soft_pose.hpp"
#include "two_halves.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::scene {
namespace {

float smoothstep(float edge0, float edge1, float x) {
    const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

float mix(float a, float b, float t) {
    return a * (1.0f - t) + b * t;
}

// pose.h pose_swelling_cm: the skin's growth along its normal, blended by rest height from the
// foot's to the ankle's to the calf's swelling and to nothing below the knee.
float swelling_cm(const gpu::PoseState& ps, const glm::vec3& rest, const glm::vec3& normal) {
    const float z = rest.z;
    const float foot_top = ps.ankle.z - 3.0f, ankle_b = ps.ankle.z + 2.0f;
    const float calf = mix(ps.ankle.z, ps.knee.z, 0.6f), knee = ps.knee.z - 2.0f;
    const glm::vec4& s = ps.skin_swelling_cm;
    float grow = 0.0f;
    if (z <= foot_top)
        grow = s.x;
    else if (z <= ankle_b)
        grow = mix(s.x, s.y, smoothstep(foot_top, ankle_b, z));
    else if (z <= calf)
        grow = mix(s.y, s.z, smoothstep(ankle_b, calf, z));
    else
        grow = mix(s.z, 0.0f, smoothstep(calf, knee, z));
    return grow * (1.0f - smoothstep(0.3f, 0.8f, -normal.z));
}

// What pose_valves.comp's leaflet_point takes of a cusp's grid point (u across, v from hinge to
// free edge): its transcendental terms, which depend on the grid alone. Worked out once for
// every grid point and the two points 0.05 beyond it (the normal's differences) with the same
// float arguments, so the posed cusps are the same to the bit as computing them each frame,
// which cost about 15 sines, cosines and powers a cusp point.
struct CuspPoint {
    float v;
    float cos_phi, sin_phi; // phi = 1.5 u
    float v_pow;            // v^0.7
    float sin_pi_v;         // sin(3.14159 v)
};

CuspPoint cusp_point(float u, float v) {
    const float phi = u * 1.50f;
    return {v, std::cos(phi), std::sin(phi), std::pow(v, 0.7f), std::sin(3.14159f * v)};
}

// Per grid point of a leaflet (index q as in pose_valves.comp): the point, the one 0.05 further
// in u and the one 0.05 further in v.
struct CuspGridPoint {
    CuspPoint at, next_u, next_v;
};
constexpr std::uint32_t k_cusp_grid_points = (gpu::VALVE_GRID_U + 1u) * (gpu::VALVE_GRID_V + 1u);

const std::array<CuspGridPoint, k_cusp_grid_points>& cusp_grid() {
    static const std::array<CuspGridPoint, k_cusp_grid_points> grid = [] {
        std::array<CuspGridPoint, k_cusp_grid_points> g{};
        for (std::uint32_t q = 0; q < k_cusp_grid_points; ++q) {
            const float u = static_cast<float>(q % (gpu::VALVE_GRID_U + 1u)) /
                                static_cast<float>(gpu::VALVE_GRID_U) * 2.0f -
                            1.0f;
            const float v = static_cast<float>(q / (gpu::VALVE_GRID_U + 1u)) /
                            static_cast<float>(gpu::VALVE_GRID_V);
            g[q] = {cusp_point(u, v), cusp_point(u + 0.05f, v), cusp_point(u, v + 0.05f)};
        }
        return g;
    }();
    return grid;
}

// pose_valves.comp leaflet_point: a point of one cusp, its grid terms `c`.
glm::vec3 leaflet_point(const gpu::ValveInstance& valve, float side, float radius, float closed,
                        const CuspPoint& c) {
    const glm::vec3 axis(valve.axis);
    const glm::vec3 centre_dir = side * glm::vec3(valve.side);
    const glm::vec3 across = glm::cross(axis, centre_dir);
    const float inward = closed * c.v_pow;
    const glm::vec3 radial = c.cos_phi * (1.0f - inward) * centre_dir + c.sin_phi * across;
    const float along = valve.axis.w * c.v * (1.0f - 0.45f * closed) -
                        0.25f * closed * radius * c.cos_phi * c.sin_pi_v;
    return glm::vec3(valve.position) + radius * 0.93f * radial + along * axis;
}

struct Output {
    glm::vec4* positions;
    glm::vec4* normals;
    glm::vec4* rest;
    void write(std::uint32_t entry, const glm::vec3& rest_point, const SoftPose::Posed& p) const {
        positions[entry] = glm::vec4(p.position, 1.0f);
        normals[entry] = glm::vec4(p.normal, 0.0f);
        rest[entry] = glm::vec4(rest_point, 0.0f);
    }
};

} // namespace

std::optional<Error> LegPoser::enable_host_pose(const Device& device, const MeshRenderer& meshes,
                                                const VeinRenderer& veins) {
    const VkDeviceSize bytes = 3 * std::max<VkDeviceSize>(entry_count_, 1) * sizeof(glm::vec4);
    for (Buffer& staging : host_staging_) {
        Result<Buffer> buffer =
            create_buffer(device, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
        if (!buffer) return buffer.error();
        staging = buffer.take();
    }
    host_rest_positions_ = meshes.rest_positions();
    host_rest_normals_ = meshes.rest_normals();
    host_veins_ = veins.host_vertices();
    host_valves_ = veins.host_valves();
    return std::nullopt;
}

void LegPoser::pose_on_host(VkCommandBuffer cmd, const PoseWork& work, const HostPoseFrame& frame) {
    if (!host_pose() || frame.state == nullptr) return;
    const gpu::VeinState& state = *frame.state;
    const gpu::PoseState& ps = state.pose;
    if (work.meshes && frame.muscles != nullptr)
        frame.muscles->deform_on_host(host_rest_positions_.data(), host_rest_normals_.data());

    using RangeKind = HostRange::Kind;
    std::vector<HostRange>& ranges = host_ranges_; // reused: nothing allocated per frame
    ranges.clear();
    if (work.meshes)
        for (const gpu::PosePush& run : mesh_runs_)
            ranges.push_back({RangeKind::Mesh, run, run.count});
    if (work.meshes && work.stocking)
        for (const gpu::PosePush& run : stocking_runs_)
            ranges.push_back({RangeKind::Mesh, run, run.count});
    if (work.veins) ranges.push_back({RangeKind::Vein, veins_, veins_.count});
    if (work.valves)
        ranges.push_back({RangeKind::Valve, valves_, valves_.count * gpu::VALVE_POINT_COUNT});

    const Buffer& staging = host_staging_[host_slot_];
    host_slot_ = (host_slot_ + 1) % k_host_staging_buffers;
    auto* base = static_cast<glm::vec4*>(staging.mapped());
    const Output out{base, base + entry_count_, base + 2 * static_cast<std::size_t>(entry_count_)};
    const SoftPose pose(ps);
    const float mesh_scale = ps.offset.w > 0.0f ? ps.offset.w : 1.0f; // pose.h pose_mesh_scale
    const std::uint32_t compartments = gpu::VEIN_STATE_MAX_COMPARTMENTS;
    const auto radius_scale = [&](float index) {
        const auto c = std::min(static_cast<std::uint32_t>(index + 0.5f), compartments - 1);
        return state.compartments[c].radius_scale * frame.vein_scale;
    };

    const auto pose_entry = [&](const HostRange& r, std::uint32_t i) {
        switch (r.kind) {
        case RangeKind::Mesh: { // pose_meshes.comp
            glm::vec3 rest = glm::vec3(host_rest_positions_[r.push.source + i]) * mesh_scale;
            const glm::vec4& n = host_rest_normals_[r.push.source + i];
            const glm::vec3 normal(n);
            if (r.push.surface != gpu::SCENE_SURFACE_PLAIN) {
                float grow = swelling_cm(ps, rest, normal);
                if (r.push.surface == gpu::SCENE_SURFACE_STOCKING)
                    grow += gpu::STOCKING_THICKNESS_CM;
                rest += grow * normal;
            }
            out.write(r.push.target + i, rest, pose.vertex(rest, normal, n.w));
            break;
        }
        case RangeKind::Vein: { // pose_veins.comp
            const gpu::VeinVertex& v = host_veins_[r.push.source + i];
            const glm::vec3 rest =
                glm::vec3(v.centre) + glm::vec3(v.offset) * radius_scale(v.centre.w);
            out.write(r.push.target + i, rest, pose.vertex(rest, glm::vec3(v.normal), 0.0f));
            break;
        }
        case RangeKind::Valve: { // pose_valves.comp
            const std::uint32_t point = i % gpu::VALVE_POINT_COUNT;
            const gpu::ValveInstance& valve =
                host_valves_[r.push.source + i / gpu::VALVE_POINT_COUNT];
            const CuspGridPoint& grid = cusp_grid()[point % k_cusp_grid_points];
            const float side = point / k_cusp_grid_points == 0u ? 1.0f : -1.0f;
            const auto link = std::min(static_cast<std::uint32_t>(valve.link.x + 0.5f),
                                       gpu::VEIN_STATE_MAX_LINKS - 1);
            const float closed = 1.0f - std::clamp(state.links[link].valve_opening, 0.0f, 1.0f);
            const float radius = valve.side.w * radius_scale(valve.position.w);
            const glm::vec3 p = leaflet_point(valve, side, radius, closed, grid.at);
            const glm::vec3 du = leaflet_point(valve, side, radius, closed, grid.next_u) - p;
            const glm::vec3 dv = leaflet_point(valve, side, radius, closed, grid.next_v) - p;
            glm::vec3 n = glm::cross(du, dv);
            n = glm::length(n) > 1e-12f ? glm::normalize(n) : glm::vec3(valve.axis);
            out.write(r.push.target + i, p, pose.vertex(p, n, 0.0f));
            break;
        }
        }
    };

    // Blocks of entries dealt to the two threads in turn: the expensive vertices (soft tissue
    // behind a bent knee) sit together in the skin's and muscles' ranges, so halves by index
    // would load one thread far more than the other.
    constexpr std::uint32_t k_block = 256;
    in_two_halves(2, [&](std::size_t part, std::size_t) {
        std::uint32_t block = 0;
        for (const HostRange& r : ranges)
            for (std::uint32_t first = 0; first < r.points; first += k_block, ++block) {
                if (block % 2 != part) continue;
                const std::uint32_t last = std::min(first + k_block, r.points);
                for (std::uint32_t i = first; i < last; ++i) pose_entry(r, i);
            }
    });
    staging.flush();

    // The entries written this frame, each into the three posed buffers (the staging buffer's
    // three planes, one after the other).
    const VkDeviceSize plane = VkDeviceSize{entry_count_} * sizeof(glm::vec4);
    const Buffer* targets[3] = {&positions_, &normals_, &rest_};
    std::vector<VkBufferCopy>& regions = host_regions_;
    for (int b = 0; b < 3; ++b) {
        regions.clear();
        for (const HostRange& r : ranges) {
            const VkDeviceSize offset = VkDeviceSize{r.push.target} * sizeof(glm::vec4);
            const VkDeviceSize size = VkDeviceSize{r.points} * sizeof(glm::vec4);
            if (size != 0)
                regions.push_back({offset + static_cast<VkDeviceSize>(b) * plane, offset, size});
        }
        if (regions.empty()) return;
        vkCmdCopyBuffer(cmd, staging.get(), targets[b]->get(),
                        static_cast<std::uint32_t>(regions.size()), regions.data());
    }
}

} // namespace sh::scene
