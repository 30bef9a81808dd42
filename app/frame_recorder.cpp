#include "frame_recorder.hpp"

#include "child_process.hpp"
#include "export_files.hpp"
#include "output_failures.hpp"
#include "png_writer.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace sh::app {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

bool executable_file(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
}

} // namespace

std::optional<fs::path> find_ffmpeg() {
    if (const char* chosen = std::getenv("SECONDHEART_FFMPEG"); chosen != nullptr && *chosen) {
        if (executable_file(chosen)) return fs::path(chosen);
        return std::nullopt;
    }
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        const fs::path candidate =
            fs::path(end > start ? dirs.substr(start, end - start) : ".") / "ffmpeg";
        if (executable_file(candidate)) return candidate;
        start = end + 1;
    }
    return std::nullopt;
}

EncoderProbe probe_video_encoder(const fs::path& ffmpeg, milliseconds timeout) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return {"mpeg4", {}};
    const int pid =
        spawn({ffmpeg.string(), "-hide_banner", "-loglevel", "error", "-encoders"}, -1, fds[1]);
    ::close(fds[1]);
    if (pid <= 0) {
        ::close(fds[0]);
        return {"", std::string("cannot be started: ") + std::strerror(errno)};
    }
    const Clock::time_point deadline = Clock::now() + timeout;
    std::string out;
    bool timed_out = false;
    char buf[4096];
    for (;;) {
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, ms_left(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) {
            timed_out = true;
            break;
        }
        const ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (timed_out) {
        kill_group(pid);
        (void)wait_exit_within(pid, milliseconds(1000));
        return {"", "did not answer `ffmpeg -encoders` within " + seconds_text(timeout) +
                        " (stopped it)"};
    }
    const std::optional<int> status = wait_exit_within(pid, milliseconds(ms_left(deadline)));
    if (!status)
        return {"", "did not exit after `ffmpeg -encoders` within " + seconds_text(timeout) +
                        " (stopped it)"};
    if (*status != 0)
        return {"", "`ffmpeg -encoders` failed with exit status " + std::to_string(*status)};
    return {out.find(" libx264 ") != std::string::npos ? "libx264" : "mpeg4", {}};
}

FrameRecorder::Started FrameRecorder::start(const RecordingOptions& options) {
    Started s;
    const auto fail = [&](std::string why) {
        note_output_failure("recording " + options.path.string() + ": " + why);
        return Started{nullptr, std::move(why), {}};
    };
    if (options.width == 0 || options.height == 0)
        return fail("cannot record a " + std::to_string(options.width) + "x" +
                    std::to_string(options.height) + " frame");
    std::unique_ptr<FrameRecorder> r(new FrameRecorder(options));
    const fs::path parent =
        options.path.has_parent_path() ? options.path.parent_path() : fs::path(".");
    if (ExportOutcome dir = prepare_export_dir(parent, "recording's folder"); !dir.ok())
        return fail(dir.error);

    std::string why_no_video = "ffmpeg was not found (install the Debian package ffmpeg for video)";
    if (const auto ffmpeg = find_ffmpeg()) {
        const EncoderProbe probe = probe_video_encoder(*ffmpeg, options.probe_timeout);
        std::string problem = probe.problem;
        if (problem.empty()) {
            r->encoder_ = probe.encoder;
            problem = r->start_ffmpeg(*ffmpeg);
        }
        if (problem.empty()) {
            r->writer_ = std::thread([rec = r.get()] { rec->write_loop(); });
            s.recorder = std::move(r);
            return s;
        }
        why_no_video = ffmpeg->string() + " " + problem;
    }
    // No usable ffmpeg: numbered PNGs in a new folder beside where the video would have gone.
    if (std::string why = r->start_png_frames(); !why.empty()) return fail(why);
    s.note = why_no_video + ": writing PNG frames to " + r->output_.string() + "/ instead";
    r->writer_ = std::thread([rec = r.get()] { rec->write_loop(); });
    s.recorder = std::move(r);
    return s;
}

