#include "leg_model.hpp"

#include "link_flow.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {
constexpr double kDynPerMmHg = 1333.22;
constexpr double kMinVolumeFraction = 0.01; // limiter floor: never drain below 1 % of V0

} // namespace

LegModel::LegModel(const Network& net, const ModelParams& params, double height_cm)
    : net_(&net), p_(params), scale_(height_cm / net.reference_height_cm) {
    const int n = static_cast<int>(net.compartments.size());
    v0_.resize(n);
    inv_v0_.resize(n);
    ratio_.resize(n);
    sqrt_ratio_.resize(n);
    height_.resize(n);
    inflow_rest_.resize(n);
    filtration_share_.assign(n, 0);
    dilating_group_.assign(n, -1);
    superficial_.resize(n);
    pump_.resize(n);
    tissue_.resize(n);
    volume_.resize(n);
    pressure_.resize(n);
    head_.resize(n);
    inflow_now_.resize(n);
    links_of_.resize(n);
    const double volume_scale = scale_ * scale_ * scale_;
    std::array<double, 3> region_inflow{};
    for (int c = 0; c < n; ++c) {
        const Compartment& comp = net.compartments[c];
        const Segment& seg = net.segments[comp.segment];
        superficial_[c] = seg.system == VeinSystem::Superficial;
        // The saphenous trunks dilate when their own valves fail (docs/model.md, "Conditions").
        if (superficial_[c] &&
            (seg.valve_group == ValveGroup::Gsv || seg.valve_group == ValveGroup::Ssv))
            dilating_group_[c] = static_cast<int>(*seg.valve_group);
        pump_[c] = seg.pump;
        tissue_[c] = seg.tissue;
        // A segment's inflow is shared by its compartments in proportion to length.
        double seg_len = 0;
        for (int k : seg.compartments) seg_len += net.compartments[k].length_cm;
        inflow_rest_[c] = seg.inflow_ml_min / 60.0 * comp.length_cm / seg_len * volume_scale;
        region_inflow[static_cast<int>(tissue_[c])] += inflow_rest_[c];
    }
    for (int c = 0; c < n; ++c) {
        int t = static_cast<int>(tissue_[c]);
        if (tissue_[c] != Tissue::None && region_inflow[t] > 0)
            filtration_share_[c] = inflow_rest_[c] / region_inflow[t];
    }
    tissue_ml_ = {0, p_.foot_tissue_ml * volume_scale, p_.calf_tissue_ml * volume_scale};

    const int m = static_cast<int>(net.links.size());
    r0_.resize(m);
    inv_inertance_.resize(m);
    bernoulli_open_.resize(m);
    link_area_.resize(m);
    valve_group_.resize(m);
    obstructible_.resize(m);
    flow_.assign(m, 0);
    zeta_.assign(m, 1);
    for (int i = 0; i < m; ++i) {
        const Link& l = net.links[i];
        valve_group_[i] = l.valve ? static_cast<int>(*l.valve) : -1;
        const Segment& from_seg = net.segments[net.compartments[l.from].segment];
        const Segment& to_seg = net.segments[net.compartments[l.to].segment];
        // Thrombus remnants narrow the popliteal and femoral outflow of the calf.
        obstructible_[i] = from_seg.system == VeinSystem::Deep &&
                           to_seg.system == VeinSystem::Deep &&
                           (to_seg.name == "femoral" || to_seg.name == "popliteal" ||
                            to_seg.name == "common_femoral");
        links_of_[l.from].push_back({i, 1.0});
        links_of_[l.to].push_back({i, -1.0});
    }
    apply_vein_geometry();
    outlet_inertance_ = p_.blood_density * p_.outlet_length_cm / p_.outlet_area_cm2 / kDynPerMmHg;

    int gsv = net.segment_index("great_saphenous");
    int ptv = net.segment_index("posterior_tibial");
    if (gsv >= 0 && net.segments[gsv].measure_points.count("ankle")) {
        int pt = net.segments[gsv].measure_points.at("ankle");
        gsv_ankle_c_ = net.compartment_at_point(gsv, pt);
        gsv_ankle_point_ = net.segments[gsv].centreline[pt];
    }
    if (ptv >= 0) {
        ptv_ankle_c_ = net.segments[ptv].compartments.front();
        ptv_ankle_point_ = net.segments[ptv].centreline.front();
    }
    popliteal_c_ = net.compartment_index("popliteal");
    for (int i = 0; i < m; ++i)
        if (net.links[i].from == popliteal_c_) popliteal_link_ = i;

    place_compartments();
    // Start from the static column: each vein at the transmural pressure of a still column.
    for (int c = 0; c < n; ++c) {
        double p = p_.cvp_upright_mmHg + p_.rho_g_mmHg_per_cm * (reference_height_ - height_[c]);
        volume_[c] = v0_[c] * law(c).area_ratio(std::max(p - p_.tissue_pressure_mmHg, -5.0));
    }
    initial_blood_ = total_blood_volume_ml();
    step(); // fill pressures and heads
}

