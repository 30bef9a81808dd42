#include "device.hpp"

#include "vk_check.hpp"

#include <cstdlib>
#include <string_view>
#include <utility>

namespace sh {

std::vector<VkPhysicalDevice> enumerate_physical_devices(VkInstance instance) {
    std::uint32_t count = 0;
    VK_CHECK(vkEnumeratePhysicalDevices(instance, &count, nullptr));
    std::vector<VkPhysicalDevice> devices(count);
    if (count > 0) VK_CHECK(vkEnumeratePhysicalDevices(instance, &count, devices.data()));
    devices.resize(count);
    return devices;
}

DeviceInfo query_device_info(VkPhysicalDevice device, VkSurfaceKHR surface) {
    DeviceInfo info;
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(device, &props);
    info.name = props.deviceName;
    info.type = props.deviceType;
    info.api_version = props.apiVersion;

    VkPhysicalDeviceVulkan13Features f13{};
    f13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
    VkPhysicalDeviceFeatures2 f2{};
    f2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
    if (props.apiVersion >= VK_API_VERSION_1_3) f2.pNext = &f13;
    vkGetPhysicalDeviceFeatures2(device, &f2);
    info.features.dynamic_rendering = f13.dynamicRendering == VK_TRUE;
    info.features.synchronization2 = f13.synchronization2 == VK_TRUE;
    info.features.maintenance4 = f13.maintenance4 == VK_TRUE;
    info.features.large_points = f2.features.largePoints == VK_TRUE;

    std::uint32_t ext_count = 0;
    VK_CHECK(vkEnumerateDeviceExtensionProperties(device, nullptr, &ext_count, nullptr));
    std::vector<VkExtensionProperties> extensions(ext_count);
    VK_CHECK(vkEnumerateDeviceExtensionProperties(device, nullptr, &ext_count, extensions.data()));
    for (const VkExtensionProperties& e : extensions) {
        if (std::string_view(e.extensionName) == VK_KHR_SWAPCHAIN_EXTENSION_NAME)
            info.swapchain_extension = true;
    }

    std::uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
    for (std::uint32_t i = 0; i < count; ++i) {
        QueueFamilyInfo q;
        q.flags = families[i].queueFlags;
        q.queue_count = families[i].queueCount;
        if (surface != VK_NULL_HANDLE) {
            VkBool32 supported = VK_FALSE;
            VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(device, i, surface, &supported));
            q.present = supported == VK_TRUE;
        }
        info.queue_families.push_back(q);
    }
    return info;
}

Device::~Device() {
    destroy();
}

Device::Device(Device&& other) noexcept
    : device_(std::exchange(other.device_, VK_NULL_HANDLE)), physical_(other.physical_),
      queue_(other.queue_), queue_family_(other.queue_family_), properties_(other.properties_),
      memory_(other.memory_), info_(std::move(other.info_)), choice_(std::move(other.choice_)),
      large_points_(other.large_points_) {}

Device& Device::operator=(Device&& other) noexcept {
    if (this != &other) {
        destroy();
        device_ = std::exchange(other.device_, VK_NULL_HANDLE);
        physical_ = other.physical_;
        queue_ = other.queue_;
        queue_family_ = other.queue_family_;
        properties_ = other.properties_;
        memory_ = other.memory_;
        info_ = std::move(other.info_);
        choice_ = std::move(other.choice_);
        large_points_ = other.large_points_;
    }
    return *this;
}

void Device::destroy() noexcept {
    if (device_ != VK_NULL_HANDLE) {
        // Owners of device objects must already be gone; waiting here only protects against
        // destroying a device whose queue is still executing.
        vkDeviceWaitIdle(device_);
        vkDestroyDevice(device_, nullptr);
    }
    device_ = VK_NULL_HANDLE;
}

void Device::wait_idle() const {
    VK_CHECK(vkDeviceWaitIdle(device_));
}

Result<Device> create_device(const Instance& instance, const DeviceOptions& options) {
    if (instance.get() == VK_NULL_HANDLE) return Error{"create_device: no instance", {}};
    if (options.surface != VK_NULL_HANDLE && instance.headless()) {
        return Error{
            "create_device: a surface was given but the instance is headless",
            {"pass the window system's extensions to InstanceBuilder::surface_extensions"}};
    }

    const std::vector<VkPhysicalDevice> physical = enumerate_physical_devices(instance.get());
    std::vector<DeviceInfo> infos;
    for (VkPhysicalDevice pd : physical) infos.push_back(query_device_info(pd, options.surface));

    SelectionCriteria criteria;
    criteria.require_present = options.surface != VK_NULL_HANDLE;
    if (options.gpu_override) {
        criteria.override_spec = *options.gpu_override;
        criteria.override_source = "--gpu";
    } else if (options.read_environment) {
        if (const char* env = std::getenv("SECONDHEART_GPU"); env && *env) {
            criteria.override_spec = env;
            criteria.override_source = "SECONDHEART_GPU";
        }
    }

    Result<DeviceChoice> chosen = choose_device(infos, criteria);
    if (!chosen) return chosen.error();

    Device device;
    device.choice_ = chosen.take();
    device.physical_ = physical[device.choice_.index];
    device.info_ = infos[device.choice_.index];
    device.queue_family_ = device.choice_.queue_family;
    device.large_points_ = device.info_.features.large_points;
    vkGetPhysicalDeviceProperties(device.physical_, &device.properties_);
    vkGetPhysicalDeviceMemoryProperties(device.physical_, &device.memory_);

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queue_info{};
    queue_info.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    queue_info.queueFamilyIndex = device.queue_family_;
    queue_info.queueCount = 1;
    queue_info.pQueuePriorities = &priority;

    VkPhysicalDeviceVulkan13Features f13{};
    f13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
    f13.dynamicRendering = VK_TRUE;
    f13.synchronization2 = VK_TRUE;
    f13.maintenance4 = VK_TRUE;
    VkPhysicalDeviceFeatures2 f2{};
    f2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
    f2.pNext = &f13;
    f2.features.largePoints = device.large_points_ ? VK_TRUE : VK_FALSE;

    std::vector<const char*> extensions;
    if (options.surface != VK_NULL_HANDLE) extensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);

    VkDeviceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    info.pNext = &f2;
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queue_info;
    info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.empty() ? nullptr : extensions.data();

    const VkResult result = vkCreateDevice(device.physical_, &info, nullptr, &device.device_);
    if (result != VK_SUCCESS) {
        device.device_ = VK_NULL_HANDLE;
        return vulkan_error(result, "vkCreateDevice failed for '" + device.info_.name + "'");
    }
    vkGetDeviceQueue(device.device_, device.queue_family_, 0, &device.queue_);
    return device;
}

} // namespace sh
