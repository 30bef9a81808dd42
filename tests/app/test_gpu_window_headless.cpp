// The frame loop and the ImGui overlay on the headless path (no SDL), validation on: the content
// clear shows where the UI does not cover it, the panel draws over it, the target follows a new
// size, and a zero size skips the frame without touching the GPU.
#include "control_panel.hpp"
#include "frame_loop.hpp"
#include "gpu_context.hpp"
#include "imgui_layer.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>

namespace {

// Clears the target to a known colour: 0.2, 0.4, 0.6 -> 51, 102, 153 in UNORM.
class ClearContent final : public sh::FrameContent {
public:
    int resized = 0;
    int computed = 0;
    void record_compute(VkCommandBuffer, const sh::FrameInfo&) override { ++computed; }
    void record(VkCommandBuffer cmd, sh::OffscreenTarget& target, const sh::FrameInfo&) override {
        target.begin_rendering(cmd, {0.2f, 0.4f, 0.6f, 1.0f});
        target.end_rendering(cmd);
    }
    void on_target_resized(sh::OffscreenTarget&) override { ++resized; }
};

// A headless frame loop at 320x240 and an ImGui layer on the test's device.
struct LoopAndUi {
    std::unique_ptr<sh::FrameLoop> loop;
    std::unique_ptr<sh::ImGuiLayer> ui;
};

LoopAndUi make_loop_and_ui(sh::test::GpuContext& ctx) {
    auto loop = sh::FrameLoop::create(ctx.device, VK_NULL_HANDLE, {320, 240});
    if (!loop) FAIL(loop.error().describe());
    auto ui = sh::ImGuiLayer::create(ctx.instance, ctx.device, ctx.submitter, nullptr);
    if (!ui) FAIL(ui.error().describe());
    return {loop.take(), ui.take()};
}

sh::RgbaPixels frame(sh::FrameLoop& loop, sh::ImGuiLayer& ui, ClearContent& content,
                     sh::ui::PanelState& panel, VkExtent2D size) {
    ui.begin_frame(size, 1.0f / 60.0f);
    (void)sh::ui::draw_control_panel(panel);
    ui.end_frame();
    REQUIRE(loop.render(content, &ui, sh::FrameInfo{}, size, true) == sh::FrameStatus::Rendered);
    auto pixels = loop.take_capture();
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

} // namespace

TEST_CASE("gpu window: headless frame loop with the ImGui overlay", "[gpu][window]") {
    auto ctx = sh::test::make_gpu_context();
    {
        LoopAndUi parts = make_loop_and_ui(*ctx);
        ClearContent content;
        sh::ui::PanelState panel;
        panel.conditions = {"healthy", "varicose"};

        sh::RgbaPixels px{};
        for (int i = 0; i < 4; ++i) // more frames than in flight: slots and ImGui buffers cycle
            px = frame(*parts.loop, *parts.ui, content, panel, {320, 240});
        REQUIRE(px.width == 320);
        REQUIRE(px.height == 240);
        const auto corner = px.at(319, 239); // far from the panel (top left)
        CHECK(corner[0] == 51);
        CHECK(corner[1] == 102);
        CHECK(corner[2] == 153);
        const auto title = px.at(40, 16); // the panel's title bar
        CHECK((title[0] != 51 || title[1] != 102 || title[2] != 153));
        CHECK(content.computed == 4);

        // The target follows the size; the content and overlay hear about it.
        px = frame(*parts.loop, *parts.ui, content, panel, {200, 150});
        CHECK(px.width == 200);
        CHECK(px.height == 150);
        CHECK(content.resized == 1);
        CHECK(parts.loop->stats().target_builds == 1);

        // Zero size (a minimised window): skipped, nothing recorded.
        CHECK(parts.loop->render(content, parts.ui.get(), sh::FrameInfo{}, {0, 0}) ==
              sh::FrameStatus::Skipped);
        CHECK(content.computed == 5);
        CHECK(parts.loop->stats().skipped == 1);
        CHECK(parts.loop->timer().sample_count() >= 3);
        ctx->device.wait_idle();
    }
    sh::test::finish_and_check_validation(ctx);
}

namespace {

// Small windows, each showing `counter`: "Cached" at the top left, "Live" below it and, with
// `second`, "Cached2" right of "Cached".
sh::RgbaPixels counter_frame(sh::FrameLoop& loop, sh::ImGuiLayer& ui, ClearContent& content,
                             int counter, float cached_x = 10.0f, bool second = false) {
    const VkExtent2D size{320, 240};
    ui.begin_frame(size, 1.0f / 60.0f);
    for (const auto& [name, x, y] :
         {std::tuple{"Cached", cached_x, 10.0f}, std::tuple{"Live", 10.0f, 130.0f},
          std::tuple{"Cached2", 165.0f, 10.0f}}) {
        if (std::string_view(name) == "Cached2" && !second) continue;
        ImGui::SetNextWindowPos(ImVec2(x, y));
        ImGui::SetNextWindowSize(ImVec2(150, 100));
        ImGui::Begin(name);
        ImGui::Text("frame %d %s", counter,
                    std::string(static_cast<std::size_t>(counter), '#').c_str());
        ImGui::End();
    }
    ui.end_frame();
    REQUIRE(loop.render(content, &ui, sh::FrameInfo{}, size, true) == sh::FrameStatus::Rendered);
    auto pixels = loop.take_capture();
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

// Pixels of the rectangle [x0, x1) x [y0, y1) that differ between two frames.
int changed(const sh::RgbaPixels& a, const sh::RgbaPixels& b, std::uint32_t x0, std::uint32_t y0,
            std::uint32_t x1, std::uint32_t y1) {
    int n = 0;
    for (std::uint32_t y = y0; y < y1; ++y)
        for (std::uint32_t x = x0; x < x1; ++x) n += a.at(x, y) != b.at(x, y) ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("gpu window: a cached ImGui window is copied between refreshes, the rest drawn",
          "[gpu][window]") {
    auto ctx = sh::test::make_gpu_context();
    {
        LoopAndUi parts = make_loop_and_ui(*ctx);
        ClearContent content;
        parts.ui->cache_window("Cached", 1.0f); // headless frames are 1/60 s: no timed refresh
        sh::FrameLoop& l = *parts.loop;
        sh::ImGuiLayer& u = *parts.ui;

        const sh::RgbaPixels first = counter_frame(l, u, content, 1);
        CHECK_FALSE(u.drew_from_cache()); // nothing to copy yet
        const sh::RgbaPixels second = counter_frame(l, u, content, 5);
        CHECK(u.drew_from_cache());
        // The cached window shows the first frame's text, exactly; the live one the new text;
        // the clear colour around them is this frame's.
        CHECK(changed(first, second, 10, 10, 160, 110) == 0);
        CHECK(changed(first, second, 10, 130, 160, 230) > 0);
        CHECK(second.at(300, 100)[2] == 153);

        // Asked to (a screenshot), the next frame draws it afresh, as a frame without the cache.
        u.redraw_all();
        const sh::RgbaPixels third = counter_frame(l, u, content, 5);
        CHECK_FALSE(u.drew_from_cache());
        CHECK(changed(first, third, 10, 10, 160, 110) > 0);
        CHECK(changed(second, third, 10, 130, 160, 230) == 0);
        const sh::RgbaPixels fourth = counter_frame(l, u, content, 5);
        CHECK(u.drew_from_cache());
        CHECK(changed(third, fourth, 0, 0, 320, 240) == 0); // nothing changed: same picture

        // A moved window is drawn afresh where it now is.
        const sh::RgbaPixels moved = counter_frame(l, u, content, 5, 60.0f);
        CHECK_FALSE(u.drew_from_cache());
        CHECK(changed(fourth, moved, 10, 10, 60, 110) > 0);
        ctx->device.wait_idle();
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu window: several cached ImGui windows are copied together, the live one drawn",
          "[gpu][window]") {
    auto ctx = sh::test::make_gpu_context();
    {
        LoopAndUi parts = make_loop_and_ui(*ctx);
        ClearContent content;
        parts.ui->cache_windows({"Cached", "Cached2"}, 1.0f);
        sh::FrameLoop& l = *parts.loop;
        sh::ImGuiLayer& u = *parts.ui;

        const sh::RgbaPixels first = counter_frame(l, u, content, 1, 10.0f, true);
        CHECK_FALSE(u.drew_from_cache());
        const sh::RgbaPixels second = counter_frame(l, u, content, 5, 10.0f, true);
        CHECK(u.drew_from_cache());
        // Both cached windows show the first frame's text, exactly; the live one the new text.
        CHECK(changed(first, second, 10, 10, 160, 110) == 0);
        CHECK(changed(first, second, 165, 10, 315, 110) == 0);
        CHECK(changed(first, second, 10, 130, 160, 230) > 0);
        // Without it the frame is the same: nothing copied differs from a full redraw.
        u.redraw_all();
        const sh::RgbaPixels fresh = counter_frame(l, u, content, 5, 10.0f, true);
        CHECK_FALSE(u.drew_from_cache());
        CHECK(changed(first, fresh, 165, 10, 315, 110) > 0);

        // A cached window that goes away is not copied back: the frame without it is redrawn,
        // and the clear colour shows where it was.
        const sh::RgbaPixels gone = counter_frame(l, u, content, 5, 10.0f, false);
        CHECK_FALSE(u.drew_from_cache());
        CHECK(gone.at(240, 60)[2] == 153);
        const sh::RgbaPixels still_gone = counter_frame(l, u, content, 5, 10.0f, false);
        CHECK(u.drew_from_cache());
        // (The live window's title bar may change here: ImGui moves the focus when a window
        // goes.)
        CHECK(changed(gone, still_gone, 10, 10, 160, 110) == 0);
        CHECK(changed(gone, still_gone, 165, 0, 320, 240) == 0);
        CHECK(u.frames_from_cache() == 2);
        CHECK(u.frames_cache_drawn() == 3);
        ctx->device.wait_idle();
    }
    sh::test::finish_and_check_validation(ctx);
}
