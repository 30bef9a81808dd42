// Timestamp query pools, one per frame slot, and the conversion facts of the queue that writes
// them: shared by the section timer (engine/window/gpu_timer) and the per-pass timer
// (pass_timer).
#pragma once

#include "device.hpp"
#include "vk_handle.hpp"

#include <cstdint>
#include <vector>

namespace sh {

struct TimestampPools {
    VkDevice device = VK_NULL_HANDLE;
    double ns_per_tick = 1.0;
    std::uint64_t valid_mask = ~std::uint64_t{0}; // the queue's valid timestamp bits
    std::vector<UniqueQueryPool> pools;           // empty: the queue cannot time
};

// `slots` pools of `queries` timestamps each; none when the queue family has no valid
// timestamp bits or the device reports no timestamp period (timing is then simply off).
TimestampPools create_timestamp_pools(const Device& device, std::uint32_t slots,
                                      std::uint32_t queries);

} // namespace sh
