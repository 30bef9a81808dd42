// The host splat (engine/particles/host_splat): its keys for a few particles in clip space
// (identity view_proj, a rest pose), checked against what particle_splat.comp keeps: the nearest
// particle wins a pixel, the centre over a rim pixel, reflux particles cover their 21-pixel ring,
// nothing lands outside the rectangle, and parts splatted in any order give the same keys; and
// the list of covered pixels the device resolves (collect_splat_pixels).
#include "particles/host_splat.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

namespace {

sh::gpu::FlowParticle particle_at(float x, float y, float z, std::uint32_t rgba,
                                  std::uint32_t flags = 0) {
    sh::gpu::FlowParticle p{};
    p.position = glm::vec4(x, y, z, 1.0f);
    p.color = rgba;
    p.flags = flags;
    return p;
}

// A pose that moves nothing: the particles are splatted where they are.
void splat(std::span<const sh::gpu::FlowParticle> particles, const sh::HostSplatFrame& frame,
           std::vector<std::uint64_t>& keys) {
    std::vector<glm::vec3> posed;
    for (const sh::gpu::FlowParticle& p : particles) posed.emplace_back(p.position);
    sh::host_splat_range(particles, posed, frame, keys.data());
}

std::uint32_t high_word(std::uint64_t key) {
    return static_cast<std::uint32_t>(key >> 32);
}

float depth_of(std::uint64_t key) {
    const auto bits = static_cast<std::uint32_t>(key);
    float z = 0.0f;
    std::memcpy(&z, &bits, sizeof(z));
    return z;
}

// A frame of width x height pixels whose splat rectangle is all of it (identity view_proj).
sh::HostSplatFrame whole_frame(std::uint32_t width, std::uint32_t height) {
    sh::HostSplatFrame frame;
    frame.width = width;
    frame.height = height;
    frame.rect = {0, 0, width, height};
    return frame;
}

// 200 particles spread over NDC [-spread, spread] in x and y and over depth, of different
// colours; every `reflux_every`-th flows backwards (the larger footprint).
std::vector<sh::gpu::FlowParticle> particle_cloud(float spread, int reflux_every) {
    std::vector<sh::gpu::FlowParticle> particles;
    for (int i = 0; i < 200; ++i) {
        const float x = -spread + 2.0f * spread * static_cast<float>((i * 37) % 100) / 100.0f;
        const float y = -spread + 2.0f * spread * static_cast<float>((i * 61) % 100) / 100.0f;
        const float z = 0.05f + 0.9f * static_cast<float>((i * 17) % 100) / 100.0f;
        particles.push_back(particle_at(x, y, z, 0x00336699u + static_cast<std::uint32_t>(i),
                                        i % reflux_every == 0 ? sh::gpu::FLOW_FLAG_REFLUX : 0u));
    }
    return particles;
}

} // namespace

TEST_CASE("host splat: the nearest particle wins each pixel, with the compute splat's keys",
          "[host_splat]") {
    sh::HostSplatFrame frame;
    frame.width = 16;
    frame.height = 16;
    frame.rect = {4, 4, 8, 8};
    // Pixel (8, 8) of 16: NDC (8.5 / 16) * 2 - 1.
    const float c = 8.5f / 16.0f * 2.0f - 1.0f;
    const std::vector<sh::gpu::FlowParticle> particles = {
        particle_at(c, c, 0.75f, 0x000000ffu),          // far, red
        particle_at(c, c, 0.25f, 0x00ff0000u),          // near, blue
        particle_at(-0.99f, -0.99f, 0.5f, 0x0000ff00u), // outside the rectangle
        particle_at(c, c, 0.1f, 0x00ffffffu,
                    sh::gpu::FLOW_FLAG_REFLUX | sh::gpu::FLOW_FLAG_STOPPED), // held: a plus
    };
    std::vector<std::uint64_t> keys(64, sh::k_host_splat_empty);
    splat(std::span(particles).first(3), frame, keys);
    const auto at = [&](int x, int y) {
        return keys[static_cast<std::size_t>((y - 4) * 8 + (x - 4))];
    };

    // The centre: the near (blue) particle, depth 0.25 in 14 bits, centre pixel (edge 0), and
    // its exact depth in the low word.
    const std::uint32_t blue565 = 0x1fu; // RGB565 of 0xff0000 (B in the third byte)
    CHECK(high_word(at(8, 8)) == ((static_cast<std::uint32_t>(0.25f * 16383.0f) << 18) | blue565));
    CHECK(depth_of(at(8, 8)) == 0.25f);
    // Its four rim pixels carry the edge bit; the pixel two away is empty.
    for (const auto& [x, y] : {std::pair{9, 8}, {7, 8}, {8, 9}, {8, 7}})
        CHECK(high_word(at(x, y)) == (high_word(at(8, 8)) | (1u << 16)));
    CHECK(at(10, 8) == sh::k_host_splat_empty);
    // The particle off the rectangle wrote nothing: 5 pixels in all.
    int written = 0;
    for (std::uint64_t k : keys) written += k != sh::k_host_splat_empty ? 1 : 0;
    CHECK(written == 5);

    // A held particle in front draws a plus too (reflux but stopped), and wins.
    splat(std::span(particles).subspan(3), frame, keys);
    CHECK(depth_of(at(8, 8)) == 0.1f);
    CHECK(at(10, 8) == sh::k_host_splat_empty);
}

