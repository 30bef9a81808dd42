#include "frame_recorder.hpp"

#include "export_files.hpp"
#include "png_writer.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace sh::app {
namespace fs = std::filesystem;

namespace {

bool executable_file(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
}

// fork + exec with argv built before the fork (only async-signal-safe calls in the child).
// stdin_fd / stdout_fd: descriptors to put in place of 0 / 1 in the child, or -1 to keep.
int spawn(const std::vector<std::string>& args, int stdin_fd, int stdout_fd) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (stdin_fd >= 0) ::dup2(stdin_fd, 0);
        if (stdout_fd >= 0) ::dup2(stdout_fd, 1);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int wait_exit(int pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool write_all(int fd, const std::uint8_t* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
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

std::string pick_video_encoder(const fs::path& ffmpeg) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return "mpeg4";
    const int pid =
        spawn({ffmpeg.string(), "-hide_banner", "-loglevel", "error", "-encoders"}, -1, fds[1]);
    ::close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    if (pid > 0) (void)wait_exit(pid);
    return out.find(" libx264 ") != std::string::npos ? "libx264" : "mpeg4";
}

FrameRecorder::Started FrameRecorder::start(const RecordingOptions& options) {
    Started s;
    if (options.width == 0 || options.height == 0)
        return {nullptr,
                "cannot record a " + std::to_string(options.width) + "x" +
                    std::to_string(options.height) + " frame",
                {}};
    std::unique_ptr<FrameRecorder> r(new FrameRecorder(options));
    const fs::path parent =
        options.path.has_parent_path() ? options.path.parent_path() : fs::path(".");
    if (ExportOutcome dir = prepare_export_dir(parent, "recording's folder"); !dir.ok())
        return {nullptr, dir.error, {}};

    if (const auto ffmpeg = find_ffmpeg()) {
        r->encoder_ = pick_video_encoder(*ffmpeg);
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return {nullptr,
                    std::string("cannot create a pipe to ffmpeg: ") + std::strerror(errno),
                    {}};
        const std::string size =
            std::to_string(options.width) + "x" + std::to_string(options.height);
        std::vector<std::string> args = {
            ffmpeg->string(), "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo",
            "-pix_fmt", "rgba", "-s", size, "-r", std::to_string(options.fps), "-i", "-",
            // yuv420p needs even sides: pad odd ones by a pixel
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", r->encoder_};
        if (r->encoder_ == "libx264")
            args.insert(args.end(), {"-preset", "veryfast", "-crf", "20"});
        else
            args.insert(args.end(), {"-q:v", "3"});
        args.insert(args.end(), {"-pix_fmt", "yuv420p", options.path.string()});
        r->ffmpeg_pid_ = spawn(args, fds[0], -1);
        ::close(fds[0]);
        if (r->ffmpeg_pid_ <= 0) {
            ::close(fds[1]);
            return {nullptr, std::string("cannot start ffmpeg: ") + std::strerror(errno), {}};
        }
        r->pipe_fd_ = fds[1];
        r->output_ = options.path;
    } else {
        // No ffmpeg: numbered PNGs in a new folder beside where the video would have gone.
        fs::path folder = unused_path(parent, options.path.stem().string() + "_frames", "");
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec)
            return {nullptr,
                    "cannot create the frame folder " + folder.string() + ": " + ec.message(),
                    {}};
        r->output_ = folder;
        s.note = "ffmpeg was not found (install the Debian package ffmpeg for video): writing "
                 "PNG frames to " +
                 folder.string() + "/ instead";
    }
    r->writer_ = std::thread([rec = r.get()] { rec->write_loop(); });
    s.recorder = std::move(r);
    return s;
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

bool FrameRecorder::write_frame(const RgbaPixels& frame, int repeats) {
    for (int k = 0; k < repeats; ++k) {
        const std::uint64_t index = written_ + 1;
        if (pipe_fd_ >= 0) {
            if (!write_all(pipe_fd_, frame.data.data(), frame.data.size())) {
                std::lock_guard lock(mutex_);
                error_ = std::string("ffmpeg stopped taking frames (") + std::strerror(errno) +
                         "); see its messages above";
                return false;
            }
        } else {
            char name[32];
            std::snprintf(name, sizeof name, "frame_%06llu.png",
                          static_cast<unsigned long long>(index));
            const fs::path file = output_ / name;
            bool ok = false;
            if (k > 0) { // a repeat: the same image again, as a hard link (no encoding, no space)
                char prev[32];
                std::snprintf(prev, sizeof prev, "frame_%06llu.png",
                              static_cast<unsigned long long>(index - 1));
                ok = ::link((output_ / prev).c_str(), file.c_str()) == 0;
            }
            if (!ok) {
                auto result = write_png(file, frame);
                if (!result) {
                    std::lock_guard lock(mutex_);
                    error_ = result.error().describe();
                    return false;
                }
            }
        }
        written_ = index;
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
    int exit_code = 0;
    if (pipe_fd_ >= 0) {
        ::close(pipe_fd_); // end of input: ffmpeg finishes the file
        pipe_fd_ = -1;
    }
    if (ffmpeg_pid_ > 0) exit_code = wait_exit(ffmpeg_pid_);
    std::string msg =
        "recording stopped: " + std::to_string(written_) + " frames, " + description();
    if (dropped_ != 0)
        msg += " (" + std::to_string(dropped_) + " frames dropped: the writer fell behind)";
    if (!error_.empty())
        msg += "; FAILED: " + error_;
    else if (exit_code != 0)
        msg += "; FAILED: ffmpeg exited with status " + std::to_string(exit_code) +
               " (see its messages above)";
    return msg;
}

} // namespace sh::app
