#include "recorder.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace sh::sim {

Recorder::Recorder(const LegModel& model, double interval_s) : interval_(interval_s) {
    columns_ = {"time_s",
                "soleus_mmHg",
                "gsv_ankle_mmHg",
                "deep_ankle_mmHg",
                "popliteal_mmHg",
                "calf_venous_volume_mL",
                "popliteal_flow_mL_s",
                "arterial_inflow_mL_s",
                "interstitial_excess_mL",
                "relative_vte_risk",
                "knee_flexion_deg",
                "ankle_dorsiflexion_deg"};
    const Network& net = model.network();
    for (const Compartment& c : net.compartments) columns_.push_back(c.label + "_mmHg");
    for (const Compartment& c : net.compartments) columns_.push_back(c.label + "_mL");
    for (const Link& l : net.links) columns_.push_back(l.name + "_mL_s");
    for (const Link& l : net.links)
        if (l.valve) columns_.push_back(l.name + "_valve_open");
}

void Recorder::maybe_sample(const LegModel& model, const std::string& phase) {
    if (model.time_s() - last_ >= interval_ - 1e-9) sample(model, phase);
}

void Recorder::sample(const LegModel& model, const std::string& phase) {
    last_ = model.time_s();
    std::vector<double> row = {model.time_s(),
                               model.muscle_pressure_mmHg(Muscle::Soleus),
                               model.gsv_ankle_pressure(),
                               model.deep_ankle_pressure(),
                               model.popliteal_pressure(),
                               model.calf_venous_volume_ml(),
                               model.popliteal_flow_ml_s(),
                               model.inflow_ml_s(),
                               model.interstitial_excess_ml(Tissue::Foot) +
                                   model.interstitial_excess_ml(Tissue::Calf),
                               model.relative_vte_risk()};
    // The pose the simulator is in: its posture with the activity at the drive's phase.
    const PosedLeg pose(model.network(), 1.0, model.posture(), model.activity(),
                        model.drive().phase);
    row.push_back(pose.pose().knee_flexion_deg);
    row.push_back(pose.pose().ankle_dorsiflexion_deg);
    row.reserve(columns_.size());
    for (int c = 0; c < model.compartment_count(); ++c) row.push_back(model.pressure_mmHg(c));
    for (int c = 0; c < model.compartment_count(); ++c) row.push_back(model.volume_ml(c));
    for (int i = 0; i < model.link_count(); ++i) row.push_back(model.flow_ml_s(i));
    for (int i = 0; i < model.link_count(); ++i)
        if (model.network().links[i].valve) row.push_back(model.valve_opening(i));
    rows_.push_back(std::move(row));
    phases_.push_back(phase);
}

void Recorder::write_csv(const std::string& path) const {
    std::ofstream out(path);
    if (!out) throw std::runtime_error(path + ": cannot open for writing");
    out << "phase";
    for (const auto& c : columns_) out << ',' << c;
    out << '\n';
    char buf[32];
    for (size_t r = 0; r < rows_.size(); ++r) {
        out << phases_[r];
        for (double v : rows_[r]) {
            std::snprintf(buf, sizeof buf, ",%.6g", v);
            out << buf;
        }
        out << '\n';
    }
    if (!out) throw std::runtime_error(path + ": write failed");
}

} // namespace sh::sim
