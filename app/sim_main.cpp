// secondheart-sim: the calf-muscle-pump simulator without graphics. Runs the clinical protocols
// (avp, apg, sit, reflux), a scenario file (run), a summary of all of them, or a benchmark, and
// prints one JSON object on stdout. Exit status: 0 ok, 1 runtime failure, 2 bad command line.

#include "conditions.hpp"
#include "protocols.hpp"
#include "recorder.hpp"
#include "scenario.hpp"
#include "sim_bench.hpp"
#include "sim_cli_output.hpp"
#include "sim_heart_command.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

namespace {

using namespace sh;

struct Common {
    std::string condition = "healthy";
    double height_cm = 175;
    double speed_kmh = 3.0;
    double severity = 1.0;
    std::string csv;
    app::InterventionOptions interventions; // issue 11
};

// A float option's check: a finite number within [lo, hi]. CLI::Range alone lets NaN through
// (every comparison with NaN is false); CLI11 prefixes the option's name to the message.
CLI::Validator finite_in(double lo, double hi, const std::string& unit) {
    auto range = [lo, hi, unit] {
        auto num = [](double v) {
            char b[32];
            std::snprintf(b, sizeof b, "%g", v);
            return std::string(b);
        };
        return num(lo) + " to " + num(hi) + (unit.empty() ? "" : " " + unit);
    }();
    return CLI::Validator(
        [lo, hi, range](std::string& text) {
            double v = 0;
            try {
                std::size_t used = 0;
                v = std::stod(text, &used);
                if (used != text.size())
                    return "expected a number from " + range + ", got '" + text + "'";
            } catch (const std::exception&) {
                return "expected a number from " + range + ", got '" + text + "'";
            }
            if (!std::isfinite(v))
                return "expected a finite number from " + range + ", got '" + text + "'";
            if (v < lo || v > hi) return "expected a number from " + range + ", got " + text;
            return std::string();
        },
        "NUMBER in [" + range + "]");
}

void add_common(CLI::App* cmd, Common& c) {
    std::string names = sim::condition_names();
    cmd->add_option("--condition", c.condition, "Clinical condition: " + names)
        ->check([](const std::string& v) {
            return sim::condition_valves(v) ? std::string()
                                            : "unknown condition '" + v + "' (expected one of " +
                                                  sim::condition_names() + ")";
        })
        ->capture_default_str();
    cmd->add_option("--height", c.height_cm, "Body height in cm (120 to 220)")
        ->check(finite_in(120.0, 220.0, "cm"))
        ->capture_default_str();
    cmd->add_option("--speed", c.speed_kmh, "Walking speed in km/h (0 to 8; running 6 to 16)")
        ->check(finite_in(0.0, 16.0, "km/h"))
        ->capture_default_str();
    cmd->add_option("--severity", c.severity,
                    "Severity of the condition's valve failure, 0 (none) to 1 (valves absent)")
        ->check(finite_in(0.0, 1.0, ""))
        ->capture_default_str();
    cmd->add_option("--csv", c.csv,
                    "Write the time series (pressures, flows, volumes, valve "
                    "openings, muscle pressure) to this CSV file");
    app::add_intervention_options(cmd, c.interventions);
}

sim::Subject subject(const Common& c) {
    sim::Subject s;
    s.height_cm = c.height_cm;
    s.valves = *sim::condition_valves(c.condition, c.severity);
    s.interventions = app::to_interventions(c.interventions);
    return s;
}

// A recorder when --csv was given; sampled at 100 Hz (every 10 s during fast-forwarded sitting).
std::unique_ptr<sim::Recorder> recorder_for(const Common& c, const sim::Subject& s) {
    if (c.csv.empty()) return nullptr;
    sim::LegModel probe(sim::default_network(), {}, s.height_cm);
    return std::make_unique<sim::Recorder>(probe, 0.01);
}

void finish(const Common& c, const sim::Recorder* rec, nlohmann::json out) {
    if (rec) {
        rec->write_csv(c.csv);
        out["csv"] = c.csv;
    }
    out["condition"] = c.condition;
    out["height_cm"] = c.height_cm;
    if (sim::Interventions iv = app::to_interventions(c.interventions); iv.any())
        out["interventions"] = app::to_json(iv);
    std::cout << out.dump(2) << std::endl;
}

void print_summary(const Common& c) {
    sim::Subject s = subject(c);
    auto avp = sim::run_avp(s, c.speed_kmh);
    auto apg = sim::run_apg(s);
    sim::SitOptions sit;
    sit.hours = 4;
    auto seated = sim::run_sit(s, sit);
    std::fprintf(
        stderr,
        "SecondHeart simulator: %s leg, %.0f cm tall (the 3D program is secondheart)\n"
        "  standing ankle vein pressure      %6.1f mmHg\n"
        "  walking %.1f km/h (%.0f steps/min)  %6.1f mmHg mean, fall %.1f mmHg\n"
        "  refill after walking              %6.1f s\n"
        "  calf pump: venous volume %.0f mL, ejection fraction %.0f %%, residual %.0f %%\n"
        "  4 h seated still: ankle %.0f mmHg, leg volume +%.1f %%, relative VTE risk %.2f\n"
        "  (the risk is a population average for teaching, not a diagnosis)\n",
        c.condition.c_str(), c.height_cm, avp.standing_mmHg, c.speed_kmh, avp.cadence_spm,
        avp.walking_mean_mmHg, avp.fall_mmHg, avp.refill_time_s, apg.vv_mL, apg.ef_pct, apg.rvf_pct,
        seated.ankle_pressure_mmHg, seated.volume_gain_pct_end, seated.relative_vte_risk);
    finish(
        c, nullptr,
        {{"avp", app::to_json(avp)}, {"apg", app::to_json(apg)}, {"sit_4h", app::to_json(seated)}});
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"secondheart-sim: the calf muscle pump simulator without graphics.\n"
                 "Runs a clinical protocol and prints one JSON object on stdout."};
    app.require_subcommand(0, 1);
    Common common;
    add_common(&app, common);

