#include "anatomy/default_leg.hpp"
#include "anatomy/manifest.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace sh::anatomy;
using namespace sh::anatomy::test;

namespace {
bool any_contains(const std::vector<std::string>& msgs, const std::string& what) {
    for (const auto& m : msgs) {
        if (m.find(what) != std::string::npos) return true;
    }
    return false;
}
std::string error_of(const std::string& text) {
    const auto r = parse_manifest(text, "test.json");
    return r ? std::string() : r.error().message;
}
} // namespace

TEST_CASE("manifest errors name the file, the key and what was expected", "[anatomy][manifest]") {
    CHECK(error_of("{").find("test.json: not valid JSON") == 0);
    CHECK(error_of("[]").find("expected a JSON object") != std::string::npos);
    CHECK(error_of(R"({"format":"x","version":1,"meshes":[]})").find("key 'format'") !=
          std::string::npos);
    const std::string head = R"({"format":"secondheart-anatomy-manifest","version":1,)";
    CHECK(error_of(head.substr(0, head.size() - 1) + "}").find("key 'meshes'") !=
          std::string::npos);
    CHECK(error_of(head + R"("meshes":{}})").find("key 'meshes': expected an array") !=
          std::string::npos);
    const std::string e1 = error_of(head + R"("meshes":[{"role":"tibia","file":3}]})");
    CHECK(e1.find("test.json") == 0);
    CHECK(e1.find("key 'meshes[0].file': expected a string") != std::string::npos);
    CHECK(error_of(head + R"("meshes":[{"role":"tibia"}]})").find("'meshes[0].file'") !=
          std::string::npos);
    CHECK(error_of(head + R"("meshes":[{"role":"spleen","file":"a.obj"}]})")
              .find("'meshes[0].role': expected one of") != std::string::npos);
    CHECK(error_of(head + R"("meshes":[{"role":"tibia","file":"a.obj","units":"furlong"}]})")
              .find("'meshes[0].units'") != std::string::npos);
    CHECK(error_of(head + R"("meshes":[{"role":"tibia","file":"a.obj","transform":{"scale":-1}}]})")
              .find("'meshes[0].transform.scale': expected a positive number") !=
          std::string::npos);
    CHECK(error_of(head +
                   R"("meshes":[{"role":"tibia","file":"a.obj","transform":{"translate":[1,2]}}]})")
              .find("'meshes[0].transform.translate': expected an array of 3 numbers") !=
          std::string::npos);
    CHECK(error_of(head +
                   R"("meshes":[{"role":"soleus","file":"a.obj","deform":{"spine":[[0,0,0]]}}]})")
              .find("'meshes[0].deform.spine'") != std::string::npos);
    const auto ok = parse_manifest(
        head + R"("meshes":[{"role":"tibia","file":"a.obj","units":"mm","axes":"z-up"}]})", "t");
    REQUIRE(ok);
    CHECK(ok.value().meshes[0].units == Units::Millimetre);
    CHECK(ok.value().meshes[0].axes == Axes::ZUp);
}

TEST_CASE("a missing or broken manifest falls back to the built-in leg with a message",
          "[anatomy][manifest]") {
    const auto dir = scratch_dir("bad_manifest");
    const LoadedLeg a = load_leg(dir / "nope.json", {});
    CHECK(a.meshes.size() == default_roles().size());
    CHECK(any_contains(a.messages, "nope.json: cannot open the manifest"));
    {
        std::ofstream f(dir / "m.json");
        f << R"({"format":"secondheart-anatomy-manifest","version":1,"meshes":[{"role":"tibia","file":"gone.gltf","units":"cm"}]})";
    }
    const LoadedLeg b = load_leg(dir / "m.json", {});
    REQUIRE(b.meshes.size() == default_roles().size());
    CHECK(any_contains(b.messages, "gone.gltf: file not found; using the built-in default tibia"));
    CHECK(any_contains(b.messages, "no mesh for role 'skin'"));
    for (const auto& m : b.meshes) CHECK_FALSE(m.empty());
    {
        std::ofstream f(dir / "garbage.gltf");
        f << "this is not a mesh";
        std::ofstream g(dir / "m2.json");
        g << R"({"format":"secondheart-anatomy-manifest","version":1,"meshes":[{"role":"tibia","file":"garbage.gltf"}]})";
    }
    const LoadedLeg c = load_leg(dir / "m2.json", {});
    CHECK(any_contains(c.messages, "garbage.gltf: assimp could not read it"));
    CHECK_FALSE(mesh_of(c, "tibia").empty());
}

