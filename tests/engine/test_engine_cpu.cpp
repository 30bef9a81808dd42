// CPU-only engine pieces: memory-type search, the embedded shaders, VK_CHECK, the fixed window
// of recent samples behind the timers' medians.
#include "memory.hpp"
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

TEST_CASE("vulkan_error: keeps the VkResult and names it", "[vk_check][result]") {
    const sh::Error e =
        sh::vulkan_error(VK_ERROR_OUT_OF_DEVICE_MEMORY, "vkAllocateMemory failed", {"size 64"});
    CHECK(e.code == sh::ErrorCode::Vulkan);
    CHECK(e.vk_result == VK_ERROR_OUT_OF_DEVICE_MEMORY);
    REQUIRE(e.reasons.size() == 2);
    CHECK(e.reasons[0] == "VK_ERROR_OUT_OF_DEVICE_MEMORY");
    CHECK(e.describe() ==
          "vkAllocateMemory failed\n  - VK_ERROR_OUT_OF_DEVICE_MEMORY\n  - size 64");
    // Errors built the older way are plain failures without a VkResult.
    const sh::Error plain{"no compartments", {}};
    CHECK(plain.code == sh::ErrorCode::Failed);
    CHECK(plain.vk_result == 0);
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
