#include "instance.hpp"

#include "vk_check.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

namespace sh {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL debug_callback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                              VkDebugUtilsMessageTypeFlagsEXT type,
                                              const VkDebugUtilsMessengerCallbackDataEXT* data,
                                              void* user) {
    auto* stats = static_cast<ValidationStats*>(user);
    stats->record(severity, type, data && data->pMessage ? data->pMessage : "(no message)");
    return VK_FALSE; // never abort the call: the caller decides what a message means
}

VkDebugUtilsMessengerCreateInfoEXT messenger_info(ValidationStats* stats) {
    VkDebugUtilsMessengerCreateInfoEXT info{};
    info.sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT;
    info.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                           VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
    info.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
    info.pfnUserCallback = debug_callback;
    info.pUserData = stats;
    return info;
}

bool has_extension(const std::vector<VkExtensionProperties>& list, const char* name) {
    return std::any_of(list.begin(), list.end(), [&](const VkExtensionProperties& e) {
        return std::strcmp(e.extensionName, name) == 0;
    });
}

std::vector<VkExtensionProperties> instance_extensions(const char* layer) {
    std::uint32_t count = 0;
    if (vkEnumerateInstanceExtensionProperties(layer, &count, nullptr) != VK_SUCCESS) return {};
    std::vector<VkExtensionProperties> list(count);
    if (vkEnumerateInstanceExtensionProperties(layer, &count, list.data()) != VK_SUCCESS) return {};
    list.resize(count);
    return list;
}

} // namespace

void ValidationStats::record(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                             VkDebugUtilsMessageTypeFlagsEXT type, const char* message) {
    const bool error = (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) != 0;
    const bool general_only = type == VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT;
    const char* label = "warning";
    if (error) {
        errors_.fetch_add(1);
        label = "error";
    } else if (general_only) {
        general_warnings_.fetch_add(1);
        label = "loader warning";
    } else {
        warnings_.fetch_add(1);
    }
    std::string line = std::string("[vulkan ") + label + "] " + message;
    if (echo_.load()) std::fprintf(stderr, "%s\n", line.c_str());
    std::lock_guard lock(mutex_);
    messages_.push_back(std::move(line));
    while (messages_.size() > k_kept) messages_.pop_front();
}

std::vector<std::string> ValidationStats::last_messages() const {
    std::lock_guard lock(mutex_);
    return {messages_.begin(), messages_.end()};
}

bool validation_layer_available() {
    std::uint32_t count = 0;
    if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS) return false;
    std::vector<VkLayerProperties> layers(count);
    if (vkEnumerateInstanceLayerProperties(&count, layers.data()) != VK_SUCCESS) return false;
    layers.resize(count);
    return std::any_of(layers.begin(), layers.end(), [](const VkLayerProperties& l) {
        return std::strcmp(l.layerName, k_validation_layer) == 0;
    });
}

Instance::~Instance() {
    destroy();
}

Instance::Instance(Instance&& other) noexcept
    : instance_(std::exchange(other.instance_, VK_NULL_HANDLE)),
      messenger_(std::exchange(other.messenger_, VK_NULL_HANDLE)), stats_(std::move(other.stats_)),
      api_version_(other.api_version_), validation_(other.validation_), headless_(other.headless_) {
}

Instance& Instance::operator=(Instance&& other) noexcept {
    if (this != &other) {
        destroy();
        instance_ = std::exchange(other.instance_, VK_NULL_HANDLE);
        messenger_ = std::exchange(other.messenger_, VK_NULL_HANDLE);
        stats_ = std::move(other.stats_);
        api_version_ = other.api_version_;
        validation_ = other.validation_;
        headless_ = other.headless_;
    }
    return *this;
}

void Instance::destroy() noexcept {
    if (messenger_ != VK_NULL_HANDLE) {
        auto destroy_messenger = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance_, "vkDestroyDebugUtilsMessengerEXT"));
        if (destroy_messenger) destroy_messenger(instance_, messenger_, nullptr);
        messenger_ = VK_NULL_HANDLE;
    }
    // The messenger chained into VkInstanceCreateInfo stays active through vkDestroyInstance,
    // so leaked instance-level objects are still counted in stats_.
    if (instance_ != VK_NULL_HANDLE) vkDestroyInstance(instance_, nullptr);
    instance_ = VK_NULL_HANDLE;
}

