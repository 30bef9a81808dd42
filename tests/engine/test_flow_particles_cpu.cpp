// The blood-particle CPU reference (engine/particles/flow_particles_reference) and the frame's
// VeinState it reads (engine/vein_state): tables, the derived state fields, seeding and the
// step's valve, branching and recycling rules. The GPU step is checked
// against this reference in test_gpu_flow_particles.cpp.
#include "particles/flow_particles.hpp"
#include "particles/flow_particles_reference.hpp"
#include "particles/flow_test_scenes.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <utility>
#include <vector>

namespace {

sh::gpu::FlowPush push_for(const sh::FlowTables& t, std::uint32_t count) {
    sh::gpu::FlowPush p{};
    p.dt = 1.0f / 60.0f;
    p.particle_count = count;
    p.compartment_count = static_cast<std::uint32_t>(t.compartments.size());
    p.link_count = static_cast<std::uint32_t>(t.links.size());
    p.outlet = t.outlet;
    p.seed = 7;
    p.max_speed = 150.0f;
    p.speed_scale = 20.0f;
    p.pressure_hi = 90.0f;
    return p;
}

std::size_t count_in(const std::vector<sh::gpu::FlowParticle>& ps, std::uint32_t c) {
    std::size_t n = 0;
    for (const auto& p : ps) n += p.compartment == c ? 1u : 0u;
    return n;
}

} // namespace

TEST_CASE("flow particles: tables from a network", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::branching_network());
    REQUIRE(t.compartments.size() == 5);
    CHECK(t.compartments[0].length_cm == Approx(10.0f).epsilon(0.01));
    CHECK(t.compartments[1].prox_count == 2); // trunk -> both branches
    CHECK(t.compartments[4].dist_count == 2); // both branches -> outlet
    CHECK(t.compartments[0].dist_count == 0);
    // Interior joints: enter the next compartment at its start, reflux at the previous end.
    CHECK(t.links[1].to_entry_s == Approx(0.0f).margin(1e-4));
    CHECK(t.links[1].from_entry_s == Approx(t.compartments[1].length_cm).margin(1e-3));
}

TEST_CASE("vein state: derived fields and the capillary CDF", "[flow_particles][vein_state]") {
    const sh::gpu::VeinState f = sh::flow_scenes::branching_forward(2.0f);
    REQUIRE(f.compartment_count == 5);
    REQUIRE(f.link_count == 5);
    CHECK(f.compartments[1].area_ratio == Approx(1.1f));
    CHECK(f.compartments[0].inflow_cdf == 1.0f); // all inflow in the bed
    CHECK(f.links[1].flow_ml_s == Approx(1.5f));
    // Drawn radius: sqrt of the area ratio; clamped for a collapsed or runaway vein.
    CHECK(f.compartments[3].radius_scale == Approx(std::sqrt(1.3f)));
    CHECK(sh::drawn_radius_scale(0.0f) == Approx(0.05f));
    CHECK(sh::drawn_radius_scale(100.0f) == Approx(3.0f));
    // Mean velocity: 2 mL/s through the trunk's 0.3 cm radius at 1.1 x its area.
    CHECK(f.compartments[1].velocity_cm_s ==
          Approx(2.0 / (3.14159265 * 0.3 * 0.3 * 1.1)).epsilon(1e-5));
    // Inflow in two beds: the CDF follows their shares and the last bed closes it at 1.
    const sh::gpu::VeinState two = sh::flow_scenes::make_state(
        sh::flow_scenes::branching_network(),
        {{1.0f, 0.0f, 0.0f, 0.0f, 1.0f}, {}, {1.0f, 0.0f, 0.0f, 0.0f, 3.0f}}, {});
    CHECK(two.compartments[0].inflow_cdf == Approx(0.25f));
    CHECK(two.compartments[1].inflow_cdf == Approx(0.25f));
    CHECK(two.compartments[2].inflow_cdf == 1.0f);
    CHECK(two.compartments[4].inflow_cdf == 1.0f);
    // No inflow anywhere: recycling falls back to the in-calf compartments.
    const sh::gpu::VeinState rest =
        sh::flow_scenes::rest_state(sh::flow_scenes::branching_network());
    CHECK(rest.compartments[0].inflow_cdf == Approx(0.25f));
    CHECK(rest.compartments[3].inflow_cdf == 1.0f);
    CHECK(rest.compartments[2].area_ratio == 1.0f);
    CHECK(rest.links[2].valve_opening == 1.0f);
}

