// Outputs under faults, without a GPU: a PNG on a full disk (RLIMIT_FSIZE makes writes fail with
// EFBIG as a full disk does with ENOSPC, with no root and no mount), and the recorder with
// stand-in ffmpegs that hang at the probe, hang on the frames, or fail at the end. Short time
// limits keep it quick; the program's own limits are 5 s / 10 s / 60 s.
#include "export_files.hpp"
#include "frame_recorder.hpp"
#include "fresh_dir.hpp"
#include "output_failures.hpp"
#include "png_writer.hpp"
#include "series_csv.hpp"
#include "scoped_env.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sys/resource.h>
#include <unistd.h>

using namespace sh;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const char* name) {
    return testing::fresh_dir("output-faults", name);
}

// Options of a headless recording (never drops a frame) of w x h frames to dir/clip.mp4.
app::RecordingOptions recording(const fs::path& dir, std::uint32_t w, std::uint32_t h) {
    app::RecordingOptions o;
    o.path = dir / "clip.mp4";
    o.width = w;
    o.height = h;
    o.wait_when_behind = true;
    return o;
}

fs::path script(const fs::path& dir, const std::string& body) {
    const fs::path p = dir / "ffmpeg";
    std::ofstream(p) << "#!/bin/sh\n" << body;
    fs::permissions(p, fs::perms::owner_all);
    return p;
}

// Noise compresses badly: a 128x128 frame is a PNG of about 64 kB.
RgbaPixels noise(std::uint32_t w, std::uint32_t h) {
    RgbaPixels p;
    p.width = w;
    p.height = h;
    p.data.resize(std::size_t{w} * h * 4);
    std::uint32_t x = 12345;
    for (auto& b : p.data) b = static_cast<std::uint8_t>((x = x * 1664525u + 1013904223u) >> 24);
    return p;
}

std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename());
    return names;
}

// Writes past `bytes` fail with EFBIG while it lives (SIGXFSZ ignored, so no signal kills us).
struct FileSizeLimit {
    rlimit old{};
    explicit FileSizeLimit(rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit l = old;
        l.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &l);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &old); }
};

std::shared_ptr<const RgbaPixels> shared_frame(std::uint32_t w, std::uint32_t h) {
    return std::make_shared<const RgbaPixels>(noise(w, h));
}

} // namespace

TEST_CASE("png: a full disk gives an error naming the cause, and no file at all", "[output]") {
    const fs::path dir = fresh_dir("png");
    const fs::path png = dir / "shot.png";
    Result<fs::path> written = Error{"not run", {}};
    {
        FileSizeLimit limit(4000);
        written = write_png(png, noise(128, 128));
    }
    REQUIRE_FALSE(written);
    CHECK_THAT(written.error().describe(), Catch::Contains("shot.png") &&
                                               Catch::Contains("File too large") &&
                                               Catch::Contains("full"));
    CHECK(names_in(dir).empty()); // neither the PNG nor its temporary
    // Without the limit the same image is written, complete.
    REQUIRE(write_png(png, noise(128, 128)));
    CHECK(fs::file_size(png) > 4000);
    CHECK(names_in(dir) == std::vector<std::string>{"shot.png"});
    // A folder that does not exist.
    const auto nowhere = write_png(dir / "no-such-folder" / "x.png", noise(4, 4));
    REQUIRE_FALSE(nowhere);
    CHECK_THAT(nowhere.error().describe(), Catch::Contains("No such file or directory"));
}

TEST_CASE("csv export: a full disk gives an error and leaves no file, not a partial CSV",
          "[output]") {
    const fs::path dir = fresh_dir("csv");
    const std::string rows(20000, 'x'); // more than the limit below
    app::ExportOutcome outcome;
    {
        FileSizeLimit limit(4000);
        outcome = app::write_text_export(dir, "series", ".csv", rows);
    }
    CHECK_FALSE(outcome.ok());
    CHECK_THAT(outcome.error, Catch::Contains("failed (disk full?)"));
    CHECK(names_in(dir).empty());
    CHECK(app::write_text_export(dir, "series", ".csv", rows).ok()); // room again: written
    CHECK(fs::file_size(dir / "series.csv") == rows.size());
}

TEST_CASE("csv export: NaN and infinity are empty cells, never \"nan\" or \"inf\"", "[output]") {
    app::LiveSample sample;
    sample.time_s = 1.5;
    sample.gsv_ankle_mmHg = std::numeric_limits<float>::quiet_NaN();
    sample.deep_ankle_mmHg = std::numeric_limits<float>::infinity();
    sample.calf_volume_ml = 90.5f;
    const std::string csv = app::series_csv({sample});
    CHECK(csv.find("nan") == std::string::npos);
    CHECK(csv.find("inf") == std::string::npos);
    CHECK_THAT(csv, Catch::Contains("\n1.5,,,90.5,0,0,"));
}