double LegModel::compartment_area_scale(int c) const {
    const double area_scale = scale_ * scale_;
    if (dilating_group_[c] < 0) return area_scale;
    double d = 1 + (p_.saphenous_reflux_diameter_ratio - 1) *
                       std::clamp(valves_.severity[dilating_group_[c]], 0.0, 1.0);
    return area_scale * d * d;
}

void LegModel::apply_vein_geometry() {
    const Network& net = *net_;
    for (int c = 0; c < compartment_count(); ++c) {
        const Compartment& comp = net.compartments[c];
        v0_[c] = comp.reference_area_cm2 * compartment_area_scale(c) * comp.length_cm * scale_;
        // A stronger or wasted triceps surae holds more or less blood in its sinuses (issue 11).
        if (net.segments[comp.segment].system == VeinSystem::Intramuscular)
            v0_[c] *= field_.sinus_volume_factor();
        inv_v0_[c] = 1 / v0_[c];
    }
    for (int i = 0; i < link_count(); ++i) {
        const Link& l = net.links[i];
        double len = l.length_cm * scale_;
        // The open lumen of a link is that of the narrower compartment it joins.
        double area =
            std::min(net.compartments[l.from].reference_area_cm2 * compartment_area_scale(l.from),
                     net.compartments[l.to].reference_area_cm2 * compartment_area_scale(l.to));
        link_area_[i] = area;
        // Bernoulli's rho/2 over the open lumen squared; the valve's open fraction and the
        // lumen's narrowing divide it at run time (link_flow.hpp).
        bernoulli_open_[i] = p_.blood_density / 2 / kDynPerMmHg / (area * area);
        // A dilated varicose trunk is also tortuous and its lumen irregular: its resistance and
        // inertance see only part of the area's growth, (dilated / normal)^e (calibrated together
        // against T6, refill 1.2-5.5 s, Pollack & Wood 1949, and T10, 3-6 s, Tauraginskii 2020).
        const double undilated = l.area_cm2 * scale_ * scale_;
        area = undilated * std::pow(area / undilated, p_.varicose_lumen_exponent);
        // Poiseuille 8 pi mu L / A^2, in mmHg s / mL, times the lumped venous factor.
        const bool superficial = superficial_[l.from] && superficial_[l.to];
        double factor = superficial ? p_.superficial_resistance_factor : p_.resistance_factor;
        r0_[i] = factor * 8 * std::numbers::pi * p_.blood_viscosity_P * len / (area * area) /
                 kDynPerMmHg;
        inv_inertance_[i] = area * kDynPerMmHg / (p_.blood_density * len);
        if (valve_group_[i] == static_cast<int>(ValveGroup::Perforator))
            r0_[i] *= p_.perforator_resistance_scale;
    }
}

void LegModel::place_compartments() {
    PosedLeg leg(*net_, scale_, pose());
    for (size_t c = 0; c < height_.size(); ++c)
        height_[c] = leg.place(net_->compartments[c].centre * scale_).z;
    // Seated, the indifference point sits higher on the upright trunk (calibrated, T8).
    reference_height_ = leg.reference_height_cm(
        posture_ == Posture::Sitting ? p_.trunk_offset_seated_cm : p_.trunk_offset_cm);
    gsv_ankle_height_ = leg.place(gsv_ankle_point_ * scale_).z;
    ptv_ankle_height_ = leg.place(ptv_ankle_point_ * scale_).z;
}

void LegModel::set_posture(Posture posture) {
    posture_ = posture;
    place_compartments();
}

void LegModel::set_interventions(const Interventions& iv) {
    field_ = InterventionField(*net_, iv);
    apply_vein_geometry(); // the calf strength's sinus volume
    place_compartments();  // the elevation
}

