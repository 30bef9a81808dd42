#pragma once
// secondheart-sim's issue-11 options and subcommands: the intervention options accepted by every
// protocol (--stocking, --stocking-length, --stocking-material, --elevation, --ipc,
// --calf-strength) and the `veins` and `heart` subcommands. sim_main.cpp registers them.

#include "interventions.hpp"
#include "scenario_interventions.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace sh::app {

struct InterventionOptions {
    double stocking_mmHg = 0;
    std::string length = "below-knee";
    std::string material = "elastic";
    std::optional<double> elevation_deg;
    std::string ipc = "none";
    std::string calf_strength = "average";
};
void add_intervention_options(CLI::App* cmd, InterventionOptions& o);
sim::Interventions to_interventions(const InterventionOptions& o);
using sim::to_json; // the interventions as JSON (sim/scenario_interventions.hpp)

// The `veins` and `heart` subcommands; run() returns the exit status once one of them was chosen.
class HeartCommands {
public:
    explicit HeartCommands(CLI::App& app);
    bool chosen() const { return *veins_ || *heart_; }
    int run() const;

private:
    struct Options {
        std::string posture = "lying";
        std::string activity = "still";
        double speed_kmh = 3.0;
        std::string condition = "healthy";
        double severity = 1.0;
        double height_cm = 175;
        double minutes = 5;
        InterventionOptions interventions;
    };
    int run_veins() const;
    int run_heart() const;

    CLI::App* veins_;
    CLI::App* heart_;
    Options veins_o_, heart_o_;
};

} // namespace sh::app