std::string FrameRecorder::start_ffmpeg(const fs::path& ffmpeg) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return std::string("cannot get a pipe: ") + std::strerror(errno);
    const fs::path& path = options_.path;
    // ffmpeg picks the container from the extension, so the temporary name keeps it.
    partial_video_ = path.parent_path() / ("." + path.filename().string() + ".tmp-" +
                                           std::to_string(::getpid()) + path.extension().string());
    const std::string size = std::to_string(options_.width) + "x" + std::to_string(options_.height);
    std::vector<std::string> args = {ffmpeg.string(), "-hide_banner", "-loglevel", "error", "-y",
                                     "-f", "rawvideo", "-pix_fmt", "rgba", "-s", size, "-r",
                                     std::to_string(options_.fps), "-i", "-",
                                     // yuv420p needs even sides: pad odd ones by a pixel
                                     "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", encoder_};
    if (encoder_ == "libx264")
        args.insert(args.end(), {"-preset", "veryfast", "-crf", "20"});
    else
        args.insert(args.end(), {"-q:v", "3"});
    args.insert(args.end(), {"-pix_fmt", "yuv420p", partial_video_.string()});
    ffmpeg_pid_ = spawn(args, fds[0], -1);
    ::close(fds[0]);
    if (ffmpeg_pid_ <= 0) {
        ::close(fds[1]);
        return std::string("cannot be started: ") + std::strerror(errno);
    }
    // Non-blocking: a hung ffmpeg makes a write time out instead of blocking for ever.
    ::fcntl(fds[1], F_SETFL, ::fcntl(fds[1], F_GETFL) | O_NONBLOCK);
    pipe_fd_ = fds[1];
    output_ = path;
    return {};
}

std::string FrameRecorder::start_png_frames() {
    const fs::path parent =
        options_.path.has_parent_path() ? options_.path.parent_path() : fs::path(".");
    const fs::path folder = unused_path(parent, options_.path.stem().string() + "_frames", "");
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) return "cannot create the frame folder " + folder.string() + ": " + ec.message();
    encoder_.clear();
    output_ = folder;
    return {};
}

void FrameRecorder::switch_to_png_frames(const std::string& why) {
    if (pipe_fd_ >= 0) ::close(pipe_fd_);
    pipe_fd_ = -1;
    if (ffmpeg_pid_ > 0) {
        kill_group(ffmpeg_pid_);
        (void)wait_exit_within(ffmpeg_pid_, milliseconds(1000));
    }
    ffmpeg_pid_ = -1;
    ::unlink(partial_video_.c_str()); // a cut-off video is no use to anyone
    const fs::path video = output_;
    std::string failure = "ffmpeg " + why + "; stopped it and removed the partial video";
    if (std::string png = start_png_frames(); !png.empty()) {
        std::lock_guard lock(mutex_);
        error_ = failure + "; " + png;
        return;
    }
    std::fprintf(stderr, "secondheart: recording %s: %s; the rest goes to PNG frames in %s/\n",
                 video.c_str(), failure.c_str(), output_.c_str());
    std::lock_guard lock(mutex_);
    video_failure_ = failure + " (" + video.string() + ")";
}

FrameRecorder::~FrameRecorder() {
    (void)stop();
}

std::string FrameRecorder::description() const {
    if (encoder_.empty()) return "PNG frames in " + output_.string() + "/";
    return std::string(encoder_ == "libx264" ? "H.264" : "MPEG-4") + " video " + output_.string();
}

bool FrameRecorder::push(std::shared_ptr<const RgbaPixels> frame, int repeats) {
    if (!frame || frame->width != options_.width || frame->height != options_.height) return false;
    std::unique_lock lock(mutex_);
    if (closing_) return true;
    if (queue_.size() >= options_.max_queued) {
        if (!options_.wait_when_behind) {
            dropped_ += static_cast<std::uint64_t>(repeats);
            return true;
        }
        changed_.wait(lock, [this] { return queue_.size() < options_.max_queued || closing_; });
    }
    queue_.emplace_back(std::move(frame), std::max(1, repeats));
    changed_.notify_all();
    return true;
}

