// Small synthetic venous networks and flow frames for the particle tests and the benchmark
// (header-only; no simulator needed).
#pragma once

#include "vein_data.hpp"

#include <cstdint>

namespace sh::flow_scenes {

inline VeinCompartment straight(const char* label, glm::vec3 a, glm::vec3 b, float radius,
                                bool in_calf = false) {
    VeinCompartment c;
    c.label = label;
    c.centreline = {a, (a + b) * 0.5f + glm::vec3(0.1f, 0.0f, 0.0f), b};
    c.reference_radius_cm = radius;
    c.in_calf = in_calf;
    return c;
}

inline VeinLink link(std::uint32_t from, std::uint32_t to, bool valve) {
    VeinLink l;
    l.from = from;
    l.to = to;
    l.has_valve = valve;
    return l;
}

// bed(0) -> trunk(1) -> {branch_a(2), branch_b(3)} -> outlet(4); valves on links 0 and 3.
inline VeinGeometry branching_network() {
    VeinGeometry g;
    g.compartments = {straight("bed", {0, 0, 0}, {0, 0, 10}, 0.3f, true),
                      straight("trunk", {0, 0, 10}, {0, 0, 20}, 0.3f, true),
                      straight("branch_a", {0, 0, 20}, {2, 0, 30}, 0.25f, true),
                      straight("branch_b", {0, 0, 20}, {-2, 0, 30}, 0.25f, true),
                      straight("outlet", {0, 0, 30}, {0, 0, 40}, 0.35f)};
    g.links = {link(0, 1, true), link(1, 2, false), link(1, 3, false), link(2, 4, true),
               link(3, 4, false)};
    g.outlet = 4;
    return g;
}

// Forward flow through branching_network(): `q` mL/s enters the bed; branch_a takes 3/4.
inline FlowFrame branching_forward(float q) {
    FlowFrame f;
    f.compartments.resize(5);
    f.links.resize(5);
    const float qa = 0.75f * q;
    const float qb = q - qa;
    f.compartments[0] = {1.0f, q, q, 20.0f, q};
    f.compartments[1] = {1.1f, q, q, 18.0f, 0.0f};
    f.compartments[2] = {0.9f, qa, qa, 15.0f, 0.0f};
    f.compartments[3] = {1.3f, qb, qb, 15.0f, 0.0f};
    f.compartments[4] = {1.0f, q, q, 10.0f, 0.0f};
    f.links[0].flow_ml_s = q;
    f.links[1].flow_ml_s = qa;
    f.links[2].flow_ml_s = qb;
    f.links[3].flow_ml_s = qa;
    f.links[4].flow_ml_s = qb;
    f.outlet_flow_ml_s = q;
    return f;
}

// distal(0) -> proximal(1) through one valve: the reflux experiment.
inline VeinGeometry valve_pair() {
    VeinGeometry g;
    g.compartments = {straight("distal", {0, 0, 0}, {0, 0, 10}, 0.3f, true),
                      straight("proximal", {0, 0, 10}, {0, 0, 20}, 0.3f)};
    g.links = {link(0, 1, true)};
    g.outlet = 1;
    return g;
}

// Reflux of `q` mL/s (q > 0) pushing back across the valve, which is closed; `failure` is
// the valve's failure (0 competent, 1 absent).
inline FlowFrame valve_reflux(float q, float failure) {
    FlowFrame f;
    f.compartments = {{1.0f, -q, -q, 40.0f, 0.0f}, {1.0f, -q, -q, 30.0f, 0.0f}};
    f.links = {{-q, 0.0f, failure}};
    return f;
}

} // namespace sh::flow_scenes
