#include "recorder.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

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
    // Written under a temporary name and renamed only when complete, so a failed run never
    // leaves a truncated file, nor replaces a good one the user had under that name.
    const std::string partial = path + ".partial";
    try {
        std::ofstream out(partial);
        if (!out) throw std::runtime_error(path + ": cannot open for writing");
        out << "phase";
        for (const auto& c : columns_) out << ',' << c;
        out << '\n';
        char buf[32];
        for (size_t r = 0; r < rows_.size(); ++r) {
            out << phases_[r];
            for (size_t k = 0; k < rows_[r].size(); ++k) {
                const double v = rows_[r][k];
                if (!std::isfinite(v))
                    throw std::runtime_error(path + ": the model produced a non-finite " +
                                             columns_[k] + " at row " + std::to_string(r + 1));
                std::snprintf(buf, sizeof buf, ",%.6g", v);
                out << buf;
            }
            out << '\n';
        }
        out.close();
        if (!out) throw std::runtime_error(path + ": write failed");
        std::error_code ec;
        std::filesystem::rename(partial, path, ec);
        if (ec)
            throw std::runtime_error(path + ": cannot rename the finished file: " + ec.message());
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw;
    }
}

} // namespace sh::sim
