// The shared cache folder of the default leg (anatomy/leg_cache): concurrent generations into
// the same folder never leave a half-written set for a reader, an older set is replaced, and
// no temporary folder is left behind.
#include "anatomy/leg_cache.hpp"
#include "anatomy/leggen.hpp"
#include "test_support.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace sh::anatomy;
using namespace sh::anatomy::test;
namespace fs = std::filesystem;

namespace {
constexpr double k_detail = 0.5; // smaller files, same code path

std::size_t entries_in(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}
} // namespace

TEST_CASE("leg cache: concurrent generations publish one complete set, readers never see a "
          "partial one",
          "[anatomy][cache]") {
    const fs::path root = scratch_dir("leg_cache_race");
    const fs::path reference = root / "reference";
    REQUIRE(write_default_leg(reference, k_detail).error.empty());
    const fs::path dir = root / "cache" / "default-leg-detail-50";

    std::atomic<bool> writing{true};
    std::atomic<int> partial_seen{0}, complete_seen{0};
    // A reader polling the folder the whole time: whenever it holds a manifest, every file of
    // the reference set must be there with its full bytes.
    std::thread reader([&] {
        while (writing.load()) {
            if (fs::exists(dir / "manifest.json")) {
                if (same_files(reference, dir))
                    ++complete_seen;
                else
                    ++partial_seen;
            }
            std::this_thread::yield();
        }
    });
    std::vector<std::thread> writers;
    std::vector<std::string> errors(4);
    for (std::size_t i = 0; i < errors.size(); ++i)
        writers.emplace_back([&, i] { errors[i] = publish_default_leg(dir, k_detail).error; });
    for (auto& w : writers) w.join();
    writing = false;
    reader.join();

    for (const std::string& e : errors) CHECK(e.empty());
    CHECK(partial_seen.load() == 0);
    INFO("the reader saw the complete set " << complete_seen.load() << " times");
    CHECK(same_files(reference, dir));
    CHECK(verify_written_leg(dir).empty());
    // Only the published folder is left: no ".default-leg-detail-50.writing-*" or ".old-*".
    CHECK(entries_in(dir.parent_path()) == 1u);
}

TEST_CASE("leg cache: an older set is replaced by the current one", "[anatomy][cache]") {
    const fs::path root = scratch_dir("leg_cache_stale");
    const fs::path dir = root / "default-leg";
    fs::create_directories(dir);
    std::ofstream(dir / "manifest.json") << "{\"from\": \"an older generator\"}";
    std::ofstream(dir / "obsolete.gltf") << "{}";
    const LeggenResult r = publish_default_leg(dir, k_detail);
    REQUIRE(r.error.empty());
    CHECK_FALSE(fs::exists(dir / "obsolete.gltf"));
    CHECK(verify_written_leg(dir).empty());
    CHECK(entries_in(root) == 1u);
    // Publishing the same set again keeps the folder as it is.
    const auto before = fs::last_write_time(dir / "manifest.json");
    REQUIRE(publish_default_leg(dir, k_detail).error.empty());
    CHECK(fs::last_write_time(dir / "manifest.json") == before);
    CHECK(entries_in(root) == 1u);
}

TEST_CASE("leg cache: an unwritable place is reported, not thrown", "[anatomy][cache]") {
    const fs::path root = scratch_dir("leg_cache_bad");
    std::ofstream(root / "a-file") << "not a folder";
    const LeggenResult r = publish_default_leg(root / "a-file" / "default-leg", k_detail);
    CHECK_FALSE(r.error.empty());
    CHECK(r.error.find("a-file") != std::string::npos);
}