TEST_CASE("vein state: a network larger than the state is refused by name", "[vein_state]") {
    sh::VeinGeometry g;
    g.compartments.resize(sh::gpu::VEIN_STATE_MAX_COMPARTMENTS + 1);
    const auto t = sh::build_vein_state_tables(g);
    REQUIRE_FALSE(t);
    CHECK(t.error().code == sh::ErrorCode::InvalidInput);
    CHECK(t.error().message.find("257 compartments") != std::string::npos);
    CHECK(t.error().message.find("VEIN_STATE_MAX") != std::string::npos);
}

TEST_CASE("flow particles: a particle sits on its centreline at its arclength",
          "[flow_particles]") {
    // A repeated point (a zero-length segment) at s = 3: the search takes the last segment
    // starting at or before s, so positions stay on the line on both sides of it. No flow: the
    // step only places the particles.
    sh::VeinGeometry g;
    sh::VeinCompartment c;
    c.centreline = {{0, 0, 0}, {0, 3, 0}, {0, 3, 0}, {0, 7, 0}, {0, 8, 0}};
    c.reference_radius_cm = 0.3f;
    g.compartments.push_back(c);
    const sh::FlowTables t = sh::build_flow_tables(g);
    REQUIRE(t.compartments[0].length_cm == Approx(8.0f));
    std::vector<sh::gpu::FlowParticle> ps;
    for (float s = 0.0f; s <= 8.0f; s += 0.25f) ps.push_back(sh::make_flow_particle(0, s, 0, 0));
    sh::step_flow_particles_reference(ps, t, sh::flow_scenes::rest_state(g), push_for(t, 33));
    for (const auto& p : ps) {
        INFO("s = " << p.s);
        CHECK(p.position.x == 0.0f);
        CHECK(p.position.y == Approx(p.s).margin(1e-5));
        CHECK(p.position.z == 0.0f);
    }
}

TEST_CASE("flow particles: a dead end holds particles at the compartment's ends",
          "[flow_particles]") {
    // One compartment, no links, not the outlet's far end: pushed past either end, a particle
    // stops there (and says so) instead of leaving the line.
    sh::VeinGeometry g;
    g.compartments = {sh::flow_scenes::straight("a", {0, 0, 0}, {0, 0, 10}, 0.3f),
                      sh::flow_scenes::straight("b", {5, 0, 0}, {5, 0, 10}, 0.3f)};
    g.outlet = 1;
    const sh::FlowTables t = sh::build_flow_tables(g);
    const float len = t.compartments[0].length_cm;
    for (const float q : {50.0f, -50.0f}) {
        const sh::gpu::VeinState state =
            sh::flow_scenes::make_state(g, {{1.0f, q, q, 0.0f, 0.0f}}, {});
        std::vector<sh::gpu::FlowParticle> ps = {sh::make_flow_particle(0, 0.5f * len, 0, 0)};
        auto push = push_for(t, 1);
        push.dt = 1.0f; // at the 150 cm/s cap, far past either end of the 10 cm line
        sh::step_flow_particles_reference(ps, t, state, push);
        INFO("q = " << q);
        CHECK(ps[0].compartment == 0u);
        CHECK(ps[0].s == (q > 0 ? len : 0.0f));
        CHECK((ps[0].flags & sh::gpu::FLOW_FLAG_STOPPED) != 0u);
    }
}

