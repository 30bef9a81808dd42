#include "gpu_context.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace sh::test {

std::unique_ptr<GpuContext> make_gpu_context() {
    auto context = std::make_unique<GpuContext>();
    auto instance = InstanceBuilder()
                        .app_name("SecondHeart GPU tests")
                        .validation(Validation::Required)
                        .build();
    if (!instance) FAIL(instance.error().describe());
    context->instance = instance.take();
    REQUIRE(context->instance.validation_enabled());

    auto device = create_device(context->instance, {});
    if (!device) FAIL(device.error().describe());
    context->device = device.take();

    auto submitter = create_immediate_submitter(context->device);
    if (!submitter) FAIL(submitter.error().describe());
    context->submitter = submitter.take();
    return context;
}

void finish_and_check_validation(std::unique_ptr<GpuContext>& context) {
    REQUIRE(context);
    const std::shared_ptr<ValidationStats> stats = context->instance.stats();
    context.reset(); // vkDestroyDevice / vkDestroyInstance report leaked objects here
    std::string last;
    for (const std::string& m : stats->last_messages()) last += m + "\n";
    INFO("last validation messages:\n" << last);
    CHECK(stats->warnings() == 0u);
    REQUIRE(stats->errors() == 0u);
}

} // namespace sh::test
