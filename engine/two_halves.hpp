// Host work split over two threads: the program's own and one more for the frame's host steps
// (the blood's step and splat, the leg's pose) on CPU devices, where those steps lie on the
// program's path from the fence wait to the frame's submission.
#pragma once

#include <cstddef>
#include <system_error>
#include <thread>

namespace sh {

// `work(begin, count)` over [0, n) in two halves, the second on another thread when one can be
// had (else this one does both).
template <class Work>
void in_two_halves(std::size_t n, const Work& work) {
    const std::size_t half = n / 2;
    const auto second_half = [&] { work(half, n - half); };
    std::thread second;
    try {
        second = std::thread(second_half);
    } catch (const std::system_error&) {
        second_half();
    }
    work(0, half);
    if (second.joinable()) second.join();
}

} // namespace sh
