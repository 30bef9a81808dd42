#pragma once
// The panel's "Time series CSV" export: the live simulation's recent history (the last 20 s or
// so that the plots show, one row per recorded sample, at most 60 per simulated second) as CSV
// with a header row that carries the units.
//
// Columns: time_s, ankle_superficial_mmHg, ankle_deep_mmHg, calf_venous_volume_mL,
// popliteal_flow_mL_s, soleus_pressure_mmHg, activity, speed_km_h, posture, leg_swelling_pct.

#include "live_simulation.hpp"

#include <deque>
#include <string>

namespace sh::app {

// The header row, without the line end.
std::string series_csv_header();
// Header and one row per sample, "\n" line ends, '.' decimals whatever the locale; a value that
// is not finite is an empty cell.
std::string series_csv(const std::deque<LiveSample>& history);

} // namespace sh::app
