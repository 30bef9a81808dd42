#pragma once
// The first heart (issue 11): a beat-averaged Frank-Starling pump and a set-point baroreflex, in
// the structure of Heldt et al. 2002 (J Appl Physiol 92:1239) reduced to what posture changes
// need. Stroke volume follows the filling pressure of the central compartment; the arterial
// (carotid sinus) and cardiopulmonary reflexes set heart rate, arteriolar resistance and
// splanchnic venous tone, each through a first-order lag. Values and sources: docs/heart.md.

namespace sh::sim {

struct HeartParams {
    // Frank-Starling: SV = sv_max (1 - exp(-(P_fill - p0) / k)). Calibrated so that SV is about
    // 105 mL supine (stroke index 54 mL/m2 x 1.9 m2, J Clin Invest 1960) at the loop's supine
    // central venous pressure (about 8 mmHg) and falls by about 40 % at the 2-3 mmHg of quiet
    // standing.
    double sv_max_ml = 122.0;
    double starling_p0_mmHg = -0.3;
    double starling_k_mmHg = 4.0;

    double hr_rest_bpm = 64.0; // supine resting heart rate, calibration
    double hr_min_bpm = 40.0, hr_max_bpm = 190.0;
    double exercise_hr_gain_bpm = 30.0; // central command: 6 km/h walking (level 1) +30 bpm

    // Set points: the supine values the reflexes defend.
    double carotid_set_mmHg = 90.0;
    double cvp_set_mmHg = 6.0;
    // Gains (per mmHg of error) and lags. Calibrated to 60-degree tilt (Hainsworth 1988: heart
    // rate +15 bpm, cardiac output -1.4 L/min, diastolic pressure +14 mmHg).
    double hr_gain_bpm = 0.90;               // carotid sinus -> heart rate
    double resistance_gain_arterial = 0.018; // carotid sinus -> arteriolar resistance (fraction)
    double resistance_gain_cardiopulmonary = 0.030;
    double venous_tone_gain_ml = 2.5; // both errors -> splanchnic unstressed volume (mL)
    double hr_lag_s = 4.0;
    double resistance_lag_s = 10.0;
    double venous_tone_lag_s = 20.0;
};

class Heart {
public:
    explicit Heart(const HeartParams& p = {});

    double stroke_volume_ml(double filling_mmHg) const;
    // Advances the reflex states by dt for the carotid sinus pressure, the central venous
    // pressure and the exercise level (0 rest, about 1 brisk walking).
    void step(double dt, double carotid_mmHg, double cvp_mmHg, double exercise);
    // Starts the reflexes at their steady state for these inputs (no lag).
    void settle(double carotid_mmHg, double cvp_mmHg, double exercise);

    double heart_rate_bpm() const { return hr_; }
    double resistance_scale() const { return resistance_; } // 1 at the set point
    double venous_tone_ml() const { return venous_tone_; }  // unstressed volume mobilised
    double beat_phase() const { return phase_; }            // 0..1 within the current beat
    const HeartParams& params() const { return p_; }

private:
    struct Targets {
        double hr, resistance, tone;
    };
    Targets targets(double carotid_mmHg, double cvp_mmHg, double exercise) const;

    HeartParams p_;
    double hr_, resistance_ = 1, venous_tone_ = 0, phase_ = 0;
};

} // namespace sh::sim
