// The blood-particle CPU reference (engine/particles/flow_particles_reference): tables, frame
// packing, seeding and the step's valve, branching and recycling rules. The GPU step is checked
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

TEST_CASE("flow particles: frame packing and the capillary CDF", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::branching_network());
    const auto f = sh::pack_flow_frame(t, sh::flow_scenes::branching_forward(2.0f));
    REQUIRE(f.size() == 2 * 5 + 5);
    CHECK(f[2 * 1].x == Approx(1.1f));
    CHECK(f[2 * 0 + 1].x == 1.0f); // all inflow in the bed
    CHECK(f[10 + 1].x == Approx(1.5f));
    // No inflow anywhere: recycling falls back to the in-calf compartments.
    const auto rest = sh::pack_flow_frame(t, sh::FlowFrame{});
    CHECK(rest[2 * 0 + 1].x == Approx(0.25f));
    CHECK(rest[2 * 3 + 1].x == 1.0f);
}

TEST_CASE("flow particles: seeding follows volume", "[flow_particles]") {
    const sh::FlowTables t = sh::build_flow_tables(sh::flow_scenes::branching_network());
    const auto rest = sh::pack_flow_frame(t, sh::FlowFrame{});
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
    const auto frame = sh::pack_flow_frame(t, sh::flow_scenes::valve_reflux(3.0f, 0.0f));
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
    const auto frame = sh::pack_flow_frame(t, sh::flow_scenes::valve_reflux(3.0f, 1.0f));
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
        const auto frame = sh::pack_flow_frame(t, sh::flow_scenes::valve_reflux(q, 1.0f));
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
    const auto frame = sh::pack_flow_frame(t, sh::flow_scenes::branching_forward(2.0f));
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
    const auto frame = sh::pack_flow_frame(t, sh::flow_scenes::branching_forward(2.0f));
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
