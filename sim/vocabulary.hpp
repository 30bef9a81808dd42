#pragma once
// The vocabulary of SecondHeart: activities, postures, valve groups, vein systems and the camera's
// preset views.
// Each word is defined here once, with
//   - its id: the string used in scenario, lesson and settings files and on command lines. Ids
//     never change, because files that users saved name them; an old spelling that files may
//     still use is an alias (accepted on input, never written);
//   - its label: what the screens show;
//   - its order: the position in its table, which is the enum's value and the order in which
//     screens and error messages list the words.
// The simulator, the panel and the mode screens, the scenario and lesson parsers and the command
// lines all read these tables; nothing else lists the words. See docs/architecture.md,
// "Vocabulary".
//
// This header needs only the standard library, so that every layer may include it (the engine
// colours veins by VeinSystem without knowing the simulator).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sh::sim {

enum class Activity { Still, Walking, Running, HeelRaises, AnklePumps, ToeTapping, CalfSqueeze };
enum class Posture { Standing, Sitting, Lying, LegRaised };
// Valve groups: the failure controls of the panel, scenario files and conditions.
enum class ValveGroup { Gsv, Ssv, Perforator, Popliteal, Femoral, Tibial, Foot };
// The numbers are also the vein colour kind the shaders read (shaders/gpu_layouts.h).
enum class VeinSystem : std::uint32_t { Deep = 0, Superficial = 1, Intramuscular = 2, Foot = 3 };
// The camera's preset views (engine/scene/camera.hpp frames them): the panel, lessons, scenarios,
// the kiosk's scenes and --view name them.
enum class CameraPreset { Front, Back, Medial, Cutaway };

struct ActivityTerm {
    Activity value;
    std::string_view id;
    std::string_view label;
    // Something a leg keeps doing, so a scenario, a lesson or the panel may name it. Calf
    // squeeze is a one-shot manoeuvre of the reflux protocol (an examiner's hand), not one.
    bool sustained;
    // Possible while seated. The panel stands the leg up for the others, and the simulator's
    // `sit --activity` offers only these.
    bool seated;
};
struct PostureTerm {
    Posture value;
    std::string_view id;
    std::string_view label;
    // Offered by the desktop panel. The leg raised on a wedge is the start of the APG protocol
    // and a scenario or lesson may name it, but it is not a posture a viewer picks.
    bool on_panel;
};
struct ValveGroupTerm {
    ValveGroup value;
    std::string_view id;
    std::string_view label;
};
struct VeinSystemTerm {
    VeinSystem value;
    std::string_view id;
    std::string_view label;
};
struct CameraPresetTerm {
    CameraPreset value;
    std::string_view id;
    std::string_view label;
};
template <class Enum>
struct Alias {
    std::string_view id; // an older spelling, accepted on input
    Enum value;
};

// Labels keep the wording the screens have always shown ("Standing" for the still leg, the
// panel's short posture verbs).
inline constexpr std::array<ActivityTerm, 7> kActivities{{
    {Activity::Still, "still", "Standing", true, true},
    {Activity::Walking, "walking", "Walking", true, false},
    {Activity::Running, "running", "Running", true, false},
    {Activity::HeelRaises, "heel_raises", "Heel raises", true, false},
    {Activity::AnklePumps, "ankle_pumps", "Ankle pumps", true, true},
    {Activity::ToeTapping, "toe_tapping", "Toe tapping", true, true},
    {Activity::CalfSqueeze, "calf_squeeze", "Calf squeeze", false, true},
}};
inline constexpr std::array<Alias<Activity>, 9> kActivityAliases{{
    {"standing", Activity::Still},
    {"sitting", Activity::Still},
    {"none", Activity::Still},
    {"walk", Activity::Walking},
    {"run", Activity::Running},
    {"heel-raises", Activity::HeelRaises},
    {"tiptoe", Activity::HeelRaises},
    {"ankle-pumps", Activity::AnklePumps},
    {"toe-tapping", Activity::ToeTapping},
}};

inline constexpr std::array<PostureTerm, 4> kPostures{{
    {Posture::Standing, "standing", "stand", true},
    {Posture::Sitting, "sitting", "sit", true},
    {Posture::Lying, "lying", "lie", true},
    {Posture::LegRaised, "leg_raised", "leg raised", false},
}};
inline constexpr std::array<Alias<Posture>, 3> kPostureAliases{{
    {"leg-raised", Posture::LegRaised},
    {"supine-leg-raised", Posture::LegRaised},
    {"supine", Posture::Lying},
}};

// The panel shows all seven groups. It used to offer six, without the foot group (the plantar
// veins' valves), so the "no-valves" condition's failed foot valves never showed and could not
// be repaired from the panel.
inline constexpr std::array<ValveGroupTerm, 7> kValveGroups{{
    {ValveGroup::Gsv, "gsv", "great saphenous"},
    {ValveGroup::Ssv, "ssv", "small saphenous"},
    {ValveGroup::Perforator, "perforator", "perforators"},
    {ValveGroup::Popliteal, "popliteal", "popliteal"},
    {ValveGroup::Femoral, "femoral", "femoral"},
    {ValveGroup::Tibial, "tibial", "tibial"},
    {ValveGroup::Foot, "foot", "foot"},
}};
inline constexpr int kValveGroupCount = static_cast<int>(kValveGroups.size());

