#pragma once
// The kiosk's attract / use / "still there?" cycle and its exit PIN, as a pure state machine
// driven by a clock the caller passes in (tests use a fake one).
//
//   Attract --input--> Active --idle_s without input--> StillThere --input--> Active
//                                                        \--countdown_s--> Attract (+ reset)
// The PIN pad locks out for lockout_s after max_attempts wrong entries in a row.

#include <string>

namespace sh::app {

struct KioskTimings {
    double idle_s = 75;      // museum practice: 60-90 s without a touch
    double countdown_s = 12; // "Still there?" countdown before the reset
    int max_attempts = 5;    // wrong PINs before a lockout
    double lockout_s = 30;
};

// The kiosk's phases, defined once: the state machine runs them and the kiosk screen
// (app/ui/kiosk_screen) draws them. No file or screen names a phase, so they have no id or label.
enum class KioskPhase { Attract, Active, StillThere };

class KioskStateMachine {
public:
    explicit KioskStateMachine(KioskTimings timings = {}) : t_(timings) {}

    // Any touch, click or key. Returns true if the input should reach the application (the
    // first touch in Attract only wakes the kiosk).
    bool on_input(double now_s);
    // Advances the timers. Returns true exactly once per reset: the caller then restores the
    // default settings, camera and language, and starts the attract lesson again.
    bool on_tick(double now_s);

    KioskPhase phase() const { return phase_; }
    // Seconds left in the "Still there?" countdown (0 outside it).
    double countdown_left(double now_s) const;

    // Exit PIN. Returns true when `entered` matches; counts failures and locks out.
    bool try_pin(const std::string& entered, const std::string& pin, double now_s);
    bool locked_out(double now_s) const { return now_s < locked_until_; }

private:
    KioskTimings t_;
    KioskPhase phase_ = KioskPhase::Attract;
    double last_input_ = 0;
    double countdown_start_ = 0;
    int failures_ = 0;
    double locked_until_ = -1;
};

} // namespace sh::app
