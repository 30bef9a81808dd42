// The vocabulary (sim/vocabulary.hpp): every word has one id, one label and one place in its
// order, and the ids that saved files use keep meaning what they meant.
#include "scenario.hpp"
#include "vocabulary.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace sh::sim;

namespace {

template <class Enum>
void check_table() {
    std::set<std::string_view> ids, labels;
    for (const auto& t : Vocabulary<Enum>::terms) {
        INFO("id " << t.id);
        CHECK(from_id<Enum>(t.id) == t.value); // round trip
        CHECK(id_of(t.value) == t.id);
        CHECK_FALSE(t.label.empty());
        CHECK(ids.insert(t.id).second);       // no id twice
        CHECK(labels.insert(t.label).second); // no two words look the same on screen
    }
    for (const auto& a : Vocabulary<Enum>::aliases) {
        INFO("alias " << a.id);
        CHECK(ids.insert(a.id).second); // an alias is never also an id
        CHECK(from_id<Enum>(a.id) == a.value);
    }
    CHECK_FALSE(from_id<Enum>("no-such-word").has_value());
}

} // namespace

TEST_CASE("vocabulary: ids round-trip, are unique, and every word has a label", "[vocabulary]") {
    check_table<Activity>();
    check_table<Posture>();
    check_table<ValveGroup>();
    check_table<VeinSystem>();
    check_table<CameraPreset>();
}

// Lessons, the panel and --view have written these camera names; one enum reads them all.
TEST_CASE("vocabulary: the camera preset names saved lessons use keep their meaning",
          "[vocabulary]") {
    CHECK(from_id<CameraPreset>("front") == CameraPreset::Front);
    CHECK(from_id<CameraPreset>("back") == CameraPreset::Back);
    CHECK(from_id<CameraPreset>("medial") == CameraPreset::Medial);
    CHECK(from_id<CameraPreset>("cutaway") == CameraPreset::Cutaway);
    CHECK(from_id<CameraPreset>("x-ray") == CameraPreset::Cutaway);
    CHECK(id_list<CameraPreset>() == "front, back, medial, cutaway");
}

// The strings that scenario, lesson and settings files, the network file and command lines used
// before the vocabulary existed: each must still mean the same word.
TEST_CASE("vocabulary: the ids saved files use keep their meaning", "[vocabulary]") {
    const std::pair<const char*, Activity> activities[] = {{"still", Activity::Still},
                                                           {"walking", Activity::Walking},
                                                           {"running", Activity::Running},
                                                           {"heel_raises", Activity::HeelRaises},
                                                           {"ankle_pumps", Activity::AnklePumps},
                                                           {"toe_tapping", Activity::ToeTapping},
                                                           {"calf_squeeze", Activity::CalfSqueeze},
                                                           {"standing", Activity::Still},
                                                           {"sitting", Activity::Still},
                                                           {"none", Activity::Still},
                                                           {"walk", Activity::Walking},
                                                           {"run", Activity::Running},
                                                           {"heel-raises", Activity::HeelRaises},
                                                           {"tiptoe", Activity::HeelRaises},
                                                           {"ankle-pumps", Activity::AnklePumps},
                                                           {"toe-tapping", Activity::ToeTapping}};
    for (const auto& [id, a] : activities) CHECK(activity_from_string(id) == a);
    const std::pair<const char*, Posture> postures[] = {
        {"standing", Posture::Standing},    {"sitting", Posture::Sitting},
        {"lying", Posture::Lying},          {"leg_raised", Posture::LegRaised},
        {"leg-raised", Posture::LegRaised}, {"supine-leg-raised", Posture::LegRaised},
        {"supine", Posture::Lying}};
    for (const auto& [id, p] : postures) CHECK(posture_from_string(id) == p);
    const char* groups[] = {"gsv", "ssv", "perforator", "popliteal", "femoral", "tibial", "foot"};
    for (int g = 0; g < kValveGroupCount; ++g)
        CHECK(valve_group_from_string(groups[g]) == static_cast<ValveGroup>(g));
    const char* systems[] = {"deep", "superficial", "intramuscular", "foot"};
    for (std::uint32_t s = 0; s < 4; ++s)
        CHECK(from_id<VeinSystem>(systems[s]) == static_cast<VeinSystem>(s));

    // A scenario saved with the old spellings still loads (the file a user kept).
    const Scenario s = parse_scenario(
        R"({"posture": "supine", "activity": "ankle-pumps", "valves": {"gsv": 0.5, "foot": 1}})",
        "saved.json");
    CHECK(s.posture == Posture::Lying);
    CHECK(s.activity.kind == Activity::AnklePumps);
    CHECK(s.valve_overrides[static_cast<int>(ValveGroup::Foot)] == 1.0);
}

TEST_CASE("vocabulary: the subsets are defined once, with the words", "[vocabulary]") {
    // A scenario, a lesson or the panel may name every activity but the examiner's calf squeeze.
    for (const ActivityTerm& t : kActivities)
        CHECK(is_sustained(t.value) == (t.value != Activity::CalfSqueeze));
    CHECK_THROWS_AS(parse_scenario(R"({"activity": "calf_squeeze"})", "x.json"), ScenarioError);
    // Walking, running and heel raises need the leg standing; the rest can be done in a seat.
    CHECK(needs_standing(Activity::Walking));
    CHECK(needs_standing(Activity::Running));
    CHECK(needs_standing(Activity::HeelRaises));
    CHECK_FALSE(needs_standing(Activity::AnklePumps));
    CHECK_FALSE(needs_standing(Activity::ToeTapping));
    CHECK_FALSE(needs_standing(Activity::Still));
    // The panel offers standing, sitting and lying; the leg raised is a protocol's posture.
    CHECK(id_list<Posture>([](const PostureTerm& t) { return t.on_panel; }) ==
          "standing, sitting, lying");
    // Messages list the ids in order.
    CHECK(valve_group_names() == "gsv, ssv, perforator, popliteal, femoral, tibial, foot");
}
