#include "sim_cli_output.hpp"

#include <cmath>
#include <stdexcept>

namespace sh::app {
namespace {
// Two decimals are more than the model's accuracy; keeps the printed JSON readable. A
// non-finite value would print as null: it is a model failure, reported instead (exit 1).
double round2(double v) {
    if (!std::isfinite(v)) throw std::runtime_error("the model produced a non-finite result");
    return std::round(v * 100.0) / 100.0;
}
} // namespace

nlohmann::json to_json(const sim::AvpResult& r) {
    return {{"standing_mmHg", round2(r.standing_mmHg)},
            {"walking_mean_mmHg", round2(r.walking_mean_mmHg)},
            {"walking_min_mmHg", round2(r.walking_min_mmHg)},
            {"fall_mmHg", round2(r.fall_mmHg)},
            {"refill_time_s", round2(r.refill_time_s)},
            {"recovered", r.recovered},
            {"soleus_pressure_peak_mmHg", round2(r.soleus_pressure_peak_mmHg)},
            {"cadence_spm", round2(r.cadence_spm)}};
}

nlohmann::json to_json(const sim::ApgResult& r) {
    return {{"vv_mL", round2(r.vv_mL)}, {"vfi_mL_s", round2(r.vfi_mL_s)},
            {"ev_mL", round2(r.ev_mL)}, {"ef_pct", round2(r.ef_pct)},
            {"rv_mL", round2(r.rv_mL)}, {"rvf_pct", round2(r.rvf_pct)}};
}

nlohmann::json to_json(const sim::SitResult& r) {
    nlohmann::json j = {{"ankle_pressure_mmHg", round2(r.ankle_pressure_mmHg)},
                        {"volume_gain_pct_1h", round2(r.volume_gain_pct_1h)},
                        {"volume_gain_pct_2h", round2(r.volume_gain_pct_2h)},
                        {"volume_gain_pct_end", round2(r.volume_gain_pct_end)},
                        {"edema_mL", round2(r.edema_mL)},
                        {"popliteal_velocity_cm_s", round2(r.popliteal_velocity_cm_s)},
                        {"relative_vte_risk", round2(r.relative_vte_risk)},
                        {"risk_note", "population average for teaching, not a diagnosis"}};
    if (r.volume_gain_pct_after_walk)
        j["volume_gain_pct_after_walk"] = round2(*r.volume_gain_pct_after_walk);
    return j;
}

nlohmann::json to_json(const sim::RefluxResult& r) {
    nlohmann::json s = nlohmann::json::object(), v = nlohmann::json::object();
    for (const auto& [site, d] : r.reflux_s) s[site] = round2(d);
    for (const auto& [site, d] : r.reflux_mL) v[site] = round2(d);
    return {{"reflux_s", s}, {"reflux_mL", v}};
}

} // namespace sh::app