void LegModel::set_head_up_tilt(double deg) {
    tilt_deg_ = deg;
    place_compartments();
}

double LegModel::central_venous_mmHg() const {
    if (coupling_) return coupling_->venous_mmHg;
    if (posture_angles(posture_).supine) return p_.cvp_supine_mmHg;
    return posture_ == Posture::Sitting ? p_.cvp_seated_mmHg : p_.cvp_upright_mmHg;
}

double LegModel::height_of(Vec3 leg_point) const {
    return PosedLeg(*net_, scale_, pose()).place(leg_point * scale_).z;
}

void LegModel::set_activity(const ActivitySpec& activity) {
    if (activity.kind != activity_.kind || !is_sustained(activity.kind)) {
        activity_ = activity;
        activity_time_ = 0;
        phase_offset_ = 0;
        return;
    }
    if (activity.speed_kmh == activity_.speed_kmh) return;
    // The phase is the integral of the cadence: keep its value now, let the new cadence run on
    // from here.
    const double phase = activity_phase();
    activity_ = activity;
    const double cycle = cycle_period_s(activity_);
    phase_offset_ = cycle > 0 ? phase - std::fmod(activity_time_ / cycle, 1.0) : 0.0;
    if (phase_offset_ < 0) phase_offset_ += 1.0;
}

double LegModel::activity_phase() const {
    const double cycle = cycle_period_s(activity_);
    return cycle > 0 ? std::fmod(activity_time_ / cycle + phase_offset_, 1.0) : 0.0;
}

void LegModel::set_valves(const ValveSettings& valves) {
    const bool dilation_changed = valves.severity[static_cast<int>(ValveGroup::Gsv)] !=
                                      valves_.severity[static_cast<int>(ValveGroup::Gsv)] ||
                                  valves.severity[static_cast<int>(ValveGroup::Ssv)] !=
                                      valves_.severity[static_cast<int>(ValveGroup::Ssv)];
    valves_ = valves;
    // The blood stays where it is; only the walls' reference size changes (volume conserved).
    if (dilation_changed) apply_vein_geometry();
}

double LegModel::capillary_pressure(int c) const {
    return capillary_pressure(c, arterial_mmHg() +
                                     p_.rho_g_mmHg_per_cm * (reference_height_ - height_[c]));
}

// One step of the fast system, in seven sub-steps (docs/model.md, "One step").
void LegModel::step() {
    const double dt = p_.dt_s;
    drive_ = muscle_drive_at(activity_, activity_phase(), activity_time_);
    field_.adjust_drive(drive_); // calf strength (issue 11)
    field_.begin_step(drive_, time_);
    const double cvp = central_venous_mmHg();
    update_pressures();
    update_link_flows(dt, cvp);
    update_arterial_inflow(dt);
    update_interstitium(dt);
    limit_outflows(dt);
    update_volumes(dt);
    update_stasis(dt);
    time_ += dt;
    activity_time_ += dt;
}

// 1. Pressures and heads from volumes: outside pressure (tissue, muscles, an examiner's hand)
// plus the wall's transmural pressure; the head adds the column above the floor.
void LegModel::update_pressures() {
    for (int c = 0; c < compartment_count(); ++c) {
        double a = volume_[c] * inv_v0_[c];
        ratio_[c] = a;
        sqrt_ratio_[c] = std::sqrt(a);
        double ext = p_.tissue_pressure_mmHg;
        for (int k = 0; k < kMuscleCount; ++k) ext += pump_[c][k] * drive_.pressure_mmHg[k];
        if (tissue_[c] == Tissue::Calf) ext += drive_.manual_compression_mmHg;
        ext += field_.external_mmHg(c); // stockings and IPC (issue 11)
        pressure_[c] = ext + law(c).pressure(a);
        head_[c] = pressure_[c] + p_.rho_g_mmHg_per_cm * height_[c];
    }
}