TEST_CASE("recorder: an ffmpeg that hangs at the probe is stopped, PNG frames instead",
          "[output][record]") {
    const fs::path dir = fresh_dir("probe_hangs");
    testing::ScopedEnv fake("SECONDHEART_FFMPEG", script(dir, "exec sleep 60\n").string());
    const auto t0 = std::chrono::steady_clock::now();
    const app::EncoderProbe probe = app::probe_video_encoder(dir / "ffmpeg", 300ms);
    CHECK(std::chrono::steady_clock::now() - t0 < 3s);
    CHECK_THAT(probe.problem, Catch::Contains("did not answer `ffmpeg -encoders` within 0.3 s"));

    app::RecordingOptions o = recording(dir, 8, 8);
    o.probe_timeout = 300ms;
    auto started = app::FrameRecorder::start(o);
    REQUIRE(started.recorder);
    CHECK_FALSE(started.recorder->uses_ffmpeg());
    CHECK_THAT(started.note,
               Catch::Contains("did not answer") && Catch::Contains("writing PNG frames to"));
    CHECK(started.recorder->push(shared_frame(8, 8)));
    CHECK_THAT(started.recorder->stop(), Catch::Contains("1 frames, PNG frames in"));
}

TEST_CASE("recorder: a broken ffmpeg (exit 1) is named, PNG frames instead", "[output][record]") {
    const fs::path dir = fresh_dir("probe_fails");
    testing::ScopedEnv fake("SECONDHEART_FFMPEG", script(dir, "exit 1\n").string());
    const app::EncoderProbe probe = app::probe_video_encoder(dir / "ffmpeg", 5s);
    CHECK_THAT(probe.problem, Catch::Contains("failed with exit status 1"));
}

TEST_CASE("recorder: an ffmpeg that stops taking frames is stopped, its partial video removed, "
          "the rest PNG frames, and the run marked failed",
          "[output][record]") {
    const fs::path dir = fresh_dir("frames_hang");
    testing::ScopedEnv fake(
        "SECONDHEART_FFMPEG",
        script(dir, "case \"$*\" in *-encoders*) echo ' V....D libx264 H.264'; exit 0;; esac\n"
                    "for last; do :; done\n"
                    ": > \"$last\"\n" // it created its output, then hangs without reading
                    "exec sleep 60\n")
            .string());
    app::RecordingOptions o = recording(dir, 128, 128); // 64 kB a frame: the pipe is full after one
    o.frame_timeout = 300ms;
    auto started = app::FrameRecorder::start(o);
    REQUIRE(started.recorder);
    REQUIRE(started.recorder->uses_ffmpeg());
    for (int i = 0; i < 4; ++i) CHECK(started.recorder->push(shared_frame(128, 128)));
    const auto t0 = std::chrono::steady_clock::now();
    const std::string summary = started.recorder->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 5s);
    CHECK_THAT(summary, Catch::Contains("4 frames") &&
                            Catch::Contains("FAILED: ffmpeg stopped taking frames") &&
                            Catch::Contains("it took no data for 0.3 s") &&
                            Catch::Contains("removed the partial video"));
    CHECK(app::any_output_failed());
    CHECK_FALSE(fs::exists(o.path));
    int pngs = 0, hidden = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        pngs += e.path().extension() == ".png";
        hidden += e.path().filename().string().front() == '.';
    }
    CHECK(pngs >= 3); // the frames after the stall, complete
    CHECK(hidden == 0);
}

TEST_CASE("recorder: ffmpeg failing at the end leaves no video under the requested name",
          "[output][record]") {
    const fs::path dir = fresh_dir("finish_fails");
    testing::ScopedEnv fake(
        "SECONDHEART_FFMPEG",
        script(dir, "case \"$*\" in *-encoders*) echo ' V....D mpeg4 MPEG-4'; exit 0;; esac\n"
                    "for last; do :; done\n"
                    "cat > \"$last\"\n"
                    "echo 'stand-in: No space left on device' >&2\n"
                    "exit 1\n")
            .string());
    const app::RecordingOptions o = recording(dir, 8, 8);
    auto started = app::FrameRecorder::start(o);
    REQUIRE(started.recorder);
    CHECK(started.recorder->push(shared_frame(8, 8)));
    const std::string summary = started.recorder->stop();
    CHECK_THAT(summary, Catch::Contains("FAILED: ffmpeg exited with status 1") &&
                            Catch::Contains("the partial video was removed"));
    CHECK_FALSE(fs::exists(o.path));
    CHECK(names_in(dir) == std::vector<std::string>{"ffmpeg"});
}
