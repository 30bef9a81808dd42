// The host splat's particle placement (engine/particles/host_splat.hpp, ParticlePoser: each
// particle from its centreline's posed points and the pose's derivative there) against the
// soft pose of every particle on its own (SoftPose, itself held to sim::pose_point), on the
// simulator's own venous network, at the poses where the pose bends most: walking push-off,
// running's deepest knee, sitting, seated ankle pumps.
#include "anatomy/leg_skinning.hpp"
#include "flow_bridge.hpp"
#include "particles/flow_test_scenes.hpp"
#include "particles/host_splat.hpp"
#include "pose_state.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <glm/geometric.hpp>
#include <memory>
#include <string>
#include <vector>

TEST_CASE("particle poser: blood placed from posed centrelines lies where SoftPose puts it",
          "[host_splat]") {
    const sh::VeinGeometry geometry = sh::app::vein_geometry(sh::sim::default_network());
    const sh::FlowTables tables = sh::build_flow_tables(geometry);
    const auto rest = std::make_unique<sh::gpu::VeinState>(sh::flow_scenes::rest_state(geometry));
    const std::vector<sh::gpu::FlowParticle> particles =
        sh::seed_flow_particles(tables, *rest, 20000, 7);
    struct Named {
        std::string name;
        double thigh, knee, ankle, mtp;
    };
    const Named poses[] = {{"walking push-off", -10, 35, -15, 45},
                           {"running, deepest knee", 25, 105, 10, 0},
                           {"sitting", 90, 90, 0, 0},
                           {"seated ankle pump", 90, 90, 20, 0}};
    sh::ParticlePoser poser(tables);
    for (const Named& named : poses) {
        sh::sim::SkeletonPose pose;
        pose.thigh_deg = named.thigh;
        pose.knee_flexion_deg = named.knee;
        pose.ankle_dorsiflexion_deg = named.ankle;
        pose.mtp_extension_deg = named.mtp;
        sh::gpu::PoseState state{};
        sh::write_pose_state(sh::anatomy::leg_skeleton(), pose, 1.0f, state);
        const sh::SoftPose soft(state);
        poser.set_pose(soft); // one poser for every pose, as each frame reuses it
        std::vector<float> errors;
        for (const sh::gpu::FlowParticle& p : particles)
            errors.push_back(glm::length(poser(p) - soft(glm::vec3(p.position))));
        std::sort(errors.begin(), errors.end());
        const float worst = errors.back();
        const float p99 = errors[errors.size() * 99 / 100];
        INFO(named.name << ": worst " << worst << " cm, 99th percentile " << p99 << " cm");
        // A fifth of a millimetre at worst: a tenth of a pixel at 1280x720, far inside the
        // veins' 2-6 mm radii.
        CHECK(worst < 0.02f);
        CHECK(p99 < 0.005f);
    }
}

// The host splat poses each particle from the centreline point its step placed it at
// (step_flow_particles_range's `placed`) instead of searching for it again: the same position
// to the bit, after steps that cross junctions, reflux and recycle particles.
TEST_CASE("particle poser: the step's centreline points pose as the poser's own search does",
          "[host_splat]") {
    const sh::VeinGeometry geometry = sh::app::vein_geometry(sh::sim::default_network());
    const sh::FlowTables tables = sh::build_flow_tables(geometry);
    auto state = std::make_unique<sh::gpu::VeinState>(sh::flow_scenes::rest_state(geometry));
    std::vector<sh::gpu::FlowParticle> particles =
        sh::seed_flow_particles(tables, *state, 20000, 7);
    // Flow through every compartment (up the leg) and some reflux, so particles cross links.
    for (std::uint32_t c = 0; c < tables.compartments.size(); ++c) {
        state->compartments[c].flow_in_ml_s = c % 5 == 0 ? -3.0f : 6.0f;
        state->compartments[c].flow_out_ml_s = c % 5 == 0 ? -3.0f : 6.0f;
    }
    for (std::uint32_t l = 0; l < tables.links.size(); ++l) {
        state->links[l].flow_ml_s = l % 4 == 0 ? -2.0f : 4.0f;
        state->links[l].valve_opening = 1.0f;
    }
    sh::gpu::FlowPush push{};
    push.dt = 1.0f / 30.0f;
    push.particle_count = static_cast<std::uint32_t>(particles.size());
    push.compartment_count = static_cast<std::uint32_t>(tables.compartments.size());
    push.link_count = static_cast<std::uint32_t>(tables.links.size());
    push.outlet = tables.outlet;
    push.seed = 3;
    push.max_speed = 150.0f;
    std::vector<sh::CentrelinePoint> placed(particles.size());
    sh::gpu::PoseState pose_state{};
    sh::sim::SkeletonPose pose;
    pose.thigh_deg = -10;
    pose.knee_flexion_deg = 35;
    pose.ankle_dorsiflexion_deg = -15;
    sh::write_pose_state(sh::anatomy::leg_skeleton(), pose, 1.0f, pose_state);
    sh::ParticlePoser poser(tables);
    poser.set_pose(sh::SoftPose(pose_state));
    std::uint32_t moved_compartment = 0;
    for (int step = 0; step < 20; ++step) {
        const std::vector<sh::gpu::FlowParticle> before = particles;
        sh::step_flow_particles_range(particles, 0, tables, *state, push, placed);
        for (std::size_t i = 0; i < particles.size(); ++i)
            moved_compartment += particles[i].compartment != before[i].compartment ? 1u : 0u;
    }
    std::vector<glm::vec3> searched(particles.size()), given(particles.size());
    sh::pose_particles_range(particles, poser, searched);
    sh::pose_particles_range(particles, poser, given, placed);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < particles.size(); ++i) differ += searched[i] != given[i] ? 1u : 0u;
    CHECK(differ == 0);
    CHECK(moved_compartment > 1000); // junctions were crossed: `placed` is not the seeding's
}
