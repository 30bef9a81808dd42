#pragma once
// Plays lessons: which lesson and step is showing, the presenter's next / previous / restart,
// and the clock that advances timed steps. Pure logic (no SDL, no ImGui, no simulator): the
// caller watches revision() and, when it changes, applies step().settings to the simulator and
// step().camera to the view, and shows step().caption.
//
//   Presenter (lecture): steps with a duration_s advance by themselves within a lesson; steps
//     with "advance": "wait" wait for next(); the last step of a lesson stays until the
//     presenter moves on (next() then opens the next lesson, and stays at the very end).
//   Attract (kiosk): every step advances by itself (a wait step after its kiosk_duration_s),
//     and after the last step of the last lesson it starts again with the first lesson.

#include "lesson.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sh::app {

enum class LessonPlayback { Presenter, Attract };

class LessonPlayer {
public:
    LessonPlayer(std::vector<Lesson> lessons, LessonPlayback playback);

    bool empty() const { return lessons_.empty(); }
    std::size_t lesson_count() const { return lessons_.size(); }
    std::size_t lesson_index() const { return lesson_; }
    std::size_t step_index() const { return step_; }
    // Only when !empty().
    const Lesson& lesson() const { return lessons_[lesson_]; }
    const LessonStep& step() const { return lessons_[lesson_].steps[step_]; }

    // Presenter actions. Each changes revision() when it changes what is shown (restart always
    // does, so that the step's settings are applied again).
    void next();
    void previous();
    void restart();                 // the first step of the current lesson
    void start(std::size_t lesson); // the first step of that lesson (clamped)
    void start_over();              // the first step of the first lesson (kiosk reset)

    // Advances the step clock by dt_s and moves on when a step's time is up.
    void tick(double dt_s);

    // Seconds this step shows before it advances by itself; 0: it waits for the presenter.
    double step_length_s() const;
    double step_elapsed_s() const { return elapsed_; }
    bool waiting_for_presenter() const { return !empty() && step_length_s() == 0; }
    // Bumped at every step change; compare with the last one applied.
    std::uint64_t revision() const { return revision_; }

private:
    void go_to(std::size_t lesson, std::size_t step);
    bool at_lesson_end() const { return step_ + 1 >= lessons_[lesson_].steps.size(); }

    std::vector<Lesson> lessons_;
    LessonPlayback playback_;
    std::size_t lesson_ = 0;
    std::size_t step_ = 0;
    double elapsed_ = 0;
    std::uint64_t revision_ = 1;
};

} // namespace sh::app
