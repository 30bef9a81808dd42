// An ImGui context for tests that drive widgets by hand: display size and time step set by the
// test, the font atlas built (NewFrame needs it), nothing rendered, no imgui.ini written.
#pragma once

#include <imgui.h>

namespace sh::testing {

struct HeadlessImGuiContext {
    explicit HeadlessImGuiContext(ImVec2 display = ImVec2(1280, 720)) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~HeadlessImGuiContext() { ImGui::DestroyContext(); }
    HeadlessImGuiContext(const HeadlessImGuiContext&) = delete;
    HeadlessImGuiContext& operator=(const HeadlessImGuiContext&) = delete;
};

} // namespace sh::testing
