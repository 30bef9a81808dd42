// A headless ImGui frame loop for the control panel: the panel draws into draw lists nobody
// renders. Shared by the panel's tests (test_panel.cpp) and its heart section's (test_panel_heart.cpp).
#pragma once

#include "control_panel.hpp"
#include "headless_imgui.hpp"

#include <imgui.h>

namespace sh::testing {

struct HeadlessPanel : HeadlessImGuiContext {
    ui::PanelEdits frame(ui::PanelState& s) {
        ImGui::NewFrame();
        ui::PanelEdits e = ui::draw_control_panel(s);
        ImGui::Render();
        return e;
    }
};

} // namespace sh::testing
