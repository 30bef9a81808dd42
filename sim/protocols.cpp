#include "protocols.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sh::sim {
namespace {

// Advances `seconds`, calling `each` after every step and sampling the recorder.
template <typename F>
void run_for(LegModel& m, double seconds, Recorder* rec, const char* phase, F&& each) {
    double end = m.time_s() + seconds;
    while (m.time_s() < end - 1e-9) {
        m.step();
        each();
        if (rec) rec->maybe_sample(m, phase);
    }
}
void run_for(LegModel& m, double seconds, Recorder* rec, const char* phase) {
    run_for(m, seconds, rec, phase, [] {});
}

double mean_gsv(LegModel& m, double seconds, Recorder* rec, const char* phase) {
    double sum = 0;
    int n = 0;
    run_for(m, seconds, rec, phase, [&] { sum += m.gsv_ankle_pressure(), ++n; });
    return n ? sum / n : m.gsv_ankle_pressure();
}

} // namespace

LegModel make_model(const Subject& s) {
    LegModel m(default_network(), s.params, s.height_cm);
    m.set_valves(s.valves);
    m.set_interventions(s.interventions);
    m.set_posture(Posture::Standing);
    m.set_activity({Activity::Still, 0});
    m.advance(30.0); // settle the column
    return m;
}

AvpResult run_avp(const Subject& s, double speed_kmh, Recorder* rec, Activity gait) {
    AvpResult r;
    LegModel m = make_model(s);
    run_for(m, 50.0, rec, "stand");
    r.standing_mmHg = mean_gsv(m, 10.0, rec, "stand");

    ActivitySpec walk{gait, speed_kmh};
    double stride = cycle_period_s(walk);
    r.cadence_spm = stride > 0 ? 120.0 / stride : 0;
    m.set_activity(walk);
    const double walk_s = 60.0;
    if (stride <= 0) {
        run_for(m, walk_s, rec, "walk");
        r.walking_mean_mmHg = r.walking_min_mmHg = m.gsv_ankle_pressure();
    } else {
        // Whole strides, so the last ten are complete.
        int strides = static_cast<int>(std::floor(walk_s / stride));
        run_for(m, (strides - 10) * stride, rec, "walk");
        double sum = 0, lowest_min = 1e9;
        int n = 0;
        for (int k = 0; k < 10; ++k) {
            double stride_min = 1e9;
            run_for(m, stride, rec, "walk", [&] {
                double p = m.gsv_ankle_pressure();
                sum += p, ++n;
                stride_min = std::min(stride_min, p);
                r.soleus_pressure_peak_mmHg =
                    std::max(r.soleus_pressure_peak_mmHg, m.muscle_pressure_mmHg(Muscle::Soleus));
            });
            lowest_min = std::min(lowest_min, stride_min);
        }
        r.walking_mean_mmHg = sum / n;
        r.walking_min_mmHg = lowest_min;
    }
    r.fall_mmHg = r.standing_mmHg - r.walking_mean_mmHg;

    m.set_activity({Activity::Still, 0});
    double start = m.time_s();
    double target = r.standing_mmHg - 0.1 * r.fall_mmHg;
    // Refill: the first time a 0.25 s running mean reaches 90 % recovery (the mean keeps
    // pressure ripples from ending it early).
    std::vector<double> window;
    const size_t w = static_cast<size_t>(0.25 / m.dt_s());
    const double wd = static_cast<double>(w);
    double wsum = 0;
    bool done = r.fall_mmHg <= 0;
    r.refill_time_s = 0;
    run_for(m, 180.0, rec, "recover", [&] {
        if (done) return;
        double p = m.gsv_ankle_pressure();
        window.push_back(p);
        wsum += p;
        if (window.size() > w) wsum -= window[window.size() - w - 1];
        double mean = wsum / static_cast<double>(std::min(window.size(), w));
        if (window.size() >= w && mean >= target) {
            done = true;
            r.recovered = true;
            r.refill_time_s = m.time_s() - start - 0.5 * wd * m.dt_s();
        }
    });
    if (!r.recovered && r.fall_mmHg > 0) r.refill_time_s = 180.0;
    if (r.fall_mmHg <= 0) r.recovered = true;
    return r;
}

