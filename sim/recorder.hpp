#pragma once
// Time series of a running model: a fixed set of named columns sampled at a fixed interval,
// written as CSV (the --csv option of secondheart-sim and the panel's export).

#include "leg_model.hpp"

#include <string>
#include <vector>

namespace sh::sim {

class Recorder {
public:
    // Columns: time, phase labels, clinical signals, then every compartment's pressure and
    // volume, every link's flow and every valve's opening, named after the network.
    Recorder(const LegModel& model, double interval_s);
    // Samples if at least `interval_s` passed since the last sample.
    void maybe_sample(const LegModel& model, const std::string& phase);
    void sample(const LegModel& model, const std::string& phase);
    const std::vector<std::string>& columns() const { return columns_; }
    size_t rows() const { return rows_.size(); }
    // Throws std::runtime_error naming the path if it cannot be written.
    void write_csv(const std::string& path) const;

private:
    double interval_;
    double last_ = -1e30;
    std::vector<std::string> columns_;
    std::vector<std::string> phases_;
    std::vector<std::vector<double>> rows_;
};

} // namespace sh::sim
