#include "device_selection.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace sh {
namespace {

std::string version_string(std::uint32_t v) {
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) +
           "." + std::to_string(VK_API_VERSION_PATCH(v));
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string label(const DeviceVerdict& v) {
    return "#" + std::to_string(v.index) + " '" + v.name + "'";
}

// Applies the hard requirements; fills reasons for every one that fails.
DeviceVerdict judge(std::size_t index, const DeviceInfo& info, const SelectionCriteria& c) {
    DeviceVerdict v;
    v.index = index;
    v.name = info.name;

    if (info.api_version < c.min_api_version) {
        v.reasons.push_back("supports Vulkan " + version_string(info.api_version) + ", needs " +
                            version_string(c.min_api_version));
    }
    if (!info.features.dynamic_rendering)
        v.reasons.push_back("lacks the Vulkan 1.3 feature dynamicRendering");
    if (!info.features.synchronization2)
        v.reasons.push_back("lacks the Vulkan 1.3 feature synchronization2");
    if (!info.features.maintenance4)
        v.reasons.push_back("lacks the Vulkan 1.3 feature maintenance4");

    const VkQueueFlags needed = VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT;
    std::optional<std::uint32_t> family;
    bool graphics_compute_seen = false;
    for (std::size_t i = 0; i < info.queue_families.size(); ++i) {
        const QueueFamilyInfo& q = info.queue_families[i];
        if ((q.flags & needed) != needed || q.queue_count == 0) continue;
        graphics_compute_seen = true;
        if (c.require_present && !q.present) continue;
        family = static_cast<std::uint32_t>(i);
        break;
    }
    if (!graphics_compute_seen) {
        v.reasons.push_back("has no queue family with both graphics and compute");
    } else if (!family) {
        v.reasons.push_back("no graphics+compute queue family can present to the surface");
    }

    if (c.require_present && !info.swapchain_extension)
        v.reasons.push_back("lacks the device extension VK_KHR_swapchain");

    v.suitable = v.reasons.empty();
    if (v.suitable) {
        v.queue_family = *family;
        v.score = device_type_score(info.type);
    }
    return v;
}

// Index or case-insensitive name substring; returns every device the spec matches.
std::vector<std::size_t> match_override(std::span<const DeviceInfo> devices,
                                        const std::string& spec) {
    std::vector<std::size_t> matches;
    const bool numeric = !spec.empty() && std::all_of(spec.begin(), spec.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) != 0;
    });
    if (numeric) {
        if (spec.size() > 9) return matches; // no machine has a billion devices; avoids overflow
        const unsigned long index = std::stoul(spec);
        if (index < devices.size()) matches.push_back(index);
        return matches;
    }
    const std::string needle = lower(spec);
    for (std::size_t i = 0; i < devices.size(); ++i) {
        if (lower(devices[i].name).find(needle) != std::string::npos) matches.push_back(i);
    }
    return matches;
}

std::vector<std::string> all_reasons(const std::vector<DeviceVerdict>& verdicts) {
    std::vector<std::string> lines;
    for (const DeviceVerdict& v : verdicts) {
        std::string line = label(v) + (v.suitable ? ": suitable" : ": rejected");
        for (std::size_t i = 0; i < v.reasons.size(); ++i)
            line += (i == 0 ? ": " : "; ") + v.reasons[i];
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace

std::string_view device_type_name(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return "discrete GPU";
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return "integrated GPU";
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return "virtual GPU";
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return "CPU";
    default:
        return "other";
    }
}

int device_type_score(VkPhysicalDeviceType type) {
    switch (type) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
        return 2;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
        return 1;
    default:
        return 0;
    }
}

std::string DeviceChoice::report() const {
    std::string text;
    for (const std::string& line : all_reasons(verdicts)) {
        text += line;
        text += '\n';
    }
    return text;
}

Result<DeviceChoice> choose_device(std::span<const DeviceInfo> devices,
                                   const SelectionCriteria& criteria) {
    if (devices.empty()) {
        return Error{"no Vulkan device found",
                     {"the loader enumerated no physical device; install a driver (for a CPU "
                      "device: mesa-vulkan-drivers, which provides lavapipe) or check "
                      "VK_DRIVER_FILES / VK_ICD_FILENAMES"}};
    }

    DeviceChoice choice;
    for (std::size_t i = 0; i < devices.size(); ++i)
        choice.verdicts.push_back(judge(i, devices[i], criteria));

    std::optional<std::size_t> best;
    if (!criteria.override_spec.empty()) {
        const std::string where = criteria.override_source + "=" + criteria.override_spec;
        const std::vector<std::size_t> matches = match_override(devices, criteria.override_spec);
        if (matches.empty()) {
            std::vector<std::string> reasons = all_reasons(choice.verdicts);
            reasons.insert(reasons.begin(), where + " matches no device index or name");
            return Error{"the requested Vulkan device does not exist", std::move(reasons)};
        }
        for (std::size_t i : matches) {
            if (choice.verdicts[i].suitable) {
                best = i;
                break;
            }
        }
        if (!best) {
            std::vector<std::string> reasons = all_reasons(choice.verdicts);
            reasons.insert(reasons.begin(), where + " names only unsuitable devices");
            return Error{"the requested Vulkan device cannot be used", std::move(reasons)};
        }
        choice.verdicts[*best].reasons.push_back("chosen by " + where);
    } else {
        // Highest score wins; ties go to the first enumerated (the loader's order).
        for (const DeviceVerdict& v : choice.verdicts) {
            if (v.suitable && (!best || v.score > choice.verdicts[*best].score)) best = v.index;
        }
        if (!best) {
            return Error{"no suitable Vulkan device (needs Vulkan 1.3 with dynamicRendering, "
                         "synchronization2, maintenance4 and a graphics+compute queue)",
                         all_reasons(choice.verdicts)};
        }
        choice.verdicts[*best].reasons.push_back(
            "chosen: best device type (" + std::string(device_type_name(devices[*best].type)) +
            ")");
    }

    DeviceVerdict& chosen = choice.verdicts[*best];
    chosen.chosen = true;
    for (DeviceVerdict& v : choice.verdicts) {
        if (!v.suitable || v.chosen) continue;
        v.reasons.push_back(
            "ranked lower: " + std::string(device_type_name(devices[v.index].type)) +
            (criteria.override_spec.empty() ? " ranks at or below "
                                            : ", but the override picked ") +
            label(chosen) + " (" + std::string(device_type_name(devices[chosen.index].type)) + ")");
    }
    choice.index = chosen.index;
    choice.queue_family = chosen.queue_family;
    return choice;
}

} // namespace sh
