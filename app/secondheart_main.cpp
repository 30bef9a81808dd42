// secondheart: the real-time 3D calf-muscle-pump visualiser. See secondheart_options.cpp for the
// command line and its exit codes, secondheart_run.cpp for the frame loop.
#include "lesson.hpp"
#include "scenario.hpp"
#include "secondheart_options.hpp"
#include "secondheart_run.hpp"
#include "shutdown_signal.hpp"

#include <cstdio>
#include <exception>

int main(int argc, char** argv) {
    using namespace sh::app;
    install_shutdown_signals();
    ParseOutcome parsed = parse_command_line(argc, argv);
    if (!parsed.options) return parsed.exit_code;
    const Options& options = *parsed.options;

    if (!options.check_lesson.empty()) {
        try {
            Lesson lesson = load_lesson_file(options.check_lesson);
            std::printf("%s: valid lesson \"%s\", %zu steps\n", options.check_lesson.c_str(),
                        lesson.title.text.c_str(), lesson.steps.size());
            return 0;
        } catch (const std::exception& e) { // names the file, the step and the key
            std::fprintf(stderr, "secondheart: --check-lesson: %s\n", e.what());
            return k_exit_usage;
        }
    }

    std::optional<sh::sim::Scenario> scenario;
    if (!options.scenario.empty()) {
        try {
            scenario = sh::sim::load_scenario_file(options.scenario);
        } catch (const std::exception& e) { // names the file, the key and what was expected
            std::fprintf(stderr, "secondheart: --scenario: %s\n", e.what());
            return k_exit_usage;
        }
    }
    try {
        return run_secondheart(options, std::move(scenario));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "secondheart: %s\n", e.what());
        return k_exit_failure;
    }
}
