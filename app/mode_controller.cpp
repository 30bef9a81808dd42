#include "mode_controller.hpp"

#include "kiosk_screen.hpp"
#include "lecture_screen.hpp"
#include "memory_report.hpp"
#include "patient_screen.hpp"
#include "pin_keypad.hpp"
#include "translate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sh::app {

namespace {

using i18n::tr;

constexpr double k_blank_fade_s = 0.4; // a fade, not a cut: a cut to black startles a hall
constexpr std::size_t k_max_pin_digits = 8;

KioskTimings kiosk_timings(const Settings& s) {
    KioskTimings t;
    t.idle_s = s.idle_s;
    t.countdown_s = s.countdown_s;
    return t;
}

LessonPlayback playback(AppMode mode) {
    return mode == AppMode::Kiosk ? LessonPlayback::Attract : LessonPlayback::Presenter;
}

const char* log_prefix(AppMode mode) {
    switch (mode) {
    case AppMode::Lecture:
        return "secondheart: lecture:";
    case AppMode::Kiosk:
        return "secondheart: kiosk:";
    case AppMode::Patient:
        return "secondheart: patient:";
    case AppMode::Desktop:
        break;
    }
    return "secondheart:";
}

} // namespace

ModeController::ModeController(ModeSetup setup)
    : setup_(std::move(setup)), player_(setup_.lessons, playback(setup_.mode)),
      kiosk_(kiosk_timings(setup_.settings)) {
    setup_.lessons.clear(); // the player holds them
    if (setup_.mode == AppMode::Patient) pending_scene_ = 0;
}

const std::vector<PlainScene>& ModeController::scenes() const {
    return setup_.mode == AppMode::Patient ? patient_scenes() : kiosk_scenes();
}

ui::ModeLook ModeController::look(std::uint32_t output_height) const {
    ui::ModeLook l;
    l.light = setup_.light;
    const float dpi = setup_.settings.screen_dpi > 0
                          ? static_cast<float>(setup_.settings.screen_dpi)
                          : setup_.dpi;
    l.touch_px = touch_target_px(dpi, static_cast<float>(setup_.settings.touch_mm));
    // Patient mode is read at arm's length by someone who may not see well: a size up.
    const double scale =
        setup_.settings.text_scale * (setup_.mode == AppMode::Patient ? 1.15 : 1.0);
    l.text_px = caption_text_px(output_height, scale);
    if (setup_.mode == AppMode::Patient) l.touch_px *= 1.25f;
    return l;
}

float ModeController::font_px(std::uint32_t output_height) const {
    return look(output_height).text_px;
}

void ModeController::on_key(const KeyPress& key) {
    if (setup_.mode == AppMode::Kiosk) {
        kiosk_key(key);
        return;
    }
    const ModeAction action = map_key(setup_.mode, key);
    if (action == ModeAction::Quit) {
        std::fprintf(stderr, "%s quit (Ctrl+Q)\n", log_prefix(setup_.mode));
        quit_ = true;
    }
    if (setup_.mode == AppMode::Lecture) lecture_key(action);
    // Patient: the digit keys choose the scenes in the order of their buttons (1 the first), so
    // a clinician at a keyboard need not reach for the screen.
    if (setup_.mode == AppMode::Patient && key.key == Key::Digit && key.digit >= 1 &&
        static_cast<std::size_t>(key.digit) <= scenes().size())
        pending_scene_ = key.digit - 1;
}

