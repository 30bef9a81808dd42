#include "vk_check.hpp"

#include <string>
#include <string_view>

namespace sh {

const char* vk_result_name(VkResult result) noexcept {
    switch (result) {
#define SH_CASE(x)                                                                                 \
    case x:                                                                                        \
        return #x;
        SH_CASE(VK_SUCCESS)
        SH_CASE(VK_NOT_READY)
        SH_CASE(VK_TIMEOUT)
        SH_CASE(VK_EVENT_SET)
        SH_CASE(VK_EVENT_RESET)
        SH_CASE(VK_INCOMPLETE)
        SH_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
        SH_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
        SH_CASE(VK_ERROR_INITIALIZATION_FAILED)
        SH_CASE(VK_ERROR_DEVICE_LOST)
        SH_CASE(VK_ERROR_MEMORY_MAP_FAILED)
        SH_CASE(VK_ERROR_LAYER_NOT_PRESENT)
        SH_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
        SH_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
        SH_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
        SH_CASE(VK_ERROR_TOO_MANY_OBJECTS)
        SH_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
        SH_CASE(VK_ERROR_FRAGMENTED_POOL)
        SH_CASE(VK_ERROR_UNKNOWN)
        SH_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
        SH_CASE(VK_ERROR_INVALID_EXTERNAL_HANDLE)
        SH_CASE(VK_ERROR_FRAGMENTATION)
        SH_CASE(VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS)
        SH_CASE(VK_PIPELINE_COMPILE_REQUIRED)
        SH_CASE(VK_ERROR_SURFACE_LOST_KHR)
        SH_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
        SH_CASE(VK_SUBOPTIMAL_KHR)
        SH_CASE(VK_ERROR_OUT_OF_DATE_KHR)
        SH_CASE(VK_ERROR_INCOMPATIBLE_DISPLAY_KHR)
        SH_CASE(VK_ERROR_VALIDATION_FAILED_EXT)
        SH_CASE(VK_ERROR_INVALID_SHADER_NV)
        SH_CASE(VK_ERROR_NOT_PERMITTED_KHR)
        SH_CASE(VK_ERROR_FULL_SCREEN_EXCLUSIVE_MODE_LOST_EXT)
        SH_CASE(VK_THREAD_IDLE_KHR)
        SH_CASE(VK_THREAD_DONE_KHR)
        SH_CASE(VK_OPERATION_DEFERRED_KHR)
        SH_CASE(VK_OPERATION_NOT_DEFERRED_KHR)
#undef SH_CASE
    default:
        return "VkResult(unknown)";
    }
}

void throw_vulkan_error(VkResult result, const char* call, const char* file, int line) {
    std::string message = std::string(call) + " failed with " + vk_result_name(result);
    if (std::string_view(vk_result_name(result)) == "VkResult(unknown)") {
        message += " (" + std::to_string(static_cast<int>(result)) + ")";
    }
    message += " at " + std::string(file) + ":" + std::to_string(line);
    throw VulkanError(result, message);
}

Error vulkan_error(VkResult result, std::string message, std::vector<std::string> more) {
    Error e{std::move(message),
            {vk_result_name(result)},
            ErrorCode::Vulkan,
            static_cast<std::int32_t>(result)};
    for (std::string& m : more) e.reasons.push_back(std::move(m));
    return e;
}

} // namespace sh