ApgResult run_apg(const Subject& s, Recorder* rec) {
    ApgResult r;
    LegModel m(default_network(), s.params, s.height_cm);
    m.set_valves(s.valves);
    m.set_interventions(s.interventions);
    m.set_posture(Posture::LegRaised);
    m.set_activity({Activity::Still, 0});
    run_for(m, 90.0, rec, "leg_raised");
    double empty = m.calf_venous_volume_ml();

    m.set_posture(Posture::Standing);
    std::vector<double> vols;
    run_for(m, 120.0, rec, "stand_up", [&] { vols.push_back(m.calf_venous_volume_ml()); });
    double full = vols.back();
    r.vv_mL = full - empty;
    double t90 = 0;
    for (size_t i = 0; i < vols.size(); ++i)
        if (vols[i] - empty >= 0.9 * r.vv_mL) {
            t90 = static_cast<double>(i + 1) * m.dt_s();
            break;
        }
    r.vfi_mL_s = t90 > 0 ? 0.9 * r.vv_mL / t90 : 0;

    // One tiptoe. The APG trace is read when the heel is back down (the muscles relaxed): where
    // blood can fall back through failed valves it refills the calf while the squeeze eases, and
    // the tiptoe ejects less (docs/model.md, T13-T15).
    ActivitySpec tiptoe{Activity::HeelRaises, 0};
    const double period = cycle_period_s(tiptoe);
    const double heel_down = contraction_end_phase(tiptoe) * period;
    m.set_activity(tiptoe);
    run_for(m, heel_down, rec, "one_tiptoe");
    r.ev_mL = full - m.calf_venous_volume_ml();
    m.set_activity({Activity::Still, 0});
    r.ef_pct = r.vv_mL > 0 ? 100.0 * r.ev_mL / r.vv_mL : 0;

    run_for(m, 120.0, rec, "refill");
    m.set_activity(tiptoe);
    run_for(m, 9 * period + heel_down, rec, "ten_tiptoes");
    m.set_activity({Activity::Still, 0});
    r.rv_mL = m.calf_venous_volume_ml() - empty;
    r.rvf_pct = r.vv_mL > 0 ? 100.0 * r.rv_mL / r.vv_mL : 0;
    return r;
}

SitResult run_sit(const Subject& s, const SitOptions& o, Recorder* rec) {
    SitResult r;
    // The traveller walks to the seat: the interstitium starts in its ambulatory steady state,
    // without stockings or a cuff. Those go on at the seat, as in the flight and office studies
    // that measured the leg's volume before and after (docs/heart.md, "Swelling under a
    // stocking"); the baseline below is read with them on.
    Subject walker = s;
    walker.interventions.stocking_ankle_mmHg = 0;
    walker.interventions.ipc = IpcSite::None;
    LegModel m = make_model(walker);
    m.set_activity({Activity::Walking, 3.0});
    m.advance(30.0);
    m.equilibrate_interstitium(10.0);
    m.set_interventions(s.interventions);
    m.set_posture(Posture::Sitting);
    ActivitySpec seated{o.activity, 0};
    m.set_activity(seated);
    m.advance(120.0); // veins refill in the new posture before the clock starts
    auto leg_volume = [&] {
        return m.leg_blood_volume_ml() + m.interstitial_excess_ml(Tissue::Foot) +
               m.interstitial_excess_ml(Tissue::Calf);
    };
    const double baseline = leg_volume();
    const double tissue = m.tissue_volume_ml();
    const double interstitial0 =
        m.interstitial_excess_ml(Tissue::Foot) + m.interstitial_excess_ml(Tissue::Calf);
    const double t0 = m.time_s();
    auto gain_pct = [&] { return 100.0 * (leg_volume() - baseline) / tissue; };

    double seated_s = 0, pop_sum = 0, ankle_sum = 0;
    // Measures a seated window's means while advancing the fast system.
    auto seated_window = [&](double seconds) {
        double pop = 0, ankle = 0;
        int n = 0;
        run_for(m, seconds, rec, "sit", [&] {
            pop += std::abs(m.popliteal_velocity_cm_s()), ankle += m.gsv_ankle_pressure(), ++n;
        });
        pop_sum += seconds * pop / n, ankle_sum += seconds * ankle / n, seated_s += seconds;
        return std::make_pair(pop / n, ankle / n);
    };
    auto fast_forward = [&](double seconds, const char* phase) {
        const double chunk = 600.0;
        while (seconds > 1e-6) {
            double d = std::min(seconds, chunk);
            m.fast_forward(d, 10.0);
            seconds -= d;
            if (rec) rec->sample(m, phase);
        }
    };
    const double total = o.hours * 3600.0;
    std::optional<double> at1h, at2h;
    auto sit_for = [&](double seconds) {
        double done = 0;
        // Back in the seat after a walk the emptied veins refill for tens of seconds (T5): that
        // settling is simulated in full before a 10 s window stands for the rest of a stretch.
        if (m.time_s() > t0 + 1e-6) {
            const double settle = std::min(60.0, seconds);
            seated_window(settle);
            done += settle;
        }
        while (done < seconds - 1e-6) {
            double elapsed = m.time_s() - t0;
            // Stop exactly at 1 h and 2 h to read the gains there.
            double stop = seconds - done;
            for (double mark : {3600.0, 7200.0})
                if (elapsed < mark - 1e-6) stop = std::min(stop, mark - elapsed);
            auto [pop, ankle] = seated_window(std::min(10.0, stop));
            double rest = stop - std::min(10.0, stop);
            if (rest > 0) {
                fast_forward(rest, "sit");
                pop_sum += rest * pop, ankle_sum += rest * ankle, seated_s += rest;
            }
            done += stop;
            elapsed = m.time_s() - t0;
            if (!at1h && elapsed >= 3600.0 - 1e-3) at1h = gain_pct();
            if (!at2h && elapsed >= 7200.0 - 1e-3) at2h = gain_pct();
        }
    };
    if (!o.breaks) {
        sit_for(total);
    } else {
        const double every = o.breaks->every_min * 60.0, brk = o.breaks->minutes * 60.0;
        while (m.time_s() - t0 < total - 1e-6) {
            double left = total - (m.time_s() - t0);
            double sit = std::min(every, left);
            sit_for(sit);
            left -= sit;
            if (left <= 1e-6) break;
            double b = std::min(brk, left);
            m.set_posture(Posture::Standing);
            m.set_activity({o.breaks->activity, 3.0});
            fast_forward(b, "break");
            double elapsed = m.time_s() - t0;
            if (!at1h && elapsed >= 3600.0 - 1e-3) at1h = gain_pct();
            if (!at2h && elapsed >= 7200.0 - 1e-3) at2h = gain_pct();
            m.set_posture(Posture::Sitting);
            m.set_activity(seated);
        }
    }
    r.volume_gain_pct_end = gain_pct();
    r.volume_gain_pct_1h = at1h.value_or(r.volume_gain_pct_end);
    r.volume_gain_pct_2h = at2h.value_or(r.volume_gain_pct_end);
    r.edema_mL = m.interstitial_excess_ml(Tissue::Foot) + m.interstitial_excess_ml(Tissue::Calf) -
                 interstitial0;
    r.popliteal_velocity_cm_s = seated_s > 0 ? pop_sum / seated_s : 0;
    r.ankle_pressure_mmHg = seated_s > 0 ? ankle_sum / seated_s : m.gsv_ankle_pressure();
    r.relative_vte_risk = m.relative_vte_risk();
    if (o.then_walk_min > 0) {
        m.set_posture(Posture::Standing);
        m.set_activity({Activity::Walking, 3.0});
        fast_forward(o.then_walk_min * 60.0, "walk_after");
        r.volume_gain_pct_after_walk = gain_pct();
    }
    return r;
}