void ModeController::lecture_key(ModeAction action) {
    const char* p = log_prefix(setup_.mode);
    switch (action) {
    case ModeAction::NextStep:
    case ModeAction::PreviousStep:
        if (blank_) { // as on slide software: the first key after a blank only un-blanks
            blank_ = false;
            std::fprintf(stderr, "%s blank off\n", p);
        } else if (presenting_) {
            if (action == ModeAction::NextStep)
                player_.next();
            else
                player_.previous();
        }
        break;
    case ModeAction::ToggleBlank:
        blank_ = !blank_;
        std::fprintf(stderr, "%s blank %s\n", p, blank_ ? "on (simulation paused)" : "off");
        break;
    case ModeAction::StartLesson:
        presenting_ = true;
        blank_ = false;
        player_.restart();
        std::fprintf(stderr, "%s lesson started from its first step\n", p);
        break;
    case ModeAction::LeaveLesson:
        if (presenting_) std::fprintf(stderr, "%s left the lesson (F5 starts it again)\n", p);
        presenting_ = false;
        break;
    default:
        break;
    }
}

void ModeController::kiosk_key(const KeyPress& key) {
    kiosk_.on_input(now_s_); // any key is a visitor (or staff) being there
    if (keypad_open_) {
        if (key.key == Key::Digit && keypad_entry_.size() < k_max_pin_digits)
            keypad_entry_.push_back(static_cast<char>('0' + key.digit));
        else if (key.key == Key::Backspace && !keypad_entry_.empty())
            keypad_entry_.pop_back();
        else if (key.key == Key::Enter)
            submit_pin();
        else if (key.key == Key::Escape)
            keypad_open_ = false;
        return;
    }
    if (map_key(AppMode::Kiosk, key) == ModeAction::KioskExit) {
        keypad_open_ = true;
        keypad_entry_.clear();
        keypad_message_.clear();
        std::fprintf(stderr, "%s staff exit asked: PIN keypad open%s\n", log_prefix(setup_.mode),
                     setup_.settings.kiosk_pin.empty()
                         ? " (no kiosk_pin in the settings file: it cannot be left)"
                         : "");
    }
}

void ModeController::submit_pin() {
    const char* p = log_prefix(setup_.mode);
    if (setup_.settings.kiosk_pin.empty()) return;
    if (kiosk_.locked_out(now_s_)) {
        keypad_message_ = tr("Locked: try again later");
    } else if (kiosk_.try_pin(keypad_entry_, setup_.settings.kiosk_pin, now_s_)) {
        std::fprintf(stderr, "%s PIN accepted: leaving\n", p);
        quit_ = true;
    } else {
        keypad_message_ =
            kiosk_.locked_out(now_s_) ? tr("Wrong PIN: locked for a while") : tr("Wrong PIN");
        std::fprintf(stderr, "%s wrong PIN%s\n", p,
                     kiosk_.locked_out(now_s_) ? " (keypad locked)" : "");
    }
    keypad_entry_.clear();
}

void ModeController::on_pointer_down(float x, float y, float width, float height) {
    if (setup_.mode != AppMode::Kiosk) return;
    kiosk_.on_input(now_s_);
    corner_.press(x, y, width, height, now_s_); // the hidden exit: a long press in the corner
}

void ModeController::on_pointer_up() {
    corner_.release();
}

void ModeController::apply_step(SimDriver& sim, LegContent* /*leg*/) {
    if (player_.empty() || applied_revision_ == player_.revision()) return;
    applied_revision_ = player_.revision();
    const LessonStep& step = player_.step();
    sim.set_scenario(step.settings);
    sim.request_camera(step.camera); // the frame loop turns the view (and its rig) to it
    std::fprintf(stderr, "%s lesson %zu/%zu \"%s\": step %zu/%zu (%s, %s)\n",
                 log_prefix(setup_.mode), player_.lesson_index() + 1, player_.lesson_count(),
                 player_.lesson().title.text.c_str(), player_.step_index() + 1,
                 player_.lesson().steps.size(), std::string(sim::id_of(step.camera.preset)).c_str(),
                 player_.waiting_for_presenter() ? "waits for the presenter" : "timed");
    if (setup_.mode == AppMode::Kiosk && player_.lesson_index() == 0 && player_.step_index() == 0) {
        // The attract loop starts over (or a visitor left): once every few minutes, give the
        // allocator's free pages back, so that fragmentation cannot accumulate over weeks.
        const long before = process_memory().rss_kib;
        if (release_free_heap())
            std::fprintf(
                stderr, "%s attract loop from the start: free heap returned (rss %ld -> %ld KiB)\n",
                log_prefix(setup_.mode), before, process_memory().rss_kib);
    }
}

