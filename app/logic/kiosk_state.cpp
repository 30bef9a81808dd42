#include "kiosk_state.hpp"

#include <algorithm>

namespace sh::app {

bool KioskStateMachine::on_input(double now_s) {
    last_input_ = now_s;
    bool pass = phase_ == KioskPhase::Active;
    phase_ = KioskPhase::Active; // a touch in Attract wakes it; in StillThere it cancels the reset
    return pass;
}

bool KioskStateMachine::on_tick(double now_s) {
    switch (phase_) {
    case KioskPhase::Attract:
        return false;
    case KioskPhase::Active:
        if (now_s - last_input_ >= t_.idle_s) {
            phase_ = KioskPhase::StillThere;
            countdown_start_ = now_s;
        }
        return false;
    case KioskPhase::StillThere:
        if (now_s - countdown_start_ >= t_.countdown_s) {
            phase_ = KioskPhase::Attract;
            return true;
        }
        return false;
    }
    return false;
}

double KioskStateMachine::countdown_left(double now_s) const {
    if (phase_ != KioskPhase::StillThere) return 0;
    return std::max(0.0, t_.countdown_s - (now_s - countdown_start_));
}

bool KioskStateMachine::try_pin(const std::string& entered, const std::string& pin, double now_s) {
    if (locked_out(now_s) || pin.empty()) return false;
    if (entered == pin) {
        failures_ = 0;
        return true;
    }
    if (++failures_ >= t_.max_attempts) {
        failures_ = 0;
        locked_until_ = now_s + t_.lockout_s;
    }
    return false;
}

} // namespace sh::app