RefluxResult run_reflux(const Subject& s, Recorder* rec) {
    RefluxResult r;
    LegModel m = make_model(s);
    run_for(m, 20.0, rec, "stand");
    const Network& net = m.network();
    // Where a duplex probe would look, and which flow direction counts as reflux.
    struct Site {
        const char* name;
        const char* link;
        double sign; // +1: normal flow is from -> to; reflux is negative flow
    };
    // The axial veins are tested by a calf squeeze and its release (Labropoulos 2003); a
    // perforator by an active calf contraction, one tiptoe, which squeezes the deep veins under
    // the fascia but not the skin veins, so an incompetent perforator shows outward flow
    // (Myers 1995: outward flow in medial calf perforators with calf muscle contraction).
    const Site sites[] = {{"gsv", "great_saphenous@4", 1},
                          {"ssv", "saphenopopliteal_junction", 1},
                          {"popliteal", "popliteal#0->femoral#0", 1},
                          {"femoral", "femoral@1", 1},
                          {"posterior_tibial", "posterior_tibial@2", 1},
                          {"perforator", "cockett_upper_perforator", 1}};
    constexpr size_t kAxialSites = 5;
    std::vector<int> links;
    for (const Site& site : sites) links.push_back(net.link_index(site.link));
    // Reflux lasts while blood runs back faster than 1 cm/s (what a duplex spectral trace shows
    // as reversed flow).
    const double threshold_cm_s = 1.0;
    std::vector<double> duration(links.size(), 0), volume(links.size(), 0);
    auto count_reflux = [&](size_t first, size_t last) {
        for (size_t k = first; k < last; ++k) {
            if (links[k] < 0) continue;
            double q = sites[k].sign * m.flow_ml_s(links[k]);
            if (q < 0 && -m.velocity_cm_s(links[k]) * sites[k].sign > threshold_cm_s) {
                duration[k] += m.dt_s();
                volume[k] += -q * m.dt_s();
            }
        }
    };
    m.set_activity({Activity::CalfSqueeze, 0});
    run_for(m, 1.1, rec, "squeeze");
    run_for(m, 10.0, rec, "release", [&] { count_reflux(0, kAxialSites); });
    m.set_activity({Activity::Still, 0});
    run_for(m, 30.0, rec, "stand");
    const ActivitySpec tiptoe{Activity::HeelRaises, 0};
    m.set_activity(tiptoe);
    run_for(m, cycle_period_s(tiptoe), rec, "tiptoe", [&] { count_reflux(kAxialSites, 6); });
    m.set_activity({Activity::Still, 0});
    run_for(m, 3.0, rec, "tiptoe", [&] { count_reflux(kAxialSites, 6); });
    for (size_t k = 0; k < links.size(); ++k) {
        r.reflux_s[sites[k].name] = duration[k];
        r.reflux_mL[sites[k].name] = volume[k];
    }
    return r;
}

} // namespace sh::sim