void FrameRecorder::write_loop() {
    // A dead ffmpeg must fail a write (EPIPE), not kill the program with SIGPIPE: the signal is
    // blocked in this thread, the only one that writes to the pipe.
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, nullptr);
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return; // closing and nothing left
        auto [frame, repeats] = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all();
        const bool failed = !error_.empty();
        lock.unlock();
        if (!failed) (void)write_frame(*frame, repeats);
        lock.lock();
    }
}

bool FrameRecorder::write_png_frame(const RgbaPixels& frame, bool repeat) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%06llu.png",
                  static_cast<unsigned long long>(png_written_ + 1));
    const fs::path file = output_ / name;
    if (repeat) { // the same image again, as a hard link (no encoding, no space)
        char prev[32];
        std::snprintf(prev, sizeof prev, "frame_%06llu.png",
                      static_cast<unsigned long long>(png_written_));
        if (::link((output_ / prev).c_str(), file.c_str()) == 0) {
            ++png_written_;
            return true;
        }
    }
    if (auto result = write_png(file, frame); !result) {
        std::lock_guard lock(mutex_);
        error_ = result.error().describe();
        return false;
    }
    ++png_written_;
    return true;
}

bool FrameRecorder::write_frame(const RgbaPixels& frame, int repeats) {
    for (int k = 0; k < repeats; ++k) {
        if (pipe_fd_ >= 0) {
            const std::string why = write_all_within(pipe_fd_, frame.data.data(), frame.data.size(),
                                                     options_.frame_timeout);
            if (!why.empty()) {
                switch_to_png_frames("stopped taking frames (" + why + ")");
                if (!error_.empty()) return false;
            }
        }
        if (pipe_fd_ < 0 && !write_png_frame(frame, k > 0)) return false;
        ++written_;
    }
    return true;
}

std::string FrameRecorder::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return {};
        stopped_ = true;
        closing_ = true;
    }
    changed_.notify_all();
    if (writer_.joinable()) writer_.join();
    std::string ffmpeg_failure;
    if (pipe_fd_ >= 0) {
        ::close(pipe_fd_); // end of input: ffmpeg finishes the file
        pipe_fd_ = -1;
    }
    if (ffmpeg_pid_ > 0) {
        const std::optional<int> status = wait_exit_within(ffmpeg_pid_, options_.finish_timeout);
        ffmpeg_pid_ = -1;
        if (!status)
            ffmpeg_failure = "ffmpeg did not finish the file within " +
                             seconds_text(options_.finish_timeout) + " (stopped it)";
        else if (*status != 0)
            ffmpeg_failure = "ffmpeg exited with status " + std::to_string(*status) +
                             " (see its messages above)";
        else if (::rename(partial_video_.c_str(), output_.c_str()) != 0)
            ffmpeg_failure =
                "cannot give the video its name " + output_.string() + ": " + std::strerror(errno);
        if (!ffmpeg_failure.empty()) {
            ::unlink(partial_video_.c_str());
            ffmpeg_failure += "; the partial video was removed";
        }
    }
    std::string msg =
        "recording stopped: " + std::to_string(written_) + " frames, " + description();
    if (dropped_ != 0)
        msg += " (" + std::to_string(dropped_) + " frames dropped: the writer fell behind)";
    std::string failure = !error_.empty() ? error_ : ffmpeg_failure;
    if (!video_failure_.empty())
        failure = video_failure_ + (failure.empty() ? "" : "; then " + failure);
    if (!failure.empty()) {
        msg += "; FAILED: " + failure;
        note_output_failure("recording: " + failure);
    }
    return msg;
}

} // namespace sh::app