// 2. Link flows: each valve's opening first (Mynard 2012), then the implicit flow update; the
// outlet drains through the iliac pool to the right atrium (the column to the indifference point).
void LegModel::update_link_flows(double dt, double cvp) {
    const double obstruction = 1 + p_.obstruction_resistance_gain * valves_.deep_obstruction;
    for (int i = 0; i < link_count(); ++i) {
        const Link& l = net_->links[i];
        double dp = head_[l.from] - head_[l.to];
        // The lumen between two compartments: the geometric mean of their areas, so a collapsing
        // compartment throttles its own outflow (flow limitation) long before it is empty. A
        // collapsed compartment downstream does not throttle what flows into it: it opens as
        // blood enters, so the upstream one's area stands in for it.
        const bool forward = dp >= 0;
        const int up = forward ? l.from : l.to, down = forward ? l.to : l.from;
        double a = std::max(p_.min_area_ratio,
                            sqrt_ratio_[up] * std::max(sqrt_ratio_[up], sqrt_ratio_[down]));
        LinkFlowStep k;
        k.flow = flow_[i];
        k.head_difference = dp;
        // A narrowed lumen accelerates a smaller cross-section: inertance grows as 1/a.
        k.dt_over_inertance = dt * inv_inertance_[i] * std::min(a, 1.0);
        k.area_squared = a * a;
        k.resistance_open = obstructible_[i] ? r0_[i] * obstruction : r0_[i];
        if (valve_group_[i] >= 0) {
            double sev = valves_.severity[valve_group_[i]];
            zeta_[i] = p_.valve.step(zeta_[i], dp, sev, dt);
            k.bernoulli_open = bernoulli_open_[i];
            k.orifice_fraction = p_.valve.area_fraction(zeta_[i], sev);
        }
        flow_[i] = implicit_link_flow(k);
    }
    // The iliac pool (docs/model.md "Iliac pool"): blood flowing back into the leg comes first
    // from the distended iliac veins and lower vena cava at almost no loss of head; past that
    // reserve they collapse and further reflux waits on the slow top-up from above. Forward, the
    // pool passes blood on to the heart freely.
    const double central_head = cvp + p_.rho_g_mmHg_per_cm * reference_height_;
    double pool_head = iliac_pool_head(iliac_excess_ml_);
    double out_dp = head_[net_->outlet] - (central_head + pool_head);
    // The outlet has no valve and a fixed lumen: the linear implicit step.
    outlet_flow_ = (outlet_flow_ + dt * out_dp / outlet_inertance_) /
                   (1 + dt * p_.outlet_resistance / outlet_inertance_);
    double onward = pool_head / (pool_head >= 0 ? p_.outlet_resistance : p_.iliac_topup_resistance);
    iliac_excess_ml_ += dt * (outlet_flow_ - onward);
}

// Head of the iliac pool above the central head for a volume excess (negative: drawn down).
double LegModel::iliac_pool_head(double excess_ml) const {
    const double reserve = p_.iliac_reserve_ml;
    if (excess_ml >= -reserve) return excess_ml / p_.iliac_reserve_compliance;
    return -reserve / p_.iliac_reserve_compliance +
           (excess_ml + reserve) / p_.iliac_collapsed_compliance;
}

// 3. Arterial inflow: rises with exercise (hyperaemia, with a lag) and with the arteriovenous
// pressure difference; the veno-arteriolar reflex cuts it when the veins are distended. Also
// the inflow-weighted capillary pressure of each tissue, which drives filtration.
void LegModel::update_arterial_inflow(double dt) {
    double target = drive_.exercise_level;
    double tau = target > hyperaemia_ ? p_.hyperaemia_rise_s : p_.hyperaemia_decay_s;
    hyperaemia_ += (target - hyperaemia_) * dt / (tau + dt); // implicit Euler of the lag
    const double av_ref = p_.mean_arterial_mmHg - p_.resting_venous_mmHg;
    const double arterial = arterial_mmHg();
    const double conductance = coupling_ ? coupling_->inflow_scale : 1.0;
    // The step's common factors, divisions included, taken out of the loop.
    const double inflow_scale = conductance * (1 + p_.hyperaemia_gain * hyperaemia_) / av_ref;
    const double per_reflex_span = 1 / p_.reflex_span_mmHg;
    std::array<double, 3> pc_sum{}, skin_sum{}, w_sum{};
    for (int c = 0; c < compartment_count(); ++c) {
        double pa = arterial + p_.rho_g_mmHg_per_cm * (reference_height_ - height_[c]);
        double distension =
            std::clamp((pressure_[c] - p_.reflex_threshold_mmHg) * per_reflex_span, 0.0, 1.0);
        double reflex = 1 - (1 - p_.dependent_inflow_factor) * distension;
        inflow_now_[c] = inflow_rest_[c] * inflow_scale * reflex * std::max(0.0, pa - pressure_[c]);
        int t = static_cast<int>(tissue_[c]);
        pc_sum[t] += filtration_share_[c] * capillary_pressure(c, pa);
        skin_sum[t] += filtration_share_[c] * field_.skin_mmHg(c);
        w_sum[t] += filtration_share_[c];
    }
    for (int t = 1; t < 3; ++t) {
        capillary_mean_[t] = w_sum[t] > 0 ? pc_sum[t] / w_sum[t] : 0;
        skin_mean_[t] = w_sum[t] > 0 ? skin_sum[t] / w_sum[t] : 0;
    }
}

