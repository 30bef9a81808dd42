#include "anatomy/default_leg.hpp"
#include "anatomy/landmarks.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <glm/geometric.hpp>
#include <nlohmann/json.hpp>
#include <tuple>

using namespace sh::anatomy;
using namespace sh::anatomy::test;

namespace {

float min_y_near_z(const Mesh& m, float z, float dz) {
    float best = 1e9f;
    for (const auto& p : m.positions) {
        if (std::abs(p.z - z) < dz) best = std::min(best, p.y);
    }
    return best;
}

glm::vec3 centroid(const Mesh& m) {
    glm::dvec3 c(0.0);
    for (const auto& p : m.positions) c += glm::dvec3(p);
    return glm::vec3(c / static_cast<double>(m.positions.size()));
}

} // namespace

TEST_CASE("every default mesh loads through assimp from the manifest without fallback",
          "[anatomy][files]") {
    const LoadedLeg& leg = default_leg_from_files();
    for (const auto& m : leg.messages) UNSCOPED_INFO(m);
    CHECK(leg.messages.empty());
    REQUIRE(leg.meshes.size() == default_roles().size());
    std::size_t total = 0;
    for (const auto& m : leg.meshes) {
        INFO(m.role);
        CHECK(m.triangle_count() >= 1000);
        CHECK(m.triangle_count() <= 25000);
        total += m.triangle_count();
    }
    CHECK(total < 150000);
}

TEST_CASE("every default mesh is closed, consistently wound and encloses a positive volume",
          "[anatomy][files]") {
    for (const auto& m : default_leg_from_files().meshes) {
        INFO(m.role);
        const TopologyReport t = check_topology(m);
        CHECK(t.boundary_edges == 0);
        CHECK(t.nonmanifold_edges == 0);
        CHECK(t.misoriented_edges == 0);
        CHECK(t.degenerate_triangles == 0);
        CHECK(mesh_volume(m) > 0.0);
    }
}

TEST_CASE("the glTF files round-trip the generated leg exactly", "[anatomy][files]") {
    const auto generated = build_default_leg();
    const LoadedLeg& leg = default_leg_from_files();
    for (const auto& g : generated) {
        INFO(g.mesh.role);
        const Mesh& m = mesh_of(leg, g.mesh.role);
        REQUIRE(m.positions.size() == g.mesh.positions.size());
        CHECK(m.triangle_count() == g.mesh.triangle_count());
        auto key = [](const glm::vec3& p) { return std::make_tuple(p.x, p.y, p.z); };
        std::vector<std::tuple<float, float, float>> a, b;
        for (const auto& p : m.positions) a.push_back(key(p));
        for (const auto& p : g.mesh.positions) b.push_back(key(p));
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b);
        CHECK(mesh_volume(m) == Approx(mesh_volume(g.mesh)).epsilon(1e-9));
    }
}

TEST_CASE("bones have plausible adult dimensions and relations", "[anatomy][shape]") {
    const LoadedLeg& leg = default_leg_from_files();
    const Mesh& tibia = mesh_of(leg, "tibia");
    const Mesh& fibula = mesh_of(leg, "fibula");
    const Mesh& femur = mesh_of(leg, "femur");
    const Mesh& patella = mesh_of(leg, "patella");
    const Mesh& foot = mesh_of(leg, "foot_bones");
    // Tibia: plateau to medial malleolus tip; articular length plateau to plafond.
    const float tibia_total = tibia.bounds.extent().z;
    CHECK(tibia_total > 36.0f);
    CHECK(tibia_total < 42.0f);
    const float plafond = landmark("tibial_plafond").z;
    CHECK(tibia.bounds.max.z - plafond > 34.0f);
    CHECK(tibia.bounds.max.z - plafond < 40.0f);
    CHECK(std::abs(tibia.bounds.max.z - landmark("knee_joint").z) < 1.0f);
    // Malleoli: the lateral (fibula) reaches lower than the medial (tibia); both at the landmarks.
    CHECK(fibula.bounds.min.z < tibia.bounds.min.z - 0.5f);
    const auto extent_below = [](const Mesh& m, float z) {
        Bounds b;
        std::vector<glm::vec3> low;
        for (const auto& p : m.positions)
            if (p.z < z) low.push_back(p);
        return compute_bounds(low);
    };
    CHECK(extent_below(tibia, 9.0f).min.x == Approx(landmark("medial_malleolus").x).margin(0.3));
    CHECK(extent_below(fibula, 9.0f).max.x == Approx(landmark("lateral_malleolus").x).margin(0.3));
    // Fibula lateral and slender; tibial plateau ~7.5 cm wide.
    CHECK(centroid(fibula).x > centroid(tibia).x + 3.0f);
    CHECK(tibia.bounds.extent().x > 7.0f);
    CHECK(tibia.bounds.extent().x < 8.5f);
    CHECK(mesh_volume(fibula) < 0.35 * mesh_volume(tibia));
    // Femur: condyles on the joint line, bicondylar width ~8.5 cm.
    CHECK(std::abs(femur.bounds.min.z - landmark("knee_joint").z) < 0.6f);
    CHECK(femur.bounds.extent().x > 7.8f);
    CHECK(femur.bounds.extent().x < 9.2f);
    // Patella in front of the knee, above the joint line.
    CHECK(patella.bounds.min.y > femur.bounds.centre().y);
    CHECK(patella.bounds.min.z > landmark("knee_joint").z);
    // Foot skeleton from the calcaneus to the toes, under the ankle.
    CHECK(foot.bounds.extent().y > 22.0f);
    CHECK(foot.bounds.extent().y < 25.0f);
    CHECK(foot.bounds.max.z < tibia.bounds.min.z + 4.0f);
}

