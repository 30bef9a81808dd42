#include "anatomy/muscle_deform.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <glm/geometric.hpp>

using namespace sh::anatomy;
using namespace sh::anatomy::test;

TEST_CASE("muscle contraction shortens the belly at constant volume", "[anatomy][muscle]") {
    const LoadedLeg& leg = default_leg_from_files();
    int rigs = 0;
    for (std::size_t i = 0; i < leg.meshes.size(); ++i) {
        if (!leg.deform[i]) continue;
        ++rigs;
        const Mesh& m = leg.meshes[i];
        INFO(m.role);
        const MuscleRig rig =
            make_muscle_rig(m, leg.deform[i]->spine, leg.deform[i]->max_shortening);
        REQUIRE(rig.vertex.size() == m.positions.size());
        const double v0 = mesh_volume(m);
        const float l0 = muscle_length(m.positions, rig);
        // At rest the rig reproduces the mesh.
        const auto rest = deform_muscle(m, rig, 0.0f);
        float err = 0.0f;
        for (std::size_t k = 0; k < rest.size(); ++k)
            err = std::max(err, glm::length(rest[k] - m.positions[k]));
        CHECK(err < 1e-4f);
        float prev_len = l0;
        for (float a : {0.25f, 0.5f, 0.75f, 1.0f}) {
            INFO("activation " << a);
            const MuscleDeformation d = solve_muscle_deformation(m, rig, a);
            const auto p = apply_muscle_deformation(rig, d);
            const double v = mesh_volume(p, m.indices);
            CHECK(std::abs(v / v0 - 1.0) < 0.05);
            CHECK(std::abs(v / v0 - 1.0) < 0.005); // in fact much tighter
            const float len = muscle_length(p, rig);
            CHECK(len < prev_len);
            prev_len = len;
            CHECK(d.bulge > 0.0f);
        }
        CHECK(prev_len <= 0.92f * l0);
    }
    CHECK(rigs == 3);
}

TEST_CASE("mesh_volume of a closed box and its mirror", "[anatomy][muscle]") {
    Mesh box;
    box.positions = {{0, 0, 0}, {2, 0, 0}, {2, 3, 0}, {0, 3, 0},
                     {0, 0, 4}, {2, 0, 4}, {2, 3, 4}, {0, 3, 4}};
    box.indices = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4,
                   1, 2, 6, 1, 6, 5, 2, 3, 7, 2, 7, 6, 3, 0, 4, 3, 4, 7};
    CHECK(mesh_volume(box) == Approx(24.0));
    CHECK(check_topology(box).closed_and_consistent());
    for (std::size_t t = 0; t < box.indices.size(); t += 3)
        std::swap(box.indices[t + 1], box.indices[t + 2]);
    CHECK(mesh_volume(box) == Approx(-24.0));
}
