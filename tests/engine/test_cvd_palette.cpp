// Blood colours under simulated colour blindness. The colours are the CPU reference of the GPU
// step's colours (flow_color; tests/engine/test_gpu_flow_particles.cpp checks the GPU against it
// with the colour-vision palette too), shown on screen unchanged by the splat.
//
// Simulation: Machado, G. M., Oliveira, M. M. & Fernandes, L. A. F. (2009). A physiologically-
// based model for simulation of color vision deficiency. IEEE Transactions on Visualization and
// Computer Graphics 15(6), 1291-1298. The matrices are the paper's severity 1.0 (dichromacy)
// ones, applied to linear RGB (sRGB decoded), clamped to [0, 1].
//
// Distinguishable means, for every pair of a forward and a reflux colour at any two speeds (a
// viewer does not know a particle's speed when judging its direction):
//  - CIE76 colour difference (CIELAB, D65) of at least 20. The just-noticeable difference is
//    about 2.3 (Mahy, Van Eycken & Oosterlinck 1994, Color Res. Appl. 19(2)); the particles are
//    1 to 5 pixels across, and colour differences of small marks are far harder to see than
//    those of large patches, so we ask for about nine times that.
//  - a lightness difference dL* of at least 15: direction must not rest on hue alone, since for
//    small marks and on washed-out projectors lightness is the cue that survives. (A choice of
//    this project, not a published limit.)
#include "particles/flow_particles_reference.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>

