// Mesh files that must be refused with a message naming them, never used as they are: a
// degenerate one (its points nearly coincide: it would be "scaled by 3.3e+10"), one too large to
// read in reasonable time and memory, one with too many vertices, and a mistyped unit.
#include "anatomy/mesh_loader.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/geometric.hpp>
#include <filesystem>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

using namespace sh::anatomy;
namespace fs = std::filesystem;

namespace {

fs::path scratch() {
    const fs::path dir =
        fs::temp_directory_path() / ("secondheart-bad-meshes-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

// A tetrahedron with edges of `size` (file units) as OBJ.
fs::path tetrahedron(const char* name, double size) {
    const fs::path p = scratch() / name;
    std::ofstream obj(p);
    obj << "v 0 0 0\nv " << size << " 0 0\nv 0 " << size << " 0\nv 0 0 " << size << "\n"
        << "f 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n";
    return p;
}

// The default structure a user's mesh replaces: a 10 x 10 x 30 cm box's corners.
Mesh default_structure() {
    Mesh m;
    m.role = "soleus";
    m.positions = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 30}};
    m.indices = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
    m.bounds = compute_bounds(m.positions);
    return m;
}

} // namespace

TEST_CASE("meshes: a degenerate mesh is refused, not scaled by 1e10", "[mesh]") {
    const Mesh fallback = default_structure();
    std::vector<std::string> messages;
    MeshOverride o{"soleus", tetrahedron("speck.obj", 1e-9), Units::Unknown, Axes::Auto};
    const Mesh used = resolve_override(o, fallback, messages);
    CHECK(used.positions == fallback.positions); // the default stands in
    REQUIRE_FALSE(messages.empty());
    CHECK_THAT(messages.back(), Catch::Contains("speck.obj") && Catch::Contains("degenerate") &&
                                    Catch::Contains("using the default soleus"));

    // The same with units given: a speck in millimetres is no soleus either.
    messages.clear();
    o.units = Units::Millimetre;
    CHECK(resolve_override(o, fallback, messages).positions == fallback.positions);
    CHECK_THAT(messages.back(), Catch::Contains("degenerate"));
}

TEST_CASE("meshes: a small but real mesh without units is still fitted", "[mesh]") {
    const Mesh fallback = default_structure();
    std::vector<std::string> messages;
    const MeshOverride o{"soleus", tetrahedron("small.obj", 0.5), Units::Unknown, Axes::Auto};
    const Mesh used = resolve_override(o, fallback, messages);
    CHECK(used.positions != fallback.positions);
    CHECK_THAT(messages.back(), Catch::Contains("no units given; scaled by"));
    // Fitted with its own proportions (one uniform scale: its three edges along the axes keep
    // one length, the other three are sqrt(2) times it) to the default's size (its box fits in
    // the default's 10 x 10 x 30 box: edges of 10 cm).
    std::vector<float> edges;
    for (std::size_t i = 0; i < used.positions.size(); ++i)
        for (std::size_t j = i + 1; j < used.positions.size(); ++j)
            edges.push_back(glm::length(used.positions[i] - used.positions[j]));
    std::sort(edges.begin(), edges.end());
    REQUIRE(edges.size() == 6);
    CHECK(edges[0] == Approx(edges[2]).epsilon(1e-4));
    CHECK(edges[3] == Approx(edges[0] * std::sqrt(2.0f)).epsilon(1e-4));
    CHECK(edges[0] == Approx(10.0f).epsilon(1e-3));
}

TEST_CASE("meshes: a file over the size limit is refused before it is read", "[mesh]") {
    const fs::path big = scratch() / "huge.obj";
    { std::ofstream(big) << "v 0 0 0\n"; }
    fs::resize_file(big, k_max_mesh_file_bytes + (1u << 20)); // sparse: no disk space used
    const LoadResult r = load_mesh_file(big, "soleus");
    CHECK_FALSE(r.mesh);
    CHECK_THAT(r.error, Catch::Contains("huge.obj: 65 MB, larger than the 64 MB a mesh may be"));
    fs::remove(big);
}

TEST_CASE("meshes: a large file says so before it is read (the read then takes a while)",
          "[mesh]") {
    // One triangle padded with comment lines past the progress threshold.
    const fs::path big = scratch() / "large.obj";
    {
        std::ofstream obj(big);
        const std::string comment = "# " + std::string(1021, '.') + "\n"; // 1 KiB a line
        for (std::uintmax_t n = 0; n <= k_mesh_progress_bytes / 1024; ++n) obj << comment;
        obj << "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n";
    }
    // stderr into a file for the duration of the load.
    const fs::path log = scratch() / "large.log";
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int file = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(file, 2);
    const LoadResult r = load_mesh_file(big, "soleus");
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(file);
    CHECK(r.mesh);
    std::ifstream in(log);
    const std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK_THAT(said, Catch::Contains("reading " + big.string() + " (8 MB): a large mesh takes a "
                                                                 "while"));
    fs::remove(big);
}

TEST_CASE("meshes: more vertices than the limit are refused with the count", "[mesh]") {
    ImportOptions options;
    options.max_vertices = 3;
    const LoadResult r = load_mesh_file(tetrahedron("four.obj", 2.0), "soleus", options);
    CHECK_FALSE(r.mesh);
    CHECK_THAT(r.error, Catch::Contains("4 vertices, more than the 3 a mesh may have"));
    options.max_vertices = 4;
    CHECK(load_mesh_file(tetrahedron("four.obj", 2.0), "soleus", options).mesh);
}

TEST_CASE("meshes: a mistyped unit or axes is named, not reported as a missing file", "[mesh]") {
    const OverrideParse units = parse_mesh_override("soleus=soleus.obj:furlongs");
    CHECK_FALSE(units.value);
    CHECK_THAT(units.error, Catch::Contains("unknown units or axes 'furlongs'") &&
                                Catch::Contains("mm|cm|m|in"));
    const OverrideParse axes = parse_mesh_override("soleus=soleus.obj:mm:sideways");
    CHECK_FALSE(axes.value);
    CHECK_THAT(axes.error, Catch::Contains("unknown units or axes 'sideways'"));
    // A colon that belongs to an existing file's name stays part of the path.
    const fs::path odd = tetrahedron("take:2", 1.0);
    const OverrideParse kept = parse_mesh_override("soleus=" + odd.string());
    REQUIRE(kept.value);
    CHECK(kept.value->path == odd);
    const OverrideParse good = parse_mesh_override("soleus=soleus.obj:mm:z-up");
    REQUIRE(good.value);
    CHECK(good.value->units == Units::Millimetre);
}
