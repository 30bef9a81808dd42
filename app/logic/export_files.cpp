#include "export_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace sh::app {
namespace fs = std::filesystem;

namespace {

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? std::string(v) : std::string();
}

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::is_directory(p, ec);
}

} // namespace

fs::path default_export_dir(const std::string& setting) {
    if (!setting.empty()) return setting;
    if (const std::string pictures = env("XDG_PICTURES_DIR"); is_dir(pictures))
        return fs::path(pictures) / "SecondHeart";
    const std::string home = env("HOME");
    if (!home.empty() && is_dir(fs::path(home) / "Pictures"))
        return fs::path(home) / "Pictures" / "SecondHeart";
    fs::path data = env("XDG_DATA_HOME");
    if (data.empty())
        data = home.empty() ? fs::temp_directory_path() : fs::path(home) / ".local/share";
    return data / "secondheart" / "exports";
}

std::string timestamped_stem(const std::string& prefix, std::chrono::system_clock::time_point t) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm local{};
    localtime_r(&secs, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d_%H-%M-%S", &local);
    return prefix + "-" + text;
}

ExportOutcome prepare_export_dir(const fs::path& dir, const std::string& what) {
    const std::string hint = what == "export folder"
                                 ? " (set \"export_dir\" in the settings file to choose another)"
                                 : "";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir, ec))
        return {dir, "cannot create the " + what + " " + dir.string() + ": " +
                         (ec ? ec.message() : std::string("a file of that name is in the way")) +
                         hint};
    // Writable? Checked by creating a file, which is what matters (access() lies for root).
    const fs::path probe = dir / (".secondheart-write-test-" + std::to_string(::getpid()));
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return {dir, "cannot write to the " + what + " " + dir.string() + ": " +
                         std::strerror(errno) + hint};
    ::close(fd);
    ::unlink(probe.c_str());
    return {dir, {}};
}

fs::path unused_path(const fs::path& dir, const std::string& stem, const std::string& ext) {
    std::error_code ec;
    fs::path p = dir / (stem + ext);
    for (int n = 2; fs::exists(p, ec) || fs::is_symlink(p, ec); ++n)
        p = dir / (stem + "-" + std::to_string(n) + ext);
    return p;
}

ExportOutcome write_export(const fs::path& dir, const std::string& stem, const std::string& ext,
                           const std::function<std::string(const fs::path&)>& write) {
    ExportOutcome ready = prepare_export_dir(dir);
    if (!ready.ok()) return ready;
    // Hidden temporary name in the same folder, so the final link is on the same file system.
    const fs::path tmp = dir / ("." + stem + ".tmp-" + std::to_string(::getpid()) + ext);
    if (std::string why = write(tmp); !why.empty()) {
        ::unlink(tmp.c_str());
        return {dir / (stem + ext), why};
    }
    for (int attempt = 0; attempt < 1000; ++attempt) {
        const fs::path final_path = unused_path(dir, stem, ext);
        if (::link(tmp.c_str(), final_path.c_str()) == 0) {
            ::unlink(tmp.c_str());
            return {final_path, {}};
        }
        if (errno != EEXIST) {
            const std::string why = std::strerror(errno);
            ::unlink(tmp.c_str());
            return {final_path, "cannot name the file " + final_path.string() + ": " + why};
        }
        // Taken between the check and the link (another export): try the next number.
    }
    ::unlink(tmp.c_str());
    return {dir / (stem + ext), "no free file name for " + stem + ext + " in " + dir.string()};
}

ExportOutcome write_text_export(const fs::path& dir, const std::string& stem,
                                const std::string& ext, const std::string& text) {
    return write_export(dir, stem, ext, [&](const fs::path& tmp) -> std::string {
        std::FILE* f = std::fopen(tmp.c_str(), "wb");
        if (f == nullptr) return "cannot write " + tmp.string() + ": " + std::strerror(errno);
        bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
        ok = std::fflush(f) == 0 && ok;
        ok = ::fsync(::fileno(f)) == 0 && ok; // on disk before it gets its name
        ok = std::fclose(f) == 0 && ok;
        return ok ? std::string() : "writing " + tmp.string() + " failed (disk full?)";
    });
}

} // namespace sh::app
