// Vulkan instance with an optional validation layer and a debug-utils messenger that counts
// what the layer reports. Counting (not just printing) is what lets a test fail on a
// validation error: with VK_INSTANCE_LAYERS alone the layer prints and the process exits 0.
#pragma once

#include "result.hpp"

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

// Shared between the messenger callback (any thread) and the owner. Held by shared_ptr so a
// test can read the counts after the instance, and its leak report, are gone.
class ValidationStats {
public:
    // Errors of any message type, and validation/performance warnings. Loader (GENERAL)
    // warnings are counted apart: they describe the machine, not our API usage.
    std::uint32_t errors() const noexcept { return errors_.load(); }
    std::uint32_t warnings() const noexcept { return warnings_.load(); }
    std::uint32_t general_warnings() const noexcept { return general_warnings_.load(); }
    std::vector<std::string> last_messages() const; // newest last, at most k_kept

    void record(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                VkDebugUtilsMessageTypeFlagsEXT type, const char* message);
    void set_echo(bool echo) noexcept { echo_ = echo; }

    static constexpr std::size_t k_kept = 16;

private:
    std::atomic<std::uint32_t> errors_{0};
    std::atomic<std::uint32_t> warnings_{0};
    std::atomic<std::uint32_t> general_warnings_{0};
    std::atomic<bool> echo_{true};
    mutable std::mutex mutex_;
    std::deque<std::string> messages_;
};

enum class Validation {
    Off,
    IfAvailable, // enable when the layer is installed, carry on without it otherwise
    Required,    // fail instance creation when the layer is missing (GPU tests)
};

class Instance {
public:
    Instance() = default;
    ~Instance();
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;
    Instance(Instance&& other) noexcept;
    Instance& operator=(Instance&& other) noexcept;

    VkInstance get() const noexcept { return instance_; }
    bool validation_enabled() const noexcept { return validation_; }
    bool headless() const noexcept { return headless_; }
    std::uint32_t api_version() const noexcept { return api_version_; }
    const std::shared_ptr<ValidationStats>& stats() const noexcept { return stats_; }

private:
    friend class InstanceBuilder;
    void destroy() noexcept;

    VkInstance instance_ = VK_NULL_HANDLE;
    VkDebugUtilsMessengerEXT messenger_ = VK_NULL_HANDLE;
    std::shared_ptr<ValidationStats> stats_;
    std::uint32_t api_version_ = 0;
    bool validation_ = false;
    bool headless_ = true;
};

class InstanceBuilder {
public:
    InstanceBuilder& app_name(std::string name);
    InstanceBuilder& validation(Validation mode);
    // Extensions a window system needs (from SDL_Vulkan_GetInstanceExtensions). None means a
    // headless instance: no surface can be created and device selection ignores presentation.
    InstanceBuilder& surface_extensions(std::vector<std::string> extensions);
    // Print warnings and errors to stderr as they arrive (on by default).
    InstanceBuilder& echo_messages(bool echo);

    Result<Instance> build() const;

private:
    std::string app_name_ = "SecondHeart";
    Validation validation_ = Validation::IfAvailable;
    std::vector<std::string> surface_extensions_;
    bool echo_ = true;
};

inline constexpr const char* k_validation_layer = "VK_LAYER_KHRONOS_validation";

// True when the Khronos validation layer is installed (cheap: no instance is created).
bool validation_layer_available();

} // namespace sh
