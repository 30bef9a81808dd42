#include "network.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numbers>
#include <set>
#include <sstream>

extern const char sh_default_venous_network_json[];

namespace sh::sim {
namespace {

using nlohmann::json;

// Walks a JSON document and turns every shape problem into a NetworkError naming the key.
class Reader {
public:
    explicit Reader(std::string_view source) : source_(source) {}

    [[noreturn]] void fail(const std::string& key, const std::string& expected) const {
        throw NetworkError(std::string(source_) + ": " + key + ": " + expected);
    }
    const json& member(const json& obj, const std::string& key, const std::string& path) const {
        auto it = obj.find(key);
        if (it == obj.end()) fail(path + key, "missing (required)");
        return *it;
    }
    double number(const json& v, const std::string& path) const {
        if (!v.is_number()) fail(path, "expected a number, got " + std::string(v.type_name()));
        double d = v.get<double>();
        if (!std::isfinite(d)) fail(path, "expected a finite number");
        return d;
    }
    std::string string(const json& v, const std::string& path) const {
        if (!v.is_string()) fail(path, "expected a string, got " + std::string(v.type_name()));
        return v.get<std::string>();
    }
    Vec3 point(const json& v, const std::string& path) const {
        if (!v.is_array() || v.size() != 3) fail(path, "expected a point [x, y, z] in cm");
        return {number(v[0], path + "[0]"), number(v[1], path + "[1]"), number(v[2], path + "[2]")};
    }
    std::vector<Vec3> points(const json& v, const std::string& path, size_t min_count) const {
        if (!v.is_array() || v.size() < min_count)
            fail(path, "expected an array of at least " + std::to_string(min_count) +
                           " points [x, y, z]");
        std::vector<Vec3> out;
        for (size_t i = 0; i < v.size(); ++i)
            out.push_back(point(v[i], path + "[" + std::to_string(i) + "]"));
        return out;
    }
    std::vector<int> indices(const json& v, const std::string& path) const {
        if (!v.is_array()) fail(path, "expected an array of centreline point indices");
        std::vector<int> out;
        for (size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_number_integer())
                fail(path + "[" + std::to_string(i) + "]", "expected an integer point index");
            out.push_back(v[i].get<int>());
        }
        return out;
    }

private:
    std::string_view source_;
};

double polyline_length(const std::vector<Vec3>& pts, int a, int b) {
    double len = 0;
    for (int i = a; i < b; ++i) len += length(pts[i + 1] - pts[i]);
    return len;
}

Vec3 polyline_midpoint(const std::vector<Vec3>& pts, int a, int b) {
    double half = polyline_length(pts, a, b) / 2, run = 0;
    for (int i = a; i < b; ++i) {
        double seg = length(pts[i + 1] - pts[i]);
        if (run + seg >= half && seg > 0) return lerp(pts[i], pts[i + 1], (half - run) / seg);
        run += seg;
    }
    return pts[a];
}

Segment parse_segment(const Reader& r, const json& js, const std::string& path) {
    if (!js.is_object()) r.fail(path, "expected an object describing a vein segment");
    static const std::set<std::string> known = {
        "name",        "system",     "tissue",        "reference_diameter_mm",
        "count",       "centreline", "breaks",        "valves",
        "valve_group", "pump",       "inflow_ml_min", "measure_points"};
    for (auto& [key, _] : js.items())
        if (!known.count(key)) r.fail(path + "." + key, "unknown key");
    Segment s;
    s.name = r.string(r.member(js, "name", path + "."), path + ".name");
    std::string sys = r.string(r.member(js, "system", path + "."), path + ".system");
    if (auto system = from_id<VeinSystem>(sys))
        s.system = *system;
    else
        r.fail(path + ".system", "expected one of " + id_list<VeinSystem>());
    std::string tissue = js.contains("tissue") ? r.string(js["tissue"], path + ".tissue") : "none";
    if (tissue == "none")
        s.tissue = Tissue::None;
    else if (tissue == "foot")
        s.tissue = Tissue::Foot;
    else if (tissue == "calf")
        s.tissue = Tissue::Calf;
    else
        r.fail(path + ".tissue", "expected none, foot or calf");
    s.reference_diameter_mm = r.number(r.member(js, "reference_diameter_mm", path + "."),
                                       path + ".reference_diameter_mm");
    if (s.reference_diameter_mm < 0.5 || s.reference_diameter_mm > 40)
        r.fail(path + ".reference_diameter_mm", "expected a diameter between 0.5 and 40 mm");
    if (js.contains("count")) {
        if (!js["count"].is_number_integer() || js["count"].get<int>() < 1 ||
            js["count"].get<int>() > 10)
            r.fail(path + ".count", "expected an integer from 1 to 10");
        s.count = js["count"].get<int>();
    }
    s.centreline = r.points(r.member(js, "centreline", path + "."), path + ".centreline", 2);
    int last = static_cast<int>(s.centreline.size()) - 1;
    if (js.contains("breaks")) s.breaks = r.indices(js["breaks"], path + ".breaks");
    if (js.contains("valves")) s.valves = r.indices(js["valves"], path + ".valves");
    for (size_t i = 0; i < s.breaks.size(); ++i) {
        int b = s.breaks[i];
        if (b <= 0 || b >= last || (i > 0 && b <= s.breaks[i - 1]))
            r.fail(path + ".breaks", "expected increasing interior point indices (1 to " +
                                         std::to_string(last - 1) + ")");
    }
    for (int v : s.valves)
        if (std::find(s.breaks.begin(), s.breaks.end(), v) == s.breaks.end())
            r.fail(path + ".valves", "each valve must sit on one of the breaks");
    if (js.contains("valve_group")) {
        auto g = valve_group_from_string(r.string(js["valve_group"], path + ".valve_group"));
        if (!g) r.fail(path + ".valve_group", "expected one of " + valve_group_names());
        s.valve_group = g;
    }
    if (!s.valves.empty() && !s.valve_group) r.fail(path + ".valve_group", "required with valves");
    if (js.contains("pump")) {
        const json& pump = js["pump"];
        if (!pump.is_object()) r.fail(path + ".pump", "expected an object muscle -> fraction");
        for (auto& [muscle, value] : pump.items()) {
            double f = r.number(value, path + ".pump." + muscle);
            if (f < 0 || f > 1) r.fail(path + ".pump." + muscle, "expected a fraction 0 to 1");
            if (muscle == "soleus")
                s.pump[0] = f;
            else if (muscle == "gastrocnemius")
                s.pump[1] = f;
            else if (muscle == "tibialis_anterior")
                s.pump[2] = f;
            else if (muscle == "foot")
                s.pump[3] = f;
            else
                r.fail(path + ".pump." + muscle,
                       "unknown muscle (expected soleus, gastrocnemius, tibialis_anterior, foot)");
        }
    }
    if (js.contains("inflow_ml_min")) {
        s.inflow_ml_min = r.number(js["inflow_ml_min"], path + ".inflow_ml_min");
        if (s.inflow_ml_min < 0 || s.inflow_ml_min > 500)
            r.fail(path + ".inflow_ml_min", "expected 0 to 500 mL/min");
    }
    if (js.contains("measure_points")) {
        if (!js["measure_points"].is_object())
            r.fail(path + ".measure_points", "expected an object name -> point index");
        for (auto& [name, value] : js["measure_points"].items()) {
            if (!value.is_number_integer() || value.get<int>() < 0 || value.get<int>() > last)
                r.fail(path + ".measure_points." + name, "expected a centreline point index");
            s.measure_points[name] = value.get<int>();
        }
    }
    return s;
}

void build_compartments(Network& net) {
    for (int si = 0; si < static_cast<int>(net.segments.size()); ++si) {
        Segment& s = net.segments[si];
        std::vector<int> ends = s.breaks;
        ends.push_back(static_cast<int>(s.centreline.size()) - 1);
        int start = 0;
        double vein_area = std::numbers::pi * std::pow(s.reference_diameter_mm / 20.0, 2);
        for (size_t k = 0; k < ends.size(); ++k) {
            Compartment c;
            c.segment = si;
            c.index_in_segment = static_cast<int>(k);
            c.first_point = start;
            c.last_point = ends[k];
            c.length_cm = polyline_length(s.centreline, start, ends[k]);
            c.reference_area_cm2 = vein_area * s.count;
            c.reference_volume_ml = c.reference_area_cm2 * c.length_cm;
            c.centre = polyline_midpoint(s.centreline, start, ends[k]);
            c.distal = s.centreline[start];
            c.proximal = s.centreline[ends[k]];
            c.label = s.name + "#" + std::to_string(k);
            s.compartments.push_back(static_cast<int>(net.compartments.size()));
            net.compartments.push_back(c);
            start = ends[k];
        }
        // Interior links, one per break, valved where listed.
        for (size_t k = 0; k + 1 < s.compartments.size(); ++k) {
            Link l;
            l.from = s.compartments[k];
            l.to = s.compartments[k + 1];
            int b = s.breaks[k];
            if (std::find(s.valves.begin(), s.valves.end(), b) != s.valves.end())
                l.valve = s.valve_group;
            l.valve_position = s.centreline[b];
            l.path = {s.centreline[b], s.centreline[b]};
            l.name = s.name + "@" + std::to_string(b);
            net.links.push_back(l);
        }
    }
}

int nearest_compartment(const Network& net, const Segment& seg, Vec3 p) {
    int best = seg.compartments.front();
    double best_d = 1e30;
    for (int ci : seg.compartments) {
        const Compartment& c = net.compartments[ci];
        for (int i = c.first_point; i <= c.last_point; ++i) {
            double d = length(seg.centreline[i] - p);
            if (d < best_d) best_d = d, best = ci;
        }
    }
    return best;
}

int resolve(const Reader& r, const Network& net, const std::string& ref, const std::string& path,
            bool proximal_default, std::optional<Vec3> near) {
    auto hash = ref.find('#');
    std::string name = ref.substr(0, hash);
    int si = net.segment_index(name);
    if (si < 0) r.fail(path, "no segment named '" + name + "'");
    const Segment& s = net.segments[si];
    if (hash != std::string::npos) {
        int k = -1;
        try {
            k = std::stoi(ref.substr(hash + 1));
        } catch (...) {
            r.fail(path, "expected segment#index");
        }
        if (k < 0 || k >= static_cast<int>(s.compartments.size()))
            r.fail(path, "segment '" + name + "' has compartments 0 to " +
                             std::to_string(s.compartments.size() - 1));
        return s.compartments[k];
    }
    if (near) return nearest_compartment(net, s, *near);
    return proximal_default ? s.compartments.back() : s.compartments.front();
}

void parse_connection(const Reader& r, Network& net, const json& js, const std::string& path) {
    if (!js.is_object()) r.fail(path, "expected an object with from, to and optional valve");
    static const std::set<std::string> known = {"from", "to", "valve", "path", "name", "from_end"};
    for (auto& [key, _] : js.items())
        if (!known.count(key)) r.fail(path + "." + key, "unknown key");
    std::string from = r.string(r.member(js, "from", path + "."), path + ".from");
    std::string to = r.string(r.member(js, "to", path + "."), path + ".to");
    bool distal = false;
    if (js.contains("from_end")) {
        std::string end = r.string(js["from_end"], path + ".from_end");
        if (end != "distal" && end != "proximal")
            r.fail(path + ".from_end", "expected distal or proximal");
        distal = end == "distal";
    }
    Link l;
    l.from = resolve(r, net, from, path + ".from", !distal, std::nullopt);
    const Compartment& fc = net.compartments[l.from];
    Vec3 start =
        from.find('#') != std::string::npos ? fc.centre : (distal ? fc.distal : fc.proximal);
    if (js.contains("path")) l.path = r.points(js["path"], path + ".path", 2);
    Vec3 near = l.path.empty() ? start : l.path.back();
    l.to = resolve(r, net, to, path + ".to", false, near);
    if (l.from == l.to) r.fail(path, "a connection must join two different compartments");
    if (l.path.empty()) {
        const Compartment& tc = net.compartments[l.to];
        const Segment& ts = net.segments[tc.segment];
        Vec3 best = ts.centreline[tc.first_point];
        for (int i = tc.first_point; i <= tc.last_point; ++i)
            if (length(ts.centreline[i] - start) < length(best - start)) best = ts.centreline[i];
        l.path = {start, best};
    }
    if (js.contains("valve")) {
        auto g = valve_group_from_string(r.string(js["valve"], path + ".valve"));
        if (!g) r.fail(path + ".valve", "expected one of " + valve_group_names());
        l.valve = g;
    }
    // Junction valves sit at the mouth of the draining vein; perforator valves near the deep end.
    l.valve_position = l.valve == ValveGroup::Perforator ? lerp(l.path.front(), l.path.back(), 0.7)
                                                         : l.path.front();
    l.name = js.contains("name")
                 ? r.string(js["name"], path + ".name")
                 : net.compartments[l.from].label + "->" + net.compartments[l.to].label;
    net.links.push_back(l);
}

void finish_links(Network& net) {
    for (Link& l : net.links) {
        const Compartment& a = net.compartments[l.from];
        const Compartment& b = net.compartments[l.to];
        double path_len = 0;
        for (size_t i = 0; i + 1 < l.path.size(); ++i)
            path_len += length(l.path[i + 1] - l.path[i]);
        // Blood accelerated by a link fills half of each compartment plus the junction path.
        l.length_cm = 0.5 * (a.length_cm + b.length_cm) + path_len;
        l.area_cm2 = std::min(a.reference_area_cm2, b.reference_area_cm2);
    }
}

} // namespace

