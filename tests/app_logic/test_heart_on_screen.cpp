// Issue 11 on screen, without a window: the heart numbers the screens show (the live simulation's
// closed circulation against the protocol that reproduces the published posture figures), the
// interventions reaching the leg field by field, the beat the inset draws, the stocking classes,
// patient mode's plain words, and the lesson "The second heart helps the first" whose captions
// must state what the model shows.
#include "clinical_numbers.hpp"
#include "gait_phase.hpp"
#include "heart_protocols.hpp"
#include "lesson.hpp"
#include "live_simulation.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <string>

using namespace sh;

namespace {

void run(app::LiveSimulation& d, double seconds) {
    for (int i = 0; i < static_cast<int>(std::lround(seconds * 60.0)); ++i)
        d.advance(1.0 / 60.0, 1000.0);
}

using testing::gait_phase_now;
using testing::phase_gap;

} // namespace

// The live heart is the circulation of sim/heart_protocols, whose figures the simulator's tests
// hold against Hainsworth 1988 and the 1960 stroke-index study: after the protocol's supine
// settling and a minute of standing, the screen must show the protocol's numbers (the protocol
// averages its last 20 s, the screen shows the moment: 3 %).
TEST_CASE("heart on screen: the live numbers are the heart protocol's, lying and standing",
          "[heart]") {
    sim::Scenario s;
    s.posture = sim::Posture::Lying;
    app::LiveSimulation d(s);
    run(d, 180.0 - app::LiveSimulation::k_heart_settle_s);
    s.posture = sim::Posture::Standing;
    d.set_scenario(s);
    run(d, 60.0);
    sim::HeartOptions o;
    o.body = {sim::Posture::Standing, 0};
    o.minutes = 1.0;
    const sim::HeartResult ref = sim::run_heart(o);
    const app::HeartSample now = d.heart_now();
    INFO("live SV " << now.stroke_volume_ml << " HR " << now.heart_rate_bpm << " CO "
                    << now.cardiac_output_l_min << "; protocol SV " << ref.state.stroke_volume_mL
                    << " HR " << ref.state.heart_rate_bpm);
    CHECK(now.stroke_volume_ml == Approx(ref.state.stroke_volume_mL).epsilon(0.03));
    CHECK(now.heart_rate_bpm == Approx(ref.state.heart_rate_bpm).epsilon(0.03));
    CHECK(now.cardiac_output_l_min == Approx(ref.state.cardiac_output_L_min).epsilon(0.03));
    CHECK(now.mean_arterial_mmHg == Approx(ref.state.mean_arterial_mmHg).epsilon(0.03));
    // Standing pools blood: stroke volume down by about 40 % (54 -> 32 mL/m2, J Clin Invest
    // 1960), heart rate up by 10-20 bpm (Cardiol Clin 2013): the first minute is most of it.
    const app::HeartSample lying = d.heart_history().front();
    CHECK(now.stroke_volume_ml < 0.7f * ref.lying.stroke_volume_mL);
    CHECK(now.heart_rate_bpm - ref.lying.heart_rate_bpm > 10.0);
    // The plots hold the last minute at 5 samples a second, oldest first.
    const auto& h = d.heart_history();
    CHECK(h.back().time_s - h.front().time_s <= d.heart_history_s + 1e-9);
    CHECK(h.size() >= 295);
    CHECK(h.size() <= 302);
    CHECK(lying.time_s < h.back().time_s);
}

TEST_CASE("heart on screen: interventions reach both legs field by field and keep the gait",
          "[heart]") {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    app::LiveSimulation d(s);
    run(d, 1.0);
    const double period = sim::cycle_period_s(s.activity);
    const double t0 = d.model().time_s();
    const double phase0 = gait_phase_now(d);
    for (int frame = 1; frame <= 30; ++frame) { // dragging the stocking slider 0 -> 30 mmHg
        s.interventions.stocking_ankle_mmHg = frame;
        s.interventions.stocking_length = sim::StockingLength::Thigh;
        d.set_scenario(s);
        d.advance(1.0 / 60.0, 1000.0);
        const double expected = std::fmod(phase0 + (d.model().time_s() - t0) / period, 1.0);
        CHECK(phase_gap(gait_phase_now(d), expected) < 1e-6);
    }
    CHECK(d.interventions().stocking_ankle_mmHg == 30.0);
    CHECK(d.interventions().stocking_length == sim::StockingLength::Thigh);
    CHECK(d.circulation().leg().interventions() == d.interventions());
    // The stocking presses on the leg on screen (the renderer's accessor) and on the heart's leg.
    CHECK(d.model().external_pressure_mmHg(0) + d.model().external_pressure_mmHg(1) > 0.0);
    s.interventions.calf_strength = sim::CalfStrength::Trained;
    s.interventions.ipc = sim::IpcSite::Foot;
    s.interventions.ipc_cycle = sim::default_ipc_cycle(sim::IpcSite::Foot);
    d.set_scenario(s);
    CHECK(d.circulation().leg().interventions().ipc == sim::IpcSite::Foot);
    CHECK(d.model().interventions().calf_strength == sim::CalfStrength::Trained);
}