inline constexpr std::array<VeinSystemTerm, 4> kVeinSystems{{
    {VeinSystem::Deep, "deep", "deep veins"},
    {VeinSystem::Superficial, "superficial", "superficial veins"},
    {VeinSystem::Intramuscular, "intramuscular", "veins inside the calf muscles"},
    {VeinSystem::Foot, "foot", "foot veins"},
}};

// Lessons, --view and the panel have always written the ids; the aliases are the anatomical
// words and the panel's "x-ray" name for the cutaway, which people type.
inline constexpr std::array<CameraPresetTerm, 4> kCameraPresets{{
    {CameraPreset::Front, "front", "front"},
    {CameraPreset::Back, "back", "back"},
    {CameraPreset::Medial, "medial", "medial"},
    {CameraPreset::Cutaway, "cutaway", "cutaway"},
}};
inline constexpr std::array<Alias<CameraPreset>, 5> kCameraPresetAliases{{
    {"anterior", CameraPreset::Front},
    {"posterior", CameraPreset::Back},
    {"inside", CameraPreset::Medial},
    {"x-ray", CameraPreset::Cutaway},
    {"xray", CameraPreset::Cutaway},
}};

// The tables by enum, for the lookups below.
template <class Enum>
struct Vocabulary;
template <>
struct Vocabulary<Activity> {
    static constexpr const auto& terms = kActivities;
    static constexpr const auto& aliases = kActivityAliases;
};
template <>
struct Vocabulary<Posture> {
    static constexpr const auto& terms = kPostures;
    static constexpr const auto& aliases = kPostureAliases;
};
template <>
struct Vocabulary<ValveGroup> {
    static constexpr const auto& terms = kValveGroups;
    static constexpr std::array<Alias<ValveGroup>, 0> aliases{};
};
template <>
struct Vocabulary<VeinSystem> {
    static constexpr const auto& terms = kVeinSystems;
    static constexpr std::array<Alias<VeinSystem>, 0> aliases{};
};

template <>
struct Vocabulary<CameraPreset> {
    static constexpr const auto& terms = kCameraPresets;
    static constexpr const auto& aliases = kCameraPresetAliases;
};

// Each table lists its enum in the enum's order, so a value indexes its term.
template <class Enum>
constexpr bool in_enum_order() {
    const auto& terms = Vocabulary<Enum>::terms;
    for (std::size_t i = 0; i < terms.size(); ++i)
        if (static_cast<std::size_t>(terms[i].value) != i) return false;
    return true;
}
static_assert(in_enum_order<Activity>() && in_enum_order<Posture>() &&
              in_enum_order<ValveGroup>() && in_enum_order<VeinSystem>() &&
              in_enum_order<CameraPreset>());

template <class Enum>
constexpr const auto& term_of(Enum value) {
    return Vocabulary<Enum>::terms[static_cast<std::size_t>(value)];
}
template <class Enum>
constexpr std::string_view id_of(Enum value) {
    return term_of(value).id;
}
template <class Enum>
constexpr std::string_view label_of(Enum value) {
    return term_of(value).label;
}
// The word with this id (or alias); nullopt for anything else.
template <class Enum>
constexpr std::optional<Enum> from_id(std::string_view id) {
    for (const auto& t : Vocabulary<Enum>::terms)
        if (t.id == id) return t.value;
    for (const auto& a : Vocabulary<Enum>::aliases)
        if (a.id == id) return a.value;
    return std::nullopt;
}
// "still, walking, ..." for error messages and help texts: the ids of the terms that `keep`
// accepts, in order (aliases are not advertised).
template <class Enum, class Keep>
std::string id_list(Keep keep) {
    std::string out;
    for (const auto& t : Vocabulary<Enum>::terms)
        if (keep(t)) out += (out.empty() ? "" : ", ") + std::string(t.id);
    return out;
}
template <class Enum>
std::string id_list() {
    return id_list<Enum>([](const auto&) { return true; });
}

// The names the simulator has always used for these lookups.
constexpr std::string_view to_string(Activity a) {
    return id_of(a);
}
constexpr std::string_view to_string(Posture p) {
    return id_of(p);
}
constexpr std::string_view to_string(ValveGroup g) {
    return id_of(g);
}
constexpr std::string_view to_string(VeinSystem s) {
    return id_of(s);
}
constexpr std::string_view to_string(CameraPreset c) {
    return id_of(c);
}
constexpr std::optional<Activity> activity_from_string(std::string_view name) {
    return from_id<Activity>(name);
}
constexpr std::optional<Posture> posture_from_string(std::string_view name) {
    return from_id<Posture>(name);
}
constexpr std::optional<ValveGroup> valve_group_from_string(std::string_view name) {
    return from_id<ValveGroup>(name);
}
inline std::string activity_names() {
    return id_list<Activity>();
}
inline std::string posture_names() {
    return id_list<Posture>();
}
inline std::string valve_group_names() {
    return id_list<ValveGroup>();
}

// An activity a scenario, lesson or the panel may name (not a one-shot manoeuvre).
constexpr bool is_sustained(Activity a) {
    return term_of(a).sustained;
}
// An activity that needs the leg standing (walking, running, heel raises).
constexpr bool needs_standing(Activity a) {
    return !term_of(a).seated;
}

} // namespace sh::sim
