// Recording and the export overlay without a GPU: the PNG fallback when ffmpeg is absent, the
// raw-video pipe (through a stand-in ffmpeg script that stores what it is sent, so the pipe and
// arguments are checked on machines without ffmpeg; the real ffmpeg is tried when installed),
// and the panel's CSV button with an unwritable export folder.
#include "desktop_overlay.hpp"
#include "flow_bridge.hpp"
#include "fresh_dir.hpp"
#include "frame_recorder.hpp"
#include "headless_imgui.hpp"
#include "network.hpp"
#include "scoped_env.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <imgui.h>
#include <sstream>
#include <unistd.h>

using namespace sh;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const char* name) {
    return testing::fresh_dir("record-test", name);
}

// A small frame whose pixels encode its index, so the written data can be traced back.
std::shared_ptr<const RgbaPixels> frame(std::uint32_t w, std::uint32_t h, std::uint8_t index) {
    auto p = std::make_shared<RgbaPixels>();
    p->width = w;
    p->height = h;
    p->data.assign(std::size_t{w} * h * 4, index);
    return p;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("recorder: without ffmpeg, numbered PNG frames in a folder, and it says so", "[record]") {
    testing::ScopedEnv no_ffmpeg("SECONDHEART_FFMPEG", "/nonexistent");
    CHECK_FALSE(app::find_ffmpeg());
    const fs::path dir = fresh_dir("png");
    app::RecordingOptions o;
    o.path = dir / "lecture.mp4";
    o.width = 8;
    o.height = 6;
    o.wait_when_behind = true;
    auto started = app::FrameRecorder::start(o);
    REQUIRE(started.recorder);
    CHECK_THAT(started.note,
               Catch::Contains("ffmpeg was not found") && Catch::Contains("lecture_frames"));
    CHECK_FALSE(started.recorder->uses_ffmpeg());
    CHECK(started.recorder->push(frame(8, 6, 10)));
    CHECK(started.recorder->push(frame(8, 6, 20), 2)); // stands for two video frames
    CHECK(started.recorder->push(frame(8, 6, 30)));
    CHECK_FALSE(started.recorder->push(frame(9, 6, 40))); // another size: refused
    const std::string summary = started.recorder->stop();
    CHECK_THAT(summary, Catch::Contains("4 frames"));
    const fs::path frames = dir / "lecture_frames";
    CHECK(started.recorder->output() == frames);
    for (const char* name :
         {"frame_000001.png", "frame_000002.png", "frame_000003.png", "frame_000004.png"})
        CHECK(fs::file_size(frames / name) > 8); // PNG signature and more
    CHECK_FALSE(fs::exists(frames / "frame_000005.png"));
    CHECK(slurp(frames / "frame_000002.png") == slurp(frames / "frame_000003.png"));
    CHECK(slurp(frames / "frame_000001.png") != slurp(frames / "frame_000002.png"));

    // A second recording to the same name never writes into the first one's folder.
    auto again = app::FrameRecorder::start(o);
    REQUIRE(again.recorder);
    CHECK(again.recorder->output() == dir / "lecture_frames-2");
}

TEST_CASE("recorder: raw RGBA frames are piped to ffmpeg with the size and rate", "[record]") {
    // A stand-in ffmpeg: lists libx264 among its encoders, stores its arguments and writes its
    // standard input (the raw video) to the output path, its last argument.
    const fs::path dir = fresh_dir("pipe");
    const fs::path fake = dir / "ffmpeg";
    std::ofstream(fake) << "#!/bin/sh\n"
                           "case \"$*\" in *-encoders*) echo ' V....D libx264 H.264'; exit 0;; "
                           "esac\n"
                           "for last; do :; done\n"
                           "echo \"$@\" > \"$last.args\"\n"
                           "cat > \"$last\"\n";
    fs::permissions(fake, fs::perms::owner_all);
    testing::ScopedEnv use_fake("SECONDHEART_FFMPEG", fake.string());
    REQUIRE(app::find_ffmpeg() == fake);
    const app::EncoderProbe probe = app::probe_video_encoder(fake, std::chrono::seconds(5));
    CHECK(probe.encoder == "libx264");
    CHECK(probe.problem.empty());

    app::RecordingOptions o;
    o.path = dir / "out.mp4";
    o.width = 5; // odd on purpose: the arguments pad to even sides for yuv420p
    o.height = 3;
    o.wait_when_behind = true;
    auto started = app::FrameRecorder::start(o);
    REQUIRE(started.recorder);
    CHECK(started.recorder->uses_ffmpeg());
    CHECK(started.note.empty());
    for (std::uint8_t i = 1; i <= 3; ++i) CHECK(started.recorder->push(frame(5, 3, i), i));
    const std::string summary = started.recorder->stop();
    CHECK_THAT(summary, Catch::Contains("6 frames") && Catch::Contains("H.264"));
    CHECK_THAT(summary, !Catch::Contains("FAILED"));

    const std::string video = slurp(o.path);
    REQUIRE(video.size() == 6u * 5 * 3 * 4); // 1 + 2 + 3 frames of 5x3 RGBA
    CHECK(video[0] == 1);
    CHECK(video[5 * 3 * 4] == 2);     // the second frame, written twice
    CHECK(video[3 * 5 * 3 * 4] == 3); // then the third, three times
    // ffmpeg wrote a hidden temporary file, renamed to out.mp4 once it had finished.
    std::string args;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".args") args = slurp(e.path());
    CHECK(fs::exists(o.path));
    CHECK_THAT(args, Catch::Contains("-f rawvideo -pix_fmt rgba -s 5x3 -r 30 -i -"));
    CHECK_THAT(args, Catch::Contains("-c:v libx264") && Catch::Contains("pad="));
}