void ModeController::apply_scene(int index, SimDriver& sim, LegContent* /*leg*/) {
    const auto& list = scenes();
    if (index < 0 || static_cast<std::size_t>(index) >= list.size()) return;
    scene_ = index;
    const PlainScene& s = list[static_cast<std::size_t>(index)];
    sim.set_scenario(s.scenario);
    sim.request_camera({s.camera});
    std::fprintf(stderr, "%s scene \"%s\"\n", log_prefix(setup_.mode), s.label.c_str());
}

void ModeController::update(double dt_s, SimDriver& sim, LegContent* leg) {
    now_s_ += dt_s;
    const char* p = log_prefix(setup_.mode);
    switch (setup_.mode) {
    case AppMode::Lecture: {
        const float step = static_cast<float>(dt_s / k_blank_fade_s);
        blank_alpha_ = std::clamp(blank_alpha_ + (blank_ ? step : -step), 0.0f, 1.0f);
        // Paused while blank: the hall looks at the speaker, the leg waits where it was.
        if (sim.paused() != blank_) sim.set_paused(blank_);
        if (presenting_ && !blank_) player_.tick(dt_s);
        apply_step(sim, leg);
        break;
    }
    case AppMode::Kiosk: {
        if (kiosk_.on_tick(now_s_)) {
            std::fprintf(stderr, "%s nobody there: reset to the attract loop\n", p);
            keypad_open_ = false;
            scene_ = -1;
            player_.start_over();
        }
        const KioskPhase phase = kiosk_.phase();
        if (phase != last_kiosk_phase_) {
            if (phase == KioskPhase::StillThere)
                std::fprintf(stderr, "%s still there? (reset in %.0f s)\n", p,
                             setup_.settings.countdown_s);
            else if (phase == KioskPhase::Active && last_kiosk_phase_ == KioskPhase::Attract)
                std::fprintf(stderr, "%s woken by a touch\n", p);
            else if (phase == KioskPhase::Active)
                std::fprintf(stderr, "%s still here: countdown cancelled\n", p);
            if (phase == KioskPhase::Active && last_kiosk_phase_ == KioskPhase::Attract)
                pending_scene_ = 0; // a visitor starts from the walking leg
            last_kiosk_phase_ = phase;
        }
        if (corner_.tick(now_s_) && !keypad_open_) {
            keypad_open_ = true;
            keypad_entry_.clear();
            keypad_message_.clear();
            std::fprintf(stderr, "%s staff exit asked (corner hold): PIN keypad open\n", p);
        }
        if (phase == KioskPhase::Attract) {
            player_.tick(dt_s);
            apply_step(sim, leg);
        } else {
            applied_revision_ = 0; // the attract loop re-applies its step after a reset
        }
        break;
    }
    case AppMode::Patient:
    case AppMode::Desktop:
        break;
    }
    if (pending_scene_) {
        apply_scene(*pending_scene_, sim, leg);
        pending_scene_.reset();
    }
}

