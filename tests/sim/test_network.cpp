// The venous network file: the default leg parses into the compartments and links the file
// describes, drains everywhere to the heart, has its veins where anatomy puts them, and broken
// files are reported with the key at fault.

#include "network.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace sh::sim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

// The file itself, read independently of the parser under test.
json network_file() {
    std::ifstream in(std::filesystem::path(SH_SOURCE_DIR) / "assets/anatomy/venous_network.json");
    REQUIRE(in);
    return json::parse(in);
}

// The NetworkError message of a modified default network ("" when it parses).
std::string error_of(const json& doc) {
    try {
        parse_network(doc.dump(), "leg.json");
    } catch (const NetworkError& e) {
        return e.what();
    }
    return {};
}

const Segment& segment(const Network& net, const char* name) {
    int i = net.segment_index(name);
    REQUIRE(i >= 0);
    return net.segments[i];
}

} // namespace

TEST_CASE("the embedded default network is the shipped file", "[network]") {
    CHECK(json::parse(default_network_json()) == network_file());
}

TEST_CASE("default network counts match the file", "[network]") {
    const Network& net = default_network();
    json file = network_file();

    size_t compartments = 0, interior_links = 0;
    std::array<int, kValveGroupCount> valves{};
    for (const json& s : file["segments"]) {
        size_t breaks = s.contains("breaks") ? s["breaks"].size() : 0;
        compartments += breaks + 1;
        interior_links += breaks;
        if (s.contains("valves"))
            valves[static_cast<int>(*valve_group_from_string(
                s["valve_group"].get<std::string>()))] += static_cast<int>(s["valves"].size());
    }
    for (const json& c : file["connections"])
        if (c.contains("valve"))
            valves[static_cast<int>(*valve_group_from_string(c["valve"].get<std::string>()))]++;

    CHECK(net.segments.size() == file["segments"].size());
    CHECK(net.compartments.size() == compartments);
    CHECK(net.links.size() == interior_links + file["connections"].size());
    std::array<int, kValveGroupCount> parsed{};
    for (const Link& l : net.links)
        if (l.valve) parsed[static_cast<int>(*l.valve)]++;
    for (int g = 0; g < kValveGroupCount; ++g) {
        INFO(to_string(static_cast<ValveGroup>(g)));
        CHECK(parsed[g] == valves[g]);
        CHECK(parsed[g] > 0); // every failure control acts on at least one valve
    }
    // Several calf perforators (Cockett's and the paratibial ones) at least.
    CHECK(parsed[static_cast<int>(ValveGroup::Perforator)] >= 3);
    CHECK(net.outlet == net.segments[net.segment_index("common_femoral")].compartments.back());
}

TEST_CASE("compartments and links are consistent", "[network]") {
    const Network& net = default_network();
    for (size_t i = 0; i < net.compartments.size(); ++i) {
        const Compartment& c = net.compartments[i];
        INFO(c.label);
        CHECK(c.length_cm > 0);
        CHECK(c.reference_area_cm2 > 0);
        CHECK(c.reference_volume_ml == Approx(c.reference_area_cm2 * c.length_cm));
        CHECK(net.compartment_index(c.label) == static_cast<int>(i));
    }
    for (const Link& l : net.links) {
        INFO(l.name);
        CHECK(l.from != l.to);
        CHECK(l.path.size() >= 2);
        CHECK(l.length_cm > 0);
        CHECK(l.area_cm2 > 0);
        CHECK(net.link_index(l.name) >= 0);
    }
}

TEST_CASE("every compartment drains to the outlet", "[network]") {
    const Network& net = default_network();
    // Walk the links backwards from the outlet.
    std::vector<bool> reached(net.compartments.size(), false);
    std::vector<int> queue = {net.outlet};
    reached[net.outlet] = true;
    while (!queue.empty()) {
        int c = queue.back();
        queue.pop_back();
        for (const Link& l : net.links)
            if (l.to == c && !reached[l.from]) reached[l.from] = true, queue.push_back(l.from);
    }
    for (size_t i = 0; i < reached.size(); ++i) {
        INFO(net.compartments[i].label);
        CHECK(reached[i]);
    }
}

TEST_CASE("perforators run from superficial to deep", "[network]") {
    const Network& net = default_network();
    int perforators = 0;
    for (const Link& l : net.links) {
        if (l.valve != ValveGroup::Perforator) continue;
        INFO(l.name);
        ++perforators;
        CHECK(net.segments[net.compartments[l.from].segment].system == VeinSystem::Superficial);
        CHECK(net.segments[net.compartments[l.to].segment].system == VeinSystem::Deep);
    }
    CHECK(perforators >= 2);
}

