// Several files of one atlas (--mesh atlas=FOLDER or atlas=SET.json) are placed as one set: one
// similarity for all, so their relative places are kept; names tell roles and sides; bad sets
// are named. The meshes are made here in an atlas-like frame (atlas_shapes.hpp).
#include "anatomy/atlas_set.hpp"
#include "anatomy/default_leg.hpp"
#include "anatomy/leg_skinning.hpp"
#include "atlas_shapes.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <glm/geometric.hpp>

using namespace sh::anatomy;
using namespace sh::anatomy::test;

namespace {

// Atlas-frame centres (mm) of a right tibia, fibula (32 mm lateral: -x, 10 mm posterior: +y)
// and soleus (behind both), about 100 mm right of the midline.
const glm::dvec3 kTibia{-100, 0, 250}, kFibula{-132, 10, 230}, kSoleus{-108, 45, 260};

void write_right_leg_set(const std::filesystem::path& dir, const std::string& tibia,
                         const std::string& fibula, const std::string& soleus) {
    write_obj(cylinder_mm(kTibia.x, kTibia.y, 13, 80, 420), dir / tibia);
    write_obj(cylinder_mm(kFibula.x, kFibula.y, 6, 60, 400), dir / fibula);
    write_obj(ellipsoid_mm(kSoleus, 28, 28, 18, 18, 130), dir / soleus);
}

LoadedLeg load_with(const std::string& spec) {
    return load_leg(manifest_path(), {spec});
}

std::string all(const std::vector<std::string>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m + "\n";
    return s;
}

glm::dvec3 centroid(const Mesh& m) {
    return surface_moments({&m}).centroid;
}

// The atlas offset b - a in the leg's axes (the half turn about z), in cm.
glm::dvec3 leg_offset(const glm::dvec3& a, const glm::dvec3& b) {
    const glm::dvec3 d = 0.1 * (b - a);
    return {-d.x, -d.y, d.z};
}

// The set keeps its relative places: the centroid offsets between its structures are the
// atlas's, turned into the leg's axes and scaled by one factor (within 1 %).
void check_relative_places(const LoadedLeg& leg) {
    const glm::dvec3 t = centroid(mesh_of(leg, "tibia")), f = centroid(mesh_of(leg, "fibula")),
                     s = centroid(mesh_of(leg, "soleus"));
    const glm::dvec3 want_tf = leg_offset(kTibia, kFibula), want_ts = leg_offset(kTibia, kSoleus);
    const double scale = glm::length(f - t) / glm::length(want_tf);
    CHECK(glm::length(s - t) / glm::length(want_ts) == Approx(scale).epsilon(0.01));
    // Directions: up to the small turn of the long axis (at most a few degrees).
    CHECK(glm::dot(glm::normalize(f - t), glm::normalize(want_tf)) > 0.995);
    CHECK(glm::dot(glm::normalize(s - t), glm::normalize(want_ts)) > 0.995);
    // In the leg: the fibula lateral of the tibia, the soleus behind it, inside the skin.
    CHECK(f.x > t.x);
    CHECK(s.y < t.y);
    const Mesh& skin = mesh_of(leg, "skin");
    for (const auto* role : {"tibia", "fibula", "soleus"}) {
        INFO(role);
        CHECK(point_inside(skin, glm::vec3(centroid(mesh_of(leg, role)))));
    }
}

} // namespace

TEST_CASE("atlas names tell the role and the side", "[anatomy][atlas]") {
    CHECK(role_from_atlas_name("right soleus") == "soleus");
    CHECK(role_from_atlas_name("Soleus muscle.r") == "soleus");
    CHECK(role_from_atlas_name("Gastrocnemius muscle (medial head).l") == "gastrocnemius_medial");
    CHECK(role_from_atlas_name("lateral head of right gastrocnemius") == "gastrocnemius_lateral");
    CHECK(role_from_atlas_name("right tibialis anterior") == "tibialis_anterior");
    CHECK(role_from_atlas_name("right tibia") == "tibia");
    CHECK(role_from_atlas_name("Talus.r") == "foot_bones");
    CHECK(role_from_atlas_name("proximal phalanx of right big toe") == "foot_bones");
    CHECK(role_from_atlas_name("right calcaneal tendon") == "achilles_tendon");
    CHECK_FALSE(role_from_atlas_name("right anterior tibial artery"));
    CHECK_FALSE(role_from_atlas_name("patellar ligament"));
    CHECK_FALSE(role_from_atlas_name("proximal phalanx of right index finger"));
    CHECK_FALSE(role_from_atlas_name("right gastrocnemius")); // both heads: no one role
    CHECK(side_from_atlas_name("right tibia") == 1);
    CHECK(side_from_atlas_name("Tibia.l") == -1);
    CHECK(side_from_atlas_name("tibia") == 0);
}