void ModeController::draw(const SimDriver& sim, std::uint32_t output_height) {
    const ui::ModeLook l = look(output_height);
    const sim::LegModel& model = sim.live().model();
    const auto scene_labels = [&] {
        std::vector<std::string> labels;
        for (const PlainScene& s : scenes()) labels.push_back(tr(s.label));
        return labels;
    };
    const std::string_view language = i18n::current_language();
    switch (setup_.mode) {
    case AppMode::Lecture: {
        ui::LectureView v;
        v.look = l;
        v.presenting = presenting_ && !player_.empty();
        if (!player_.empty()) {
            v.lesson_title = player_.lesson().title.in(language);
            v.caption = player_.step().caption.in(language);
            v.step = player_.step_index() + 1;
            v.steps = player_.lesson().steps.size();
            v.waiting = player_.waiting_for_presenter();
            const double length = player_.step_length_s();
            v.step_progress =
                length > 0 ? static_cast<float>(player_.step_elapsed_s() / length) : 0.0f;
        }
        v.blank = blank_alpha_;
        v.heart = sim.heart_view();
        ui::draw_lecture_screen(v);
        break;
    }
    case AppMode::Kiosk: {
        ui::KioskView v;
        v.look = l;
        const KioskPhase phase = kiosk_.phase();
        v.phase = phase;
        v.time_s = now_s_;
        v.countdown_s = kiosk_.countdown_left(now_s_);
        v.scenes = scene_labels();
        v.scene = scene_;
        v.ankle_mmHg = static_cast<float>(model.gsv_ankle_pressure());
        v.heart = sim.heart_view();
        if (phase == KioskPhase::Attract && !player_.empty()) {
            v.title = player_.lesson().title.in(language);
            v.caption = player_.step().caption.in(language);
            v.step_progress = static_cast<float>(player_.step_elapsed_s() /
                                                 std::max(1e-6, player_.step_length_s()));
        } else if (scene_ >= 0) {
            v.caption = tr(scenes()[static_cast<std::size_t>(scene_)].explanation);
        }
        if (!keypad_open_) {
            const ui::KioskActions a = ui::draw_kiosk_screen(v);
            if (a.scene >= 0) pending_scene_ = a.scene;
            if (a.heart_drawn && !kiosk_heart_logged_) {
                std::fprintf(stderr, "%s beating heart drawn (%.0f /min, %.0f mL)\n",
                             log_prefix(setup_.mode), static_cast<double>(v.heart.heart_rate_bpm),
                             static_cast<double>(v.heart.stroke_volume_ml));
                kiosk_heart_logged_ = true;
            }
        } else {
            // Staff only: the visitors' buttons are not drawn, so none is touched by mistake.
            ui::apply_mode_look(l);
            ui::KeypadView k;
            k.look = l;
            k.entered = keypad_entry_.size();
            k.message = keypad_message_;
            k.no_pin = setup_.settings.kiosk_pin.empty();
            const ui::KeypadActions ka = ui::draw_pin_keypad(k);
            if (ka.digit >= 0 && keypad_entry_.size() < k_max_pin_digits)
                keypad_entry_.push_back(static_cast<char>('0' + ka.digit));
            if (ka.erase && !keypad_entry_.empty()) keypad_entry_.pop_back();
            if (ka.enter) submit_pin();
            if (ka.cancel) keypad_open_ = false;
        }
        break;
    }
    case AppMode::Patient: {
        ui::PatientView v;
        v.look = l;
        v.scenes = scene_labels();
        v.scene = scene_;
        if (scene_ >= 0) v.explanation = tr(scenes()[static_cast<std::size_t>(scene_)].explanation);
        v.ankle_mmHg = static_cast<float>(model.gsv_ankle_pressure());
        v.swelling_pct = static_cast<float>(sim.live().leg_volume_gain_pct());
        v.vte_risk = static_cast<float>(model.relative_vte_risk());
        v.seated_hours = sim.live().seated_hours();
        v.heart = sim.heart_view();
        const std::optional<ClinicalNumbers> refs = sim.clinical().latest();
        const HeartWords words =
            plain_heart_words(v.heart.heart_rate_bpm, v.heart.stroke_volume_ml,
                              v.heart.cardiac_output_l_min, refs ? &*refs : nullptr);
        v.heart_now = words.now;
        v.heart_compared = words.compared;
        v.heart_disclaimer = words.disclaimer;
        const int chosen = ui::draw_patient_screen(v);
        if (chosen >= 0) pending_scene_ = chosen;
        break;
    }
    case AppMode::Desktop:
        break;
    }
}

} // namespace sh::app
