// Device selection on synthetic DeviceInfo lists: no GPU needed.
#include "device_selection.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {

using sh::DeviceInfo;

DeviceInfo make_device(std::string name, VkPhysicalDeviceType type) {
    DeviceInfo d;
    d.name = std::move(name);
    d.type = type;
    d.api_version = VK_MAKE_API_VERSION(0, 1, 3, 230);
    d.features = {true, true, true, false};
    d.queue_families = {
        {VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT | VK_QUEUE_TRANSFER_BIT, 1, true}};
    d.swapchain_extension = true;
    return d;
}

// Debian 12's lavapipe as measured (engine-anchors.md 6.1).
DeviceInfo lavapipe() {
    return make_device("llvmpipe (LLVM 15.0.6, 256 bits)", VK_PHYSICAL_DEVICE_TYPE_CPU);
}

bool any_reason_contains(const std::vector<std::string>& reasons, const std::string& text) {
    for (const std::string& r : reasons)
        if (r.find(text) != std::string::npos) return true;
    return false;
}

} // namespace

TEST_CASE("selection: discrete beats integrated beats CPU", "[selection]") {
    const std::vector<DeviceInfo> devices = {
        lavapipe(), make_device("Intel UHD", VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU),
        make_device("Radeon RX", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU)};
    auto choice = sh::choose_device(devices, {});
    REQUIRE(choice);
    CHECK(choice.value().index == 2);
    CHECK(choice.value().verdicts[2].chosen);
    // The others are suitable but say why they were ranked lower.
    CHECK(any_reason_contains(choice.value().verdicts[0].reasons, "ranked lower"));
    CHECK(any_reason_contains(choice.value().verdicts[1].reasons, "ranked lower"));

    const std::vector<DeviceInfo> no_discrete = {lavapipe(), devices[1]};
    auto second = sh::choose_device(no_discrete, {});
    REQUIRE(second);
    CHECK(second.value().index == 1);

    CHECK(sh::device_type_score(VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU) >
          sh::device_type_score(VK_PHYSICAL_DEVICE_TYPE_CPU));
}

TEST_CASE("selection: lavapipe alone is accepted", "[selection]") {
    const std::vector<DeviceInfo> devices = {lavapipe()};
    auto choice = sh::choose_device(devices, {});
    REQUIRE(choice);
    CHECK(choice.value().index == 0);
    CHECK(choice.value().queue_family == 0);
    CHECK(choice.value().report().find("llvmpipe") != std::string::npos);
}

TEST_CASE("selection: missing dynamicRendering is rejected with a reason", "[selection]") {
    DeviceInfo old_gpu = make_device("Old GPU", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    old_gpu.features.dynamic_rendering = false;
    const std::vector<DeviceInfo> devices = {old_gpu, lavapipe()};
    auto choice = sh::choose_device(devices, {});
    REQUIRE(choice);
    CHECK(choice.value().index == 1); // the CPU device wins over an unsuitable discrete GPU
    const sh::DeviceVerdict& v = choice.value().verdicts[0];
    CHECK_FALSE(v.suitable);
    CHECK(any_reason_contains(v.reasons, "dynamicRendering"));
}

TEST_CASE("selection: other requirements name what is missing", "[selection]") {
    DeviceInfo old_api = make_device("Vulkan 1.2 GPU", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    old_api.api_version = VK_MAKE_API_VERSION(0, 1, 2, 0);
    DeviceInfo no_sync2 = make_device("No sync2", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    no_sync2.features.synchronization2 = false;
    DeviceInfo compute_only = make_device("Compute only", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    compute_only.queue_families = {{VK_QUEUE_COMPUTE_BIT, 4, false}};
    DeviceInfo no_present = make_device("Headless GPU", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    no_present.queue_families[0].present = false;

    const std::vector<DeviceInfo> devices = {old_api, no_sync2, compute_only, no_present};
    sh::SelectionCriteria with_surface;
    with_surface.require_present = true;
    auto choice = sh::choose_device(devices, with_surface);
    REQUIRE_FALSE(choice);
    const auto& reasons = choice.error().reasons;
    REQUIRE(reasons.size() == 4);
    CHECK(reasons[0].find("needs 1.3") != std::string::npos);
    CHECK(reasons[1].find("synchronization2") != std::string::npos);
    CHECK(reasons[2].find("graphics and compute") != std::string::npos);
    CHECK(reasons[3].find("present") != std::string::npos);

    // Without a surface, the GPU that cannot present is fine.
    auto headless = sh::choose_device(devices, {});
    REQUIRE(headless);
    CHECK(headless.value().index == 3);
}

TEST_CASE("selection: override by name and by index", "[selection]") {
    const std::vector<DeviceInfo> devices = {
        make_device("Radeon RX", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU), lavapipe()};

    sh::SelectionCriteria by_name;
    by_name.override_spec = "LLVMPIPE"; // case-insensitive substring
    auto named = sh::choose_device(devices, by_name);
    REQUIRE(named);
    CHECK(named.value().index == 1);
    CHECK(any_reason_contains(named.value().verdicts[1].reasons, "SECONDHEART_GPU=LLVMPIPE"));
    CHECK(any_reason_contains(named.value().verdicts[0].reasons, "override"));

    sh::SelectionCriteria by_index;
    by_index.override_spec = "1";
    by_index.override_source = "--gpu";
    auto indexed = sh::choose_device(devices, by_index);
    REQUIRE(indexed);
    CHECK(indexed.value().index == 1);

    sh::SelectionCriteria unknown;
    unknown.override_spec = "7";
    auto missing = sh::choose_device(devices, unknown);
    REQUIRE_FALSE(missing);
    CHECK(any_reason_contains(missing.error().reasons, "matches no device"));

    DeviceInfo broken = make_device("Broken GPU", VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU);
    broken.features.maintenance4 = false;
    const std::vector<DeviceInfo> with_broken = {broken, lavapipe()};
    sh::SelectionCriteria pick_broken;
    pick_broken.override_spec = "broken";
    auto refused = sh::choose_device(with_broken, pick_broken);
    REQUIRE_FALSE(refused);
    CHECK(any_reason_contains(refused.error().reasons, "maintenance4"));
}

TEST_CASE("selection: no device is an error with reasons", "[selection]") {
    auto none = sh::choose_device({}, {});
    REQUIRE_FALSE(none);
    CHECK_FALSE(none.error().reasons.empty());
    CHECK(none.error().describe().find("mesa-vulkan-drivers") != std::string::npos);
    CHECK_THROWS_AS(none.value(), std::logic_error); // never unwrapped into garbage
}
