#include "flow_bridge.hpp"

#include <algorithm>
#include <cmath>

namespace sh::app {
namespace {
glm::vec3 to_glm(sim::Vec3 v, double s) {
    return {static_cast<float>(v.x * s), static_cast<float>(v.y * s), static_cast<float>(v.z * s)};
}
} // namespace

VeinGeometry vein_geometry(const sim::Network& net, double height_cm) {
    const double s = height_cm / net.reference_height_cm;
    VeinGeometry g;
    for (const sim::Compartment& c : net.compartments) {
        const sim::Segment& seg = net.segments[c.segment];
        VeinCompartment vc;
        vc.label = c.label;
        vc.kind = seg.system;
        for (int i = c.first_point; i <= c.last_point; ++i)
            vc.centreline.push_back(to_glm(seg.centreline[i], s));
        vc.reference_radius_cm = static_cast<float>(seg.reference_diameter_mm / 20.0 * s);
        vc.count = static_cast<std::uint32_t>(seg.count);
        vc.in_calf = seg.tissue != sim::Tissue::None;
        g.compartments.push_back(std::move(vc));
    }
    for (const sim::Link& l : net.links) {
        VeinLink vl;
        vl.from = static_cast<std::uint32_t>(l.from);
        vl.to = static_cast<std::uint32_t>(l.to);
        for (sim::Vec3 p : l.path) vl.path.push_back(to_glm(p, s));
        vl.has_valve = l.valve.has_value();
        vl.valve_position = to_glm(l.valve_position, s);
        vl.name = l.name;
        g.links.push_back(std::move(vl));
    }
    g.outlet = static_cast<std::uint32_t>(net.outlet);
    return g;
}

void fill_flow_frame(const sim::LegModel& model, FlowFrame& out) {
    const sim::Network& net = model.network();
    const int n = model.compartment_count(), m = model.link_count();
    out.time_s = model.time_s();
    out.compartments.assign(n, {});
    out.links.assign(m, {});
    for (int c = 0; c < n; ++c) {
        out.compartments[c].area_ratio = static_cast<float>(model.area_ratio(c));
        out.compartments[c].pressure_mmHg = static_cast<float>(model.pressure_mmHg(c));
        out.compartments[c].inflow_ml_s = static_cast<float>(model.compartment_inflow_ml_s(c));
        out.compartments[c].flow_in_ml_s = out.compartments[c].inflow_ml_s;
    }
    // A compartment's distal flow is what its incoming links bring; proximal what leaves.
    for (int i = 0; i < m; ++i) {
        const sim::Link& l = net.links[i];
        float q = static_cast<float>(model.flow_ml_s(i));
        out.links[i].flow_ml_s = q;
        out.links[i].valve_opening = l.valve ? static_cast<float>(model.valve_opening(i)) : 1.0f;
        out.links[i].valve_failure =
            l.valve ? static_cast<float>(model.valves().severity[static_cast<int>(*l.valve)])
                    : 0.0f;
        out.compartments[l.from].flow_out_ml_s += q;
        out.compartments[l.to].flow_in_ml_s += q;
    }
    out.outlet_flow_ml_s = static_cast<float>(model.outlet_flow_ml_s());
    out.compartments[net.outlet].flow_out_ml_s += out.outlet_flow_ml_s;
    for (int k = 0; k < sim::kMuscleCount; ++k)
        out.muscle_activation[k] = static_cast<float>(
            std::clamp(model.muscle_pressure_mmHg(static_cast<sim::Muscle>(k)) / 250.0, 0.0, 1.0));
}

} // namespace sh::app