TEST_CASE("host splat: a reflux particle covers its ring, parts in any order give the same keys",
          "[host_splat]") {
    const sh::HostSplatFrame frame = whole_frame(32, 32);
    const std::vector<sh::gpu::FlowParticle> particles = particle_cloud(0.8f, 3);
    std::vector<std::uint64_t> whole(32 * 32, sh::k_host_splat_empty);
    splat(particles, frame, whole);
    std::vector<std::uint64_t> parts(32 * 32, sh::k_host_splat_empty);
    splat(std::span(particles).subspan(120), frame, parts);
    splat(std::span(particles).first(120), frame, parts);
    CHECK(parts == whole);

    // One reflux particle alone: 21 pixels, the inner 3x3 with the edge (half-alpha) bit.
    std::vector<std::uint64_t> ring(32 * 32, sh::k_host_splat_empty);
    const float c = 16.5f / 32.0f * 2.0f - 1.0f;
    const std::vector<sh::gpu::FlowParticle> one = {
        particle_at(c, c, 0.5f, 0x00ffffffu, sh::gpu::FLOW_FLAG_REFLUX)};
    splat(one, frame, ring);
    int covered = 0, inner = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        if (ring[i] == sh::k_host_splat_empty) continue;
        ++covered;
        const int x = static_cast<int>(i % 32) - 16, y = static_cast<int>(i / 32) - 16;
        const bool edge = (high_word(ring[i]) >> 16 & 1u) != 0u;
        CHECK(edge == (std::abs(x) < 2 && std::abs(y) < 2));
        inner += edge ? 1 : 0;
    }
    CHECK(covered == 21);
    CHECK(inner == 9);
}

TEST_CASE("host splat: the covered pixels are listed once each with their keys, and emptied",
          "[host_splat]") {
    // A splat of 200 particles into a 40 x 23 rectangle: the list holds exactly the
    // non-empty keys, each pixel once at its own x and y, row by row; collected in two parts of
    // the rows it is the same list; afterwards every key is empty for the next frame.
    const sh::HostSplatFrame frame = whole_frame(40, 23);
    const std::vector<sh::gpu::FlowParticle> particles = particle_cloud(0.9f, 4);
    std::vector<std::uint64_t> keys(40 * 23, sh::k_host_splat_empty);
    splat(particles, frame, keys);
    const std::vector<std::uint64_t> splatted = keys;

    std::vector<sh::gpu::HostSplatPixel> whole;
    sh::collect_splat_pixels(keys.data(), 40, 0, 23, whole);
    CHECK(std::all_of(keys.begin(), keys.end(),
                      [](std::uint64_t k) { return k == sh::k_host_splat_empty; }));
    std::size_t expected = 0;
    for (std::uint64_t k : splatted) expected += k != sh::k_host_splat_empty ? 1 : 0;
    REQUIRE(expected > 100); // the particles cover a good part of the rectangle, not all of it
    REQUIRE(expected < splatted.size());
    REQUIRE(whole.size() == expected);
    std::uint32_t previous_index = 0;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        const std::uint32_t x = whole[i].position & 0xffffu, y = whole[i].position >> 16;
        REQUIRE(x < 40);
        REQUIRE(y < 23);
        const std::uint32_t index = y * 40 + x;
        if (i != 0) CHECK(index > previous_index); // row by row, no pixel twice
        previous_index = index;
        const std::uint64_t key = splatted[index];
        CHECK(whole[i].depth_bits == static_cast<std::uint32_t>(key));
        CHECK(whole[i].key == high_word(key));
    }

    // The rows in two parts (0-9 and 10-22), as the two threads collect them.
    splat(particles, frame, keys);
    std::vector<sh::gpu::HostSplatPixel> top, bottom;
    sh::collect_splat_pixels(keys.data(), 40, 10, 13, bottom);
    sh::collect_splat_pixels(keys.data(), 40, 0, 10, top);
    top.insert(top.end(), bottom.begin(), bottom.end());
    REQUIRE(top.size() == whole.size());
    CHECK(std::memcmp(top.data(), whole.data(), whole.size() * sizeof(whole[0])) == 0);
    CHECK(keys == std::vector<std::uint64_t>(40 * 23, sh::k_host_splat_empty));
}
