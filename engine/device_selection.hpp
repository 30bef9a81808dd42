// Device selection as a pure function over plain data, so that every rule (type ranking,
// required features, queue families, overrides) is unit-tested without a GPU. device.cpp fills
// DeviceInfo from the real physical devices and calls choose_device().
#pragma once

#include "result.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

// The features the engine requires: the Debian 12 lavapipe (Mesa 22.3) baseline. Descriptor
// indexing is deliberately absent: lavapipe 22.3 lacks it.
struct DeviceFeatureSet {
    bool dynamic_rendering = false; // Vulkan 1.3 core
    bool synchronization2 = false;  // Vulkan 1.3 core
    bool maintenance4 = false;      // Vulkan 1.3 core
    bool large_points = false;      // optional: point sizes above 1 pixel
};

struct QueueFamilyInfo {
    VkQueueFlags flags = 0;
    std::uint32_t queue_count = 0;
    bool present = false; // can present to the surface given to the selection
};

struct DeviceInfo {
    std::string name;
    VkPhysicalDeviceType type = VK_PHYSICAL_DEVICE_TYPE_OTHER;
    std::uint32_t api_version = 0;
    DeviceFeatureSet features;
    std::vector<QueueFamilyInfo> queue_families;
    bool swapchain_extension = false; // VK_KHR_swapchain; needed only with a surface
};

struct SelectionCriteria {
    std::uint32_t min_api_version = VK_API_VERSION_1_3;
    bool require_present = false; // true when a surface is given
    // Device index ("1") or case-insensitive name substring ("llvmpipe"); empty: automatic.
    std::string override_spec;
    // Where the override came from, for messages ("SECONDHEART_GPU", "--gpu").
    std::string override_source = "SECONDHEART_GPU";
};

// What the selection thought of one device.
struct DeviceVerdict {
    std::size_t index = 0;
    std::string name;
    bool suitable = false;
    bool chosen = false;
    int score = 0;                    // higher is better; only meaningful when suitable
    std::uint32_t queue_family = 0;   // the graphics+compute(+present) family, when suitable
    std::vector<std::string> reasons; // why rejected, or why ranked lower / chosen
};

struct DeviceChoice {
    std::size_t index = 0;
    std::uint32_t queue_family = 0;
    std::vector<DeviceVerdict> verdicts; // one per device, in enumeration order

    // One line per device, for logs and --list-gpus.
    std::string report() const;
};

std::string_view device_type_name(VkPhysicalDeviceType type);

// Ranks device types: discrete > integrated > virtual > CPU > other.
int device_type_score(VkPhysicalDeviceType type);

// Chooses the device to use, or explains for every device why none qualifies. An override
// that matches no device, or names an unsuitable one, is an error (the user asked for it).
Result<DeviceChoice> choose_device(std::span<const DeviceInfo> devices,
                                   const SelectionCriteria& criteria);

} // namespace sh
