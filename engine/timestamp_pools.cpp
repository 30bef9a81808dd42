#include "timestamp_pools.hpp"

#include "vk_check.hpp"

namespace sh {

TimestampPools create_timestamp_pools(const Device& device, std::uint32_t slots,
                                      std::uint32_t queries) {
    TimestampPools t;
    std::uint32_t family_count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &family_count, nullptr);
    std::vector<VkQueueFamilyProperties> families(family_count);
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical(), &family_count, families.data());
    const std::uint32_t bits = families.at(device.queue_family()).timestampValidBits;
    if (bits == 0 || device.properties().limits.timestampPeriod <= 0.0f) return t;

    t.device = device.get();
    t.ns_per_tick = static_cast<double>(device.properties().limits.timestampPeriod);
    t.valid_mask = bits >= 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << bits) - 1);
    for (std::uint32_t i = 0; i < slots; ++i) {
        VkQueryPoolCreateInfo info{};
        info.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
        info.queryType = VK_QUERY_TYPE_TIMESTAMP;
        info.queryCount = queries;
        VkQueryPool pool = VK_NULL_HANDLE;
        VK_CHECK(vkCreateQueryPool(device.get(), &info, nullptr, &pool));
        t.pools.emplace_back(device.get(), pool);
    }
    return t;
}

} // namespace sh
