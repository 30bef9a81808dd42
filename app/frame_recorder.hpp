#pragma once
// Recording the window to video: frames (RGBA8, read back by the frame loop) go to a writer
// thread that pipes them raw into ffmpeg (H.264 through libx264 when this ffmpeg has it, else
// MPEG-4 part 2), or, without ffmpeg, writes them as numbered PNG files into a folder. The
// frame thread only queues a pointer; when the writer falls behind, a live recording drops the
// frame (and counts it) rather than stall the window, a headless one waits.
//
// ffmpeg is looked up on PATH; SECONDHEART_FFMPEG=PATH picks another executable, and a value
// that is not an executable file (e.g. /nonexistent) means "no ffmpeg" (tests use that).
//
// A broken or hung ffmpeg never hangs the program: its `-encoders` probe has a time limit, and
// an ffmpeg that fails it is treated like none (PNG frames, with a message). The pipe is
// non-blocking with a time limit on each frame; when ffmpeg stops taking frames (it died, or
// hangs) it is killed, its partial video removed, and the rest of the recording goes to PNG
// frames, with the failure in the summary. The video is written under a hidden temporary name
// and renamed only when ffmpeg finished cleanly, so a full disk never leaves a cut-off video
// under the requested name. Every failure is recorded for the exit code (output_failures.hpp).

#include "offscreen_target.hpp" // RgbaPixels

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace sh::app {

std::optional<std::filesystem::path> find_ffmpeg();

// "libx264" when `ffmpeg -encoders` lists it, else "mpeg4" (every ffmpeg build has that one);
// `problem` says why this ffmpeg cannot be used (it did not answer within `timeout`, and was
// killed, or it exited with an error), and is empty when it can.
struct EncoderProbe {
    std::string encoder;
    std::string problem;
};
EncoderProbe probe_video_encoder(const std::filesystem::path& ffmpeg,
                                 std::chrono::milliseconds timeout);

struct RecordingOptions {
    std::filesystem::path path; // the video file; without ffmpeg, PNGs go to <path stem>_frames/
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int fps = 30;
    bool wait_when_behind = false; // headless: never drop a frame
    std::size_t max_queued = 8;    // frames waiting for the writer (each width*height*4 bytes)
    // Time limits for ffmpeg: its `-encoders` answer, taking one frame, finishing the file.
    std::chrono::milliseconds probe_timeout{5000};
    std::chrono::milliseconds frame_timeout{10000};
    std::chrono::milliseconds finish_timeout{60000};
};

class FrameRecorder {
public:
    // Starts ffmpeg or creates the PNG folder. The error says what failed and where.
    struct Started;
    static Started start(const RecordingOptions& options);

    ~FrameRecorder(); // stop()
    FrameRecorder(const FrameRecorder&) = delete;
    FrameRecorder& operator=(const FrameRecorder&) = delete;

    // Queues a frame that stands for `repeats` video frames (the window rendered slower than
    // the video's rate). False when its size is not the recording's: the caller stops.
    bool push(std::shared_ptr<const RgbaPixels> frame, int repeats = 1);
    // Writes what is queued, closes ffmpeg's input and waits for it; a sentence for the user
    // (frames written, dropped, where, or what went wrong). Idempotent.
    std::string stop();

    const std::filesystem::path& output() const { return output_; } // file or PNG folder
    bool uses_ffmpeg() const { return ffmpeg_pid_ > 0; }
    std::uint32_t width() const { return options_.width; }
    std::uint32_t height() const { return options_.height; }
    std::string description() const; // "H.264 video x.mp4" or "PNG frames in x_frames/"

private:
    explicit FrameRecorder(RecordingOptions options) : options_(std::move(options)) {}
    void write_loop();
    bool write_frame(const RgbaPixels& frame, int repeats);
    std::string start_ffmpeg(const std::filesystem::path& ffmpeg); // "" or why not
    std::string start_png_frames();                                // "" or why not
    void switch_to_png_frames(const std::string& why);             // ffmpeg failed mid-way
    bool write_png_frame(const RgbaPixels& frame, bool repeat);

    RecordingOptions options_;
    std::filesystem::path output_;
    std::string encoder_;                 // ffmpeg's encoder, empty for PNG frames
    std::filesystem::path partial_video_; // ffmpeg writes here; renamed to output_ when done
    std::atomic<int> ffmpeg_pid_{-1}; // -1 after a switch to PNG frames (writer thread)
    int pipe_fd_ = -1;              // ffmpeg's stdin (non-blocking)
    std::uint64_t written_ = 0;     // video frames (repeats counted)
    std::uint64_t png_written_ = 0; // of which PNG frames (numbers the files)
    std::string video_failure_;     // ffmpeg failed mid-way: the rest went to PNG frames
    std::uint64_t dropped_ = 0;
    std::string error_; // first write failure (the writer stops writing)
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::pair<std::shared_ptr<const RgbaPixels>, int>> queue_;
    bool closing_ = false;
    bool stopped_ = false;
    std::thread writer_;
};

struct FrameRecorder::Started {
    std::unique_ptr<FrameRecorder> recorder;
    std::string error;
    std::string note; // e.g. "ffmpeg not found: writing PNG frames instead"
};

} // namespace sh::app