TEST_CASE("the --mesh spec atlas=FOLDER or SET.json parses with units and axes, an unknown role "
          "offers it",
          "[anatomy][atlas]") {
    const auto a = parse_mesh_override("atlas=downloads/calf:mm:atlas");
    REQUIRE(a.value);
    CHECK(a.value->role == "atlas");
    CHECK(a.value->path == "downloads/calf");
    CHECK(a.value->units == Units::Millimetre);
    CHECK(a.value->axes == Axes::Atlas);
    REQUIRE(parse_mesh_override("atlas=calf_set.json").value);
    CHECK_THAT(parse_mesh_override("spleen=x.obj").error,
               Catch::Contains("atlas=FOLDER or atlas=SET.json"));
}

TEST_CASE("a folder of Z-Anatomy-named files is placed as one set, relative places kept",
          "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_folder");
    write_right_leg_set(dir, "Tibia.r.obj", "Fibula.r.obj", "Soleus muscle.r.obj");
    // The left soleus too (the right one is used) and a file that names no leg structure.
    write_obj(ellipsoid_mm({108, 45, 260}, 28, 28, 18, 18, 130), dir / "Soleus muscle.l.obj");
    write_obj(cylinder_mm(0, 0, 5, 0, 10), dir / "Sacrum.obj");
    const LoadedLeg leg = load_with("atlas=" + dir.string());
    INFO(all(leg.messages));
    const std::string said = all(leg.messages);
    CHECK_THAT(said, Catch::Contains("left-side files left out") &&
                         Catch::Contains("Soleus muscle.l.obj") && Catch::Contains("Sacrum.obj") &&
                         Catch::Contains("fitted to the default tibia, fibula (one transform for "
                                         "the whole set"));
    check_relative_places(leg);
    // The posed-leg path: each structure keeps its role, so the tibia is rigid with the shank
    // and the soleus soft, as the default ones are.
    const Mesh& tibia = mesh_of(leg, "tibia");
    REQUIRE(is_bone_role(tibia.role));
    const auto rigid = sh::sim::rigid_binding(sh::sim::BodySegment::Shank);
    for (const auto& b : skin_bindings(tibia)) CHECK(b.weight == rigid.weight);
    CHECK_FALSE(is_bone_role(mesh_of(leg, "soleus").role));
}

TEST_CASE("a left-side set is mirrored onto our right leg as a whole", "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_left_set");
    // The right set's mirror image across the midline, BodyParts3D file names and a parts list.
    const auto mirror = [](glm::dvec3 p) { return glm::dvec3(-p.x, p.y, p.z); };
    write_obj(cylinder_mm(-kTibia.x, kTibia.y, 13, 80, 420), dir / "FJ100.obj");
    write_obj(cylinder_mm(-kFibula.x, kFibula.y, 6, 60, 400), dir / "FJ101.obj");
    write_obj(ellipsoid_mm(mirror(kSoleus), 28, 28, 18, 18, 130), dir / "FJ102.obj");
    {
        // A list naming file and structure on one line, or in two steps joined by the FMA id.
        std::ofstream list(dir / "isa_element_parts.txt");
        list << "concept_id\tEnglish_name\telement_file_id\n"
             << "FMA24478\tFJ100\nFMA24481\tFJ101\nFMA22543\tleft soleus\tFJ102\n";
        std::ofstream names(dir / "isa_parts_list_e.txt");
        names << "FMA24478\tBP3001\tleft tibia\r\nFMA24481\tBP3002\tleft fibula\r\n";
    }
    const LoadedLeg leg = load_with("atlas=" + dir.string() + ":mm");
    INFO(all(leg.messages));
    CHECK_THAT(all(leg.messages),
               Catch::Contains("left side (tibia, fibula, soleus) mirrored onto our right leg"));
    check_relative_places(leg);
    CHECK(mesh_volume(mesh_of(leg, "soleus")) > 0.0);
}

