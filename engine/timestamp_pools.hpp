// Timestamp query pools, one per frame slot, and the conversion facts of the queue that writes
// them: shared by the section timer (engine/window/gpu_timer) and the per-pass timer
// (pass_timer).
#pragma once

#include "device.hpp"
#include "memory.hpp"
#include "vk_handle.hpp"

#include <cstdint>
#include <vector>

namespace sh {

struct TimestampPools {
    VkDevice device = VK_NULL_HANDLE;
    double ns_per_tick = 1.0;
    std::uint64_t valid_mask = ~std::uint64_t{0}; // the queue's valid timestamp bits
    std::vector<UniqueQueryPool> pools;           // empty: the queue cannot time
    // Per slot, where the command buffer copies its timestamps (vkCmdCopyQueryPoolResults) for
    // the host to read after the slot's fence. Why not vkGetQueryPoolResults: lavapipe (Mesa
    // 22.3) waits for the whole device to go idle in that call, so reading the older slot's
    // results stalled the program until the newer frame had finished too, and the host's work
    // for a frame never overlapped the device's work on the one before (session 9 measured
    // the frame loop's two frames in flight running strictly one after the other).
    std::vector<Buffer> results;

    // Records the copy of the slot's first `count` timestamps into its results buffer, made
    // visible to the host once the fence signals. Outside a render pass, after the last mark.
    void record_copy(VkCommandBuffer cmd, std::uint32_t slot, std::uint32_t count) const;
    // Reads what record_copy left (the slot's fence must have signalled) into `ticks`.
    void read(std::uint32_t slot, std::uint32_t count, std::uint64_t* ticks) const;
};

// `slots` pools of `queries` timestamps each; none when the queue family has no valid
// timestamp bits or the device reports no timestamp period (timing is then simply off).
TimestampPools create_timestamp_pools(const Device& device, std::uint32_t slots,
                                      std::uint32_t queries);

} // namespace sh