// Standing still, a thigh stocking gives back part of the stroke volume standing takes (the
// simulator's figure: 65 -> 70 mL after 5 minutes); the screen shows the same direction.
TEST_CASE("heart on screen: a stocking raises the standing stroke volume a little", "[heart]") {
    sim::Scenario bare;
    app::LiveSimulation without(bare);
    sim::Scenario stocking;
    stocking.interventions.stocking_ankle_mmHg = 30;
    stocking.interventions.stocking_length = sim::StockingLength::Thigh;
    app::LiveSimulation with(stocking);
    run(without, 30.0);
    run(with, 30.0);
    const float gain = with.heart_now().stroke_volume_ml - without.heart_now().stroke_volume_ml;
    INFO("with " << with.heart_now().stroke_volume_ml << " mL, without "
                 << without.heart_now().stroke_volume_ml << " mL");
    CHECK(gain > 1.0f);
    CHECK(gain < 15.0f); // part of the ~40 mL standing takes, not all of it
}

TEST_CASE("heart on screen: the drawn beat follows the heart rate in wall time, not the lapse",
          "[heart]") {
    sim::Scenario s;
    s.posture = sim::Posture::Sitting;
    s.time_lapse = 1000;
    app::LiveSimulation d(s);
    const double rate = d.heart_now().heart_rate_bpm;
    // 0.1 s of wall time: 1.3 beats at about 79 /min; 100 s of leg time.
    double turned = 0, last = d.beat_phase();
    for (int i = 0; i < 6; ++i) {
        d.advance(1.0 / 60.0, 1000.0);
        turned += std::fmod(d.beat_phase() - last + 1.0, 1.0);
        last = d.beat_phase();
    }
    CHECK(turned == Approx(0.1 * d.heart_now().heart_rate_bpm / 60.0).epsilon(0.05));
    CHECK(rate > 60.0);
    d.set_paused(true);
    const double held = d.beat_phase();
    d.advance(0.5);
    CHECK(d.beat_phase() == held);
}

TEST_CASE("heart on screen: stocking classes by ankle pressure (RAL-GZ 387/1)", "[heart]") {
    CHECK(app::stocking_class_name(0) == "no stocking");
    CHECK(app::stocking_class_name(15) == "lighter than RAL class I (18-21 mmHg)");
    CHECK(app::stocking_class_name(18) == "RAL class I, light (18-21 mmHg)");
    CHECK(app::stocking_class_name(21.4) == "RAL class I, light (18-21 mmHg)");
    CHECK(app::stocking_class_name(22) == "between RAL classes I and II");
    CHECK(app::stocking_class_name(30) == "RAL class II, moderate (23-32 mmHg)");
    CHECK(app::stocking_class_name(33) == "between RAL classes II and III");
    CHECK(app::stocking_class_name(40) == "RAL class III, strong (34-46 mmHg)");
    CHECK(app::stocking_class_name(48) == "between RAL classes III and IV");
    CHECK(app::stocking_class_name(50) == "RAL class IV, very strong (49 mmHg and more)");
}

TEST_CASE("heart on screen: patient mode's plain words carry the numbers and the disclaimer",
          "[heart]") {
    app::ClinicalNumbers refs;
    refs.heart_lying.cardiac_output_L_min = 6.76;
    refs.heart_standing.cardiac_output_L_min = 5.45;
    const app::HeartWords w = app::plain_heart_words(79.4, 68.6, 5.45, &refs);
    CHECK(w.now ==
          "Your heart now: 79 beats a minute, 69 mL each beat: about 5.5 litres a minute.");
    CHECK(w.compared.find("about 6.8 litres a minute") != std::string::npos);
    CHECK(w.compared.find("drops to about 5.5") != std::string::npos);
    CHECK(w.disclaimer.find("average for many people") != std::string::npos);
    CHECK(app::plain_heart_words(64, 106, 6.8, nullptr).compared.empty());
}