TEST_CASE("an atlas-set manifest lists files with their roles, a missing one is named",
          "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_manifest");
    write_right_leg_set(dir, "a.obj", "b.obj", "c.obj");
    {
        std::ofstream m(dir / "set.json");
        m << R"({"format": "secondheart-atlas-set", "version": 1, "units": "mm",
                 "atlas": "made in the test", "meshes": [
                 {"role": "tibia", "file": "a.obj"}, {"role": "fibula", "file": "b.obj"},
                 {"role": "soleus", "file": "c.obj"}, {"role": "patella", "file": "gone.obj"}]})";
    }
    const LoadedLeg leg = load_with("atlas=" + (dir / "set.json").string());
    INFO(all(leg.messages));
    CHECK_THAT(all(leg.messages), Catch::Contains("set.json: meshes[3] (patella):") &&
                                      Catch::Contains("gone.obj: file not found"));
    check_relative_places(leg);
    // The patella the set lacked stays the default one.
    CHECK(mesh_of(leg, "patella").positions ==
          mesh_of(default_leg_from_files(), "patella").positions);
}

TEST_CASE("bad atlas sets are named with what was expected, the default leg stays",
          "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_bad_sets");
    const LoadedLeg& base = default_leg_from_files();
    const auto unchanged = [&](const LoadedLeg& leg) {
        for (std::size_t i = 0; i < base.meshes.size(); ++i)
            CHECK(leg.meshes[i].positions == base.meshes[i].positions);
    };
    // A folder with no recognised file.
    std::filesystem::create_directories(dir / "none");
    write_obj(cylinder_mm(0, 0, 5, 0, 10), dir / "none" / "thing.obj");
    const LoadedLeg a = load_with("atlas=" + (dir / "none").string());
    CHECK_THAT(all(a.messages), Catch::Contains("none: no mesh file here names a leg structure") &&
                                    Catch::Contains("Soleus muscle.r.obj"));
    unchanged(a);
    // A manifest whose files are all missing, one with a bad role, and one that is no JSON.
    {
        std::ofstream(dir / "missing.json")
            << R"({"format":"secondheart-atlas-set","version":1,"meshes":[{"role":"tibia","file":"FJ9.obj"}]})";
        std::ofstream(dir / "role.json")
            << R"({"format":"secondheart-atlas-set","version":1,"meshes":[{"role":"spleen","file":"x.obj"}]})";
        std::ofstream(dir / "broken.json") << "{";
    }
    const LoadedLeg b = load_with("atlas=" + (dir / "missing.json").string());
    CHECK_THAT(all(b.messages),
               Catch::Contains("missing.json: none of its 1 mesh files was found") &&
                   Catch::Contains("FJ9.obj"));
    unchanged(b);
    const LoadedLeg c = load_with("atlas=" + (dir / "role.json").string());
    CHECK_THAT(all(c.messages),
               Catch::Contains("role.json: key 'meshes[0].role': expected one of") &&
                   Catch::Contains("(got \"spleen\")"));
    unchanged(c);
    const LoadedLeg d = load_with("atlas=" + (dir / "broken.json").string());
    CHECK_THAT(all(d.messages), Catch::Contains("broken.json: not valid JSON"));
    // Not there; a single mesh file given as a set; a set whose only file is flat.
    const LoadedLeg e = load_with("atlas=" + (dir / "nowhere").string());
    CHECK_THAT(all(e.messages), Catch::Contains("nowhere: not found (expected a folder"));
    const LoadedLeg f = load_with("atlas=" + (dir / "none" / "thing.obj").string());
    CHECK_THAT(all(f.messages), Catch::Contains("give a single mesh as ROLE=FILE"));
    std::filesystem::create_directories(dir / "flat");
    write_obj(ellipsoid_mm({-100, 0, 250}, 25, 25, 0, 0, 120), dir / "flat" / "right tibia.obj");
    const LoadedLeg g = load_with("atlas=" + (dir / "flat").string());
    CHECK_THAT(all(g.messages), Catch::Contains("it is flat") &&
                                    Catch::Contains("using the default structures (tibia)"));
    unchanged(g);
}
