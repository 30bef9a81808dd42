// CPU-only engine pieces: memory-type search, the embedded shaders, the particle reference,
// VK_CHECK, the fixed window of recent samples behind the timers' medians.
#include "memory.hpp"
#include "particle_reference.hpp"
#include "recent_samples.hpp"
#include "shader_registry.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

TEST_CASE("memory: type search prefers the right flags and falls back", "[memory]") {
    VkPhysicalDeviceMemoryProperties props{};
    props.memoryTypeCount = 3;
    props.memoryTypes[0].propertyFlags = VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT;
    props.memoryTypes[1].propertyFlags =
        VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    props.memoryTypes[2].propertyFlags = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                         VK_MEMORY_PROPERTY_HOST_COHERENT_BIT |
                                         VK_MEMORY_PROPERTY_HOST_CACHED_BIT;
    CHECK(sh::find_memory_type(props, 0b111, sh::MemoryUse::DeviceLocal) == 0u);
    CHECK(sh::find_memory_type(props, 0b111, sh::MemoryUse::Upload) == 1u);
    CHECK(sh::find_memory_type(props, 0b111, sh::MemoryUse::Readback) == 2u);
    // Device-local not allowed by the resource: any compatible type is used.
    CHECK(sh::find_memory_type(props, 0b110, sh::MemoryUse::DeviceLocal) == 1u);
    // Host access impossible: no type.
    CHECK_FALSE(sh::find_memory_type(props, 0b001, sh::MemoryUse::Upload).has_value());
}

TEST_CASE("shaders: every shader is embedded as SPIR-V", "[shaders]") {
    const std::vector<std::string_view> names = sh::shader_names();
    REQUIRE(names.size() >= 4);
    for (std::string_view name : names) {
        INFO(std::string(name));
        const auto words = sh::shader_spirv(name);
        REQUIRE(words.size() > 5);
        CHECK(words[0] == 0x07230203u); // SPIR-V magic number
    }
    CHECK(sh::shader_spirv("no_such_shader.comp").empty());
}

TEST_CASE("vk_check: throws VulkanError naming the call, result and place", "[vk_check]") {
    auto failing = [] { return VK_ERROR_DEVICE_LOST; };
    try {
        VK_CHECK(failing());
        FAIL("VK_CHECK did not throw");
    } catch (const sh::VulkanError& e) {
        const std::string what = e.what();
        CHECK(e.result() == VK_ERROR_DEVICE_LOST);
        CHECK(what.find("failing()") != std::string::npos);
        CHECK(what.find("VK_ERROR_DEVICE_LOST") != std::string::npos);
        CHECK(what.find("test_engine_cpu.cpp:") != std::string::npos);
    }
    auto out_of_date = [] { return VK_ERROR_OUT_OF_DATE_KHR; };
    CHECK(VK_CHECK_SWAPCHAIN(out_of_date()) == VK_ERROR_OUT_OF_DATE_KHR);
    CHECK_THROWS_AS(VK_CHECK_SWAPCHAIN(failing()), sh::VulkanError);
}

TEST_CASE("particle reference: advances, follows segment speeds and clamps", "[particles]") {
    const std::vector<glm::vec3> points = {{0, 0, 0}, {0, 10, 0}, {0, 10, 5}};
    const std::vector<glm::vec4> line = sh::build_polyline(points);
    REQUIRE(line.back().w == Approx(15.0f));
    const std::vector<float> speeds = {2.0f, -4.0f};

    std::vector<sh::gpu::Particle> ps = {
        sh::make_particle(line, 1.0f), sh::make_particle(line, 12.0f),
        sh::make_particle(line, 14.9f), sh::make_particle(line, 0.1f)};
    sh::advance_particles_reference(ps, line, speeds, 0.5f);
    CHECK(ps[0].s == Approx(2.0f)); // segment 0: +2 cm/s
    CHECK(ps[0].position.y == Approx(2.0f));
    CHECK(ps[1].s == Approx(10.0f)); // segment 1: -4 cm/s, lands on the joint
    CHECK(ps[2].s == Approx(12.9f));
    CHECK(ps[2].position.z == Approx(2.9f));
    CHECK(ps[2].segment == 1u);
    // Clamp at the ends.
    std::vector<sh::gpu::Particle> ends = {sh::make_particle(line, 14.0f)};
    const std::vector<float> fast = {100.0f, 100.0f};
    sh::advance_particles_reference(ends, line, fast, 1.0f);
    CHECK(ends[0].s == 15.0f);
    CHECK(ends[0].position.z == Approx(5.0f));
    const std::vector<float> back = {-100.0f, -100.0f};
    sh::advance_particles_reference(ends, line, back, 1.0f);
    CHECK(ends[0].s == 0.0f);
}

TEST_CASE("particle reference: walking from any hint finds the searched segment", "[particles]") {
    // Includes a zero-length segment (repeated point), where "last segment with w <= s" matters.
    const std::vector<glm::vec3> points = {{0, 0, 0}, {0, 3, 0}, {0, 3, 0}, {0, 7, 0}, {0, 8, 0}};
    const std::vector<glm::vec4> line = sh::build_polyline(points);
    for (float s = 0.0f; s <= 8.0f; s += 0.25f) {
        const std::uint32_t expected = sh::find_segment(line, s);
        for (std::uint32_t hint = 0; hint < 10; ++hint) {
            INFO("s = " << s << ", hint = " << hint);
            CHECK(sh::find_segment_from(line, hint, s) == expected);
        }
    }
    CHECK(sh::find_segment(line, 3.0f) == 2u); // the later of the two joints at s = 3
}

TEST_CASE("recent samples: a fixed window of the newest values", "[timing]") {
    sh::RecentSamples<double> w(5);
    const auto same = [](double v) { return v; };
    CHECK(w.empty());
    CHECK(sh::median_of(w, same) == 0.0);
    for (int v : {7, 3, 9}) w.push(v);
    CHECK(w.size() == 3u);
    CHECK(sh::median_of(w, same) == 7.0); // of 3, 7, 9
    // 1..100 after them: only 96..100 remain, in the storage it was created with.
    for (int v = 1; v <= 100; ++v) w.push(v);
    CHECK(w.size() == 5u);
    CHECK(w.capacity() == 5u);
    double sum = 0, lowest = 1e9;
    w.for_each([&](double v) {
        sum += v;
        lowest = std::min(lowest, v);
    });
    CHECK(sum == 96 + 97 + 98 + 99 + 100);
    CHECK(lowest == 96.0);
    CHECK(sh::median_of(w, same) == 98.0);
    // A projection picks the field the median is taken over.
    sh::RecentSamples<std::pair<int, int>> pairs(4);
    for (int v = 0; v < 4; ++v) pairs.push({v, 10 * v});
    CHECK(sh::median_of(pairs, [](const std::pair<int, int>& p) { return p.second; }) == 20.0);
}
