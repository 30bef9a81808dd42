// The leg's kinematics (sim/gait_kinematics, sim/posture): joint angles against published mean
// curves, their speed effects, and the one-clock rule: the calf squeezes while the foot pushes
// off, in the pose computed from the same phase as the muscle drive.
#include "gait_kinematics.hpp"
#include "posture.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace sh::sim;

namespace {

// Mean knee flexion of typically developing subjects at free walking speed, every 2 % of the
// stride from heel strike (Schwartz, Rozumalski & Trost 2008, J Biomech 41:1639).
const std::vector<double> kSchwartzFreeKnee = {
    5.5,  7.9,  11.0, 14.4, 17.2, 18.9, 19.7, 19.6, 18.9, 18.0, 16.9, 15.7, 14.5,
    13.2, 12.0, 10.8, 9.8,  8.8,  7.9,  7.2,  6.8,  6.7,  7.1,  8.0,  9.5,  11.6,
    14.4, 18.1, 22.6, 28.0, 34.1, 40.6, 47.0, 52.5, 56.8, 59.4, 60.5, 60.0, 58.2,
    55.0, 50.8, 45.5, 39.5, 32.9, 26.0, 19.0, 12.6, 7.5,  4.5,  3.8,  5.2};

const Network& net() {
    return default_network();
}

struct Extreme {
    double phase, value;
};
template <class F>
Extreme max_over(F f, double a, double b) {
    Extreme e{a, -1e30};
    for (double p = a; p <= b; p += 0.0025)
        if (double v = f(p); v > e.value) e = {p, v};
    return e;
}

double heel_height(const PosedLeg& leg) {
    return leg.place({0.2, -4.5, 0.0}).z;
}

} // namespace

TEST_CASE("walking knee at free speed follows Schwartz 2008's mean curve", "[kinematics]") {
    // Tolerance: RMS 3 deg, worst point 6 deg. The inter-subject SD of the knee curve is about
    // 5 deg (Schwartz 2008); the model keeps ten of the curve's points, so this checks that the
    // curve between them stays within the published spread.
    double sq = 0, worst = 0;
    for (size_t i = 0; i < kSchwartzFreeKnee.size(); ++i) {
        double err = walking_angles(4.7, 0.02 * static_cast<double>(i)).knee_flexion_deg -
                     kSchwartzFreeKnee[i];
        sq += err * err;
        worst = std::max(worst, std::abs(err));
    }
    double rms = std::sqrt(sq / static_cast<double>(kSchwartzFreeKnee.size()));
    INFO("rms " << rms << " worst " << worst);
    CHECK(rms < 3.0);
    CHECK(worst < 6.0);
}

TEST_CASE("walking at 3 and 6 km/h: published peaks and speed effects", "[kinematics]") {
    auto knee = [](double v) {
        return [v](double p) { return walking_angles(v, p).knee_flexion_deg; };
    };
    auto plantar = [](double v) {
        return [v](double p) { return -walking_angles(v, p).ankle_dorsiflexion_deg; };
    };
    auto dorsi = [](double v) {
        return [v](double p) { return walking_angles(v, p).ankle_dorsiflexion_deg; };
    };
    for (double v : {3.0, 6.0}) {
        INFO("speed " << v << " km/h");
        // Perry & Burnfield 2010 / Winter 1991 adult means (SD about 5 deg): knee swing peak
        // about 60 deg near 72 %, ankle peak plantarflexion about 15-20 deg just after
        // toe-off, peak dorsiflexion about 10 deg in terminal stance.
        Extreme swing = max_over(knee(v), 0.6, 0.9);
        CHECK(swing.value == Approx(60).margin(6));
        CHECK(swing.phase == Approx(0.72).margin(0.04));
        Extreme pf = max_over(plantar(v), 0.5, 0.8);
        CHECK(pf.value == Approx(17).margin(6));
        CHECK(pf.phase == Approx(0.62).margin(0.04));
        Extreme df = max_over(dorsi(v), 0.3, 0.55);
        CHECK(df.value == Approx(10).margin(4));
    }
    // Speed effects (Schwartz 2008): loading-response knee flexion, swing peak and push-off
    // plantarflexion grow with speed; stance takes a smaller share of the stride.
    CHECK(max_over(knee(6.0), 0, 0.25).value > max_over(knee(3.0), 0, 0.25).value + 5);
    CHECK(max_over(knee(6.0), 0.6, 0.9).value > max_over(knee(3.0), 0.6, 0.9).value);
    CHECK(max_over(plantar(6.0), 0.5, 0.8).value > max_over(plantar(3.0), 0.5, 0.8).value + 3);
    CHECK(stance_fraction({Activity::Walking, 6.0}) < stance_fraction({Activity::Walking, 3.0}));
    CHECK(stance_fraction({Activity::Walking, 4.7}) == Approx(0.60).margin(0.01));
}