TEST_CASE("calf muscles lie behind the tibia, the medial head longer and lower",
          "[anatomy][shape]") {
    const LoadedLeg& leg = default_leg_from_files();
    const Mesh& tibia = mesh_of(leg, "tibia");
    const Mesh& soleus = mesh_of(leg, "soleus");
    const Mesh& gm = mesh_of(leg, "gastrocnemius_medial");
    const Mesh& gl = mesh_of(leg, "gastrocnemius_lateral");
    const Mesh& ach = mesh_of(leg, "achilles_tendon");
    for (const Mesh* m : {&soleus, &gm, &gl}) {
        INFO(m->role);
        const glm::vec3 c = centroid(*m);
        CHECK(c.y < min_y_near_z(tibia, c.z, 1.0f) - 2.0f);
    }
    // The gastrocnemius lies behind (superficial to) the soleus.
    const auto mean_y_near = [](const Mesh& m, float z) {
        double s = 0;
        int n = 0;
        for (const auto& p : m.positions)
            if (std::abs(p.z - z) < 1.5f) {
                s += p.y;
                ++n;
            }
        return n ? s / n : 0.0;
    };
    for (float z : {30.0f, 34.0f, 38.0f}) {
        INFO("z = " << z);
        CHECK(mean_y_near(gm, z) < mean_y_near(soleus, z) - 1.0);
        CHECK(mean_y_near(gl, z) < mean_y_near(soleus, z) - 1.0);
    }
    // Soleus: broad, widest mid-calf.
    CHECK(soleus.bounds.extent().x > 7.5f);
    CHECK(soleus.bounds.extent().x > 2.0f * soleus.bounds.extent().y);
    CHECK(gm.bounds.min.z < gl.bounds.min.z - 2.0f);
    CHECK(gm.bounds.extent().z > gl.bounds.extent().z);
    CHECK(centroid(gm).x < 0.0f);
    CHECK(centroid(gl).x > 0.0f);
    // Both heads arise from the femoral condyles (above the joint line).
    CHECK(gm.bounds.max.z > landmark("knee_joint").z + 2.0f);
    CHECK(gl.bounds.max.z > landmark("knee_joint").z + 2.0f);
    // The Achilles tendon runs from under the bellies to the calcaneus.
    CHECK(ach.bounds.min.z < 3.0f);
    CHECK(ach.bounds.max.z > soleus.bounds.min.z + 8.0f);
}

TEST_CASE("the skin encloses every other structure", "[anatomy][shape]") {
    const LoadedLeg& leg = default_leg_from_files();
    const Mesh& skin = mesh_of(leg, "skin");
    CHECK(skin.bounds.min.z == Approx(0.0).margin(0.5));
    std::vector<glm::vec3> heel;
    for (const auto& p : skin.positions)
        if (p.z < 6.0f) heel.push_back(p);
    CHECK(compute_bounds(heel).min.y == Approx(landmark("heel").y).margin(0.8));
    CHECK(skin.bounds.max.y == Approx(landmark("toe_tip").y).margin(0.8));
    for (const auto& m : leg.meshes) {
        if (m.role == "skin") continue;
        INFO(m.role);
        CHECK(skin.bounds.contains(m.bounds));
        std::size_t outside = 0, tested = 0;
        for (std::size_t i = 0; i < m.positions.size(); i += 17) {
            ++tested;
            if (!point_inside(skin, m.positions[i])) ++outside;
        }
        CHECK(outside == 0);
        CHECK(tested > 50);
    }
}

