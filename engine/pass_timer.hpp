// GPU timestamps between the passes inside the frame's drawing (the frame loop's GpuTimer only
// splits compute / draw / UI / present). The content marks the end of each pass by name:
//
//   info.passes.mark(cmd, "opaque");   // time since the previous mark (or the draw start)
//
// Like GpuTimer, a slot's results are read once that slot's fence has signalled (one frame
// late, never stalling). Names are string literals (compared by content, kept by pointer).
// On lavapipe a timestamp flushes the rasteriser, which splits the frame into more binning
// scenes; measured interleaved at 1280x720 with and without the marks, that made no
// difference beyond the noise (if anything the split frame was faster), so the marks stay on.
#pragma once

#include "device.hpp"
#include "recent_samples.hpp"
#include "timestamp_pools.hpp"
#include "vk_handle.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

// Milliseconds per named pass, in the order the passes ran.
struct PassTimes {
    std::vector<std::pair<std::string, double>> passes;
    double ms(std::string_view name) const; // 0 when the pass did not run
};

class PassTimer {
public:
    static constexpr std::uint32_t k_max_marks = 24; // per frame, the start mark included

    PassTimer() = default;
    // slots: frames in flight. Off (every call a no-op) without timestamp support.
    static PassTimer create(const Device& device, std::uint32_t slots);
    bool enabled() const noexcept { return !ts_.pools.empty(); }

    // Frame loop: reads the slot's previous results (its fence has signalled), resets its
    // queries and writes the start mark. Record before the content's draw.
    void begin(VkCommandBuffer cmd, std::uint32_t slot);
    // Content: the pass that ran since the previous mark is called `name`. Marks past
    // k_max_marks are dropped.
    void mark(VkCommandBuffer cmd, std::uint32_t slot, const char* name);
    // Frame loop: records the copy of the slot's marks for the host, after the last mark and
    // outside a render pass (see TimestampPools::results).
    void end(VkCommandBuffer cmd, std::uint32_t slot) const;

    // Exponential moving average (the panel) and median over the last
    // RecentSamples::k_default_capacity frames (the benchmark; fixed storage, as GpuTimer).
    PassTimes smoothed() const;
    PassTimes median() const;

private:
    void collect(std::uint32_t slot);
    std::size_t index_of(const char* name);

    TimestampPools ts_;
    std::vector<std::vector<const char*>> recorded_; // per slot: the names of its marks
    std::vector<std::string> names_;                 // every pass seen, first-seen order
    std::vector<double> ema_;
    std::vector<RecentSamples<double>> samples_; // per pass, allocated when first seen
};

// What a content gets in FrameInfo: the timer and this frame's slot. Default: no timing.
struct PassMarker {
    PassTimer* timer = nullptr;
    std::uint32_t slot = 0;
    void mark(VkCommandBuffer cmd, const char* name) const {
        if (timer != nullptr) timer->mark(cmd, slot, name);
    }
};

} // namespace sh