// 4. Slow system, integrated every step in real time: filtration out of the capillaries into
// the interstitium (taken from the blood reaching the veins), lymph out of the leg. A stocking's
// or cuff's pressure on the skin adds to the interstitial pressure: it opposes filtration and
// drives lymph (docs/heart.md, "Swelling under a stocking").
void LegModel::update_interstitium(double dt) {
    for (int t = 1; t < 3; ++t) {
        double kf = p_.filtration_coeff / 60.0 * tissue_ml_[t] / 100.0;
        double lk = p_.lymph_conductance / 60.0 * tissue_ml_[t] / 100.0 *
                    (1 + p_.lymph_activity_gain * hyperaemia_);
        double ct = p_.tissue_compliance * tissue_ml_[t] / 100.0;
        double pi = interstitial_[t] / ct + skin_mean_[t];
        filtration_[t] = kf * (capillary_mean_[t] - pi - p_.oncotic_gradient_mmHg);
        double lymph = std::max(0.0, lk * (pi + p_.lymph_offset_mmHg));
        interstitial_[t] += dt * (filtration_[t] - lymph);
        lymph_total_ += dt * lymph;
    }
}

// 5. Limiter: a compartment may not send out more than it holds above its floor. Outflow is
// forward flow on its outgoing links plus backward flow on its incoming ones; scaling them
// only ever reduces other compartments' inflow, so one pass keeps every volume positive.
void LegModel::limit_outflows(double dt) {
    for (int c = 0; c < compartment_count(); ++c) {
        double out = 0;
        for (auto [i, sign] : links_of_[c]) out += std::max(0.0, sign * flow_[i]);
        if (c == net_->outlet) out += std::max(0.0, outlet_flow_);
        double available = volume_[c] - kMinVolumeFraction * v0_[c];
        if (out * dt > available && out > 0) {
            double f = std::max(0.0, available) / (out * dt);
            for (auto [i, sign] : links_of_[c])
                if (sign * flow_[i] > 0) flow_[i] *= f;
            if (c == net_->outlet && outlet_flow_ > 0) outlet_flow_ *= f;
        }
    }
}

// 6. Volumes from the new flows: inflow less filtration enters, links move blood between
// compartments, the outlet takes it to the heart.
void LegModel::update_volumes(double dt) {
    filtration_total_ = 0;
    for (int c = 0; c < compartment_count(); ++c) {
        double filtered = filtration_[static_cast<int>(tissue_[c])] * filtration_share_[c];
        filtration_total_ += filtered;
        double venous_in = inflow_now_[c] - filtered;
        volume_[c] += dt * venous_in;
        inflow_total_ += dt * venous_in;
    }
    for (int i = 0; i < link_count(); ++i) {
        volume_[net_->links[i].from] -= dt * flow_[i];
        volume_[net_->links[i].to] += dt * flow_[i];
    }
    volume_[net_->outlet] -= dt * outlet_flow_;
    outflow_total_ += dt * outlet_flow_;
}

// 7. Stasis: slow popliteal flow (Virchow) accumulates; movement clears it.
void LegModel::update_stasis(double dt) {
    double v = popliteal_velocity_cm_s();
    pop_velocity_filtered_ += (std::abs(v) - pop_velocity_filtered_) * dt / p_.stasis_filter_s;
    double x = pop_velocity_filtered_ / p_.stasis_velocity_cm_s;
    double intensity = 1 / (1 + x * x * x * x);
    stasis_h_ += dt / 3600.0 * (intensity - (1 - intensity) * stasis_h_ / p_.stasis_recovery_h);
}

} // namespace sh::sim
