#include "runtime_strings.hpp"

#include "translate.hpp"

namespace sh::i18n {

const std::vector<RuntimeString>& runtime_strings() {
    static const std::vector<RuntimeString> list = {
        // sim/vocabulary.hpp: activities (the panel's radio buttons).
        {"", N_("Standing")},
        {"", N_("Walking")},
        {"", N_("Running")},
        {"", N_("Heel raises")},
        {"", N_("Ankle pumps")},
        {"", N_("Toe tapping")},
        {"", N_("Calf squeeze")},
        // Postures: the panel's short verbs.
        {"", N_("stand")},
        {"", N_("sit")},
        {"", N_("lie")},
        {"", N_("leg raised")},
        // Valve groups: the panel's valve sliders.
        {"", N_("great saphenous")},
        {"", N_("small saphenous")},
        {"", N_("perforators")},
        {"", N_("popliteal")},
        {"", N_("femoral")},
        {"", N_("tibial")},
        {"", N_("foot")},
        // Vein systems.
        {"", N_("deep veins")},
        {"", N_("superficial veins")},
        {"", N_("veins inside the calf muscles")},
        {"", N_("foot veins")},
        // assets/scenarios/*.json "name": the panel's preset buttons.
        {"", N_("Desk day with breaks")},
        {"", N_("Healthy walk")},
        {"", N_("Long-haul flight")},
        {"", N_("Post-thrombotic leg")},
        {"", N_("Varicose veins")},
        // sim/conditions.cpp ids, shown in the panel's condition menu.
        {k_condition_context, NC_("condition", "healthy")},
        {k_condition_context, NC_("condition", "gsv-reflux")},
        {k_condition_context, NC_("condition", "ssv-reflux")},
        {k_condition_context, NC_("condition", "perforator-incompetence")},
        {k_condition_context, NC_("condition", "deep-incompetence")},
        {k_condition_context, NC_("condition", "post-thrombotic")},
        {k_condition_context, NC_("condition", "no-valves")},
    };
    return list;
}

} // namespace sh::i18n