int Network::segment_index(std::string_view name) const {
    for (size_t i = 0; i < segments.size(); ++i)
        if (segments[i].name == name) return static_cast<int>(i);
    return -1;
}

int Network::compartment_index(std::string_view label) const {
    for (size_t i = 0; i < compartments.size(); ++i)
        if (compartments[i].label == label) return static_cast<int>(i);
    int si = segment_index(label);
    return si < 0 ? -1 : segments[si].compartments.back();
}

int Network::link_index(std::string_view name) const {
    for (size_t i = 0; i < links.size(); ++i)
        if (links[i].name == name) return static_cast<int>(i);
    return -1;
}

Vec3 Network::measure_point(std::string_view segment, std::string_view point) const {
    int si = segment_index(segment);
    if (si < 0) throw NetworkError("no segment named " + std::string(segment));
    auto it = segments[si].measure_points.find(std::string(point));
    if (it == segments[si].measure_points.end())
        throw NetworkError("segment " + std::string(segment) + " has no measure point " +
                           std::string(point));
    return segments[si].centreline[it->second];
}

int Network::compartment_at_point(int segment, int point) const {
    for (int ci : segments[segment].compartments)
        if (point >= compartments[ci].first_point && point <= compartments[ci].last_point)
            return ci;
    return segments[segment].compartments.back();
}

