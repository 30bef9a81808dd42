// The most recent N samples of a per-frame measurement (frame times, GPU timestamps), in storage
// allocated once, when created. The timers used to keep every sample (up to 100,000 each) in
// growing vectors, and the frame-time list had no cap at all: about 120 bytes more per frame
// with nine timed passes, which a kiosk headless run measured as +35 MiB/h of resident memory
// (+22-28 MiB/h of malloc in use; vector doubling left the rest as holes), for weeks in the
// frame-time list's case. A window of fixed size keeps memory flat; the benchmark's median is
// then the median of the last N frames, which for a benchmark (tens to a few thousand frames)
// is every frame.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace sh {

template <typename T>
class RecentSamples {
public:
    // About two minutes at 60 frames per second.
    static constexpr std::size_t k_default_capacity = 8192;

    explicit RecentSamples(std::size_t capacity = k_default_capacity)
        : data_(std::max<std::size_t>(capacity, 1)) {}

    void push(const T& value) {
        data_[next_] = value;
        next_ = (next_ + 1) % data_.size();
        size_ = std::min(size_ + 1, data_.size());
    }
    std::size_t size() const noexcept { return size_; }
    std::size_t capacity() const noexcept { return data_.size(); }
    bool empty() const noexcept { return size_ == 0; }

    // The kept samples in no particular order (enough for a median or a mean).
    template <typename Fn>
    void for_each(Fn&& fn) const {
        for (std::size_t i = 0; i < size_; ++i) fn(data_[i]);
    }

private:
    std::vector<T> data_; // sized once; never reallocated
    std::size_t next_ = 0;
    std::size_t size_ = 0;
};

// The median of `get(sample)` over the kept samples (the upper one of an even count, as
// std::nth_element at size/2); 0 when there are none.
template <typename T, typename Get>
double median_of(const RecentSamples<T>& samples, Get&& get) {
    if (samples.empty()) return 0.0;
    std::vector<double> v;
    v.reserve(samples.size());
    samples.for_each([&](const T& s) { v.push_back(static_cast<double>(get(s))); });
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

} // namespace sh
