#include "timestamp_pools.hpp"

#include "barriers.hpp"
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
        Result<Buffer> results =
            create_buffer(device, VkDeviceSize{queries} * sizeof(std::uint64_t),
                          VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
        if (!results) return TimestampPools{}; // no host-readable memory: timing is off
        t.results.push_back(results.take());
    }
    return t;
}

void TimestampPools::record_copy(VkCommandBuffer cmd, std::uint32_t slot,
                                 std::uint32_t count) const {
    // WAIT: the copy waits in the queue for each timestamp to be written (no host wait).
    vkCmdCopyQueryPoolResults(cmd, pools[slot].get(), 0, count, results[slot].get(), 0,
                              sizeof(std::uint64_t),
                              VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT);
    // RAW (device -> host): the host reads the buffer after the slot's fence.
    pipeline_barrier(cmd,
                     {buffer_barrier(results[slot].get(), VK_PIPELINE_STAGE_2_COPY_BIT,
                                     VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_HOST_BIT,
                                     VK_ACCESS_2_HOST_READ_BIT)},
                     {});
}

void TimestampPools::read(std::uint32_t slot, std::uint32_t count, std::uint64_t* ticks) const {
    results[slot].read(ticks, std::size_t{count} * sizeof(std::uint64_t));
}

} // namespace sh
