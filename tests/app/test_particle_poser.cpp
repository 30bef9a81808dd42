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
