// The stage's triangles (engine/scene/stage_renderer.hpp): a floor disc, a stool, a bed, a
// wedge, as plain boxes and prisms with flat normals. Colours are neutral greys with a faint
// blue cast: no hue the blood uses (speed, pressure and direction palettes, and the one for
// red-green colour blindness) and darker than the skin, so the leg stays the subject.
#include "scene/stage_renderer.hpp"

#include <cmath>
#include <glm/geometric.hpp>

namespace sh::scene {
namespace {

constexpr int k_floor_segments = 48;
constexpr float k_leg_side = 3.0f; // a stool's or a bed's legs: square, cm

struct Colours {
    glm::vec3 seat, bed, wedge;
};
Colours colours(bool light) {
    if (light) return {{0.30f, 0.31f, 0.33f}, {0.55f, 0.56f, 0.58f}, {0.42f, 0.43f, 0.45f}};
    return {{0.13f, 0.135f, 0.15f}, {0.22f, 0.23f, 0.25f}, {0.16f, 0.17f, 0.19f}};
}

class Builder {
public:
    explicit Builder(std::vector<gpu::StageVertex>& out) : out_(out) {}

    // A triangle wound counter-clockwise seen from the side `outward` points to (the pipeline
    // culls back faces).
    void triangle(glm::vec3 p0, glm::vec3 p1, glm::vec3 p2, glm::vec3 outward, glm::vec3 color,
                  float material) {
        const glm::vec3 n = glm::normalize(outward);
        if (glm::dot(glm::cross(p1 - p0, p2 - p0), n) < 0.0f) std::swap(p1, p2);
        for (const glm::vec3& p : {p0, p1, p2})
            out_.push_back({glm::vec4(p, material), glm::vec4(n, 0.0f), glm::vec4(color, 1.0f)});
    }
    // A planar quad, corners in order round its edge.
    void quad(glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 outward,
              glm::vec3 color) {
        triangle(a, b, c, outward, color, gpu::STAGE_MATERIAL_SOLID);
        triangle(a, c, d, outward, color, gpu::STAGE_MATERIAL_SOLID);
    }
    // An axis-aligned box without its bottom (never seen: it stands on something).
    void box(const glm::vec3& lo, const glm::vec3& hi, glm::vec3 color) {
        const auto p = [&](int x, int y, int z) {
            return glm::vec3(x ? hi.x : lo.x, y ? hi.y : lo.y, z ? hi.z : lo.z);
        };
        quad(p(0, 0, 1), p(1, 0, 1), p(1, 1, 1), p(0, 1, 1), {0, 0, 1}, color);  // top
        quad(p(0, 0, 0), p(1, 0, 0), p(1, 0, 1), p(0, 0, 1), {0, -1, 0}, color); // -y
        quad(p(0, 1, 0), p(1, 1, 0), p(1, 1, 1), p(0, 1, 1), {0, 1, 0}, color);  // +y
        quad(p(0, 0, 0), p(0, 1, 0), p(0, 1, 1), p(0, 0, 1), {-1, 0, 0}, color); // -x
        quad(p(1, 0, 0), p(1, 1, 0), p(1, 1, 1), p(1, 0, 1), {1, 0, 0}, color);  // +x
    }
    // A slab on four square legs standing on the floor at `floor_z`.
    void table(const StageBox& slab, float floor_z, glm::vec3 color) {
        box(slab.min, slab.max, color);
        const float inset = 2.0f;
        for (int i = 0; i < 4; ++i) {
            const float x = (i & 1) ? slab.max.x - inset - k_leg_side : slab.min.x + inset;
            const float y = (i & 2) ? slab.max.y - inset - k_leg_side : slab.min.y + inset;
            if (slab.min.z > floor_z)
                box({x, y, floor_z}, {x + k_leg_side, y + k_leg_side, slab.min.z}, color * 0.8f);
        }
    }
    void floor_disc(const StageLayout& s) {
        const glm::vec3 c(s.floor_centre, s.floor_z);
        for (int i = 0; i < k_floor_segments; ++i) {
            const float a0 = 6.2831853f * static_cast<float>(i) / k_floor_segments;
            const float a1 = 6.2831853f * static_cast<float>(i + 1) / k_floor_segments;
            const glm::vec3 p0 = c + s.floor_radius * glm::vec3(std::cos(a0), std::sin(a0), 0);
            const glm::vec3 p1 = c + s.floor_radius * glm::vec3(std::cos(a1), std::sin(a1), 0);
            triangle(c, p0, p1, {0, 0, 1}, glm::vec3(1.0f), gpu::STAGE_MATERIAL_FLOOR);
        }
    }
    void wedge(const StageWedge& w, glm::vec3 color) {
        const float x0 = w.low.x - 0.5f * w.width, x1 = w.low.x + 0.5f * w.width;
        const glm::vec3 l0(x0, w.low.y, w.low.z), l1(x1, w.low.y, w.low.z);
        const glm::vec3 t0(x0, w.high.y, w.high.z), t1(x1, w.high.y, w.high.z);
        const glm::vec3 b0(x0, w.high.y, w.low.z), b1(x1, w.high.y, w.low.z);
        const glm::vec3 along = t0 - l0;
        const glm::vec3 slope_up = glm::cross(glm::vec3(1, 0, 0), along);
        quad(l0, l1, t1, t0, slope_up.z >= 0 ? slope_up : -slope_up, color);
        quad(b0, b1, t1, t0, {0, w.high.y > w.low.y ? 1.0f : -1.0f, 0}, color * 0.9f);
        triangle(l0, b0, t0, {-1, 0, 0}, color * 0.85f, gpu::STAGE_MATERIAL_SOLID);
        triangle(l1, b1, t1, {1, 0, 0}, color * 0.85f, gpu::STAGE_MATERIAL_SOLID);
    }

private:
    std::vector<gpu::StageVertex>& out_;
};

} // namespace

std::vector<gpu::StageVertex> build_stage_triangles(const StageLayout& layout, bool light) {
    std::vector<gpu::StageVertex> out;
    if (!layout.show) return out;
    out.reserve(512);
    Builder b(out);
    const Colours c = colours(light);
    b.floor_disc(layout); // first: StageRenderer draws these vertices with the floor's pipeline
    if (layout.seat) b.table(*layout.seat, layout.floor_z, c.seat);
    if (layout.bed) b.table(*layout.bed, layout.floor_z, c.bed);
    if (layout.wedge) b.wedge(*layout.wedge, c.wedge);
    return out;
}

} // namespace sh::scene
