#include "lesson_player.hpp"

#include <algorithm>

namespace sh::app {

LessonPlayer::LessonPlayer(std::vector<Lesson> lessons, LessonPlayback playback)
    : lessons_(std::move(lessons)), playback_(playback) {
    // parse_lesson guarantees steps; a hand-built empty lesson would break step(), so drop it.
    lessons_.erase(std::remove_if(lessons_.begin(), lessons_.end(),
                                  [](const Lesson& l) { return l.steps.empty(); }),
                   lessons_.end());
}

void LessonPlayer::go_to(std::size_t lesson, std::size_t step) {
    lesson_ = lesson;
    step_ = step;
    elapsed_ = 0;
    ++revision_;
}

void LessonPlayer::next() {
    if (empty()) return;
    if (!at_lesson_end())
        go_to(lesson_, step_ + 1);
    else if (lesson_ + 1 < lessons_.size())
        go_to(lesson_ + 1, 0);
    else if (playback_ == LessonPlayback::Attract)
        go_to(0, 0);
    // Presenter at the very last step: stays (a clicker pressed once too often changes nothing).
}

void LessonPlayer::previous() {
    if (empty()) return;
    if (step_ > 0)
        go_to(lesson_, step_ - 1);
    else if (lesson_ > 0)
        go_to(lesson_ - 1, lessons_[lesson_ - 1].steps.size() - 1);
}

void LessonPlayer::restart() {
    if (!empty()) go_to(lesson_, 0);
}

void LessonPlayer::start(std::size_t lesson) {
    if (!empty()) go_to(std::min(lesson, lessons_.size() - 1), 0);
}

void LessonPlayer::start_over() {
    start(0);
}

double LessonPlayer::step_length_s() const {
    if (empty()) return 0;
    const LessonStep& s = step();
    if (playback_ == LessonPlayback::Attract) return s.duration_s.value_or(s.kiosk_duration_s);
    return s.duration_s.value_or(0.0);
}

void LessonPlayer::tick(double dt_s) {
    if (empty() || dt_s <= 0) return;
    elapsed_ += dt_s;
    const double length = step_length_s();
    if (length <= 0 || elapsed_ < length) return;
    if (playback_ == LessonPlayback::Presenter && at_lesson_end()) {
        elapsed_ = length; // the lesson's last step stays until the presenter moves on
        return;
    }
    next();
}

} // namespace sh::app