TEST_CASE("flow particles: seeding follows volume", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::branching_network());
    const auto rest = sh::flow_scenes::rest_state(sh::flow_scenes::branching_network());
    const auto ps = sh::seed_flow_particles(t, rest, 20000, 3);
    double total = 0;
    for (const auto& c : t.compartments) total += c.length_cm * c.ref_area;
    for (std::uint32_t c = 0; c < 5; ++c) {
        const double expected = t.compartments[c].length_cm * t.compartments[c].ref_area / total;
        CHECK(static_cast<double>(count_in(ps, c)) / 20000.0 == Approx(expected).margin(0.015));
    }
    for (const auto& p : ps) {
        CHECK(p.offset_x * p.offset_x + p.offset_y * p.offset_y < 1.0f);
        CHECK(p.s >= 0.0f);
        CHECK(p.s <= t.compartments[p.compartment].length_cm);
    }
}

TEST_CASE("flow particles: a closed competent valve holds reflux", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::valve_pair());
    const auto frame = sh::flow_scenes::valve_reflux(3.0f, 0.0f);
    std::vector<sh::gpu::FlowParticle> ps(2000);
    for (std::uint32_t i = 0; i < ps.size(); ++i)
        ps[i] = sh::make_flow_particle(1, 0.005f * static_cast<float>(i), 0.1f, 0.0f);
    const auto push = push_for(t, 2000);
    for (int step = 0; step < 120; ++step) {
        sh::step_flow_particles_reference(ps, t, frame, push);
        REQUIRE(count_in(ps, 0) == 0);
    }
    std::size_t held = 0;
    for (const auto& p : ps) held += (p.flags & sh::gpu::FLOW_FLAG_STOPPED) != 0u ? 1u : 0u;
    CHECK(held > 1000); // they pile up at the valve
}

TEST_CASE("flow particles: reflux passes a failed valve", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::valve_pair());
    const auto frame = sh::flow_scenes::valve_reflux(3.0f, 1.0f);
    std::vector<sh::gpu::FlowParticle> ps(2000);
    for (std::uint32_t i = 0; i < ps.size(); ++i)
        ps[i] = sh::make_flow_particle(1, 0.005f * static_cast<float>(i), 0.1f, 0.0f);
    const auto push = push_for(t, 2000);
    for (int step = 0; step < 120; ++step) sh::step_flow_particles_reference(ps, t, frame, push);
    CHECK(count_in(ps, 0) > 1000);
    CHECK((ps[0].flags & sh::gpu::FLOW_FLAG_REFLUX) != 0u);
}

TEST_CASE("flow particles: a slow backward drift is not drawn as reflux", "[flow_particles]") {
    // 0.05 mL/s back through a 0.3 cm vein: at most 2 x 0.18 cm/s at the axis, below the 1 cm/s
    // threshold the simulator's reflux measurement uses; 3 mL/s (about 10 cm/s) is reflux.
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::valve_pair());
    for (const auto& [q, expect_reflux] : {std::pair{0.05f, false}, std::pair{3.0f, true}}) {
        const auto frame = sh::flow_scenes::valve_reflux(q, 1.0f);
        std::vector<sh::gpu::FlowParticle> ps(64);
        for (std::uint32_t i = 0; i < ps.size(); ++i)
            ps[i] = sh::make_flow_particle(1, 2.0f + 0.1f * static_cast<float>(i), 0.1f, 0.0f);
        sh::step_flow_particles_reference(ps, t, frame, push_for(t, 64));
        for (const auto& p : ps) {
            CHECK(p.speed < 0.0f); // it does move backwards
            CHECK(((p.flags & sh::gpu::FLOW_FLAG_REFLUX) != 0u) == expect_reflux);
        }
    }
}

TEST_CASE("flow particles: branching follows the flow split", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::branching_network());
    const auto frame = sh::flow_scenes::branching_forward(2.0f);
    constexpr std::uint32_t n = 20000;
    std::vector<sh::gpu::FlowParticle> ps(n);
    const float end = t.compartments[1].length_cm;
    for (std::uint32_t i = 0; i < n; ++i) // just below the junction, near the axis
        ps[i] = sh::make_flow_particle(1, end - 0.01f, 0.05f, 0.0f);
    sh::step_flow_particles_reference(ps, t, frame, push_for(t, n));
    const double a = static_cast<double>(count_in(ps, 2));
    const double b = static_cast<double>(count_in(ps, 3));
    REQUIRE(a + b == Approx(n));
    CHECK(a / (a + b) == Approx(0.75).margin(0.015)); // ~5 sigma at n = 20000
}

