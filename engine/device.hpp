// Physical-device query and logical-device creation. The choice itself is made by the pure
// choose_device() (device_selection.hpp); this file only talks to Vulkan.
#pragma once

#include "device_selection.hpp"
#include "instance.hpp"
#include "result.hpp"

#include <optional>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

struct DeviceOptions {
    // Present support is required on the chosen queue family when a surface is given.
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    // Explicit choice (from --gpu); wins over the SECONDHEART_GPU environment variable.
    std::optional<std::string> gpu_override;
    bool read_environment = true;
};

// Fills DeviceInfo for one physical device (features are read only when the device reports
// Vulkan 1.3, since chaining the 1.3 feature struct is invalid below that).
DeviceInfo query_device_info(VkPhysicalDevice device, VkSurfaceKHR surface);

// Every physical device the instance sees, with its DeviceInfo, in enumeration order.
std::vector<VkPhysicalDevice> enumerate_physical_devices(VkInstance instance);

class Device {
public:
    Device() = default;
    ~Device();
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;
    Device(Device&& other) noexcept;
    Device& operator=(Device&& other) noexcept;

    VkDevice get() const noexcept { return device_; }
    VkPhysicalDevice physical() const noexcept { return physical_; }
    VkQueue queue() const noexcept { return queue_; }
    std::uint32_t queue_family() const noexcept { return queue_family_; }
    const VkPhysicalDeviceProperties& properties() const noexcept { return properties_; }
    const VkPhysicalDeviceMemoryProperties& memory() const noexcept { return memory_; }
    const DeviceInfo& info() const noexcept { return info_; }
    // Why each device was chosen, rejected or ranked lower (print it at start-up).
    const DeviceChoice& choice() const noexcept { return choice_; }
    bool large_points() const noexcept { return large_points_; }

    void wait_idle() const;

private:
    friend Result<Device> create_device(const Instance&, const DeviceOptions&);
    void destroy() noexcept;

    VkDevice device_ = VK_NULL_HANDLE;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    std::uint32_t queue_family_ = 0;
    VkPhysicalDeviceProperties properties_{};
    VkPhysicalDeviceMemoryProperties memory_{};
    DeviceInfo info_;
    DeviceChoice choice_;
    bool large_points_ = false;
};

// Selects a device (see choose_device) and creates it with dynamicRendering, synchronization2
// and maintenance4 enabled, plus largePoints when available, and one queue.
Result<Device> create_device(const Instance& instance, const DeviceOptions& options);

} // namespace sh