    auto* avp = app.add_subcommand("avp", "Ambulatory venous pressure: stand 60 s, walk 60 s, "
                                          "stand until recovered (great saphenous, ankle)");
    Common avp_c;
    add_common(avp, avp_c);
    std::string gait = "walking";
    avp->add_option("--gait", gait, "walking or running")
        ->check(CLI::IsMember({"walking", "running"}))
        ->capture_default_str();

    auto* apg = app.add_subcommand("apg", "Air plethysmography: leg raised, stand, one tiptoe, "
                                          "ten tiptoes");
    Common apg_c;
    add_common(apg, apg_c);

    auto* sit = app.add_subcommand("sit", "Hours of sitting, fast-forwarded: ankle pressure, "
                                          "swelling, stasis and relative thrombosis risk");
    Common sit_c;
    add_common(sit, sit_c);
    sim::SitOptions sit_o;
    std::string sit_activity = "still", breaks;
    sit->add_option("--hours", sit_o.hours, "Hours seated (0 to 24)")
        ->check(finite_in(0.0, 24.0, "h"))
        ->capture_default_str();
    // The seated activities of the vocabulary (sim/vocabulary.hpp), ids or their aliases.
    const std::string seated = sim::id_list<sim::Activity>(
        [](const sim::ActivityTerm& t) { return t.sustained && t.seated; });
    sit->add_option("--activity", sit_activity, seated + " while seated")
        ->check([seated](const std::string& v) -> std::string {
            const auto a = sim::activity_from_string(v);
            if (a && sim::is_sustained(*a) && !sim::needs_standing(*a)) return {};
            return "expected one of " + seated + ", got '" + v + "'";
        })
        ->capture_default_str();
    sit->add_option("--breaks", breaks, "EVERY_MIN:ACTIVITY:MIN, e.g. 60:walking:5")
        ->check([](const std::string& v) {
            std::string err;
            return sim::parse_breaks(v, err) ? std::string() : err;
        });
    sit->add_option("--then-walk", sit_o.then_walk_min, "Minutes of walking after sitting")
        ->check(finite_in(0.0, 600.0, "min"));

    auto* reflux = app.add_subcommand("reflux", "Standing calf squeeze and release: reflux "
                                                "duration at six sites");
    Common reflux_c;
    add_common(reflux, reflux_c);