TEST_CASE("stride length follows speed and the simulator's cadence", "[kinematics]") {
    // Adults at about 1.3 m/s take strides of about 1.4 m (Perry & Burnfield 2010: 1.41 m).
    CHECK(stride_length_m({Activity::Walking, 4.7}) == Approx(1.41).margin(0.1));
    CHECK(stride_length_m({Activity::Walking, 6.0}) > stride_length_m({Activity::Walking, 3.0}));
    // Running at 3.5 m/s: strides of about 2.5 m (Fukuchi 2017: about 2.4-2.6 m).
    CHECK(stride_length_m({Activity::Running, 12.6}) == Approx(2.5).margin(0.3));
}

TEST_CASE("running at 9 and 16 km/h: the knee folds more in swing as speed grows", "[kinematics]") {
    auto knee = [](double v) {
        return [v](double p) { return running_angles(v, p).knee_flexion_deg; };
    };
    // Novacheck 1998: swing knee flexion about 90 deg jogging, over 100 deg at speed; stance
    // knee peak about 40-45 deg; toe-off at 38 % jogging.
    CHECK(max_over(knee(9.0), 0.5, 0.9).value == Approx(90).margin(6));
    CHECK(max_over(knee(16.0), 0.5, 0.9).value == Approx(105).margin(6));
    CHECK(max_over(knee(9.0), 0.0, 0.3).value == Approx(42).margin(5));
    CHECK(stance_fraction({Activity::Running, 9.0}) == Approx(0.38).margin(0.01));
}

TEST_CASE("one clock: peak soleus drive falls in push-off of the pose", "[kinematics]") {
    for (ActivitySpec a :
         {ActivitySpec{Activity::Walking, 2.0}, ActivitySpec{Activity::Walking, 4.0},
          ActivitySpec{Activity::Walking, 6.0}, ActivitySpec{Activity::Running, 10.0},
          ActivitySpec{Activity::Running, 15.0}}) {
        INFO(to_string(a.kind) << " at " << a.speed_kmh << " km/h");
        const double period = cycle_period_s(a);
        // Peak soleus drive over one cycle, at the phase the drive itself reports.
        double best = -1, best_phase = 0;
        for (double t = 0; t < period; t += period / 400) {
            MuscleDrive d = muscle_drive(a, t);
            if (d.pressure_mmHg[0] > best) best = d.pressure_mmHg[0], best_phase = d.phase;
        }
        // Heel-off in the pose made from that phase: the heel pad leaves the floor.
        const double toe_off = stance_fraction(a);
        double heel_off = toe_off;
        for (double p = 0.05; p < toe_off; p += 0.0025)
            if (heel_height(PosedLeg(net(), 1.0, Posture::Standing, a, p)) > 0.5) {
                heel_off = p;
                break;
            }
        INFO("heel-off " << heel_off << " soleus peak " << best_phase << " toe-off " << toe_off);
        // Window: from just before heel rise (the soleus EMG peaks around heel rise, 40-45 % of
        // the walking stride, Perry & Burnfield 2010) to toe-off.
        CHECK(best_phase >= heel_off - 0.05);
        CHECK(best_phase <= toe_off);
        // And the push-off it drives, the ankle's peak plantarflexion, follows within a quarter
        // of the stride (Perry: peak plantarflexion at 62 %, 20 % after the soleus peak).
        Extreme pf = max_over(
            [&](double p) {
                return -PosedLeg(net(), 1.0, Posture::Standing, a, p).pose().ankle_dorsiflexion_deg;
            },
            best_phase, best_phase + 0.4);
        CHECK(pf.phase > best_phase);
        CHECK(pf.phase <= best_phase + 0.25);
    }
}

