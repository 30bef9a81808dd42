// Main of the GPU test program. Before running any test it probes for a Vulkan 1.3 device and
// the Khronos validation layer; when either is missing it prints "SKIPPED: <reason>" and exits
// with 77, which CTest reports as skipped (SKIP_RETURN_CODE) - loud, never a silent pass. A
// device that is present but refused by the device selection fails (exit 1): that is a bug or a
// broken driver to look at, not a machine without a GPU.
// Listing (used by catch_discover_tests at build time) works without a device.
// CI, where lavapipe is installed and the tests must run, can set SECONDHEART_REQUIRE_GPU_TESTS=1
// to turn that skip into a failure.
#define CATCH_CONFIG_RUNNER
#include "device.hpp"
#include "instance.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace {

constexpr int k_skip_exit_code = 77;

// Empty when the GPU tests can run; otherwise why not. `present` is set when a Vulkan device
// exists: then a refusal is a failure (lavapipe must be usable), never a skip.
std::string probe_gpu(bool& present) {
    if (!sh::validation_layer_available()) {
        return std::string(sh::k_validation_layer) +
               " is not installed (Debian: vulkan-validationlayers)";
    }
    try {
        auto instance = sh::InstanceBuilder()
                            .app_name("SecondHeart GPU test probe")
                            .validation(sh::Validation::Off)
                            .echo_messages(false)
                            .build();
        if (!instance) return instance.error().describe();
        std::vector<sh::DeviceInfo> infos;
        for (VkPhysicalDevice pd : sh::enumerate_physical_devices(instance.value().get()))
            infos.push_back(sh::query_device_info(pd, VK_NULL_HANDLE));
        sh::SelectionCriteria criteria;
        if (const char* env = std::getenv("SECONDHEART_GPU"); env && *env)
            criteria.override_spec = env;
        present = !infos.empty();
        if (!present) return "the Vulkan driver lists no device";
        auto choice = sh::choose_device(infos, criteria);
        if (!choice) return choice.error().describe();
        std::printf("GPU tests on: %s\n", infos[choice.value().index].name.c_str());
    } catch (const std::exception& e) {
        return std::string("Vulkan probe failed: ") + e.what();
    }
    return {};
}

} // namespace

int main(int argc, char* argv[]) {
    Catch::Session session;
    if (const int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
    const Catch::ConfigData& config = session.configData();
    const bool listing_only = config.listTests || config.listTestNamesOnly || config.listTags ||
                              config.listReporters || config.showHelp;
    if (!listing_only) {
        bool present = false;
        const std::string reason = probe_gpu(present);
        if (!reason.empty() && present) {
            std::printf("FAILED: a Vulkan device is present but was refused: %s\n", reason.c_str());
            return 1;
        }
        if (!reason.empty()) {
            if (const char* required = std::getenv("SECONDHEART_REQUIRE_GPU_TESTS");
                required && *required && std::string_view(required) != "0") {
                std::printf("FAILED: GPU tests required but cannot run: %s\n", reason.c_str());
                return 1;
            }
            std::printf("SKIPPED: %s\n", reason.c_str());
            std::fflush(stdout);
            return k_skip_exit_code;
        }
    }
    return session.run();
}