namespace {

// The numbers a caption states: "about N mL", "about N a minute" (heart rate) and "N litres a
// minute", the first of each.
struct Stated {
    std::optional<double> stroke_ml, rate_bpm, output_l_min;
};
Stated stated(const std::string& caption) {
    Stated s;
    std::smatch m;
    if (std::regex_search(caption, m, std::regex(R"(about (\d+) mL)")))
        s.stroke_ml = std::stod(m[1]);
    if (std::regex_search(caption, m, std::regex(R"(about (\d+) a minute)")))
        s.rate_bpm = std::stod(m[1]);
    if (std::regex_search(caption, m, std::regex(R"(([\d.]+) litres a minute)")))
        s.output_l_min = std::stod(m[1]);
    return s;
}

void check_stated(const Stated& s, const app::HeartSample& h) {
    INFO("model: " << h.stroke_volume_ml << " mL, " << h.heart_rate_bpm << " /min, "
                   << h.cardiac_output_l_min << " L/min");
    REQUIRE(s.stroke_ml);
    REQUIRE(s.output_l_min);
    // What a caption rounds (and where the lesson begins from) is worth a few units.
    CHECK(std::abs(*s.stroke_ml - h.stroke_volume_ml) <= 3.0);
    CHECK(std::abs(*s.output_l_min - h.cardiac_output_l_min) <= 0.2);
    if (s.rate_bpm) CHECK(std::abs(*s.rate_bpm - h.heart_rate_bpm) <= 2.5);
}

} // namespace

// Played as the lecture plays it (each timed step for its duration, one after the other), from
// the program's standing start and from a walking leg, every number a caption states is the one
// the heart shows at the end of that step; the last caption's "without them" is checked against
// the same lesson played without the stocking.
TEST_CASE("heart on screen: the lesson's captions state the model's numbers", "[heart][lessons]") {
    const app::Lesson lesson = app::load_lesson_file(
        std::string(SH_SOURCE_DIR) + "/assets/lessons/04_second_heart_helps_first.json");
    CHECK(lesson.title == "The second heart helps the first");
    REQUIRE(lesson.steps.size() == 4);
    CHECK(lesson.steps[0].settings.posture == sim::Posture::Lying);
    CHECK(lesson.steps[1].settings.posture == sim::Posture::Standing);
    CHECK(lesson.steps[2].settings.activity.kind == sim::Activity::Walking);
    CHECK(lesson.steps[3].settings.activity.kind == sim::Activity::Still);
    CHECK(lesson.steps[3].settings.interventions.stocking_ankle_mmHg == 30.0);
    for (const sim::Activity start : {sim::Activity::Still, sim::Activity::Walking}) {
        sim::Scenario first;
        first.activity = {start, sim::default_gait_speed_kmh(start)};
        app::LiveSimulation d(first);
        run(d, 10.0);
        app::LiveSimulation control = d; // the same lesson without the stocking
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            const app::LessonStep& step = lesson.steps[i];
            REQUIRE(step.duration_s);
            sim::Scenario bare = step.settings;
            bare.interventions = {};
            d.set_scenario(step.settings);
            control.set_scenario(bare);
            run(d, *step.duration_s);
            run(control, *step.duration_s);
            INFO("start " << sim::to_string(start) << ", step " << i + 1 << ": "
                          << step.caption.text);
            check_stated(stated(step.caption.text), d.heart_now());
        }
        std::smatch m;
        const std::string& last = lesson.steps.back().caption.text;
        REQUIRE(std::regex_search(last, m,
                                  std::regex(R"(against about (\d+) mL and ([\d.]+) without)")));
        INFO("without stockings: " << control.heart_now().stroke_volume_ml << " mL, "
                                   << control.heart_now().cardiac_output_l_min << " L/min");
        CHECK(std::abs(std::stod(m[1]) - control.heart_now().stroke_volume_ml) <= 3.0);
        CHECK(std::abs(std::stod(m[2]) - control.heart_now().cardiac_output_l_min) <= 0.2);
    }
}