    auto* run = app.add_subcommand("run", "Run a scenario file and record its time series");
    Common run_c;
    add_common(run, run_c);
    std::string scenario_path;
    double seconds = 60;
    run->add_option("--scenario", scenario_path, "Scenario JSON file")->required();
    run->add_option("--seconds", seconds,
                    "Simulated seconds (0 to 86400; hours of sitting are fast-forwarded)")
        ->check(finite_in(0.0, 86400.0, "s"))
        ->capture_default_str();

    app::HeartCommands heart_commands(app); // veins, heart (issue 11)

    auto* bench = app.add_subcommand("bench", "Simulator speed: simulated seconds per wall "
                                              "second while walking, and 8 h of sitting");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }

    // The options before a subcommand set the summary printed without one; a subcommand has
    // its own. Given both, the first would be silently dropped, so say where they belong.
    if (!app.get_subcommands().empty()) {
        const std::string chosen = app.get_subcommands().front()->get_name();
        for (const CLI::Option* opt : app.get_options()) {
            if (opt->count() == 0 || opt->get_name() == "--help") continue;
            std::fprintf(stderr,
                         "secondheart-sim: %s was given before the subcommand '%s', where it "
                         "would be ignored; put it after: secondheart-sim %s %s ...\n",
                         opt->get_name().c_str(), chosen.c_str(), chosen.c_str(),
                         opt->get_name().c_str());
            return 2;
        }
    }

    // The gait sets the speed range: walking 0 to 8 km/h, running 6 to 16 km/h.
    if (*avp) {
        const bool running = gait == "running";
        const double lo = running ? 6.0 : 0.0, hi = running ? 16.0 : 8.0;
        if (avp_c.speed_kmh < lo || avp_c.speed_kmh > hi) {
            std::fprintf(stderr,
                         "secondheart-sim avp: --speed %g km/h is outside the %s range, %g to %g "
                         "km/h (use --gait %s)\n",
                         avp_c.speed_kmh, gait.c_str(), lo, hi, running ? "walking" : "running");
            return 2;
        }
    }

    try {
        if (*avp) {
            auto s = subject(avp_c);
            auto rec = recorder_for(avp_c, s);
            auto r =
                sim::run_avp(s, avp_c.speed_kmh, rec.get(),
                             gait == "running" ? sim::Activity::Running : sim::Activity::Walking);
            finish(avp_c, rec.get(), app::to_json(r));
        } else if (*apg) {
            auto s = subject(apg_c);
            auto rec = recorder_for(apg_c, s);
            finish(apg_c, rec.get(), app::to_json(sim::run_apg(s, rec.get())));
        } else if (*sit) {
            auto s = subject(sit_c);
            auto rec = recorder_for(sit_c, s);
            sit_o.activity = *sim::activity_from_string(sit_activity);
            if (!breaks.empty()) {
                std::string err;
                sit_o.breaks = sim::parse_breaks(breaks, err);
            }
            finish(sit_c, rec.get(), app::to_json(sim::run_sit(s, sit_o, rec.get())));
        } else if (*reflux) {
            auto s = subject(reflux_c);
            auto rec = recorder_for(reflux_c, s);
            finish(reflux_c, rec.get(), app::to_json(sim::run_reflux(s, rec.get())));
        } else if (*run) {
            sim::Scenario sc;
            try {
                sc = sim::load_scenario_file(scenario_path);
            } catch (const std::exception& e) {
                std::cerr << "secondheart-sim: " << e.what() << "\n";
                return 2;
            }
            // Options given on the command line override the scenario file's values.
            if (run->count("--condition")) sc.condition = run_c.condition;
            if (run->count("--severity")) sc.severity = run_c.severity;
            if (run->count("--height")) sc.height_cm = run_c.height_cm;
            if (run->count("--speed")) sc.activity.speed_kmh = run_c.speed_kmh;
            run_c.condition = sc.condition;
            run_c.height_cm = sc.height_cm;
            finish(run_c, nullptr,
                   app::run_scenario(sc, seconds, run_c.csv,
                                     app::to_interventions(run_c.interventions)));
        } else if (heart_commands.chosen()) {
            return heart_commands.run();
        } else if (*bench) {
            std::cout << app::run_benchmark().dump(2) << std::endl;
        } else {
            print_summary(common);
        }
    } catch (const std::exception& e) {
        std::cerr << "secondheart-sim: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
