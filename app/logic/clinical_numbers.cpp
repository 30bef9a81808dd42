#include "clinical_numbers.hpp"

#include <cstdio>
#include <exception>

namespace sh::app {

ClinicalNumbers measure_clinical_numbers(const ClinicalInputs& inputs) {
    sim::Subject subject;
    subject.height_cm = inputs.height_cm;
    subject.valves = inputs.valves;
    ClinicalNumbers n;
    n.inputs = inputs;
    n.avp = sim::run_avp(subject); // 3 km/h, as secondheart-sim avp by default
    n.apg = sim::run_apg(subject);
    return n;
}

ClinicalMeasurer::ClinicalMeasurer(MeasureFn measure) : measure_(std::move(measure)) {}

ClinicalMeasurer::~ClinicalMeasurer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        pending_.reset();
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void ClinicalMeasurer::request(const ClinicalInputs& inputs) {
    {
        std::lock_guard lock(mutex_);
        if (wanted_ && *wanted_ == inputs) return;
        wanted_ = inputs;
        pending_ = inputs; // replaces an older request the worker has not started
        // Started lazily, so programs and tests that never look at the numbers pay nothing.
        if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
    }
    wake_.notify_one();
}

std::optional<ClinicalNumbers> ClinicalMeasurer::latest() const {
    std::lock_guard lock(mutex_);
    if (!result_ || !wanted_ || !(result_->inputs == *wanted_)) return std::nullopt;
    return result_;
}

int ClinicalMeasurer::completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
}

void ClinicalMeasurer::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || pending_.has_value(); });
        if (stop_) return;
        const ClinicalInputs inputs = *pending_;
        pending_.reset();
        lock.unlock(); // the measurement runs without the lock: the frame thread never waits
        ClinicalNumbers numbers;
        try {
            numbers = measure_(inputs);
        } catch (const std::exception& e) {
            // A model failure must not end the program from a background thread: the panel
            // shows the message instead of the numbers.
            numbers = ClinicalNumbers{};
            numbers.inputs = inputs;
            numbers.error = e.what();
            std::fprintf(stderr, "secondheart: clinical numbers could not be measured: %s\n",
                         e.what());
        }
        lock.lock();
        result_ = std::move(numbers);
        ++completed_;
    }
}

} // namespace sh::app
