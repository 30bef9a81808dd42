// Capturing frames for export on lavapipe with validation: every frame read back without waiting
// comes back once, in order, with its own pixels (also across a resize), and the overlay's F12
// and recording turn them into files in the export folder.
#include "desktop_overlay.hpp"
#include "frame_loop.hpp"
#include "gpu_context.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// Clears to a red level that encodes the frame number, so each capture can be traced back.
class NumberedClear final : public sh::FrameContent {
public:
    static std::uint8_t red(std::uint64_t frame) { return static_cast<std::uint8_t>(frame * 20); }
    void record(VkCommandBuffer cmd, sh::OffscreenTarget& target,
                const sh::FrameInfo& info) override {
        target.begin_rendering(cmd, {red(info.frame_number) / 255.0f, 0.5f, 0.25f, 1.0f});
        target.end_rendering(cmd);
    }
};

sh::FrameStatus render(sh::FrameLoop& loop, NumberedClear& content, VkExtent2D size, bool capture) {
    return loop.render(content, nullptr, sh::FrameInfo{}, size, capture);
}

} // namespace

TEST_CASE("gpu export: every captured frame comes back once, in order, its own pixels",
          "[gpu][export]") {
    auto ctx = sh::test::make_gpu_context();
    {
        auto loop = sh::FrameLoop::create(ctx->device, VK_NULL_HANDLE, {64, 48});
        if (!loop) FAIL(loop.error().describe());
        NumberedClear content;
        std::vector<sh::CapturedFrame> got;
        for (int i = 0; i < 10; ++i) {
            const VkExtent2D size = i < 5 ? VkExtent2D{64, 48} : VkExtent2D{40, 30};
            REQUIRE(render(*loop.value(), content, size, i % 3 != 2) == sh::FrameStatus::Rendered);
            for (auto& f : loop.value()->take_captures(false)) got.push_back(std::move(f));
        }
        for (auto& f : loop.value()->take_captures(true)) got.push_back(std::move(f));
        std::vector<std::uint64_t> numbers;
        for (const auto& f : got) {
            numbers.push_back(f.frame_number);
            INFO("frame " << f.frame_number);
            const bool before_resize = f.frame_number < 5;
            CHECK(f.pixels->width == (before_resize ? 64u : 40u));
            CHECK(f.pixels->height == (before_resize ? 48u : 30u));
            CHECK(f.pixels->at(3, 3)[0] == NumberedClear::red(f.frame_number));
            CHECK(f.pixels->at(3, 3)[1] == 128);
        }
        CHECK(numbers == std::vector<std::uint64_t>{0, 1, 3, 4, 6, 7, 9});
        // take_capture still gives the newest frame after take_captures handed it out.
        auto last = loop.value()->take_capture();
        REQUIRE(last);
        CHECK(last.value().at(0, 0)[0] == NumberedClear::red(9));
        CHECK_FALSE(loop.value()->take_capture()); // and only once
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu export: F12 and a recording write files to the export folder", "[gpu][export]") {
    const fs::path dir =
        fs::temp_directory_path() / ("secondheart-gpu-export-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    ::setenv("SECONDHEART_FFMPEG", "/nonexistent", 1); // the PNG path, whatever is installed
    auto ctx = sh::test::make_gpu_context();
    {
        auto loop = sh::FrameLoop::create(ctx->device, VK_NULL_HANDLE, {64, 48});
        if (!loop) FAIL(loop.error().describe());
        NumberedClear content;
        sh::app::OverlayOptions o;
        o.export_dir_setting = dir.string();
        o.headless = true;
        o.record_fps = 30;
        sh::app::DesktopOverlay overlay(sh::VeinGeometry{}, o);
        CHECK(overlay.handle_key(SDLK_F9)); // record to the export folder
        for (int i = 0; i < 12; ++i) {
            if (i == 4) CHECK(overlay.handle_key(SDLK_F12));
            const bool capture = overlay.before_render(i / 60.0, loop.value()->stats().rendered);
            const auto status = render(*loop.value(), content, {64, 48}, capture);
            overlay.after_render(*loop.value(), status == sh::FrameStatus::Rendered);
        }
        overlay.finish(*loop.value());
        int pngs = 0, frame_folders = 0;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.path().extension() == ".png") ++pngs;
            if (e.is_directory()) {
                ++frame_folders;
                int frames = 0;
                for (const auto& f : fs::directory_iterator(e.path()))
                    frames += f.is_regular_file();
                CHECK(frames == 6); // 12 frames at 60 Hz, video at 30 frames/s
            }
        }
        CHECK(pngs == 1);
        CHECK(frame_folders == 1);
        bool saved = false;
        for (const auto& m : overlay.messages())
            saved |= m.find("screenshot saved: " + dir.string()) == 0;
        CHECK(saved);
    }
    ::unsetenv("SECONDHEART_FFMPEG");
    sh::test::finish_and_check_validation(ctx);
}
