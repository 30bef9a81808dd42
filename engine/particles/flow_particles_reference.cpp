// Compiled with -ffp-contract=off (engine/CMakeLists.txt): a fused multiply-add would round
// differently from particles_flow.comp, whose step is `precise` for the same reason. Keep the
// operations of step_flow_particles_reference(), place() and flow_color() in the shader's order.
#include "flow_particles_reference.hpp"

#include <algorithm>
#include <cmath>
#include <glm/vec3.hpp>
#include <numbers>

namespace sh {
namespace {

using gpu::FlowParticle;

glm::vec3 cross3(glm::vec3 a, glm::vec3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

float dot3(glm::vec3 a, glm::vec3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

// Arclength (within `points`, w = cumulative length) of the centreline point nearest `q`.
float nearest_s(std::span<const glm::vec4> points, glm::vec3 q) {
    float best_d2 = INFINITY;
    float best_s = 0.0f;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        const glm::vec3 a(points[i]);
        const glm::vec3 d = glm::vec3(points[i + 1]) - a;
        const float len2 = dot3(d, d);
        const float t = len2 > 0.0f ? std::clamp(dot3(q - a, d) / len2, 0.0f, 1.0f) : 0.0f;
        const glm::vec3 e = a + d * t - q;
        const float d2 = dot3(e, e);
        if (d2 < best_d2) {
            best_d2 = d2;
            best_s = points[i].w + (points[i + 1].w - points[i].w) * t;
        }
    }
    return best_s;
}

float fmin_(float a, float b) {
    return std::min(a, b);
}
float fmax_(float a, float b) {
    return std::max(a, b);
}
// GLSL clamp(x, lo, hi) is min(max(x, lo), hi).
float clamp_(float x, float lo, float hi) {
    return fmin_(fmax_(x, lo), hi);
}

// mix written out, as the shader does, instead of a builtin that may round differently.
glm::vec3 mix3(glm::vec3 a, glm::vec3 b, float k) {
    return a + (b - a) * k;
}

std::uint32_t choose_link(const FlowTables& t, const gpu::VeinState& state, std::uint32_t begin,
                          std::uint32_t count, float sign, float u) {
    float total = 0.0f;
    for (std::uint32_t i = 0; i < count; ++i) {
        const float q = state.links[t.adjacency[begin + i]].flow_ml_s * sign;
        if (q > 0.0f) total = total + q;
    }
    if (!(total > 0.0f)) return gpu::FLOW_NO_LINK;
    const float target = u * total;
    float acc = 0.0f;
    std::uint32_t chosen = gpu::FLOW_NO_LINK;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t l = t.adjacency[begin + i];
        const float q = state.links[l].flow_ml_s * sign;
        if (q > 0.0f) {
            acc = acc + q;
            chosen = l;
            if (target < acc) break;
        }
    }
    return chosen;
}

bool blocked(const FlowTables& t, const gpu::VeinState& state, std::uint32_t l) {
    const gpu::VeinLinkState& f = state.links[l];
    return t.links[l].has_valve != 0u && f.valve_opening < k_valve_closed_opening &&
           f.valve_failure < k_valve_failed;
}

std::uint32_t pick_capillary(const gpu::VeinState& state, std::uint32_t n, float u) {
    for (std::uint32_t c = 0; c < n; ++c)
        if (u < state.compartments[c].inflow_cdf) return c;
    return n - 1u;
}

std::uint32_t pack_rgba(glm::vec3 c) {
    const auto byte = [](float x) {
        return static_cast<std::uint32_t>(clamp_(x, 0.0f, 1.0f) * 255.0f + 0.5f);
    };
    return byte(c.x) | (byte(c.y) << 8) | (byte(c.z) << 16) | (255u << 24);
}

// The lumen's cross axes of a centreline segment with direction d (from one point to the next).
FlowSegmentAxes cross_axes(const glm::vec3& d) {
    const float dl2 = dot3(d, d);
    const glm::vec3 tangent = dl2 > 0.0f ? d / std::sqrt(dl2) : glm::vec3(0.0f, 0.0f, 1.0f);
    const glm::vec3 helper =
        std::abs(tangent.z) < 0.9f ? glm::vec3(0.0f, 0.0f, 1.0f) : glm::vec3(1.0f, 0.0f, 0.0f);
    glm::vec3 n1 = cross3(tangent, helper);
    n1 = n1 / std::sqrt(dot3(n1, n1));
    return {n1, cross3(tangent, n1)};
}

// Centreline point at s plus the lumen offset scaled by the compartment's current radius; the
// centreline point is returned for the host splat's poser.
CentrelinePoint place(FlowParticle& p, const FlowTables& t, float radius) {
    const CentrelinePoint c = centreline_point(t, p.compartment, p.s);
    const FlowSegmentAxes& n = t.segment_axes[c.first_point];
    const glm::vec3 pos = c.centre + (n.n1 * p.offset_x + n.n2 * p.offset_y) * radius;
    p.position = glm::vec4(pos, 1.0f);
    return c;
}

float compartment_radius(const FlowTables& t, const gpu::VeinState& state, std::uint32_t c) {
    return t.compartments[c].ref_radius * std::sqrt(fmax_(state.compartments[c].area_ratio, 0.0f));
}

} // namespace

CentrelinePoint centreline_point(const FlowTables& t, std::uint32_t compartment, float s) {
    const gpu::FlowCompartmentGpu& comp = t.compartments[compartment];
    const std::uint32_t first = comp.point_begin;
    std::uint32_t seg = 0;
    while (seg + 2u < comp.point_count && t.points[first + seg + 1u].w <= s) ++seg;
    const glm::vec4 a = t.points[first + seg];
    const glm::vec4 b = t.points[first + seg + 1u];
    const float len = b.w - a.w;
    const float tt = len > 0.0f ? (s - a.w) / len : 0.0f;
    const glm::vec3 d = glm::vec3(b) - glm::vec3(a);
    return {first + seg, tt, glm::vec3(a) + d * tt};
}

std::uint32_t flow_hash(std::uint32_t x) {
    // A 32-bit integer mixer (lowbias32): integer ops only, so GPU and CPU agree exactly.
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

float flow_random(std::uint32_t id, std::uint32_t counter, std::uint32_t seed) {
    const std::uint32_t h = flow_hash(id ^ flow_hash(counter ^ flow_hash(seed)));
    return static_cast<float>(h >> 8) * (1.0f / 16777216.0f); // 24 bits: exact in a float
}

FlowTables build_flow_tables(const VeinGeometry& g) {
    FlowTables t;
    const auto n = static_cast<std::uint32_t>(g.compartments.size());
    t.outlet = std::min(g.outlet, n > 0 ? n - 1u : 0u);
    for (std::uint32_t c = 0; c < n; ++c) {
        const VeinCompartment& vc = g.compartments[c];
        std::vector<glm::vec3> line = vc.centreline;
        if (line.empty()) line.emplace_back(0.0f);
        if (line.size() < 2) line.push_back(line.front() + glm::vec3(0.0f, 0.0f, 0.1f));
        gpu::FlowCompartmentGpu gc{};
        gc.point_begin = static_cast<std::uint32_t>(t.points.size());
        gc.point_count = static_cast<std::uint32_t>(line.size());
        float s = 0.0f;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (i > 0) {
                const glm::vec3 d = line[i] - line[i - 1];
                s += std::sqrt(dot3(d, d));
            }
            t.points.emplace_back(line[i], s);
        }
        gc.length_cm = s;
        gc.ref_radius = vc.reference_radius_cm;
        gc.ref_area = std::numbers::pi_v<float> * vc.reference_radius_cm * vc.reference_radius_cm *
                      static_cast<float>(std::max(vc.count, 1u));
        gc.in_calf = vc.in_calf ? 1u : 0u;
        t.compartments.push_back(gc);
    }
    t.segment_axes.resize(t.points.size());
    for (const gpu::FlowCompartmentGpu& comp : t.compartments)
        for (std::uint32_t seg = 0; seg + 1u < comp.point_count; ++seg)
            t.segment_axes[comp.point_begin + seg] =
                cross_axes(glm::vec3(t.points[comp.point_begin + seg + 1u]) -
                           glm::vec3(t.points[comp.point_begin + seg]));
    for (const VeinLink& l : g.links) {
        gpu::FlowLinkGpu gl{};
        gl.from = l.from;
        gl.to = l.to;
        gl.has_valve = l.has_valve ? 1u : 0u;
        if (l.from < n && l.to < n) {
            const gpu::FlowCompartmentGpu& to = t.compartments[l.to];
            const gpu::FlowCompartmentGpu& from = t.compartments[l.from];
            const std::span<const glm::vec4> pts(t.points);
            const glm::vec3 end = l.path.empty() ? glm::vec3(pts[to.point_begin]) : l.path.back();
            const glm::vec3 start = l.path.empty()
                                        ? glm::vec3(pts[from.point_begin + from.point_count - 1])
                                        : l.path.front();
            gl.to_entry_s = nearest_s(pts.subspan(to.point_begin, to.point_count), end);
            gl.from_entry_s = nearest_s(pts.subspan(from.point_begin, from.point_count), start);
        }
        t.links.push_back(gl);
    }
    for (std::uint32_t c = 0; c < n; ++c) {
        gpu::FlowCompartmentGpu& gc = t.compartments[c];
        gc.prox_begin = static_cast<std::uint32_t>(t.adjacency.size());
        for (std::uint32_t l = 0; l < t.links.size(); ++l)
            if (t.links[l].from == c && t.links[l].to < n) t.adjacency.push_back(l);
        gc.prox_count = static_cast<std::uint32_t>(t.adjacency.size()) - gc.prox_begin;
        gc.dist_begin = static_cast<std::uint32_t>(t.adjacency.size());
        for (std::uint32_t l = 0; l < t.links.size(); ++l)
            if (t.links[l].to == c && t.links[l].from < n) t.adjacency.push_back(l);
        gc.dist_count = static_cast<std::uint32_t>(t.adjacency.size()) - gc.dist_begin;
    }
    if (t.adjacency.empty()) t.adjacency.push_back(0); // a storage buffer may not be empty
    return t;
}

gpu::FlowParticle make_flow_particle(std::uint32_t compartment, float s, float offset_x,
                                     float offset_y) {
    FlowParticle p{};
    p.compartment = compartment;
    p.s = s;
    p.offset_x = offset_x;
    p.offset_y = offset_y;
    p.position = glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
    return p;
}

std::vector<gpu::FlowParticle> seed_flow_particles(const FlowTables& t, const gpu::VeinState& state,
                                                   std::uint32_t count, std::uint32_t seed) {
    std::vector<double> cdf;
    double acc = 0.0;
    for (const gpu::FlowCompartmentGpu& c : t.compartments) {
        acc += static_cast<double>(c.length_cm) * c.ref_area;
        cdf.push_back(acc);
    }
    std::vector<FlowParticle> out;
    out.reserve(count);
    gpu::FlowPush push{};
    push.speed_scale = 1.0f;
    push.pressure_hi = 1.0f;
    for (std::uint32_t i = 0; i < count && !cdf.empty(); ++i) {
        // Counters far above any crossing count keep seeding independent of later choices.
        const double u = flow_random(i, 0xfff00001u, seed) * acc;
        const auto c = static_cast<std::uint32_t>(std::min<std::size_t>(
            std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin(), cdf.size() - 1));
        const float s = flow_random(i, 0xfff00002u, seed) * t.compartments[c].length_cm;
        // Uniform over the disc (r = sqrt(u)), kept just inside the wall.
        const float r = 0.95f * std::sqrt(flow_random(i, 0xfff00003u, seed));
        const float a = 2.0f * std::numbers::pi_v<float> * flow_random(i, 0xfff00004u, seed);
        FlowParticle p = make_flow_particle(c, s, r * std::cos(a), r * std::sin(a));
        place(p, t, compartment_radius(t, state, p.compartment));
        p.color = flow_color(gpu::FLOW_COLOR_SPEED, 0.0f, 0.0f, 0u, push);
        out.push_back(p);
    }
    return out;
}

std::uint32_t flow_color(std::uint32_t mode, float speed, float pressure, std::uint32_t flags,
                         const gpu::FlowPush& push) {
    // Okabe-Ito pair: blue family forward, orange/yellow reflux; grey for held particles. The
    // splat and the point pipeline also draw reflux bigger and ringed, so direction never rests
    // on hue alone.
    const glm::vec3 grey(0.6f, 0.6f, 0.6f);
    const glm::vec3 blue(0.0f, 0.447f, 0.698f);
    const glm::vec3 orange(0.902f, 0.624f, 0.0f);
    const glm::vec3 yellow(0.941f, 0.894f, 0.259f);
    const bool reflux = (flags & gpu::FLOW_FLAG_REFLUX) != 0u;
    const bool stopped = (flags & gpu::FLOW_FLAG_STOPPED) != 0u;
    glm::vec3 c;
    if (stopped) {
        c = grey;
    } else if (push.palette == gpu::FLOW_PALETTE_CVD && mode != gpu::FLOW_COLOR_PRESSURE) {
        // Colour-vision palette (see FLOW_PALETTE_CVD): forward never lighter than L* 50,
        // reflux never darker than L* 80. Direction mode uses the middle of each ramp.
        const float k = mode == gpu::FLOW_COLOR_DIRECTION
                            ? 0.5f
                            : fmin_(std::abs(speed) / fmax_(push.speed_scale, 1e-6f), 1.0f);
        c = reflux ? mix3(glm::vec3(1.0f, 0.75f, 0.0f), glm::vec3(1.0f, 1.0f, 0.55f), k)
                   : mix3(glm::vec3(0.0f, 0.14f, 0.42f), glm::vec3(0.15f, 0.42f, 1.0f), k);
    } else if (mode == gpu::FLOW_COLOR_DIRECTION) {
        c = reflux ? orange : blue;
    } else if (mode == gpu::FLOW_COLOR_PRESSURE) {
        const float range = fmax_(push.pressure_hi - push.pressure_lo, 1e-6f);
        c = mix3(blue, yellow, clamp_((pressure - push.pressure_lo) / range, 0.0f, 1.0f));
    } else {
        const float k = fmin_(std::abs(speed) / fmax_(push.speed_scale, 1e-6f), 1.0f);
        c = reflux ? mix3(glm::vec3(0.6f, 0.3f, 0.0f), yellow, k)
                   : mix3(glm::vec3(0.0f, 0.2f, 0.42f), glm::vec3(0.55f, 0.92f, 1.0f), k);
    }
    return pack_rgba(c);
}

void step_flow_particles_reference(std::span<gpu::FlowParticle> particles, const FlowTables& t,
                                   const gpu::VeinState& state, const gpu::FlowPush& push) {
    step_flow_particles_range(particles, 0, t, state, push);
}

void step_flow_particles_range(std::span<gpu::FlowParticle> particles, std::uint32_t first_id,
                               const FlowTables& t, const gpu::VeinState& state,
                               const gpu::FlowPush& push, std::span<CentrelinePoint> placed) {
    const auto n = static_cast<std::uint32_t>(t.compartments.size());
    if (n == 0) return;
    std::vector<float> radius(n);
    for (std::uint32_t c = 0; c < n; ++c) radius[c] = compartment_radius(t, state, c);
    for (std::uint32_t i = 0; i < particles.size(); ++i) {
        FlowParticle& p = particles[i];
        const std::uint32_t id = first_id + i;
        std::uint32_t c = std::min(p.compartment, n - 1u);
        const gpu::FlowCompartmentGpu comp = t.compartments[c];
        const gpu::VeinCompartmentState& d0 = state.compartments[c];
        const float r2 = p.offset_x * p.offset_x + p.offset_y * p.offset_y;
        const float profile = 2.0f * (1.0f - r2);
        const float area = fmax_(comp.ref_area * d0.area_ratio, 1e-4f);
        const float tt = comp.length_cm > 0.0f ? clamp_(p.s / comp.length_cm, 0.0f, 1.0f) : 0.0f;
        const float q = d0.flow_in_ml_s + (d0.flow_out_ml_s - d0.flow_in_ml_s) * tt;
        const float v = clamp_(q / area * profile, -push.max_speed, push.max_speed);
        float s = p.s + v * push.dt;
        std::uint32_t flags = v < -gpu::FLOW_REFLUX_MIN_SPEED ? gpu::FLOW_FLAG_REFLUX : 0u;
        std::uint32_t crossings = p.crossings;
        for (std::uint32_t k = 0; k < gpu::FLOW_MAX_CROSSINGS; ++k) {
            const gpu::FlowCompartmentGpu cc = t.compartments[c];
            if (s > cc.length_cm) {
                const float excess = s - cc.length_cm;
                if (c == push.outlet) {
                    c = pick_capillary(state, n, flow_random(id, crossings, push.seed));
                    crossings++;
                    s = flow_random(id, crossings, push.seed) * t.compartments[c].length_cm;
                    crossings++;
                    flags |= gpu::FLOW_FLAG_RECYCLED;
                    break;
                }
                const float u = flow_random(id, crossings, push.seed);
                crossings++;
                const std::uint32_t l =
                    choose_link(t, state, cc.prox_begin, cc.prox_count, 1.0f, u);
                if (l == gpu::FLOW_NO_LINK || blocked(t, state, l)) {
                    s = cc.length_cm;
                    flags |= gpu::FLOW_FLAG_STOPPED;
                    break;
                }
                c = t.links[l].to;
                s = t.links[l].to_entry_s + excess;
            } else if (s < 0.0f) {
                const float excess = 0.0f - s;
                const float u = flow_random(id, crossings, push.seed);
                crossings++;
                const std::uint32_t l =
                    choose_link(t, state, cc.dist_begin, cc.dist_count, -1.0f, u);
                if (l == gpu::FLOW_NO_LINK || blocked(t, state, l)) {
                    s = 0.0f;
                    flags |= gpu::FLOW_FLAG_STOPPED;
                    break;
                }
                c = t.links[l].from;
                s = t.links[l].from_entry_s - excess;
            } else {
                break;
            }
        }
        p.s = clamp_(s, 0.0f, t.compartments[c].length_cm);
        p.compartment = c;
        p.speed = v;
        p.crossings = crossings;
        p.flags = flags;
        const CentrelinePoint at = place(p, t, radius[c]);
        if (!placed.empty()) placed[i] = at;
        p.color = flow_color(push.color_mode, v, state.compartments[c].pressure_mmHg, flags, push);
    }
}

} // namespace sh
