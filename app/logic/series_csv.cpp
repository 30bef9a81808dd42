#include "series_csv.hpp"

#include "activity.hpp"
#include "posture.hpp"

#include <charconv>
#include <cmath>

namespace sh::app {
namespace {

// std::to_chars: locale-independent, and the shortest text that reads back to the same float
// or double (floats are written as floats: 12.5, not 12.5000000001). A value that is not finite
// (a simulation fault) is an empty cell, which spreadsheets read as missing, never "nan".
template <typename T>
void put(std::string& out, T v) {
    if (!std::isfinite(v)) return;
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

} // namespace

std::string series_csv_header() {
    return "time_s,ankle_superficial_mmHg,ankle_deep_mmHg,calf_venous_volume_mL,"
           "popliteal_flow_mL_s,soleus_pressure_mmHg,activity,speed_km_h,posture,"
           "leg_swelling_pct";
}

std::string series_csv(const std::deque<LiveSample>& history) {
    std::string out = series_csv_header() + "\n";
    out.reserve(out.size() + history.size() * 96);
    for (const LiveSample& s : history) {
        put(out, s.time_s);
        for (float v : {s.gsv_ankle_mmHg, s.deep_ankle_mmHg, s.calf_volume_ml,
                        s.popliteal_flow_ml_s, s.soleus_mmHg}) {
            out += ',';
            put(out, v);
        }
        out += ',';
        out += sim::to_string(s.activity); // names without commas (walking, heel_raises, ...)
        out += ',';
        put(out, s.speed_kmh);
        out += ',';
        out += sim::to_string(s.posture);
        out += ',';
        put(out, s.leg_swelling_pct);
        out += '\n';
    }
    return out;
}

} // namespace sh::app
