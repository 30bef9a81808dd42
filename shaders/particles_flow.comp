#version 450
#extension GL_GOOGLE_include_directive : require
// One step of the blood particles through the venous network. The model is described in
// engine/particles/flow_particles_reference.hpp, whose .cpp is the CPU twin of this shader:
// same operations in the same order (`precise` forbids fused multiply-adds here, and the twin
// is compiled with -ffp-contract=off), so that lavapipe matches it bit for bit.
#include "gpu_layouts.h"

layout(local_size_x = PARTICLE_WORKGROUP_SIZE) in;

layout(std430, set = 0, binding = 0) buffer Particles { FlowParticle particles[]; };
layout(std430, set = 0, binding = 1) readonly buffer Points { vec4 points[]; };
layout(std430, set = 0, binding = 2) readonly buffer Compartments { FlowCompartmentGpu comps[]; };
layout(std430, set = 0, binding = 3) readonly buffer Links { FlowLinkGpu links[]; };
layout(std430, set = 0, binding = 4) readonly buffer Adjacency { uint adjacency[]; };
// The frame's simulator state (gpu_layouts.h; uploaded once per frame, read by the scene too).
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };

layout(push_constant) uniform PushBlock { FlowPush pc; };

uint flow_hash(uint x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

float flow_random(uint id, uint counter, uint seed) {
    uint h = flow_hash(id ^ flow_hash(counter ^ flow_hash(seed)));
    return float(h >> 8) * (1.0 / 16777216.0);
}

// Link among adjacency[begin, begin+count) with sign*flow > 0, in proportion to that flow.
uint choose_link(uint begin, uint count, float sign, float u) {
    precise float total = 0.0;
    for (uint i = 0u; i < count; ++i) {
        float q = state.links[adjacency[begin + i]].flow_ml_s * sign;
        if (q > 0.0) total = total + q;
    }
    if (!(total > 0.0)) return FLOW_NO_LINK;
    precise float target = u * total;
    precise float acc = 0.0;
    uint chosen = FLOW_NO_LINK;
    for (uint i = 0u; i < count; ++i) {
        uint l = adjacency[begin + i];
        float q = state.links[l].flow_ml_s * sign;
        if (q > 0.0) {
            acc = acc + q;
            chosen = l;
            if (target < acc) break;
        }
    }
    return chosen;
}

bool blocked(uint l) {
    return links[l].has_valve != 0u && state.links[l].valve_opening < 0.05 &&
           state.links[l].valve_failure < 0.5;
}

uint pick_capillary(float u) {
    for (uint c = 0u; c < pc.compartment_count; ++c)
        if (u < state.compartments[c].inflow_cdf) return c;
    return pc.compartment_count - 1u;
}

vec3 cross3(vec3 a, vec3 b) {
    precise vec3 r = vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
    return r;
}

float dot3(vec3 a, vec3 b) {
    precise float r = a.x * b.x + a.y * b.y + a.z * b.z;
    return r;
}

vec3 mix3(vec3 a, vec3 b, float k) {
    precise vec3 r = a + (b - a) * k;
    return r;
}

uint pack_rgba(vec3 c) {
    uvec3 b = uvec3(clamp(c, 0.0, 1.0) * 255.0 + 0.5);
    return b.x | (b.y << 8) | (b.z << 16) | (255u << 24);
}

// Okabe-Ito pair (see flow_color in the reference): blue family forward, orange/yellow reflux,
// grey for particles held at a valve.
uint flow_color(uint mode, float speed, float pressure, uint flags) {
    const vec3 grey = vec3(0.6, 0.6, 0.6);
    const vec3 blue = vec3(0.0, 0.447, 0.698);
    const vec3 orange = vec3(0.902, 0.624, 0.0);
    const vec3 yellow = vec3(0.941, 0.894, 0.259);
    bool reflux = (flags & FLOW_FLAG_REFLUX) != 0u;
    bool stopped = (flags & FLOW_FLAG_STOPPED) != 0u;
    vec3 c;
    if (stopped) {
        c = grey;
    } else if (pc.palette == FLOW_PALETTE_CVD && mode != FLOW_COLOR_PRESSURE) {
        // Colour-vision palette (see FLOW_PALETTE_CVD): forward never lighter than L* 50,
        // reflux never darker than L* 80.
        float k = mode == FLOW_COLOR_DIRECTION ? 0.5
                                               : min(abs(speed) / max(pc.speed_scale, 1e-6), 1.0);
        c = reflux ? mix3(vec3(1.0, 0.75, 0.0), vec3(1.0, 1.0, 0.55), k)
                   : mix3(vec3(0.0, 0.14, 0.42), vec3(0.15, 0.42, 1.0), k);
    } else if (mode == FLOW_COLOR_DIRECTION) {
        c = reflux ? orange : blue;
    } else if (mode == FLOW_COLOR_PRESSURE) {
        float range = max(pc.pressure_hi - pc.pressure_lo, 1e-6);
        c = mix3(blue, yellow, clamp((pressure - pc.pressure_lo) / range, 0.0, 1.0));
    } else {
        float k = min(abs(speed) / max(pc.speed_scale, 1e-6), 1.0);
        c = reflux ? mix3(vec3(0.6, 0.3, 0.0), yellow, k)
                   : mix3(vec3(0.0, 0.2, 0.42), vec3(0.55, 0.92, 1.0), k);
    }
    return pack_rgba(c);
}

vec3 place(uint c, float s, float ox, float oy) {
    FlowCompartmentGpu comp = comps[c];
    uint first = comp.point_begin;
    uint seg = 0u;
    while (seg + 2u < comp.point_count && points[first + seg + 1u].w <= s) seg++;
    vec4 a = points[first + seg];
    vec4 b = points[first + seg + 1u];
    precise float len = b.w - a.w;
    precise float tt = len > 0.0 ? (s - a.w) / len : 0.0;
    precise vec3 d = b.xyz - a.xyz;
    precise vec3 centre = a.xyz + d * tt;
    precise float dl2 = dot3(d, d);
    precise vec3 tangent = dl2 > 0.0 ? d / sqrt(dl2) : vec3(0.0, 0.0, 1.0);
    vec3 helper = abs(tangent.z) < 0.9 ? vec3(0.0, 0.0, 1.0) : vec3(1.0, 0.0, 0.0);
    precise vec3 n1 = cross3(tangent, helper);
    n1 = n1 / sqrt(dot3(n1, n1));
    precise vec3 n2 = cross3(tangent, n1);
    precise float radius = comp.ref_radius * sqrt(max(state.compartments[c].area_ratio, 0.0));
    precise vec3 pos = centre + (n1 * ox + n2 * oy) * radius;
    return pos;
}

void main() {
    uint id = gl_GlobalInvocationID.x;
    if (id >= pc.particle_count || pc.compartment_count == 0u) return;
    FlowParticle p = particles[id];

    uint c = min(p.compartment, pc.compartment_count - 1u);
    FlowCompartmentGpu comp = comps[c];
    VeinCompartmentState d0 = state.compartments[c];
    precise float r2 = p.offset_x * p.offset_x + p.offset_y * p.offset_y;
    precise float profile = 2.0 * (1.0 - r2);
    precise float area = max(comp.ref_area * d0.area_ratio, 1e-4);
    precise float tt = comp.length_cm > 0.0 ? clamp(p.s / comp.length_cm, 0.0, 1.0) : 0.0;
    precise float q = d0.flow_in_ml_s + (d0.flow_out_ml_s - d0.flow_in_ml_s) * tt;
    precise float v = clamp(q / area * profile, -pc.max_speed, pc.max_speed);
    precise float s = p.s + v * pc.dt;
    uint flags = v < -FLOW_REFLUX_MIN_SPEED ? FLOW_FLAG_REFLUX : 0u;
    uint crossings = p.crossings;

    // The test for leaving the compartment is the loop's condition, not a branch inside it:
    // CPU devices (lavapipe) run every branch of a group of 8 particles masked, whether a lane
    // takes it or not, but leave a loop as soon as no lane needs another turn. Most groups
    // have no particle at a compartment's end in a frame and so skip the whole junction logic
    // (hashes, link choice, recycling): the step measured about a third of its former time.
    // Same result as testing inside the loop (the CPU twin does that).
    for (uint k = 0u; k < FLOW_MAX_CROSSINGS && (s > comps[c].length_cm || s < 0.0); ++k) {
        FlowCompartmentGpu cc = comps[c];
        if (s > cc.length_cm) {
            precise float excess = s - cc.length_cm;
            if (c == pc.outlet) {
                c = pick_capillary(flow_random(id, crossings, pc.seed));
                crossings++;
                s = flow_random(id, crossings, pc.seed) * comps[c].length_cm;
                crossings++;
                flags |= FLOW_FLAG_RECYCLED;
                break;
            }
            float u = flow_random(id, crossings, pc.seed);
            crossings++;
            uint l = choose_link(cc.prox_begin, cc.prox_count, 1.0, u);
            if (l == FLOW_NO_LINK || blocked(l)) {
                s = cc.length_cm;
                flags |= FLOW_FLAG_STOPPED;
                break;
            }
            c = links[l].to;
            s = links[l].to_entry_s + excess;
        } else {
            precise float excess = 0.0 - s;
            float u = flow_random(id, crossings, pc.seed);
            crossings++;
            uint l = choose_link(cc.dist_begin, cc.dist_count, -1.0, u);
            if (l == FLOW_NO_LINK || blocked(l)) {
                s = 0.0;
                flags |= FLOW_FLAG_STOPPED;
                break;
            }
            c = links[l].from;
            s = links[l].from_entry_s - excess;
        }
    }
    s = clamp(s, 0.0, comps[c].length_cm);

    p.s = s;
    p.compartment = c;
    p.speed = v;
    p.crossings = crossings;
    p.flags = flags;
    p.position = vec4(place(c, s, p.offset_x, p.offset_y), 1.0);
    p.color = flow_color(pc.color_mode, v, state.compartments[c].pressure_mmHg, flags);
    particles[id] = p;
}
