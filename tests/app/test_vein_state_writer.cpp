// The simulator-to-renderer bridge (app/flow_bridge) on the CPU: the frame's gpu::VeinState
// written from sim::LegModel's readouts, and the vein geometry of the simulator's network as the
// scene builds tubes and valves from it.
#include "flow_bridge.hpp"
#include "scene/vein_mesh.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <glm/geometric.hpp>
#include <memory>

using namespace sh;

namespace {

// A walking model a few strides in, so that flows, valves and muscles are all busy.
sim::LegModel walking_model() {
    sim::LegModel model(sim::default_network());
    model.set_activity({sim::Activity::Walking, 4.0});
    model.advance(3.3);
    return model;
}

} // namespace

TEST_CASE("vein state writer: every field comes from the model's readouts", "[bridge]") {
    const sim::Network& net = sim::default_network();
    const VeinGeometry g = app::vein_geometry(net);
    auto writer = app::VeinStateWriter::create(net, g);
    REQUIRE(writer);
    const sim::LegModel model = walking_model();
    const auto state = std::make_unique<gpu::VeinState>();
    writer.value().fill(model, *state);

    const int n = model.compartment_count(), m = model.link_count();
    REQUIRE(state->compartment_count == static_cast<std::uint32_t>(n));
    REQUIRE(state->link_count == static_cast<std::uint32_t>(m));
    CHECK(state->time_s == Approx(model.time_s()));
    // Flow conservation at every compartment, from the links alone (independent of the
    // writer's sums): distal in = inflow + links arriving, proximal out = links leaving (+ the
    // outlet at the groin).
    std::vector<double> in(n), out(n);
    for (int c = 0; c < n; ++c) in[c] = model.compartment_inflow_ml_s(c);
    for (int l = 0; l < m; ++l) {
        out[net.links[l].from] += model.flow_ml_s(l);
        in[net.links[l].to] += model.flow_ml_s(l);
    }
    out[net.outlet] += model.outlet_flow_ml_s();
    double total_inflow = 0;
    for (int c = 0; c < n; ++c) total_inflow += std::max(0.0, model.compartment_inflow_ml_s(c));
    double cdf = 0;
    for (int c = 0; c < n; ++c) {
        INFO(net.compartments[c].label);
        const gpu::VeinCompartmentState& s = state->compartments[c];
        CHECK(s.area_ratio == Approx(model.area_ratio(c)).epsilon(1e-6));
        CHECK(s.pressure_mmHg == Approx(model.pressure_mmHg(c)).epsilon(1e-6));
        CHECK(s.flow_in_ml_s == Approx(in[c]).margin(1e-5));
        CHECK(s.flow_out_ml_s == Approx(out[c]).margin(1e-5));
        CHECK(s.radius_scale == Approx(std::sqrt(std::clamp(model.area_ratio(c), 0.0025, 9.0))));
        cdf += std::max(0.0, model.compartment_inflow_ml_s(c));
        CHECK(s.inflow_cdf == Approx(cdf / total_inflow).margin(1e-6));
    }
    for (int l = 0; l < m; ++l) {
        INFO(net.links[l].name);
        const gpu::VeinLinkState& s = state->links[l];
        CHECK(s.flow_ml_s == Approx(model.flow_ml_s(l)).margin(1e-6));
        CHECK(s.velocity_cm_s == Approx(model.velocity_cm_s(l)).epsilon(1e-5).margin(1e-4));
        if (net.links[l].valve) {
            CHECK(s.valve_opening == Approx(model.valve_opening(l)).margin(1e-6));
            CHECK(s.valve_failure ==
                  Approx(model.valves().severity[static_cast<int>(*net.links[l].valve)]));
        } else {
            CHECK(s.valve_opening == 1.0f);
            CHECK(s.valve_failure == 0.0f);
        }
    }
    const sim::MuscleDrive& drive = model.drive();
    CHECK(state->cycle.x == Approx(drive.phase));
    CHECK(state->cycle.y == Approx(drive.cycle_s));
    CHECK(state->cycle.y > 0.5f); // a stride at 4 km/h lasts about a second
    CHECK(state->muscle_activation.x ==
          Approx(std::clamp(model.muscle_pressure_mmHg(sim::Muscle::Soleus) / 250.0, 0.0, 1.0)));
}

TEST_CASE("vein state writer: valve failure follows the settings when they change", "[bridge]") {
    const sim::Network& net = sim::default_network();
    auto writer = app::VeinStateWriter::create(net, app::vein_geometry(net));
    REQUIRE(writer);
    sim::LegModel model = walking_model();
    const auto state = std::make_unique<gpu::VeinState>();
    writer.value().fill(model, *state);
    int valved = -1;
    for (int l = 0; l < model.link_count() && valved < 0; ++l)
        if (net.links[l].valve) valved = l;
    REQUIRE(valved >= 0);
    CHECK(state->links[valved].valve_failure == 0.0f); // the default leg is healthy
    sim::ValveSettings failed = model.valves();
    failed.severity[static_cast<int>(*net.links[valved].valve)] = 0.8;
    model.set_valves(failed);
    writer.value().fill(model, *state);
    CHECK(state->links[valved].valve_failure == Approx(0.8f));
}

TEST_CASE("vein state writer: a geometry of another network is refused", "[bridge]") {
    const sim::Network& net = sim::default_network();
    VeinGeometry g = app::vein_geometry(net);
    g.links.pop_back();
    const auto writer = app::VeinStateWriter::create(net, g);
    REQUIRE_FALSE(writer);
    CHECK(writer.error().code == ErrorCode::InvalidInput);
}

TEST_CASE("scene veins: the default network gives closed tubes and one valve per valved vein",
          "[scene][veins]") {
    const VeinGeometry g = app::vein_geometry(sim::default_network());
    const scene::VeinMesh mesh = scene::build_vein_mesh(g);
    std::uint32_t expected_tubes = 0;
    for (const auto& c : g.compartments) expected_tubes += c.count;
    CHECK(mesh.tube_count >= expected_tubes);
    const anatomy::Mesh m = scene::vein_mesh_to_mesh(mesh);
    CHECK(anatomy::check_topology(m).closed_and_consistent());
    for (const auto& v : mesh.vertices) {
        const auto c = static_cast<std::size_t>(v.centre.w);
        REQUIRE(c < g.compartments.size());
    }
    std::size_t expected_valves = 0;
    for (const auto& l : g.links)
        if (l.has_valve) expected_valves += g.compartments[l.to].count;
    const auto valves = scene::build_valves(g);
    CHECK(valves.size() == expected_valves);
    CHECK(expected_valves > 0);
    for (const auto& v : valves) {
        CHECK(glm::length(glm::vec3(v.axis)) == Approx(1.0f));
        CHECK(std::abs(glm::dot(glm::vec3(v.axis), glm::vec3(v.side))) < 1e-4f);
        CHECK(v.side.w > 0.0f);
    }
}
