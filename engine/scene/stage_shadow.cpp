// The floor's soft contact shadow (engine/scene/stage_renderer.hpp), evaluated on the CPU at the
// nodes of a coarse grid each frame; shaders/stage.frag interpolates it bilinearly per pixel.
// The model is the analytic one the fragment shader used to evaluate per pixel: every posed
// segment of the leg (a capsule) occludes the sky above a floor point by the solid angle it
// covers there, about (r / d)^2 seen along the floor's normal (up); a seat or a bed darkens the
// floor below it with a penumbra that widens with its height.
#include "scene/stage_renderer.hpp"
#include "two_halves.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::scene {
namespace {

// Sky occlusion of the capsule a-b (radius r) seen from the floor point p: 1 where it touches.
float capsule_occlusion(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float r) {
    const glm::vec3 ab = b - a;
    const float t = std::clamp(glm::dot(p - a, ab) / std::max(glm::dot(ab, ab), 1e-6f), 0.f, 1.f);
    const glm::vec3 d = a + t * ab - p;
    const float dist = std::max(glm::length(d), 1e-3f);
    const float facing = std::clamp(d.z / dist, 0.0f, 1.0f); // the floor's normal is +z
    return facing * std::min((r * r) / (dist * dist), 1.0f);
}

float smooth_step(float edge0, float edge1, float x) {
    const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

// The shadow a box casts straight down onto the floor at p: soft edges, fainter when high.
float caster_shadow(const glm::vec3& p, const glm::vec4& lo, const glm::vec4& hi) {
    if (lo.w <= 0.0f || p.z > lo.z) return 0.0f;
    const float soft = 2.0f + 0.45f * (lo.z - p.z);
    const float sx = smooth_step(-soft, soft, p.x - lo.x) * smooth_step(-soft, soft, hi.x - p.x);
    const float sy = smooth_step(-soft, soft, p.y - lo.y) * smooth_step(-soft, soft, hi.y - p.y);
    return lo.w * sx * sy;
}

} // namespace

float floor_contact_shadow(const gpu::StageFrame& f, const glm::vec3& p) {
    float light_left = 1.0f; // product of what every occluder leaves
    for (int i = 0; i < gpu::STAGE_MAX_OCCLUDERS; ++i) {
        const glm::vec4 a = f.occluder_a[i];
        if (a.w <= 0.0f) continue;
        light_left *= 1.0f - capsule_occlusion(p, glm::vec3(a), glm::vec3(f.occluder_b[i]), a.w);
    }
    float shadow = f.shadow_color.w * (1.0f - light_left);
    for (int i = 0; i < gpu::STAGE_MAX_CASTERS; ++i)
        shadow = std::max(shadow, caster_shadow(p, f.caster_min[i], f.caster_max[i]));
    return std::clamp(shadow, 0.0f, 1.0f);
}

glm::vec4 floor_shadow_grid(const StageLayout& layout) {
    // Square over the disc; nodes on its edges, so every floor pixel lies between four nodes.
    const float half = std::max(layout.floor_radius, 1.0f);
    const float spacing = 2.0f * half / static_cast<float>(gpu::STAGE_SHADOW_SIDE - 1);
    return {layout.floor_centre - glm::vec2(half), spacing, 0.0f};
}

namespace {

// fill_floor_shadow for rows [first_row, first_row + rows).
void fill_floor_shadow_rows(const gpu::StageFrame& f, float* nodes, int first_row, int rows) {
    constexpr int n = gpu::STAGE_SHADOW_SIDE;
    const glm::vec2 centre(f.floor);
    // Nodes more than a spacing outside the disc are never interpolated from: left light.
    const float reach = f.floor.w + 1.5f * f.shadow_grid.z;
    for (int y = first_row; y < first_row + rows; ++y)
        for (int x = 0; x < n; ++x) {
            const glm::vec2 at =
                glm::vec2(f.shadow_grid) +
                f.shadow_grid.z * glm::vec2(static_cast<float>(x), static_cast<float>(y));
            const glm::vec2 off = at - centre;
            nodes[y * n + x] = glm::dot(off, off) > reach * reach
                                   ? 0.0f
                                   : floor_contact_shadow(f, glm::vec3(at, f.floor.z));
        }
}

} // namespace

void fill_floor_shadow(const gpu::StageFrame& f, float* nodes) {
    fill_floor_shadow_rows(f, nodes, 0, gpu::STAGE_SHADOW_SIDE);
}

namespace {

// x^(1/2.2) for x in [0, 1] (the display gamma of stage_floor.frag), from a table with linear
// interpolation: within 2e-4 above x = 0.004 and exact at 0, far below the 8-bit packing's
// step (4e-3). std::pow on every channel of every node cost about 1 ms a frame.
float encode_gamma(float x) {
    constexpr int k_entries = 4096;
    static const std::array<float, k_entries + 1> table = [] {
        std::array<float, k_entries + 1> t{};
        for (int i = 0; i <= k_entries; ++i)
            t[static_cast<std::size_t>(i)] =
                std::pow(static_cast<float>(i) / static_cast<float>(k_entries), 1.0f / 2.2f);
        return t;
    }();
    const float at = std::clamp(x, 0.0f, 1.0f) * static_cast<float>(k_entries);
    const int i = std::min(static_cast<int>(at), k_entries - 1);
    const float f = at - static_cast<float>(i);
    return table[static_cast<std::size_t>(i)] +
           f * (table[static_cast<std::size_t>(i) + 1] - table[static_cast<std::size_t>(i)]);
}

} // namespace

glm::vec3 floor_node_colour(const gpu::StageFrame& f, const glm::vec2& at, float shadow) {
    // stage_floor.frag's shading off the grid lines: shadow, then the fade to the background.
    const glm::vec3 floor = glm::mix(glm::vec3(f.floor_color), glm::vec3(f.shadow_color),
                                     std::clamp(shadow, 0.0f, 1.0f));
    const float r = glm::length(at - glm::vec2(f.floor)) / std::max(f.floor.w, 1.0f);
    const glm::vec3 c = glm::mix(floor, glm::vec3(f.background), smooth_step(0.6f, 1.0f, r));
    return {encode_gamma(c.r), encode_gamma(c.g), encode_gamma(c.b)};
}

namespace {

// fill_floor_colour for rows [first_row, first_row + rows).
void fill_floor_colour_rows(const gpu::StageFrame& f, const float* shadow, std::uint32_t* nodes,
                            int first_row, int rows) {
    constexpr int n = gpu::STAGE_SHADOW_SIDE;
    const auto channel = [](float v) {
        return static_cast<std::uint32_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    };
    for (int y = first_row; y < first_row + rows; ++y)
        for (int x = 0; x < n; ++x) {
            const glm::vec2 at =
                glm::vec2(f.shadow_grid) +
                f.shadow_grid.z * glm::vec2(static_cast<float>(x), static_cast<float>(y));
            const glm::vec3 c = floor_node_colour(f, at, shadow[y * n + x]);
            nodes[y * n + x] = channel(c.r) | channel(c.g) << 8 | channel(c.b) << 16 | 0xff000000u;
        }
}

} // namespace

void fill_floor_colour(const gpu::StageFrame& f, const float* shadow, std::uint32_t* nodes) {
    fill_floor_colour_rows(f, shadow, nodes, 0, gpu::STAGE_SHADOW_SIDE);
}

void fill_floor_nodes(const gpu::StageFrame& f, float* shadow, std::uint32_t* colour) {
    // A row's colour needs only that row's shadow. On the frame's path: the grid's 16k nodes
    // took about 1.3 ms of the main thread's time on one core.
    in_two_halves(gpu::STAGE_SHADOW_SIDE, [&](std::size_t first_row, std::size_t rows) {
        const int first = static_cast<int>(first_row), count = static_cast<int>(rows);
        fill_floor_shadow_rows(f, shadow, first, count);
        fill_floor_colour_rows(f, shadow, colour, first, count);
    });
}

} // namespace sh::scene
