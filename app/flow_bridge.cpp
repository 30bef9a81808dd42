#include "flow_bridge.hpp"

#include "pose_state.hpp"

#include <algorithm>
#include <cmath>
#include <string>

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

Result<VeinStateWriter> VeinStateWriter::create(const sim::Network& net,
                                                const VeinGeometry& geometry) {
    if (geometry.compartments.size() != net.compartments.size() ||
        geometry.links.size() != net.links.size())
        return Error{"vein state: the geometry does not match the network (" +
                         std::to_string(geometry.compartments.size()) + " compartments, " +
                         std::to_string(net.compartments.size()) + " in the network)",
                     {},
                     ErrorCode::InvalidInput};
    auto tables = build_vein_state_tables(geometry);
    if (!tables) return tables.error();
    VeinStateWriter w;
    w.tables_ = tables.take();
    for (const sim::Link& l : net.links)
        w.valve_group_.push_back(l.valve ? static_cast<std::int8_t>(*l.valve) : std::int8_t{-1});
    w.valve_failure_.assign(net.links.size(), 0.0f);
    w.outlet_ = static_cast<std::uint32_t>(std::max(net.outlet, 0));
    return w;
}

void VeinStateWriter::refresh_valve_failure(const sim::ValveSettings& valves) {
    if (failure_known_ && valves.severity == severity_) return;
    severity_ = valves.severity;
    failure_known_ = true;
    for (std::size_t i = 0; i < valve_group_.size(); ++i)
        valve_failure_[i] =
            valve_group_[i] < 0 ? 0.0f : static_cast<float>(severity_[valve_group_[i]]);
}

void VeinStateWriter::fill(const sim::LegModel& model, gpu::VeinState& out) {
    const auto n = static_cast<std::uint32_t>(
        std::min<int>(model.compartment_count(), static_cast<int>(tables_.compartment_count)));
    const auto m = static_cast<std::uint32_t>(
        std::min<int>(model.link_count(), static_cast<int>(tables_.link_count)));
    refresh_valve_failure(model.valves());
    const sim::Network& net = model.network();
    out.time_s = static_cast<float>(model.time_s());
    out.compartment_count = n;
    out.link_count = m;
    for (std::uint32_t c = 0; c < n; ++c) {
        gpu::VeinCompartmentState& cs = out.compartments[c];
        cs.area_ratio = static_cast<float>(model.area_ratio(static_cast<int>(c)));
        cs.pressure_mmHg = static_cast<float>(model.pressure_mmHg(static_cast<int>(c)));
        cs.inflow_ml_s = static_cast<float>(model.compartment_inflow_ml_s(static_cast<int>(c)));
        cs.flow_in_ml_s = cs.inflow_ml_s;
        cs.flow_out_ml_s = 0.0f;
    }
    // A compartment's distal flow is what its incoming links bring; proximal what leaves.
    for (std::uint32_t i = 0; i < m; ++i) {
        const sim::Link& l = net.links[i];
        const float q = static_cast<float>(model.flow_ml_s(static_cast<int>(i)));
        gpu::VeinLinkState& ls = out.links[i];
        ls.flow_ml_s = q;
        ls.valve_opening =
            l.valve ? static_cast<float>(model.valve_opening(static_cast<int>(i))) : 1.0f;
        ls.valve_failure = valve_failure_[i];
        ls.velocity_cm_s = static_cast<float>(model.velocity_cm_s(static_cast<int>(i)));
        if (static_cast<std::uint32_t>(l.from) < n) out.compartments[l.from].flow_out_ml_s += q;
        if (static_cast<std::uint32_t>(l.to) < n) out.compartments[l.to].flow_in_ml_s += q;
    }
    out.outlet_flow_ml_s = static_cast<float>(model.outlet_flow_ml_s());
    if (outlet_ < n) out.compartments[outlet_].flow_out_ml_s += out.outlet_flow_ml_s;
    float activation[sim::kMuscleCount];
    for (int k = 0; k < sim::kMuscleCount; ++k)
        activation[k] = static_cast<float>(
            std::clamp(model.muscle_pressure_mmHg(static_cast<sim::Muscle>(k)) / 250.0, 0.0, 1.0));
    static_assert(sim::kMuscleCount == 4, "VeinState::muscle_activation has 4 slots");
    out.muscle_activation = {activation[0], activation[1], activation[2], activation[3]};
    const sim::MuscleDrive& drive = model.drive();
    out.cycle = {static_cast<float>(drive.phase), static_cast<float>(drive.cycle_s),
                 static_cast<float>(drive.exercise_level), 0.0f};
    fill_pose_state(model, skin_swelling_cm_, out.pose);
    finish_vein_state(tables_, out);
}

int stocking_class(double mmHg) {
    if (mmHg >= 49.0) return 4;
    if (mmHg >= 34.0) return 3;
    if (mmHg >= 23.0) return 2;
    if (mmHg >= 18.0) return 1;
    return 0;
}

double stocking_top_cm(const sim::Skeleton& sk, double scale, sim::StockingLength length) {
    return length == sim::StockingLength::Thigh ? sk.hip.z - 6.0 * scale : sk.knee.z - 3.0 * scale;
}

void fill_pose_state(const sim::LegModel& model, const glm::vec3& swelling, gpu::PoseState& out) {
    const sim::PosedLeg leg = model.posed_leg();
    write_pose_state(leg.skeleton(), leg.pose(), static_cast<float>(leg.scale()), out);
    out.skin_swelling_cm = glm::vec4(swelling, 0.0f);
    const sim::Interventions& iv = model.interventions();
    out.stocking = glm::vec4(0.0f);
    if (iv.stocking_ankle_mmHg > 0.0)
        out.stocking = {
            static_cast<float>(stocking_top_cm(leg.skeleton(), leg.scale(), iv.stocking_length)),
            static_cast<float>(iv.stocking_ankle_mmHg),
            static_cast<float>(stocking_class(iv.stocking_ankle_mmHg)), 0.0f};
}

} // namespace sh::app