TEST_CASE("vein geometry follows anatomy", "[network]") {
    const Network& net = default_network();
    // Frame: right leg, x lateral, y anterior, z up.
    SECTION("great saphenous runs up the medial side") {
        for (Vec3 p : segment(net, "great_saphenous").centreline) CHECK(p.x < 0);
    }
    SECTION("small saphenous runs up the back of the calf, behind the great saphenous") {
        const Segment& ssv = segment(net, "small_saphenous");
        double gsv_y = 0, ssv_y = 0;
        int n_gsv = 0, n_ssv = 0;
        for (Vec3 p : ssv.centreline) {
            if (p.z <= 10) continue; // below that it wraps round the lateral malleolus
            CHECK(p.y < 0);
            ssv_y += p.y;
            ++n_ssv;
        }
        for (Vec3 p : segment(net, "great_saphenous").centreline) {
            if (p.z <= 10 || p.z >= 47) continue; // the calf
            gsv_y += p.y;
            ++n_gsv;
        }
        REQUIRE(n_ssv > 0);
        REQUIRE(n_gsv > 0);
        CHECK(ssv_y / n_ssv < gsv_y / n_gsv);
    }
    SECTION("popliteal lies above the tibial veins, around the knee") {
        const Segment& pop = segment(net, "popliteal");
        double pop_low = pop.centreline.front().z, pop_high = pop.centreline.back().z;
        for (const char* tibial : {"posterior_tibial", "anterior_tibial", "peroneal"}) {
            INFO(tibial);
            for (Vec3 p : segment(net, tibial).centreline) CHECK(p.z <= pop_low + 1.0);
            for (int c : segment(net, tibial).compartments)
                CHECK(net.compartments[c].centre.z <
                      net.compartments[pop.compartments[0]].centre.z);
        }
        double knee = net.landmarks.at("knee_joint").z;
        CHECK(pop_low < knee);
        CHECK(pop_high > knee);
    }
    SECTION("the common femoral vein reaches the groin") {
        CHECK(net.compartments[net.outlet].proximal.z ==
              Approx(net.landmarks.at("hip_joint").z).margin(5.0));
    }
}

TEST_CASE("broken network files are reported with the key at fault", "[network]") {
    json doc = network_file();
    REQUIRE(error_of(doc).empty());
    auto segment_number = [&](const char* name) {
        for (size_t i = 0; i < doc["segments"].size(); ++i)
            if (doc["segments"][i]["name"] == name) return i;
        FAIL("no segment " << name);
        return size_t{0};
    };
    size_t ptv = segment_number("posterior_tibial");
    std::string ptv_key = "segments[" + std::to_string(ptv) + "]";

    SECTION("unknown top-level key") {
        doc["colour"] = "blue";
        CHECK_THAT(error_of(doc),
                   Contains("leg.json") && Contains("colour") && Contains("unknown key"));
    }
    SECTION("unknown segment key") {
        doc["segments"][ptv]["diameter"] = 3;
        CHECK_THAT(error_of(doc), Contains(ptv_key + ".diameter") && Contains("unknown key"));
    }
    SECTION("missing centreline") {
        doc["segments"][ptv].erase("centreline");
        CHECK_THAT(error_of(doc), Contains(ptv_key + ".centreline") && Contains("missing"));
    }
    SECTION("break index outside the centreline") {
        doc["segments"][ptv]["breaks"] = {1, 9};
        CHECK_THAT(error_of(doc), Contains(ptv_key + ".breaks"));
    }
    SECTION("breaks not increasing") {
        doc["segments"][ptv]["breaks"] = {2, 1};
        CHECK_THAT(error_of(doc), Contains(ptv_key + ".breaks"));
    }
    SECTION("valve not on a break") {
        doc["segments"][ptv]["valves"] = {3};
        CHECK_THAT(error_of(doc), Contains(ptv_key + ".valves") && Contains("break"));
    }
    SECTION("unknown valve group") {
        doc["segments"][ptv]["valve_group"] = "aortic";
        CHECK_THAT(error_of(doc), Contains(ptv_key + ".valve_group") && Contains("gsv"));
    }
    SECTION("unknown segment in a connection") {
        doc["connections"][0]["to"] = "renal_vein";
        CHECK_THAT(error_of(doc), Contains("connections[0].to") && Contains("renal_vein"));
    }
    SECTION("compartment index out of range in a connection") {
        doc["connections"][0]["to"] = "posterior_tibial#7";
        CHECK_THAT(error_of(doc), Contains("connections[0].to"));
    }
    SECTION("a segment with no path to the outlet") {
        doc["segments"].push_back({{"name", "orphan_vein"},
                                   {"system", "superficial"},
                                   {"reference_diameter_mm", 3.0},
                                   {"centreline", {{5, 0, 20}, {5, 0, 30}}}});
        CHECK_THAT(error_of(doc), Contains("orphan_vein") && Contains("no path to the outlet"));
    }
    SECTION("wrong type") {
        doc["segments"][ptv]["reference_diameter_mm"] = "wide";
        CHECK_THAT(error_of(doc),
                   Contains(ptv_key + ".reference_diameter_mm") && Contains("number"));
    }
    SECTION("not JSON at all") {
        CHECK_THROWS_WITH(parse_network("{\"format\": ", "leg.json"),
                          Contains("leg.json") && Contains("JSON"));
    }
    SECTION("missing file") {
        CHECK_THROWS_WITH(load_network_file("no_such_dir/no_such_network.json"),
                          Contains("no_such_network.json"));
    }
}
