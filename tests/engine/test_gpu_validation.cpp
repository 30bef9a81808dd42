// The validation oracle itself: a test that passes because the messenger is deaf would make
// every other GPU test meaningless, so prove it hears a deliberate error.
#include "gpu_context.hpp"
#include "vk_check.hpp"

#include <catch2/catch.hpp>

TEST_CASE("gpu validation: the messenger counts a deliberate error", "[gpu][validation]") {
    auto ctx = sh::test::make_gpu_context();
    const auto stats = ctx->instance.stats();
    stats->set_echo(false); // expected error: keep the log clean
    REQUIRE(stats->errors() == 0u);

    VkBufferCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    info.size = 0; // invalid: VUID-VkBufferCreateInfo-size-00912
    info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    VkBuffer buffer = VK_NULL_HANDLE;
    const VkResult result = vkCreateBuffer(ctx->device.get(), &info, nullptr, &buffer);
    // The layer skips the invalid call; destroy defensively in case a driver created it.
    if (result == VK_SUCCESS && buffer != VK_NULL_HANDLE)
        vkDestroyBuffer(ctx->device.get(), buffer, nullptr);

    CHECK(stats->errors() >= 1u);
    const auto messages = stats->last_messages();
    REQUIRE_FALSE(messages.empty());
    CHECK(messages.back().find("00912") != std::string::npos);
    ctx.reset();
}