TEST_CASE("mesh override specs (--mesh ROLE=PATH:UNITS) parse, and bad ones say why",
          "[anatomy][override]") {
    auto a = parse_mesh_override("soleus=scans/soleus.stl:mm");
    REQUIRE(a.value);
    CHECK(a.value->role == "soleus");
    CHECK(a.value->path == "scans/soleus.stl");
    CHECK(a.value->units == Units::Millimetre);
    auto b = parse_mesh_override("skin=C:/legs/leg.obj:m:z-up");
    REQUIRE(b.value);
    CHECK(b.value->path == "C:/legs/leg.obj");
    CHECK(b.value->units == Units::Metre);
    CHECK(b.value->axes == Axes::ZUp);
    auto c = parse_mesh_override("tibia=bone.glb");
    REQUIRE(c.value);
    CHECK(c.value->units == Units::Unknown);
    CHECK(parse_mesh_override("tibia").error.find("no ROLE=") != std::string::npos);
    CHECK(parse_mesh_override("spleen=x.obj").error.find("unknown role 'spleen'") !=
          std::string::npos);
    CHECK(parse_mesh_override("tibia=:mm").error.find("empty path") != std::string::npos);
}

TEST_CASE("a bad --mesh spec or a missing file gives a message and the default stays",
          "[anatomy][override]") {
    const LoadedLeg base = default_leg_from_files();
    const LoadedLeg leg =
        load_leg(manifest_path(), {"spleen=x.obj", "soleus=/definitely/not/here.stl:mm"});
    CHECK(any_contains(leg.messages, "unknown role 'spleen'"));
    CHECK(any_contains(leg.messages,
                       "/definitely/not/here.stl: file not found; using the default soleus"));
    CHECK(mesh_of(leg, "soleus").positions == mesh_of(base, "soleus").positions);
}

TEST_CASE("an STL written in millimetres loads at the right size in cm", "[anatomy][units]") {
    const auto dir = scratch_dir("units");
    const Mesh& tibia = mesh_of(default_leg_from_files(), "tibia");
    const auto stl = dir / "tibia_mm.stl";
    REQUIRE(write_mesh(tibia, stl, "stlb", Units::Millimetre).empty());
    // Raw import: numbers are millimetres.
    const LoadResult raw = load_mesh_file(stl, "tibia", {Units::Centimetre, Axes::ZUp, {}});
    REQUIRE(raw.mesh);
    CHECK(raw.mesh->bounds.extent().z == Approx(10.0 * tibia.bounds.extent().z).epsilon(1e-4));
    // With :mm it is the tibia again, in place: the fit onto the default tibia changes nothing.
    std::vector<std::string> msgs;
    const Mesh mm =
        resolve_override(*parse_mesh_override("tibia=" + stl.string() + ":mm").value, tibia, msgs);
    REQUIRE(msgs.size() == 1);
    CHECK_THAT(msgs[0], Catch::Contains("scaled by 1 (") && !Catch::Contains("atlas frame"));
    CHECK(mm.bounds.min.x == Approx(tibia.bounds.min.x).margin(1e-3));
    CHECK(mm.bounds.max.z == Approx(tibia.bounds.max.z).margin(1e-3));
    CHECK(mesh_volume(mm) == Approx(mesh_volume(tibia)).epsilon(1e-3));
    CHECK(check_topology(mm).closed_and_consistent());
    // Without units, or with wrong ones, it is fitted into the default's bounds, with a message.
    msgs.clear();
    const Mesh fitted =
        resolve_override(*parse_mesh_override("tibia=" + stl.string()).value, tibia, msgs);
    CHECK(any_contains(msgs, "no units given"));
    CHECK(fitted.bounds.extent().z == Approx(tibia.bounds.extent().z).epsilon(1e-3));
    msgs.clear();
    const Mesh wrong =
        resolve_override(*parse_mesh_override("tibia=" + stl.string() + ":m").value, tibia, msgs);
    CHECK(any_contains(msgs, "units inconsistent"));
    CHECK(wrong.bounds.centre().z == Approx(tibia.bounds.centre().z).margin(1e-2));
    // Inches: 1 in = 2.54 cm.
    REQUIRE(write_mesh(tibia, dir / "tibia_in.obj", "obj", Units::Inch).empty());
    const LoadResult inch =
        load_mesh_file(dir / "tibia_in.obj", "tibia", {Units::Inch, Axes::ZUp, {}});
    REQUIRE(inch.mesh);
    CHECK(inch.mesh->bounds.extent().z == Approx(tibia.bounds.extent().z).epsilon(1e-4));
}

TEST_CASE("a y-up mesh (glTF convention) is turned into the leg frame", "[anatomy][units]") {
    const auto dir = scratch_dir("axes");
    const Mesh& fib = mesh_of(default_leg_from_files(), "fibula");
    Mesh yup = fib;
    for (auto& p : yup.positions) p = {-p.x, p.z, p.y};
    for (auto& n : yup.normals) n = {-n.x, n.z, n.y};
    REQUIRE(write_mesh(yup, dir / "fibula_yup.obj", "obj").empty());
    const LoadResult r =
        load_mesh_file(dir / "fibula_yup.obj", "fibula", {Units::Centimetre, Axes::YUp, {}});
    REQUIRE(r.mesh);
    CHECK(r.mesh->bounds.min.z == Approx(fib.bounds.min.z).margin(1e-4));
    CHECK(r.mesh->bounds.max.x == Approx(fib.bounds.max.x).margin(1e-4));
    CHECK(mesh_volume(*r.mesh) > 0.0);
}