TEST_CASE("flow particles: recycled particles are born in capillary beds", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::branching_network());
    const auto frame = sh::flow_scenes::branching_forward(2.0f);
    constexpr std::uint32_t n = 1000;
    std::vector<sh::gpu::FlowParticle> ps(n);
    for (std::uint32_t i = 0; i < n; ++i)
        ps[i] = sh::make_flow_particle(4, t.compartments[4].length_cm - 0.01f, 0.0f, 0.0f);
    sh::step_flow_particles_reference(ps, t, frame, push_for(t, n));
    for (const auto& p : ps) {
        REQUIRE((p.flags & sh::gpu::FLOW_FLAG_RECYCLED) != 0u);
        REQUIRE(p.compartment == 0u); // the only bed with inflow
    }
}

TEST_CASE("flow particles: colours keep forward and reflux apart", "[flow_particles]") {
    sh::gpu::FlowPush push{};
    push.speed_scale = 20.0f;
    push.pressure_hi = 90.0f;
    const auto rgb = [](std::uint32_t c) {
        return std::array<int, 3>{int(c & 255u), int((c >> 8) & 255u), int((c >> 16) & 255u)};
    };
    const auto fwd = rgb(sh::flow_color(sh::gpu::FLOW_COLOR_SPEED, 10.0f, 0, 0, push));
    const auto back =
        rgb(sh::flow_color(sh::gpu::FLOW_COLOR_SPEED, -10.0f, 0, sh::gpu::FLOW_FLAG_REFLUX, push));
    CHECK(fwd[2] > fwd[0]);   // forward: blue dominates
    CHECK(back[0] > back[2]); // reflux: orange/yellow, red+green over blue
    // Brightness grows with speed.
    const auto slow = rgb(sh::flow_color(sh::gpu::FLOW_COLOR_SPEED, 1.0f, 0, 0, push));
    CHECK(slow[0] + slow[1] + slow[2] < fwd[0] + fwd[1] + fwd[2]);
}

TEST_CASE("flow particles: the resolve rectangle covers the box's projection", "[flow_particles]") {
    // An orthographic view of x, y in [-10, 10] onto 100x100 pixels: x = -5 lands on pixel 25,
    // x = 5 on pixel 75 (and likewise y), whatever z.
    const glm::mat4 ortho = glm::ortho(-10.0f, 10.0f, -10.0f, 10.0f, -10.0f, 10.0f);
    const VkExtent2D extent{100, 100};
    const sh::PixelRect r =
        sh::screen_rect(ortho, glm::vec3(-5, -5, -1), glm::vec3(5, 5, 1), extent, 2);
    CHECK(r.x == 23);
    CHECK(r.y == 23);
    CHECK(r.x + r.width == 78); // ceil(75 + 2) + 1: the pixel containing x = 77 is included
    CHECK(r.y + r.height == 78);

    // Clamped to the target.
    const sh::PixelRect big =
        sh::screen_rect(ortho, glm::vec3(-50, -5, -1), glm::vec3(50, 5, 1), extent, 2);
    CHECK(big.x == 0);
    CHECK(big.width == 100);
    // Entirely off screen: nothing to resolve.
    const sh::PixelRect off =
        sh::screen_rect(ortho, glm::vec3(20, 20, -1), glm::vec3(30, 30, 1), extent, 2);
    CHECK(off.width == 0);

    // A box reaching behind a perspective eye has no finite projection: the whole target.
    const glm::mat4 persp =
        glm::perspective(1.0f, 1.0f, 0.1f, 100.0f) *
        glm::lookAt(glm::vec3(0, 0, 0), glm::vec3(0, 0, -1), glm::vec3(0, 1, 0));
    const sh::PixelRect whole =
        sh::screen_rect(persp, glm::vec3(-1, -1, -5), glm::vec3(1, 1, 5), extent, 2);
    CHECK(whole.x == 0);
    CHECK(whole.y == 0);
    CHECK(whole.width == 100);
    CHECK(whole.height == 100);
}