InstanceBuilder& InstanceBuilder::app_name(std::string name) {
    app_name_ = std::move(name);
    return *this;
}
InstanceBuilder& InstanceBuilder::validation(Validation mode) {
    validation_ = mode;
    return *this;
}
InstanceBuilder& InstanceBuilder::surface_extensions(std::vector<std::string> extensions) {
    surface_extensions_ = std::move(extensions);
    return *this;
}
InstanceBuilder& InstanceBuilder::echo_messages(bool echo) {
    echo_ = echo;
    return *this;
}

Result<Instance> InstanceBuilder::build() const {
    std::uint32_t loader_version = VK_API_VERSION_1_0;
    if (vkEnumerateInstanceVersion(&loader_version) != VK_SUCCESS ||
        loader_version < VK_API_VERSION_1_3) {
        return Error{"the Vulkan loader is older than 1.3",
                     {"loader reports " + std::to_string(VK_API_VERSION_MAJOR(loader_version)) +
                      "." + std::to_string(VK_API_VERSION_MINOR(loader_version))}};
    }

    const bool layer_present = validation_ != Validation::Off && validation_layer_available();
    if (validation_ == Validation::Required && !layer_present) {
        return Error{"validation was required but is not available",
                     {std::string(k_validation_layer) +
                      " is not installed (Debian: vulkan-validationlayers)"}};
    }

    const std::vector<VkExtensionProperties> available = instance_extensions(nullptr);
    std::vector<const char*> extensions;
    std::vector<std::string> missing;
    for (const std::string& ext : surface_extensions_) {
        if (has_extension(available, ext.c_str())) {
            extensions.push_back(ext.c_str());
        } else {
            missing.push_back("instance extension " + ext + " is not available");
        }
    }
    if (!missing.empty()) return Error{"a surface extension is missing", missing};

    bool debug_utils = has_extension(available, VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (!debug_utils && layer_present) {
        debug_utils = has_extension(instance_extensions(k_validation_layer),
                                    VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    }
    if (debug_utils) extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
    if (layer_present && !debug_utils) {
        // Without the messenger we could not count errors, and a silent layer is worse than
        // none: it suggests a clean run.
        return Error{"validation layer present but VK_EXT_debug_utils is not", {}};
    }

    Instance instance;
    instance.stats_ = std::make_shared<ValidationStats>();
    instance.stats_->set_echo(echo_);

    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = app_name_.c_str();
    app.applicationVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.pEngineName = "SecondHeart engine";
    app.engineVersion = VK_MAKE_API_VERSION(0, 0, 1, 0);
    app.apiVersion = VK_API_VERSION_1_3;

    const char* layers[] = {k_validation_layer};
    VkDebugUtilsMessengerCreateInfoEXT debug_info = messenger_info(instance.stats_.get());

    VkInstanceCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    info.pNext = debug_utils ? &debug_info : nullptr;
    info.pApplicationInfo = &app;
    info.enabledLayerCount = layer_present ? 1u : 0u;
    info.ppEnabledLayerNames = layer_present ? layers : nullptr;
    info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();

    const VkResult created = vkCreateInstance(&info, nullptr, &instance.instance_);
    if (created != VK_SUCCESS) {
        instance.instance_ = VK_NULL_HANDLE;
        return vulkan_error(created, "vkCreateInstance failed");
    }
    instance.api_version_ = VK_API_VERSION_1_3;
    instance.validation_ = layer_present;
    instance.headless_ = surface_extensions_.empty();

    if (debug_utils) {
        auto create_messenger = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
            vkGetInstanceProcAddr(instance.instance_, "vkCreateDebugUtilsMessengerEXT"));
        if (!create_messenger || create_messenger(instance.instance_, &debug_info, nullptr,
                                                  &instance.messenger_) != VK_SUCCESS) {
            return Error{"could not create the debug-utils messenger", {}};
        }
    }
    return instance;
}

} // namespace sh
