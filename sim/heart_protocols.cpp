#include "heart_protocols.hpp"

#include "protocols.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sh::sim {
namespace {

constexpr double kSupineSettleS = 180.0;
constexpr double kMeanWindowS = 20.0;
// Each cuff pressure is held until the calf veins have emptied to their new steady state (the
// deep veins drain through collapsing lumens and take tens of seconds).
constexpr double kCuffHoldS = 60.0;
// Partsch & Partsch used a blood-pressure cuff around the mid-calf (about 13 cm wide here).
constexpr double kCuffHalfWidthCm = 6.5;
// "Complete occlusion" on duplex: the vein's lumen under the cuff has fallen below this share of
// the lumen it had before the cuff. Calibrated against one figure, the supine closure of
// Partsch & Partsch 2005 (J Vasc Surg 42:734: 20-25 mmHg); their sitting and standing closures
// are then predictions. Lying it puts the closure on the tube law's collapsed branch at about
// -12 mmHg transmural, where a collapsed vein's lumen is a flattened slit (the contact of the
// opposite walls lies at clearly negative transmural pressures: Shapiro 1977, J Biomech Eng
// 99:126); upright the distended vein reaches the same share at about -6 to -7 mmHg. The former
// rule (10 % of the reference lumen, -4 mmHg in every posture) closed the veins lying at 11-13
// mmHg. docs/heart.md, "Occlusion".
constexpr double kOccludedLumenShare = 0.045;

HeartState read(const Circulation& c) {
    return {c.stroke_volume_ml(),   c.heart_rate_bpm(),      c.cardiac_output_l_min(),
            c.mean_arterial_mmHg(), c.central_venous_mmHg(), c.carotid_mmHg(),
            c.one_leg_volume_ml()};
}

void add(HeartState& sum, const HeartState& s, double w) {
    sum.stroke_volume_mL += w * s.stroke_volume_mL;
    sum.heart_rate_bpm += w * s.heart_rate_bpm;
    sum.cardiac_output_L_min += w * s.cardiac_output_L_min;
    sum.mean_arterial_mmHg += w * s.mean_arterial_mmHg;
    sum.central_venous_mmHg += w * s.central_venous_mmHg;
    sum.carotid_mmHg += w * s.carotid_mmHg;
    sum.one_leg_volume_mL += w * s.one_leg_volume_mL;
}

// Runs `seconds` and returns the means over the last `window` seconds.
HeartState run_and_average(Circulation& c, double seconds, double window) {
    window = std::min(window, seconds);
    c.advance(seconds - window);
    HeartState sum;
    const double end = c.time_s() + window;
    int n = 0;
    while (c.time_s() < end - 0.5 * c.dt_s()) {
        c.step();
        add(sum, read(c), 1.0);
        ++n;
    }
    if (n == 0) return read(c);
    HeartState mean;
    add(mean, sum, 1.0 / n);
    return mean;
}

// The compartment of a segment whose centre lies nearest a leg-frame height.
int compartment_near(const Network& net, std::string_view segment, double z) {
    int si = net.segment_index(segment);
    if (si < 0) return -1;
    int best = -1;
    double best_d = 1e30;
    for (int c : net.segments[si].compartments) {
        double d = std::abs(net.compartments[c].centre.z - z);
        if (d < best_d) best_d = d, best = c;
    }
    return best;
}

double mid_calf_z(const Network& net) {
    auto at = [&](const char* name, double fallback) {
        auto it = net.landmarks.find(name);
        return it == net.landmarks.end() ? fallback : it->second.z;
    };
    return 0.5 * (at("ankle_joint", 8) + at("knee_joint", 47));
}

// Lumen of one vein of compartment c (cm2): volume over length, shared by parallel veins.
double vein_area(const LegModel& m, int c, double scale) {
    if (c < 0) return 0;
    const Network& net = m.network();
    const Compartment& comp = net.compartments[c];
    return m.volume_ml(c) / (comp.length_cm * scale) / net.segments[comp.segment].count;
}

} // namespace

std::optional<BodyPosture> body_posture_from_string(std::string_view name) {
    if (name.rfind("tilt", 0) == 0) {
        double deg = 0;
        auto tail = name.substr(4);
        auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), deg);
        if (ec != std::errc() || end != tail.data() + tail.size() || !(deg >= 0 && deg <= 90))
            return std::nullopt;
        return BodyPosture{Posture::Lying, deg};
    }
    if (name == "lying" || name == "supine") return BodyPosture{Posture::Lying, 0};
    if (name == "sitting") return BodyPosture{Posture::Sitting, 0};
    if (name == "standing") return BodyPosture{Posture::Standing, 0};
    return std::nullopt;
}

Circulation settled_supine(const HeartOptions& o) {
    Circulation c(default_network(), o.leg, o.circulation, o.heart, o.height_cm);
    c.set_valves(o.valves);
    c.set_posture(Posture::Lying);
    c.advance(kSupineSettleS);
    return c;
}

