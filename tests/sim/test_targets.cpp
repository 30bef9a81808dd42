// The measured targets T1-T12 of docs/model.md ("Targets"), each checked through the public
// protocol API with the published range of its source. One parameter set for every condition:
// these tests never change a model constant.

#include "conditions.hpp"
#include "protocols.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace sh::sim;

namespace {

Subject subject(const char* condition) {
    Subject s;
    s.valves = *condition_valves(condition);
    return s;
}

// Protocol runs are cached: several targets read the same run.
const AvpResult& avp(const char* condition, double speed, Activity gait = Activity::Walking) {
    static std::map<std::tuple<std::string, double, int>, AvpResult> cache;
    auto key = std::make_tuple(std::string(condition), speed, static_cast<int>(gait));
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.emplace(key, run_avp(subject(condition), speed, nullptr, gait)).first;
    return it->second;
}

const SitResult& sit_still(double hours) {
    static std::map<double, SitResult> cache;
    auto it = cache.find(hours);
    if (it == cache.end()) {
        SitOptions o;
        o.hours = hours;
        it = cache.emplace(hours, run_sit(subject("healthy"), o)).first;
    }
    return it->second;
}

} // namespace

TEST_CASE("T1 quiet standing: great saphenous pressure at the ankle 75-95 mmHg", "[targets]") {
    const auto& r = avp("healthy", 3.0);
    INFO("standing " << r.standing_mmHg << " mmHg (Stick 1992: median 84)");
    CHECK(r.standing_mmHg >= 75.0);
    CHECK(r.standing_mmHg <= 95.0);
}

TEST_CASE("T2 walking 3 km/h: mean over the last 10 strides 18-30 mmHg", "[targets]") {
    const auto& r = avp("healthy", 3.0);
    INFO("walking mean " << r.walking_mean_mmHg << " mmHg (Stick 1992: median 23.5)");
    CHECK(r.walking_mean_mmHg >= 18.0);
    CHECK(r.walking_mean_mmHg <= 30.0);
}

TEST_CASE("T3 walking: fall from standing 54-71 mmHg", "[targets]") {
    const auto& r = avp("healthy", 3.0);
    INFO("fall " << r.fall_mmHg << " mmHg (Pollack & Wood 1949: 64, 54-71)");
    CHECK(r.fall_mmHg >= 54.0);
    CHECK(r.fall_mmHg <= 71.0);
}

TEST_CASE("T4 walking 6 km/h: mean 22-40 mmHg and not below the 3 km/h mean", "[targets]") {
    const auto& fast = avp("healthy", 6.0);
    const auto& slow = avp("healthy", 3.0);
    INFO("6 km/h mean " << fast.walking_mean_mmHg << ", 3 km/h mean " << slow.walking_mean_mmHg
                        << " (Stick 1992: 30.4 and 23.5)");
    CHECK(fast.walking_mean_mmHg >= 22.0);
    CHECK(fast.walking_mean_mmHg <= 40.0);
    CHECK(fast.walking_mean_mmHg >= slow.walking_mean_mmHg);
}

TEST_CASE("T4 walking 6 km/h: per-stride minimum below the 3 km/h minimum", "[targets]") {
    const auto& fast = avp("healthy", 6.0);
    const auto& slow = avp("healthy", 3.0);
    INFO("6 km/h min " << fast.walking_min_mmHg << ", 3 km/h min " << slow.walking_min_mmHg
                       << " (Kügler 2001: larger maximal drop at higher speed)");
    CHECK(fast.walking_min_mmHg < slow.walking_min_mmHg);
}

TEST_CASE("T5 healthy refill time 15-57 s", "[targets]") {
    const auto& r = avp("healthy", 3.0);
    INFO("refill " << r.refill_time_s << " s (Pollack & Wood 1949: 31, 8-57)");
    CHECK(r.recovered);
    CHECK(r.refill_time_s >= 15.0);
    CHECK(r.refill_time_s <= 57.0);
}

TEST_CASE("T6 great saphenous reflux: fall 30-47 mmHg, refill 1.2-5.5 s", "[targets]") {
    const auto& r = avp("gsv-reflux", 3.0);
    INFO("fall " << r.fall_mmHg << " mmHg, refill " << r.refill_time_s
                 << " s (Pollack & Wood 1949: 37 mmHg, 2.8 s)");
    CHECK(r.fall_mmHg >= 30.0);
    CHECK(r.fall_mmHg <= 47.0);
    CHECK(r.refill_time_s >= 1.2);
    CHECK(r.refill_time_s <= 5.5);
}

TEST_CASE("T7 post-thrombotic leg: fall 5-13 mmHg, refill under 1 s", "[targets]") {
    const auto& r = avp("post-thrombotic", 3.0);
    INFO("fall " << r.fall_mmHg << " mmHg, refill " << r.refill_time_s
                 << " s (Pollack & Wood 1949: 11 (5-13) mmHg, under 1 s)");
    CHECK(r.fall_mmHg >= 5.0);
    CHECK(r.fall_mmHg <= 13.0);
    CHECK(r.refill_time_s < 1.0);
}

