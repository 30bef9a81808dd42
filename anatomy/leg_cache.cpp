#include "anatomy/leg_cache.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <system_error>
#include <unistd.h>

namespace sh::anatomy {
namespace {

namespace fs = std::filesystem;

// A name no other process or thread uses at the same time: pid, a per-process counter and a
// random number (threads of one process share the pid).
fs::path private_sibling(const fs::path& dir, const char* kind) {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    const std::string name = "." + dir.filename().string() + "." + kind + "-" +
                             std::to_string(static_cast<long>(::getpid())) + "-" +
                             std::to_string(counter.fetch_add(1)) + "-" + std::to_string(rd());
    return dir.parent_path() / name;
}

std::string slurp(const fs::path& p, bool& ok) {
    std::ifstream f(p, std::ios::binary);
    ok = static_cast<bool>(f);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

} // namespace

bool same_files(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    std::size_t compared = 0;
    for (const fs::directory_entry& e : fs::directory_iterator(a, ec)) {
        if (!e.is_regular_file(ec)) continue;
        const fs::path other = b / e.path().filename();
        if (fs::file_size(e.path(), ec) != fs::file_size(other, ec) || ec) return false;
        bool ok_a = false, ok_b = false;
        if (slurp(e.path(), ok_a) != slurp(other, ok_b) || !ok_a || !ok_b) return false;
        ++compared;
    }
    return !ec && compared > 0;
}

LeggenResult publish_default_leg(const fs::path& dir, double detail) {
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    if (ec) return {{}, dir.parent_path().string() + ": cannot create (" + ec.message() + ")"};
    const fs::path tmp = private_sibling(dir, "writing");
    LeggenResult r = write_default_leg(tmp, detail);
    if (!r.error.empty()) {
        fs::remove_all(tmp, ec);
        return r;
    }
    // A few rounds: another process may publish or move the folder between our steps.
    for (int attempt = 0; attempt < 8; ++attempt) {
        // rename(2) onto a missing (or empty) folder is atomic; onto a full one it fails.
        fs::rename(tmp, dir, ec);
        if (!ec) return r;
        if (same_files(tmp, dir)) { // someone else already published this very set
            fs::remove_all(tmp, ec);
            return r;
        }
        if (!fs::exists(dir)) continue; // moved away meanwhile: try again
        // An older set: move it aside (atomic), then retry putting ours in place.
        const fs::path old = private_sibling(dir, "old");
        fs::rename(dir, old, ec);
        if (!ec) fs::remove_all(old, ec);
    }
    fs::remove_all(tmp, ec);
    r.error = dir.string() + ": could not replace the folder (another process keeps changing it)";
    return r;
}

} // namespace sh::anatomy
