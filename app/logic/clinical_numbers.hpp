#pragma once
// The clinical numbers of the leg on screen, measured the way a clinic measures them: the
// standard protocols of sim/protocols (ambulatory venous pressure and air plethysmography, the
// same code secondheart-sim runs) on a fresh model with the leg's current valves and height;
// and the heart's reference numbers lying and standing still for patient mode's plain words
// (sim/heart_protocols, as `secondheart-sim heart --posture standing --minutes 1`).
//
// A protocol simulates minutes (about 0.1-0.3 s of computation each), far too long for a frame,
// so one background worker runs them. The frame thread only calls request() (cheap: compares
// the inputs under a mutex) and latest() (copies the finished numbers); it never waits for a
// measurement. Requests that arrive while a measurement runs are coalesced: the worker measures
// the newest one next, and latest() shows "measuring" until the numbers for the newest inputs
// exist, so a stale result is never shown as current.

#include "heart_protocols.hpp"
#include "leg_model.hpp"
#include "protocols.hpp"

#include <condition_variable>
#include <ctime>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace sh::app {

// What the protocols depend on. Activity and posture do not matter: every protocol prescribes
// its own (stand, walk at 3 km/h, tiptoes).
struct ClinicalInputs {
    double height_cm = 175;
    sim::ValveSettings valves;
    bool operator==(const ClinicalInputs& o) const {
        return height_cm == o.height_cm && valves.severity == o.valves.severity &&
               valves.deep_obstruction == o.valves.deep_obstruction;
    }
};

struct ClinicalNumbers {
    ClinicalInputs inputs; // what was measured
    sim::AvpResult avp;    // ambulatory pressure fall, refill time
    sim::ApgResult apg;    // ejection fraction, venous filling index
    // The heart after a minute lying still and after a minute standing still (from lying):
    // what patient mode compares the live heart with.
    sim::HeartState heart_lying, heart_standing;
    std::string error; // non-empty: the measurement failed (the panel says so)
};

// The protocols as a clinic runs them: AVP walking at 3 km/h (secondheart-sim's default), APG.
ClinicalNumbers measure_clinical_numbers(const ClinicalInputs& inputs);

// How long the heart references stand: the first minute is what a person standing up in front
// of the screen sees (the live heart has settled by then; it keeps falling slowly, by about
// 5 mL of stroke volume over the next four minutes, docs/heart.md).
constexpr double k_heart_reference_minutes = 1.0;

// Patient mode's heart numbers in plain words (its strings in one place): the live heart now,
// then, when the references are there, lying against standing still; the last line says these
// are population averages.
struct HeartWords {
    std::string now;
    std::string compared; // empty without references
    std::string disclaimer;
};
HeartWords plain_heart_words(double heart_rate_bpm, double stroke_volume_ml,
                             double cardiac_output_l_min, const ClinicalNumbers* references);

// A stocking's compression class by its ankle pressure, as the panel names it (RAL-GZ 387/1:
// class I 18-21, II 23-32, III 34-46, IV 49 mmHg and more; pressures between the classes are
// said to be so). The pressure is rounded to whole mmHg first, as the panel shows it.
std::string stocking_class_name(double ankle_mmHg);

class ClinicalMeasurer {
public:
    using MeasureFn = std::function<ClinicalNumbers(const ClinicalInputs&)>;

    // `measure` is injectable so tests can slow it down or count calls; the worker thread
    // starts with the first request.
    explicit ClinicalMeasurer(MeasureFn measure = measure_clinical_numbers);
    // Stops the worker: a measurement in progress finishes first (a protocol cannot be
    // interrupted; at most a few tenths of a second), pending requests are dropped.
    ~ClinicalMeasurer();
    ClinicalMeasurer(const ClinicalMeasurer&) = delete;
    ClinicalMeasurer& operator=(const ClinicalMeasurer&) = delete;

    // Asks for the numbers of `inputs`; a no-op when they are the ones last requested.
    void request(const ClinicalInputs& inputs);
    // The numbers for the last requested inputs, or nothing while they are being measured.
    std::optional<ClinicalNumbers> latest() const;
    // Measurements completed so far (tests).
    int completed() const;
    // CPU seconds the worker thread has used so far (0 before it starts): the benchmark leaves
    // it out of the frame's work.
    double worker_cpu_seconds() const;

private:
    void work();

    MeasureFn measure_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<ClinicalInputs> wanted_;  // last requested
    std::optional<ClinicalInputs> pending_; // requested and not yet taken by the worker
    std::optional<ClinicalNumbers> result_; // last finished measurement (maybe stale)
    int completed_ = 0;
    bool stop_ = false;
    std::optional<clockid_t> worker_clock_; // the worker's CPU clock, set when it starts
    std::thread worker_; // declared last: started after every member above exists
};

} // namespace sh::app