TEST_CASE("T8 sitting still, lower leg vertical: ankle pressure 63-77 mmHg", "[targets]") {
    const auto& r = sit_still(2.0);
    INFO("seated ankle " << r.ankle_pressure_mmHg << " mmHg (about 70, compiled by Spacil 2019)");
    CHECK(r.ankle_pressure_mmHg >= 63.0);
    CHECK(r.ankle_pressure_mmHg <= 77.0);
}

TEST_CASE("T9 soleus intramuscular pressure peaks: walking 130-230, running 200-330 mmHg",
          "[targets]") {
    for (double speed : {3.0, 4.7, 6.0}) {
        const auto& w = avp("healthy", speed);
        INFO("walking " << speed << " km/h: peak " << w.soleus_pressure_peak_mmHg);
        CHECK(w.soleus_pressure_peak_mmHg >= 130.0);
        CHECK(w.soleus_pressure_peak_mmHg <= 230.0);
    }
    const auto& r = avp("healthy", 10.0, Activity::Running);
    INFO("running 10 km/h: peak " << r.soleus_pressure_peak_mmHg << " (Ballard 1998: 269 +- 95)");
    CHECK(r.soleus_pressure_peak_mmHg >= 200.0);
    CHECK(r.soleus_pressure_peak_mmHg <= 330.0);
}

TEST_CASE("T10 reflux after a calf squeeze: healthy < 0.5 s, failed GSV 3-6 s and 10-25 mL",
          "[targets]") {
    auto healthy = run_reflux(subject("healthy"));
    // Clinical cut-offs (Labropoulos 2003; SVS/AVF 2014): 0.5 s for superficial, perforator and
    // calf veins, 1 s for the femoral and popliteal veins.
    for (const char* site : {"gsv", "ssv", "perforator", "posterior_tibial"}) {
        INFO("healthy " << site << ": " << healthy.reflux_s.at(site) << " s");
        CHECK(healthy.reflux_s.at(site) < 0.5);
    }
    for (const char* site : {"popliteal", "femoral"}) {
        INFO("healthy " << site << ": " << healthy.reflux_s.at(site) << " s");
        CHECK(healthy.reflux_s.at(site) < 1.0);
    }
    auto failed = run_reflux(subject("gsv-reflux"));
    INFO("gsv-reflux gsv: " << failed.reflux_s.at("gsv") << " s, " << failed.reflux_mL.at("gsv")
                            << " mL (Tauraginskii 2020: 4.85 s, about 17 mL)");
    CHECK(failed.reflux_s.at("gsv") >= 3.0);
    CHECK(failed.reflux_s.at("gsv") <= 6.0);
    CHECK(failed.reflux_mL.at("gsv") >= 10.0);
    CHECK(failed.reflux_mL.at("gsv") <= 25.0);
}

TEST_CASE(
    "T11 sitting still: leg volume +1.5-3 % at 1 h, +2-3.5 % at 2 h, saturating, <= 4 % at 9 h",
    "[targets]") {
    const auto& r = sit_still(2.0);
    INFO("gain " << r.volume_gain_pct_1h << " % at 1 h, " << r.volume_gain_pct_2h
                 << " % at 2 h (Ergonomics 1969: 2.3 and 2.8)");
    CHECK(r.volume_gain_pct_1h >= 1.5);
    CHECK(r.volume_gain_pct_1h <= 3.0);
    CHECK(r.volume_gain_pct_2h >= 2.0);
    CHECK(r.volume_gain_pct_2h <= 3.5);
    // Saturating, not linear: the second hour adds less than the first.
    CHECK(r.volume_gain_pct_2h - r.volume_gain_pct_1h < r.volume_gain_pct_1h);
    const auto& nine = sit_still(9.0);
    INFO("9 h: " << nine.volume_gain_pct_end << " % (Mittermayr 2003: whole leg +3.1 %)");
    CHECK(nine.volume_gain_pct_end <= 4.0);
    CHECK(nine.volume_gain_pct_end < 2.0 * r.volume_gain_pct_2h);
}

TEST_CASE("T12 relative VTE risk: about 2 (1.5-2.8) after 4 h, +18 % per further 2 h, lower "
          "with breaks",
          "[targets]") {
    const auto& four = sit_still(4.0);
    const auto& six = sit_still(6.0);
    INFO("4 h: " << four.relative_vte_risk << ", 6 h: " << six.relative_vte_risk);
    CHECK(four.relative_vte_risk >= 1.5);
    CHECK(four.relative_vte_risk <= 2.8);
    // About +18 %, 12-24 % per further 2 h (Chandra 2009's dose-response estimate).
    double per_2h = six.relative_vte_risk / four.relative_vte_risk - 1.0;
    CHECK(per_2h >= 0.12);
    CHECK(per_2h <= 0.24);

    SitOptions breaks;
    breaks.hours = 6;
    breaks.breaks = SitBreaks{60, Activity::Walking, 5};
    auto with_breaks = run_sit(subject("healthy"), breaks);
    SitOptions pumps;
    pumps.hours = 6;
    pumps.activity = Activity::AnklePumps;
    auto with_pumps = run_sit(subject("healthy"), pumps);
    INFO("6 h with walking breaks: " << with_breaks.relative_vte_risk
                                     << ", with ankle pumps: " << with_pumps.relative_vte_risk);
    CHECK(with_breaks.relative_vte_risk < six.relative_vte_risk);
    CHECK(with_pumps.relative_vte_risk < six.relative_vte_risk);
}
