// GPU timestamps per frame in flight (niagara's habit): the frame loop writes a timestamp at the
// start, after compute, after drawing, after the UI and at the end of each frame's command
// buffer. The results of a slot are read when that slot's fence has signalled, i.e. one frame
// late, from a buffer the command buffer copied them into, so reading never stalls. Samples feed a
// median (benchmark) and an EMA (the panel).
#pragma once

#include "device.hpp"
#include "recent_samples.hpp"
#include "timestamp_pools.hpp"
#include "vk_handle.hpp"

#include <array>
#include <cstdint>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

enum class GpuSection : std::uint32_t { Compute = 0, Draw = 1, Ui = 2, Present = 3, Count = 4 };

// Milliseconds per section and for the whole command buffer.
struct GpuTimes {
    std::array<double, static_cast<std::size_t>(GpuSection::Count)> section_ms{};
    double total_ms = 0;
    double ms(GpuSection s) const { return section_ms[static_cast<std::size_t>(s)]; }
};

class GpuTimer {
public:
    static constexpr std::uint32_t k_marks = static_cast<std::uint32_t>(GpuSection::Count) + 1;

    GpuTimer() = default;
    // slots: frames in flight. Timing is off (every call a no-op) when the queue family has no
    // timestamp bits.
    static GpuTimer create(const Device& device, std::uint32_t slots);

    bool enabled() const noexcept { return !ts_.pools.empty(); }

    // Reads the slot's previous results (its fence must have signalled), then records the reset
    // and the start mark. Call first in the slot's command buffer.
    void begin_frame(VkCommandBuffer cmd, std::uint32_t slot);
    // Records the copy of the slot's timestamps for the host (after the last mark; see
    // TimestampPools::results for why not vkGetQueryPoolResults).
    void end_frame(VkCommandBuffer cmd, std::uint32_t slot) const;
    // Marks the end of `section` (sections run in enum order; the start is begin_frame's mark).
    void mark(VkCommandBuffer cmd, std::uint32_t slot, GpuSection section);

    const GpuTimes& smoothed() const noexcept { return ema_; }
    // Median over the last RecentSamples::k_default_capacity frames (every frame of a
    // benchmark); the storage is fixed, so a long run does not grow.
    GpuTimes median() const;
    std::size_t sample_count() const noexcept { return samples_.size(); }

private:
    void collect(std::uint32_t slot);

    TimestampPools ts_;
    std::vector<bool> written_;
    GpuTimes ema_;
    bool ema_started_ = false;
    RecentSamples<GpuTimes> samples_;
};

} // namespace sh
