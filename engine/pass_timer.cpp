#include "pass_timer.hpp"

#include "vk_check.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace sh {

double PassTimes::ms(std::string_view name) const {
    for (const auto& [n, v] : passes)
        if (n == name) return v;
    return 0.0;
}

PassTimer PassTimer::create(const Device& device, std::uint32_t slots) {
    PassTimer timer;
    timer.ts_ = create_timestamp_pools(device, slots, k_max_marks);
    if (timer.ts_.pools.empty()) return timer;
    timer.recorded_.resize(slots);
    return timer;
}

std::size_t PassTimer::index_of(const char* name) {
    for (std::size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name) return i;
    names_.emplace_back(name);
    ema_.push_back(-1.0); // no sample yet
    samples_.emplace_back();
    return names_.size() - 1;
}

void PassTimer::collect(std::uint32_t slot) {
    std::vector<const char*>& names = recorded_[slot];
    if (names.empty()) return;
    const auto count = static_cast<std::uint32_t>(names.size() + 1);
    std::array<std::uint64_t, k_max_marks> ticks{}; // no allocation per frame
    // The slot's fence has signalled, so end()'s copy of every written query has landed.
    ts_.read(slot, count, ticks.data());
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::uint64_t d =
            ((ticks[i + 1] & ts_.valid_mask) - (ticks[i] & ts_.valid_mask)) & ts_.valid_mask;
        const double ms = static_cast<double>(d) * ts_.ns_per_tick * 1e-6;
        const std::size_t k = index_of(names[i]);
        // Same ~20-frame memory as GpuTimer's EMA.
        ema_[k] = ema_[k] < 0.0 ? ms : ema_[k] + 0.05 * (ms - ema_[k]);
        samples_[k].push(ms);
    }
    names.clear();
}

void PassTimer::begin(VkCommandBuffer cmd, std::uint32_t slot) {
    if (!enabled()) return;
    collect(slot);
    vkCmdResetQueryPool(cmd, ts_.pools[slot].get(), 0, k_max_marks);
    // ALL_COMMANDS: the start is taken once the work recorded before it (compute) has finished.
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, ts_.pools[slot].get(), 0);
}

void PassTimer::end(VkCommandBuffer cmd, std::uint32_t slot) const {
    if (!enabled() || recorded_[slot].empty()) return;
    ts_.record_copy(cmd, slot, static_cast<std::uint32_t>(recorded_[slot].size() + 1));
}

void PassTimer::mark(VkCommandBuffer cmd, std::uint32_t slot, const char* name) {
    if (!enabled() || recorded_[slot].size() + 1 >= k_max_marks) return;
    recorded_[slot].push_back(name);
    vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT, ts_.pools[slot].get(),
                         static_cast<std::uint32_t>(recorded_[slot].size()));
}

PassTimes PassTimer::smoothed() const {
    PassTimes t;
    for (std::size_t i = 0; i < names_.size(); ++i) t.passes.emplace_back(names_[i], ema_[i]);
    return t;
}

PassTimes PassTimer::median() const {
    PassTimes t;
    for (std::size_t i = 0; i < names_.size(); ++i) {
        if (samples_[i].empty()) continue;
        t.passes.emplace_back(names_[i], median_of(samples_[i], [](double ms) { return ms; }));
    }
    return t;
}

} // namespace sh