TEST_CASE("heel raises: up on the ball of the foot while the soleus contracts", "[kinematics]") {
    ActivitySpec a{Activity::HeelRaises, 0};
    MuscleDrive peak = muscle_drive(a, 0.30 * cycle_period_s(a));
    PosedLeg leg(net(), 1.0, Posture::Standing, a, peak.phase);
    CHECK(heel_height(leg) > 5.0);                                  // heel well up
    CHECK(leg.place({-2.4, 13.2, 0.0}).z == Approx(0).margin(0.6)); // ball on the floor
    CHECK(leg.pose().mtp_extension_deg > 25);                       // toes flat on the floor
    PosedLeg rest(net(), 1.0, Posture::Standing, a, 0.9);
    CHECK(heel_height(rest) == Approx(0).margin(0.1));
}

TEST_CASE("sitting: lower leg vertical, foot flat, ankle pumps keep the foot out of the floor",
          "[kinematics]") {
    PosedLeg sit(net(), 1.0, Posture::Sitting);
    const Skeleton& sk = sit.skeleton();
    Vec3 knee = sit.place(sk.knee, rigid_binding(BodySegment::Shank));
    Vec3 ankle = sit.place(sk.ankle, rigid_binding(BodySegment::Shank));
    CHECK(std::abs(knee.y - ankle.y) < 0.5); // vertical lower leg
    CHECK(sit.pose().knee_flexion_deg == Approx(80).margin(0.1));
    CHECK(heel_height(sit) == Approx(0).margin(0.1));
    CHECK(sit.place({-2.4, 13.2, 0.0}).z == Approx(0).margin(0.3));
    ActivitySpec pumps{Activity::AnklePumps, 0};
    double lo = 1e9, hi = -1e9;
    for (double p = 0; p < 1; p += 0.01) {
        PosedLeg leg(net(), 1.0, Posture::Sitting, pumps, p);
        lo = std::min(lo, leg.pose().ankle_dorsiflexion_deg);
        hi = std::max(hi, leg.pose().ankle_dorsiflexion_deg);
        for (Vec3 s : {Vec3{0.2, -4.5, 0}, Vec3{-2.4, 13.2, 0}, Vec3{0.5, 18.5, 0.3}})
            CHECK(leg.place(s).z > -0.1);
    }
    // Full range: 20 deg dorsiflexion, 45 deg plantarflexion.
    CHECK(hi == Approx(20).margin(0.5));
    CHECK(lo == Approx(-45).margin(0.5));
}

TEST_CASE("the pose is continuous over the cycle", "[kinematics]") {
    for (ActivitySpec a :
         {ActivitySpec{Activity::Walking, 4.0}, ActivitySpec{Activity::Running, 12.0},
          ActivitySpec{Activity::HeelRaises, 0}}) {
        INFO(to_string(a.kind));
        PosedLeg prev(net(), 1.0, Posture::Standing, a, 0.0);
        for (int i = 1; i <= 400; ++i) {
            PosedLeg leg(net(), 1.0, Posture::Standing, a, i / 400.0);
            CHECK(std::abs(leg.pose().knee_flexion_deg - prev.pose().knee_flexion_deg) < 3.0);
            CHECK(std::abs(leg.pose().ankle_dorsiflexion_deg - prev.pose().ankle_dorsiflexion_deg) <
                  3.0);
            CHECK(std::abs(leg.pose().offset.z - prev.pose().offset.z) < 1.0);
            prev = leg;
        }
    }
}
