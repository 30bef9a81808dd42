#include "gpu_timer.hpp"

#include "vk_check.hpp"

#include <algorithm>

namespace sh {

GpuTimer GpuTimer::create(const Device& device, std::uint32_t slots) {
    GpuTimer timer;
    timer.ts_ = create_timestamp_pools(device, slots, k_marks);
    if (timer.ts_.pools.empty()) return timer;
    timer.written_.assign(slots, false);
    return timer;
}

void GpuTimer::collect(std::uint32_t slot) {
    if (!written_[slot]) return;
    std::array<std::uint64_t, k_marks> ticks{};
    // The slot's fence has signalled, so end_frame's copy has landed.
    ts_.read(slot, k_marks, ticks.data());
    GpuTimes t;
    const auto ms = [&](std::uint64_t from, std::uint64_t to) {
        const std::uint64_t d = ((to & ts_.valid_mask) - (from & ts_.valid_mask)) & ts_.valid_mask;
        return static_cast<double>(d) * ts_.ns_per_tick * 1e-6;
    };
    for (std::uint32_t s = 0; s + 1 < k_marks; ++s) t.section_ms[s] = ms(ticks[s], ticks[s + 1]);
    t.total_ms = ms(ticks[0], ticks[k_marks - 1]);

    // EMA with a ~20-frame memory: steady enough to read in the panel, quick to follow changes.
    constexpr double k_alpha = 0.05;
    if (!ema_started_) {
        ema_ = t;
        ema_started_ = true;
    } else {
        for (std::size_t s = 0; s < t.section_ms.size(); ++s)
            ema_.section_ms[s] += k_alpha * (t.section_ms[s] - ema_.section_ms[s]);
        ema_.total_ms += k_alpha * (t.total_ms - ema_.total_ms);
    }
    samples_.push(t);
}

void GpuTimer::begin_frame(VkCommandBuffer cmd, std::uint32_t slot) {
    if (!enabled()) return;
    collect(slot);
    vkCmdResetQueryPool(cmd, ts_.pools[slot].get(), 0, k_marks);
    // TOP_OF_PIPE: the mark is taken before any of this frame's work starts.
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_TOP_OF_PIPE_BIT, ts_.pools[slot].get(), 0);
    written_[slot] = true;
}

void GpuTimer::end_frame(VkCommandBuffer cmd, std::uint32_t slot) const {
    if (!enabled()) return;
    ts_.record_copy(cmd, slot, k_marks);
}

void GpuTimer::mark(VkCommandBuffer cmd, std::uint32_t slot, GpuSection section) {
    if (!enabled()) return;
    // ALL_COMMANDS: the mark is written once everything recorded before it has finished.
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, ts_.pools[slot].get(),
                         static_cast<std::uint32_t>(section) + 1);
}

GpuTimes GpuTimer::median() const {
    GpuTimes m;
    for (std::size_t s = 0; s < m.section_ms.size(); ++s)
        m.section_ms[s] = median_of(samples_, [s](const GpuTimes& t) { return t.section_ms[s]; });
    m.total_ms = median_of(samples_, [](const GpuTimes& t) { return t.total_ms; });
    return m;
}

} // namespace sh
