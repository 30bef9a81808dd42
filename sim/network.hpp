#pragma once
// The venous network of one leg, read from assets/anatomy/venous_network.json. The same file
// gives the renderer its vein centrelines and valve positions, so both always agree.
//
// A segment is a named vein with a centreline; `breaks` split it into compartments (the lumped
// volumes the simulator integrates) and some breaks carry valves. Links join compartments: the
// interior breaks of a segment and the file's connections (junctions and perforators).

#include "geometry.hpp"
#include "vocabulary.hpp"

#include <array>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sh::sim {

// VeinSystem and ValveGroup, their ids and labels: sim/vocabulary.hpp.
enum class Tissue { None, Foot, Calf };
enum class Muscle { Soleus, Gastrocnemius, TibialisAnterior, Foot };
inline constexpr int kMuscleCount = 4;

// Raised for any problem in a network file; the message names the file, the key and what was
// expected.
struct NetworkError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Segment {
    std::string name;
    VeinSystem system = VeinSystem::Deep;
    Tissue tissue = Tissue::None;
    double reference_diameter_mm = 0;
    int count = 1;
    std::vector<Vec3> centreline;
    std::vector<int> breaks; // centreline point indices between compartments
    std::vector<int> valves; // the breaks that carry a valve
    std::optional<ValveGroup> valve_group;
    std::array<double, kMuscleCount> pump{}; // fraction of each muscle's pressure transmitted
    double inflow_ml_min = 0;
    std::map<std::string, int> measure_points; // name -> centreline point index
    std::vector<int> compartments;             // indices into Network::compartments
};

struct Compartment {
    int segment = 0;
    int index_in_segment = 0;
    int first_point = 0; // centreline range [first_point, last_point]
    int last_point = 0;
    double length_cm = 0;
    double reference_area_cm2 = 0; // all parallel veins together
    double reference_volume_ml = 0;
    Vec3 centre;       // arclength midpoint
    Vec3 proximal;     // last centreline point
    Vec3 distal;       // first centreline point
    std::string label; // "great_saphenous#0"
};

struct Link {
    int from = 0; // compartment; positive flow runs from -> to (the physiological direction)
    int to = 0;
    std::optional<ValveGroup> valve;
    std::vector<Vec3> path; // junction path for drawing (at least 2 points)
    Vec3 valve_position;
    std::string name;
    double length_cm = 0; // for inertia and resistance
    double area_cm2 = 0;  // open lumen at the link (smaller of the two compartments)
};

struct Network {
    double reference_height_cm = 175;
    std::map<std::string, Vec3> landmarks;
    std::vector<Segment> segments;
    std::vector<Compartment> compartments;
    std::vector<Link> links;
    int outlet = -1; // compartment draining to the heart

    int segment_index(std::string_view name) const;      // -1 if absent
    int compartment_index(std::string_view label) const; // "seg#k" or "seg" (proximal)
    int link_index(std::string_view name) const;         // -1 if absent
    Vec3 measure_point(std::string_view segment, std::string_view point) const;
    int compartment_at_point(int segment, int point) const;
};

// Parses a network; `source_name` (a file name) prefixes every error message.
Network parse_network(std::string_view json_text, std::string_view source_name);
Network load_network_file(const std::string& path);
// The default leg's network, embedded in the binary at build time.
const Network& default_network();
std::string_view default_network_json();

} // namespace sh::sim
