#include "anatomy/leggen.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using namespace sh::anatomy;
using namespace sh::anatomy::test;

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}
} // namespace

TEST_CASE("regenerating the default leg gives the committed files byte for byte",
          "[anatomy][files]") {
    const auto dir = scratch_dir("regen");
    const LeggenResult r = write_default_leg(dir);
    REQUIRE(r.error.empty());
    REQUIRE_FALSE(r.files.empty());
    std::vector<std::string> names{"manifest.json", "landmarks.json"};
    std::size_t bytes = 0;
    for (const auto& f : r.files) {
        names.push_back(f.role + ".gltf");
        names.push_back(f.role + ".bin");
        bytes += f.bytes;
    }
    CHECK(bytes < 6u * 1024u * 1024u);
    for (const auto& n : names) {
        INFO(n);
        const std::string committed = slurp(asset_dir() / n);
        CHECK_FALSE(committed.empty());
        CHECK(slurp(dir / n) == committed);
    }
    CHECK(verify_written_leg(dir).empty());
}