// Hidden from the default run: CTest runs it on its own through run_if_installed.sh, which
// skips it loudly (exit 77) where ffmpeg is not installed; here its absence is a failure.
TEST_CASE("recorder: a real ffmpeg writes a playable file", "[.][ffmpeg]") {
    testing::ScopedEnv path_only("SECONDHEART_FFMPEG", std::nullopt);
    const auto ffmpeg = app::find_ffmpeg();
    REQUIRE(ffmpeg);
    const fs::path dir = fresh_dir("real");
    app::RecordingOptions o;
    o.path = dir / "real.mp4";
    o.width = 64;
    o.height = 48;
    o.wait_when_behind = true;
    auto started = app::FrameRecorder::start(o);
    REQUIRE(started.recorder);
    for (std::uint8_t i = 0; i < 15; ++i) started.recorder->push(frame(64, 48, i * 16));
    const std::string summary = started.recorder->stop();
    CHECK_THAT(summary, !Catch::Contains("FAILED"));
    CHECK_THAT(summary, Catch::Contains("15 frames") && Catch::Contains("H.264"));
    const std::string mp4 = slurp(o.path);
    REQUIRE(mp4.size() > 100);
    CHECK(mp4.substr(4, 4) == "ftyp");            // an MP4 container
    CHECK(mp4.find("avc1") != std::string::npos); // with H.264 in it (Debian's has libx264)
}

TEST_CASE("export overlay: CSV button with an unwritable folder says so, a good one writes",
          "[record]") {
    testing::HeadlessImGuiContext imgui(ImVec2(640, 480));

    const VeinGeometry veins = app::vein_geometry(sim::default_network());
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    app::LiveSimulation live(s);
    for (int i = 0; i < 30; ++i) live.advance(1.0 / 60.0, 1000.0);
    auto press_csv = [&](app::DesktopOverlay& overlay) {
        ui::PanelState panel;
        ui::PanelEdits edits;
        edits.export_csv = true;
        ImGui::NewFrame();
        overlay.draw(panel, edits, {640, 480}, std::nullopt, live);
        ImGui::Render();
    };

    const fs::path base = fresh_dir("overlay");
    std::ofstream(base / "a-file") << "x";
    app::OverlayOptions bad;
    bad.export_dir_setting = (base / "a-file" / "exports").string();
    app::DesktopOverlay unwritable(veins, bad);
    press_csv(unwritable);
    REQUIRE(unwritable.messages().size() == 1);
    CHECK_THAT(unwritable.messages()[0],
               Catch::Contains("not saved") && Catch::Contains(bad.export_dir_setting));
    // F9 with that folder: refused with the reason, no recording half-started.
    CHECK(unwritable.handle_key(SDLK_F9));
    CHECK_FALSE(unwritable.recording());
    CHECK_THAT(unwritable.messages().back(), Catch::Contains("cannot record"));

    app::OverlayOptions good;
    good.export_dir_setting = (base / "exports").string();
    app::DesktopOverlay overlay(veins, good);
    press_csv(overlay);
    REQUIRE(overlay.messages().size() == 1);
    CHECK_THAT(overlay.messages()[0], Catch::Contains("time series saved"));
    int csv_files = 0;
    for (const auto& e : fs::directory_iterator(base / "exports")) {
        ++csv_files;
        CHECK(e.path().extension() == ".csv");
        CHECK(e.path().filename().string().rfind("secondheart-series-", 0) == 0);
    }
    CHECK(csv_files == 1);
}
