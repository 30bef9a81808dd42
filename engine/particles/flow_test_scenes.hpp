// Small synthetic venous networks and their VeinStates for the particle tests and the benchmark
// (header-only; no simulator needed).
#pragma once

#include "gpu_layouts.h"
#include "vein_data.hpp"
#include "vein_state.hpp"

#include <cstdint>
#include <initializer_list>
#include <stdexcept>

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

struct CompartmentValues {
    float area_ratio = 1.0f;
    float flow_in_ml_s = 0.0f;
    float flow_out_ml_s = 0.0f;
    float pressure_mmHg = 0.0f;
    float inflow_ml_s = 0.0f;
};

struct LinkValues {
    float flow_ml_s = 0.0f;
    float valve_opening = 1.0f;
    float valve_failure = 0.0f;
};

// A state of `g` with the given values (entries not given stay at rest), finished as the app's
// writer finishes it (radius scale, velocity, recycling CDF).
inline gpu::VeinState make_state(const VeinGeometry& g,
                                 std::initializer_list<CompartmentValues> compartments,
                                 std::initializer_list<LinkValues> links) {
    auto tables = build_vein_state_tables(g);
    if (!tables) throw std::runtime_error(tables.error().describe());
    gpu::VeinState s{};
    write_rest_vein_state(tables.value(), s);
    std::uint32_t c = 0;
    for (const CompartmentValues& v : compartments) {
        gpu::VeinCompartmentState& cs = s.compartments[c++];
        cs.area_ratio = v.area_ratio;
        cs.flow_in_ml_s = v.flow_in_ml_s;
        cs.flow_out_ml_s = v.flow_out_ml_s;
        cs.pressure_mmHg = v.pressure_mmHg;
        cs.inflow_ml_s = v.inflow_ml_s;
    }
    std::uint32_t l = 0;
    for (const LinkValues& v : links)
        s.links[l++] = {v.flow_ml_s, v.valve_opening, v.valve_failure, 0.0f};
    finish_vein_state(tables.value(), s);
    return s;
}

// No flow anywhere.
inline gpu::VeinState rest_state(const VeinGeometry& g) {
    return make_state(g, {}, {});
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
inline gpu::VeinState branching_forward(float q) {
    const float qa = 0.75f * q;
    const float qb = q - qa;
    gpu::VeinState s = make_state(branching_network(),
                                  {{1.0f, q, q, 20.0f, q},
                                   {1.1f, q, q, 18.0f, 0.0f},
                                   {0.9f, qa, qa, 15.0f, 0.0f},
                                   {1.3f, qb, qb, 15.0f, 0.0f},
                                   {1.0f, q, q, 10.0f, 0.0f}},
                                  {{q}, {qa}, {qb}, {qa}, {qb}});
    s.outlet_flow_ml_s = q;
    return s;
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
inline gpu::VeinState valve_reflux(float q, float failure) {
    return make_state(valve_pair(), {{1.0f, -q, -q, 40.0f, 0.0f}, {1.0f, -q, -q, 30.0f, 0.0f}},
                      {{-q, 0.0f, failure}});
}

} // namespace sh::flow_scenes