TEST_CASE("the veins of venous_network.json lie where they belong", "[anatomy][veins]") {
    std::ifstream f(asset_dir() / "venous_network.json");
    REQUIRE(f.good());
    const auto net = nlohmann::json::parse(f);
    const LoadedLeg& leg = default_leg_from_files();
    const Mesh& skin = mesh_of(leg, "skin");
    const Mesh& tibia = mesh_of(leg, "tibia");
    const Mesh& soleus = mesh_of(leg, "soleus");
    std::vector<const Mesh*> bones{&tibia, &mesh_of(leg, "fibula"), &mesh_of(leg, "femur"),
                                   &mesh_of(leg, "patella"), &mesh_of(leg, "foot_bones")};
    for (const auto& seg : net["segments"]) {
        const std::string name = seg["name"];
        const std::string system = seg["system"];
        int k = 0;
        for (const auto& pt : seg["centreline"]) {
            const glm::vec3 p(pt[0].get<float>(), pt[1].get<float>(), pt[2].get<float>());
            INFO(name << " point " << k << " (" << p.x << ", " << p.y << ", " << p.z << ")");
            ++k;
            if (p.z > skin.bounds.max.z - 1.0f) continue; // above the modelled part of the thigh
            CHECK(point_inside(skin, p));
            for (const Mesh* b : bones) {
                INFO(b->role);
                CHECK_FALSE(point_inside(*b, p));
            }
            if (system == "superficial") {
                CHECK(distance_to_surface(skin, p) < (name == "small_saphenous" ? 2.5f : 1.2f));
            } else {
                CHECK(distance_to_surface(skin, p) > 0.4f);
            }
            if (name == "posterior_tibial" && p.z > 10.0f)
                CHECK(p.y < min_y_near_z(tibia, p.z, 1.0f));
            if (name == "soleal_sinuses") CHECK(point_inside(soleus, p));
            if (name == "popliteal" && p.z < 50.0f) CHECK(p.y < -3.0f);
        }
    }
    // The default landmarks equal the network's.
    for (const auto& [name, v] : net["landmarks"].items()) {
        bool found = false;
        const glm::vec3 l = landmark(name, &found);
        INFO(name);
        CHECK(found);
        CHECK(l.x == Approx(v[0].get<float>()));
        CHECK(l.y == Approx(v[1].get<float>()));
        CHECK(l.z == Approx(v[2].get<float>()));
    }
}

TEST_CASE("the CPU-device level of detail keeps every structure's shape with a quarter of the "
          "triangles",
          "[anatomy][lod]") {
    const auto full = build_default_leg(1.0);
    const auto half = build_default_leg(0.5);
    REQUIRE(full.size() == half.size());
    std::size_t full_total = 0, half_total = 0;
    for (std::size_t i = 0; i < full.size(); ++i) {
        const Mesh& f = full[i].mesh;
        const Mesh& h = half[i].mesh;
        INFO(h.role);
        REQUIRE(f.role == h.role);
        full_total += f.triangle_count();
        half_total += h.triangle_count();
        // Still a closed, outward surface...
        const TopologyReport t = check_topology(h);
        CHECK(t.boundary_edges == 0);
        CHECK(t.nonmanifold_edges == 0);
        CHECK(t.misoriented_edges == 0);
        CHECK(t.degenerate_triangles == 0);
        // ...of nearly the same size and volume (a coarser polygon inscribed in the same
        // surface loses a little volume, never gains much).
        const Bounds bf = compute_bounds(f.positions), bh = compute_bounds(h.positions);
        CHECK(glm::length(bf.extent() - bh.extent()) < 0.05f * glm::length(bf.extent()));
        const double vf = mesh_volume(f), vh = mesh_volume(h);
        CHECK(vh > 0.92 * vf);
        CHECK(vh < 1.02 * vf);
        // Muscle spines (the contraction rig) do not depend on the detail.
        CHECK(full[i].spine == half[i].spine);
    }
    CHECK(half_total < full_total / 3);
}