Network parse_network(std::string_view json_text, std::string_view source_name) {
    Reader r(source_name);
    json doc;
    try {
        doc = json::parse(json_text);
    } catch (const json::parse_error& e) {
        throw NetworkError(std::string(source_name) + ": not valid JSON: " + e.what());
    }
    if (!doc.is_object()) r.fail("(top level)", "expected an object");
    static const std::set<std::string> known = {
        "format", "version",   "description", "units",       "frame", "reference_height_cm",
        "notes",  "landmarks", "segments",    "connections", "outlet"};
    for (auto& [key, _] : doc.items())
        if (!known.count(key)) r.fail(key, "unknown key");
    if (r.string(r.member(doc, "format", ""), "format") != "secondheart-venous-network")
        r.fail("format", "expected \"secondheart-venous-network\"");
    if (doc.contains("units") && r.string(doc["units"], "units") != "cm")
        r.fail("units", "expected \"cm\"");
    Network net;
    if (doc.contains("reference_height_cm")) {
        net.reference_height_cm = r.number(doc["reference_height_cm"], "reference_height_cm");
        if (net.reference_height_cm < 100 || net.reference_height_cm > 230)
            r.fail("reference_height_cm", "expected 100 to 230 cm");
    }
    if (doc.contains("landmarks")) {
        if (!doc["landmarks"].is_object()) r.fail("landmarks", "expected an object name -> point");
        for (auto& [name, value] : doc["landmarks"].items())
            net.landmarks[name] = r.point(value, "landmarks." + name);
    }
    const json& segs = r.member(doc, "segments", "");
    if (!segs.is_array() || segs.empty()) r.fail("segments", "expected a non-empty array");
    for (size_t i = 0; i < segs.size(); ++i) {
        Segment s = parse_segment(r, segs[i], "segments[" + std::to_string(i) + "]");
        if (net.segment_index(s.name) >= 0)
            r.fail("segments[" + std::to_string(i) + "].name", "duplicate name '" + s.name + "'");
        net.segments.push_back(std::move(s));
    }
    build_compartments(net);
    if (doc.contains("connections")) {
        const json& conns = doc["connections"];
        if (!conns.is_array()) r.fail("connections", "expected an array");
        for (size_t i = 0; i < conns.size(); ++i)
            parse_connection(r, net, conns[i], "connections[" + std::to_string(i) + "]");
    }
    const json& outlet = r.member(doc, "outlet", "");
    if (!outlet.is_object()) r.fail("outlet", "expected an object {\"from\": segment}");
    net.outlet = resolve(r, net, r.string(r.member(outlet, "from", "outlet."), "outlet.from"),
                         "outlet.from", true, std::nullopt);
    finish_links(net);
    // Every compartment must drain somewhere, or blood would pool without limit.
    std::vector<bool> drains(net.compartments.size(), false);
    drains[net.outlet] = true;
    for (bool changed = true; changed;) {
        changed = false;
        for (const Link& l : net.links)
            if (drains[l.to] && !drains[l.from]) drains[l.from] = changed = true;
    }
    for (size_t i = 0; i < drains.size(); ++i)
        if (!drains[i])
            r.fail("connections",
                   "compartment " + net.compartments[i].label + " has no path to the outlet");
    return net;
}

Network load_network_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw NetworkError(path + ": cannot open the file");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_network(ss.str(), path);
}

std::string_view default_network_json() {
    return sh_default_venous_network_json;
}

const Network& default_network() {
    static const Network net = parse_network(sh_default_venous_network_json, "venous_network.json");
    return net;
}

} // namespace sh::sim