HeartResult run_heart(const HeartOptions& o) {
    HeartResult r;
    const Circulation start = settled_supine(o);
    const double seconds = std::max(0.0, o.minutes) * 60.0;
    double window = kMeanWindowS;
    if (o.interventions.ipc != IpcSite::None)
        window = std::max(window, o.interventions.ipc_cycle.on_s + o.interventions.ipc_cycle.off_s);

    Circulation lying = start;
    r.lying = run_and_average(lying, seconds, window);

    Circulation c = start;
    const double books = c.conserved_ml();
    c.set_interventions(o.interventions);
    c.set_posture(o.body.posture, o.body.head_up_tilt_deg);
    c.set_activity(o.activity);
    r.state = run_and_average(c, seconds, window);
    r.leg_volume_change_mL = r.state.one_leg_volume_mL - r.lying.one_leg_volume_mL;
    r.conservation_error_mL = c.conserved_ml() - books;
    return r;
}

VeinsResult run_veins(const VeinsOptions& o) {
    VeinsResult r;
    Subject s;
    s.height_cm = o.height_cm;
    s.valves = o.valves;
    LegModel m(default_network(), s.params, s.height_cm);
    m.set_valves(o.valves);
    m.set_interventions(o.interventions);
    m.set_posture(o.posture);
    m.set_activity(o.activity);
    const Network& net = m.network();
    const double scale = o.height_cm / net.reference_height_cm;
    const double z = mid_calf_z(net);
    const int deep = compartment_near(net, "posterior_tibial", z);
    const int gsv = compartment_near(net, "great_saphenous", z);
    const int pop = net.compartment_index("popliteal");
    const double window = std::min(10.0, o.seconds);
    m.advance(o.seconds - window);
    int n = 0;
    const double end = m.time_s() + window;
    while (m.time_s() < end - 0.5 * m.dt_s()) {
        m.step();
        r.deep_calf_area_cm2 += vein_area(m, deep, scale);
        r.gsv_calf_area_cm2 += vein_area(m, gsv, scale);
        r.popliteal_area_cm2 += vein_area(m, pop, scale);
        r.deep_calf_pressure_mmHg += deep < 0 ? 0 : m.pressure_mmHg(deep);
        r.gsv_calf_pressure_mmHg += gsv < 0 ? 0 : m.pressure_mmHg(gsv);
        ++n;
    }
    if (n > 0) {
        const double k = 1.0 / n;
        r.deep_calf_area_cm2 *= k, r.gsv_calf_area_cm2 *= k, r.popliteal_area_cm2 *= k;
        r.deep_calf_pressure_mmHg *= k, r.gsv_calf_pressure_mmHg *= k;
    }
    return r;
}

double cuff_occlusion_pressure(Posture posture, std::string_view segment) {
    const Network& net = default_network();
    const double z = mid_calf_z(net);
    const int c = compartment_near(net, segment, z);
    if (c < 0) return 0;
    LegModel base(net);
    base.set_posture(posture);
    base.set_activity({Activity::Still, 0});
    base.advance(60.0);
    // The lumen at the cuff's centre, where the duplex probe looks: the compartment's pressure
    // is at its own centre, up to 5 cm lower in the upright leg, so it is moved along the
    // hydrostatic column to the cuff's height.
    const ModelParams params;
    const Compartment& comp = net.compartments[c];
    const TubeLaw& wall = net.segments[comp.segment].system == VeinSystem::Superficial
                              ? params.superficial_wall
                              : params.deep_wall;
    const double cuff_above_centre_cm =
        base.height_of({comp.centre.x, comp.centre.y, z}) - base.height_of(comp.centre);
    auto lumen_at_cuff = [&](const LegModel& m) {
        const double transmural = m.pressure_mmHg(c) -
                                  params.rho_g_mmHg_per_cm * cuff_above_centre_cm -
                                  params.tissue_pressure_mmHg - m.external_pressure_mmHg(c);
        return wall.area_ratio(transmural);
    };
    const double lumen_before = lumen_at_cuff(base);
    auto closed = [&](double cuff) {
        LegModel m = base;
        Interventions iv;
        iv.ipc = IpcSite::Calf;
        iv.ipc_cycle = {cuff, 1e9, 0}; // inflated and held
        iv.ipc_band_z_cm = std::make_pair(z - kCuffHalfWidthCm, z + kCuffHalfWidthCm);
        m.set_interventions(iv);
        m.advance(kCuffHoldS);
        return lumen_at_cuff(m) < kOccludedLumenShare * lumen_before;
    };
    double lo = 0, hi = 150;
    if (!closed(hi)) return hi;
    while (hi - lo > 0.25) {
        double mid = 0.5 * (lo + hi);
        (closed(mid) ? hi : lo) = mid;
    }
    return hi;
}

} // namespace sh::sim