namespace {

using Vec3 = std::array<double, 3>;
using Mat3 = std::array<Vec3, 3>;

// Machado et al. 2009, table of severity 1.0.
constexpr Mat3 k_deuteranopia = {{{0.367322, 0.860646, -0.227968},
                                  {0.280085, 0.672501, 0.047413},
                                  {-0.011820, 0.042940, 0.968881}}};
constexpr Mat3 k_protanopia = {{{0.152286, 1.052583, -0.204868},
                                {0.114503, 0.786281, 0.099216},
                                {-0.003882, -0.048116, 1.051998}}};
constexpr Mat3 k_normal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

constexpr double k_min_delta_e = 20.0;
constexpr double k_min_delta_l = 15.0;

Vec3 times(const Mat3& m, const Vec3& v) {
    Vec3 r{};
    for (int i = 0; i < 3; ++i) r[i] = m[i][0] * v[0] + m[i][1] * v[1] + m[i][2] * v[2];
    return r;
}

double srgb_to_linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// CIELAB (D65 white) of a linear-RGB colour.
Vec3 lab(const Vec3& linear) {
    constexpr Mat3 to_xyz = {
        {{0.4124, 0.3576, 0.1805}, {0.2126, 0.7152, 0.0722}, {0.0193, 0.1192, 0.9505}}};
    const Vec3 xyz = times(to_xyz, linear);
    const Vec3 white = times(to_xyz, {1, 1, 1});
    const double d = 6.0 / 29.0;
    auto f = [d](double t) { return t > d * d * d ? std::cbrt(t) : t / (3 * d * d) + 4.0 / 29.0; };
    const double fx = f(xyz[0] / white[0]), fy = f(xyz[1] / white[1]), fz = f(xyz[2] / white[2]);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

// What a viewer with `vision` sees of a packed RGBA8 colour, in CIELAB.
Vec3 seen(std::uint32_t rgba, const Mat3& vision) {
    Vec3 linear{};
    for (int i = 0; i < 3; ++i)
        linear[i] = srgb_to_linear(static_cast<double>((rgba >> (8 * i)) & 255u) / 255.0);
    Vec3 simulated = times(vision, linear);
    for (double& c : simulated) c = std::clamp(c, 0.0, 1.0);
    return lab(simulated);
}

struct Separation {
    double delta_e = 1e9; // smallest CIE76 difference over all speed pairs
    double delta_l = 1e9; // smallest lightness difference over all speed pairs
    bool distinguishable() const { return delta_e >= k_min_delta_e && delta_l >= k_min_delta_l; }
};

// Forward vs reflux particles at speeds 1.5 to 30 cm/s (the ramp's full scale is 20 cm/s).
Separation separation(const std::function<std::uint32_t(float, bool)>& colour, const Mat3& vision) {
    Separation s;
    for (int i = 0; i <= 20; ++i) {
        for (int j = 0; j <= 20; ++j) {
            const Vec3 f = seen(colour(1.5f + 1.425f * static_cast<float>(i), false), vision);
            const Vec3 r = seen(colour(1.5f + 1.425f * static_cast<float>(j), true), vision);
            s.delta_e = std::min(s.delta_e, std::hypot(f[0] - r[0], f[1] - r[1], f[2] - r[2]));
            s.delta_l = std::min(s.delta_l, std::abs(f[0] - r[0]));
        }
    }
    return s;
}

std::function<std::uint32_t(float, bool)> palette(std::uint32_t palette, std::uint32_t mode) {
    return [palette, mode](float speed, bool reflux) {
        sh::gpu::FlowPush push{};
        push.speed_scale = 20.0f;
        push.pressure_hi = 90.0f;
        push.palette = palette;
        return sh::flow_color(mode, reflux ? -speed : speed, 0.0f,
                              reflux ? sh::gpu::FLOW_FLAG_REFLUX : 0u, push);
    };
}

std::uint32_t pack(double r, double g, double b) {
    auto byte = [](double c) { return static_cast<std::uint32_t>(std::lround(c * 255.0)); };
    return byte(r) | (byte(g) << 8) | (byte(b) << 16) | (255u << 24);
}

} // namespace

TEST_CASE("cvd palette: forward and reflux blood stay apart under deuteranopia and protanopia",
          "[flow_particles][cvd]") {
    for (const std::uint32_t mode : {sh::gpu::FLOW_COLOR_SPEED, sh::gpu::FLOW_COLOR_DIRECTION}) {
        const auto cvd = palette(sh::gpu::FLOW_PALETTE_CVD, mode);
        for (const auto& [name, vision] :
             {std::pair{"normal", k_normal}, std::pair{"deuteranopia", k_deuteranopia},
              std::pair{"protanopia", k_protanopia}}) {
            const Separation s = separation(cvd, vision);
            INFO("mode " << mode << ", " << name << ": dE76 " << s.delta_e << ", dL* "
                         << s.delta_l);
            CHECK(s.distinguishable());
        }
    }
}

TEST_CASE("cvd palette: the ordinary speed palette fails the same check", "[flow_particles][cvd]") {
    // The ordinary palette is Okabe-Ito blue vs orange: its hues survive the simulation (dE76
    // stays large), but both ramps brighten with speed, so a fast forward and a slow reflux
    // particle (or the two at full speed) are equally light.
    const auto ordinary = palette(sh::gpu::FLOW_PALETTE_ORDINARY, sh::gpu::FLOW_COLOR_SPEED);
    for (const Mat3& vision : {k_deuteranopia, k_protanopia}) {
        const Separation s = separation(ordinary, vision);
        INFO("ordinary: dE76 " << s.delta_e << ", dL* " << s.delta_l);
        CHECK(s.delta_e >= k_min_delta_e);
        CHECK(s.delta_l < 2.0);
        CHECK_FALSE(s.distinguishable());
    }
}

TEST_CASE("cvd palette: the simulation merges a red vs orange pair", "[flow_particles][cvd]") {
    // The check's colour-difference half needs the simulation: a red forward vs ochre reflux
    // pair passes it with normal vision (dE76 74) and fails it under deuteranopia (11) and
    // protanopia (13), whose viewers confuse the two.
    const auto red_orange = [](float, bool reflux) {
        return reflux ? pack(0.6, 0.5, 0.0) : pack(1.0, 0.2, 0.1);
    };
    auto delta_e = [&](const Mat3& vision) { return separation(red_orange, vision).delta_e; };
    CHECK(delta_e(k_normal) > k_min_delta_e);
    CHECK(delta_e(k_deuteranopia) < k_min_delta_e);
    CHECK(delta_e(k_protanopia) < k_min_delta_e);
}

TEST_CASE("cvd palette: stopped blood and pressure colours are unchanged",
          "[flow_particles][cvd]") {
    // The palette changes only the direction colours; pressure and held particles keep theirs.
    const auto colour = [](std::uint32_t pal, std::uint32_t mode, std::uint32_t flags) {
        sh::gpu::FlowPush push{};
        push.speed_scale = 20.0f;
        push.pressure_hi = 90.0f;
        push.palette = pal;
        return sh::flow_color(mode, 5.0f, 40.0f, flags, push);
    };
    using namespace sh::gpu;
    CHECK(colour(FLOW_PALETTE_CVD, FLOW_COLOR_PRESSURE, 0u) ==
          colour(FLOW_PALETTE_ORDINARY, FLOW_COLOR_PRESSURE, 0u));
    CHECK(colour(FLOW_PALETTE_CVD, FLOW_COLOR_SPEED, FLOW_FLAG_STOPPED) ==
          colour(FLOW_PALETTE_ORDINARY, FLOW_COLOR_SPEED, FLOW_FLAG_STOPPED));
}
