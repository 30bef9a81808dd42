// The clinical numbers of the panel: measured in the background by the same protocols that
// secondheart-sim runs, never stale, coalesced while the sliders move, stopped cleanly.
#include "clinical_numbers.hpp"
#include "conditions.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

using namespace sh;

namespace {

app::ClinicalInputs inputs_for(const char* condition, double height_cm = 175) {
    app::ClinicalInputs in;
    in.height_cm = height_cm;
    in.valves = *sim::condition_valves(condition);
    return in;
}

// Polls like the frame loop does; generous limit for a loaded 2-core CI machine.
std::optional<app::ClinicalNumbers> wait_for(const app::ClinicalMeasurer& m,
                                             double limit_s = 120.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
    while (std::chrono::steady_clock::now() < until) {
        if (auto n = m.latest()) return n;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("clinical numbers: equal the protocols run directly, in the measured ranges",
          "[clinical]") {
    app::ClinicalMeasurer measurer;
    CHECK_FALSE(measurer.latest()); // nothing asked yet: "measuring"

    std::optional<app::ClinicalNumbers> healthy;
    for (const char* condition : {"healthy", "gsv-reflux", "deep-incompetence"}) {
        INFO(condition);
        const app::ClinicalInputs in = inputs_for(condition);
        measurer.request(in);
        const auto got = wait_for(measurer);
        REQUIRE(got);
        CHECK(got->error.empty());
        CHECK(got->inputs == in);

        // The independent expectation: the protocols called here as secondheart-sim calls them.
        sim::Subject subject;
        subject.height_cm = 175;
        subject.valves = *sim::condition_valves(condition);
        const sim::AvpResult avp = sim::run_avp(subject, 3.0);
        const sim::ApgResult apg = sim::run_apg(subject);
        CHECK(got->avp.fall_mmHg == avp.fall_mmHg); // deterministic model: exactly equal
        CHECK(got->avp.refill_time_s == avp.refill_time_s);
        CHECK(got->apg.ef_pct == apg.ef_pct);
        CHECK(got->apg.vfi_mL_s == apg.vfi_mL_s);

        // The panel says what the model says (docs/model.md T3, T5, T6, T13-T15): a failed
        // valve shows a weaker pump (lower EF) and faster filling (higher VFI).
        if (std::string(condition) == "healthy") {
            CHECK(avp.fall_mmHg >= 54.0);
            CHECK(avp.refill_time_s >= 15.0);
            CHECK(avp.refill_time_s <= 57.0);
            CHECK(apg.ef_pct > 60.0);
            CHECK(apg.vfi_mL_s < 2.058);
            healthy = *got;
        } else {
            REQUIRE(healthy);
            CHECK(got->apg.ef_pct < healthy->apg.ef_pct - 5.0);
            CHECK(got->apg.vfi_mL_s > healthy->apg.vfi_mL_s);
            CHECK(got->avp.refill_time_s < healthy->avp.refill_time_s);
        }
    }
}

TEST_CASE("clinical numbers: a change during a measurement ends with the newest inputs",
          "[clinical]") {
    // A measurement that holds until the test releases it, and labels its result with the
    // height it was given, so the test knows exactly which inputs were measured.
    std::atomic<bool> release{false};
    std::atomic<int> started{0};
    std::atomic<int> measured_170{0};
    app::ClinicalMeasurer measurer([&](const app::ClinicalInputs& in) {
        ++started;
        if (in.height_cm == 170) ++measured_170;
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        app::ClinicalNumbers n;
        n.inputs = in;
        n.avp.fall_mmHg = in.height_cm;
        return n;
    });
    measurer.request(inputs_for("healthy", 160));
    while (started == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // Slider moves while the first measurement runs: 170 is superseded by 180 before the
    // worker is free, so it is never measured.
    measurer.request(inputs_for("healthy", 170));
    measurer.request(inputs_for("gsv-reflux", 180));
    measurer.request(inputs_for("gsv-reflux", 180)); // the same again: no new work
    CHECK_FALSE(measurer.latest());                  // the frame thread is not blocked
    release = true;
    const auto got = wait_for(measurer);
    REQUIRE(got);
    CHECK(got->avp.fall_mmHg == 180.0);
    CHECK(got->inputs == inputs_for("gsv-reflux", 180));
    CHECK(measured_170 == 0);
    CHECK(started == 2);
    CHECK(measurer.completed() == 2);

    // Back to earlier inputs: the old result is not reused as if current until re-measured.
    measurer.request(inputs_for("healthy", 160));
    const auto again = wait_for(measurer);
    REQUIRE(again);
    CHECK(again->avp.fall_mmHg == 160.0);
}

TEST_CASE("clinical numbers: a failing measurement is reported, not thrown across threads",
          "[clinical]") {
    app::ClinicalMeasurer measurer([](const app::ClinicalInputs&) -> app::ClinicalNumbers {
        throw std::runtime_error("boom");
    });
    measurer.request(inputs_for("healthy"));
    const auto got = wait_for(measurer);
    REQUIRE(got);
    CHECK(got->error == "boom");
}

TEST_CASE("clinical numbers: destroyed while measuring, the worker stops cleanly", "[clinical]") {
    std::atomic<bool> running{false};
    {
        app::ClinicalMeasurer measurer([&](const app::ClinicalInputs& in) {
            running = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            app::ClinicalNumbers n;
            n.inputs = in;
            return n;
        });
        measurer.request(inputs_for("healthy"));
        measurer.request(inputs_for("healthy", 180)); // pending when destroyed: dropped
        while (!running) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } // joins here; a detached or crashing worker would fail under the sanitizer preset
    CHECK(running);
}
