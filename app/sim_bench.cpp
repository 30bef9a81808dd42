#include "sim_bench.hpp"

#include "circulation.hpp"
#include "protocols.hpp"
#include "recorder.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unistd.h>

namespace sh::app {
namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
double round3(double v) {
    return std::round(v * 1000.0) / 1000.0;
}
} // namespace

// A progress line on stderr for long runs, only when stderr is a terminal (a pipe or a log
// file gets nothing); from a quarter second on, redrawn in place at most twice a second.
class Progress {
public:
    explicit Progress(double total_s) : total_(total_s), tty_(isatty(2) != 0) {}
    ~Progress() {
        if (shown_) std::fputc('\n', stderr);
    }
    void update(double done_s) {
        if (!tty_ || seconds_since(start_) < 0.25 || seconds_since(last_) < 0.5) return;
        last_ = std::chrono::steady_clock::now();
        shown_ = true;
        std::fprintf(stderr, "\rsecondheart-sim: %.1f of %.1f simulated hours (%.0f %%)  ",
                     done_s / 3600.0, total_ / 3600.0, 100.0 * done_s / total_);
        std::fflush(stderr);
    }

private:
    double total_;
    bool tty_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_ = start_;
};

nlohmann::json run_scenario(const sim::Scenario& scenario, double seconds,
                            const std::string& csv_path, const sim::Interventions& iv) {
    sim::LegModel m(sim::default_network(), {}, scenario.height_cm);
    sim::apply(scenario, m);
    m.set_interventions(iv);
    sim::Recorder rec(m, 0.01);
    double sum = 0, lowest = 1e9, highest = -1e9;
    long n = 0;
    const double start = m.time_s(), end = start + seconds;
    // Without breaks the scenario repeats the same posture and activity: the fast system
    // reaches its cycle within seconds, so after each simulated window of kWindow s the slow
    // system (swelling, stasis) is fast-forwarded over the rest of a kChunk s stretch, as the
    // sit protocol does. The pressure statistics come from the simulated windows.
    constexpr double kWindow = 10.0, kChunk = 600.0;
    const bool fast_forward = !scenario.breaks && seconds > kChunk;
    double forwarded = 0;
    Progress progress(seconds);
    auto simulate = [&](double span) {
        const double stop = std::min(end, m.time_s() + span);
        while (m.time_s() < stop - 1e-9) {
            m.step();
            double p = m.gsv_ankle_pressure();
            sum += p, ++n;
            lowest = std::min(lowest, p), highest = std::max(highest, p);
            if (!csv_path.empty()) rec.maybe_sample(m, "run");
            if ((n & 0xffff) == 0) progress.update(m.time_s() - start);
        }
    };
    if (!fast_forward) {
        simulate(seconds);
    } else {
        while (m.time_s() < end - 1e-9) {
            simulate(kWindow);
            const double jump = std::min(kChunk - kWindow, end - m.time_s());
            if (jump <= kWindow) {
                simulate(jump);
                continue;
            }
            m.fast_forward(jump, kWindow);
            forwarded += jump - kWindow;
            if (!csv_path.empty()) rec.sample(m, "fast_forward");
            progress.update(m.time_s() - start);
        }
    }
    nlohmann::json out = {{"seconds", seconds},
                          {"fast_forwarded_s", round3(forwarded)},
                          {"gsv_ankle_mean_mmHg", round3(n ? sum / static_cast<double>(n) : 0)},
                          {"gsv_ankle_min_mmHg", round3(n ? lowest : 0)},
                          {"gsv_ankle_max_mmHg", round3(n ? highest : 0)},
                          {"calf_venous_volume_mL", round3(m.calf_venous_volume_ml())},
                          {"leg_swelling_mL", round3(m.interstitial_excess_ml(sim::Tissue::Foot) +
                                                     m.interstitial_excess_ml(sim::Tissue::Calf))},
                          {"relative_vte_risk", round3(m.relative_vte_risk())},
                          {"scenario", sim::to_json(scenario)}};
    for (const auto& [key, value] : out.items())
        if (value.is_number() && !std::isfinite(value.get<double>()))
            throw std::runtime_error("the model produced a non-finite " + key);
    if (!csv_path.empty()) {
        rec.write_csv(csv_path);
        out["csv"] = csv_path;
    }
    return out;
}

nlohmann::json run_benchmark() {
    sim::Subject s;
    sim::LegModel m = sim::make_model(s);
    m.set_activity({sim::Activity::Walking, 3.0});
    const double simulated = 120.0;
    auto t0 = std::chrono::steady_clock::now();
    m.advance(simulated);
    double walk_wall = seconds_since(t0);

    sim::SitOptions sit;
    sit.hours = 8;
    t0 = std::chrono::steady_clock::now();
    sim::run_sit(s, sit);
    double sit_wall = seconds_since(t0);

    sit.breaks = sim::SitBreaks{60, sim::Activity::Walking, 5};
    t0 = std::chrono::steady_clock::now();
    sim::run_sit(s, sit);
    double sit_breaks_wall = seconds_since(t0);
    // The closed circulation around the leg (issue 11), standing and walking.
    sim::Circulation loop(sim::default_network());
    loop.set_posture(sim::Posture::Standing);
    loop.set_activity({sim::Activity::Walking, 3.0});
    t0 = std::chrono::steady_clock::now();
    loop.advance(simulated);
    double heart_wall = seconds_since(t0);

    return {{"walking_realtime_factor", std::round(simulated / walk_wall)},
            {"heart_walking_realtime_factor", std::round(simulated / heart_wall)},
            {"heart_step_us", round3(heart_wall / (simulated / loop.dt_s()) * 1e6)},
            {"walking_step_us", round3(walk_wall / (simulated / m.dt_s()) * 1e6)},
            {"sit_8h_wall_s", round3(sit_wall)},
            {"sit_8h_with_breaks_wall_s", round3(sit_breaks_wall)},
            {"compartments", m.compartment_count()},
            {"links", m.link_count()},
            {"dt_s", m.dt_s()}};
}

} // namespace sh::app
