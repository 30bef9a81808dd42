// Checking VkResult values. These checks stay on in release builds: a failed Vulkan call in the
// field must say which call failed, with what result, and where, not continue into undefined
// behaviour (unlike assert-based checks that vanish with NDEBUG).
#pragma once

#include "result.hpp"

#include <stdexcept>
#include <string>
#include <vulkan/vulkan.h>

namespace sh {

// Thrown by VK_CHECK; carries the VkResult so that callers can react to specific codes
// (for example VK_ERROR_DEVICE_LOST) without parsing the message.
class VulkanError : public std::runtime_error {
public:
    VulkanError(VkResult result, const std::string& message)
        : std::runtime_error(message), result_(result) {}
    VkResult result() const noexcept { return result_; }

private:
    VkResult result_;
};

// "VK_ERROR_OUT_OF_DEVICE_MEMORY" and friends; "VkResult(<n>)" for codes it does not know.
const char* vk_result_name(VkResult result) noexcept;

// The Error of a failed Vulkan call in setup code (Result, not VK_CHECK): code Vulkan, the
// VkResult kept in vk_result, its name as the first reason, then `more`.
Error vulkan_error(VkResult result, std::string message, std::vector<std::string> more = {});

// Builds the message and throws VulkanError. Out of line so that each VK_CHECK expands to a
// compare and a cold call only.
[[noreturn]] void throw_vulkan_error(VkResult result, const char* call, const char* file, int line);

} // namespace sh

// Any result other than VK_SUCCESS throws (non-error successes such as VK_INCOMPLETE or
// VK_TIMEOUT are unexpected at the call sites that use this macro).
#define VK_CHECK(call)                                                                             \
    do {                                                                                           \
        const VkResult sh_vk_check_result_ = (call);                                               \
        if (sh_vk_check_result_ != VK_SUCCESS) {                                                   \
            ::sh::throw_vulkan_error(sh_vk_check_result_, #call, __FILE__, __LINE__);              \
        }                                                                                          \
    } while (false)

// For vkAcquireNextImageKHR / vkQueuePresentKHR: SUBOPTIMAL and OUT_OF_DATE are part of normal
// operation (the caller recreates the swapchain), so they are returned, not thrown.
#define VK_CHECK_SWAPCHAIN(call)                                                                   \
    [&]() -> VkResult {                                                                            \
        const VkResult sh_vk_check_result_ = (call);                                               \
        if (sh_vk_check_result_ != VK_SUCCESS && sh_vk_check_result_ != VK_SUBOPTIMAL_KHR &&       \
            sh_vk_check_result_ != VK_ERROR_OUT_OF_DATE_KHR) {                                     \
            ::sh::throw_vulkan_error(sh_vk_check_result_, #call, __FILE__, __LINE__);              \
        }                                                                                          \
        return sh_vk_check_result_;                                                                \
    }()
