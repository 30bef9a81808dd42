#include "anatomy/leggen.hpp"

#include "anatomy/default_leg.hpp"
#include "anatomy/gltf_writer.hpp"
#include "anatomy/landmarks.hpp"
#include "anatomy/manifest.hpp"
#include "anatomy/mesh_loader.hpp"

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

namespace sh::anatomy {
namespace {

glm::vec3 colour_for(const std::string& role) {
    if (role == "skin") return {0.93f, 0.74f, 0.64f};
    if (role == "achilles_tendon") return {0.93f, 0.91f, 0.8f};
    if (role == "soleus" || role.rfind("gastro", 0) == 0 || role == "tibialis_anterior")
        return {0.72f, 0.22f, 0.2f};
    return {0.9f, 0.87f, 0.78f};
}

double round3(float v) {
    return std::round(static_cast<double>(v) * 1000.0) / 1000.0;
}

} // namespace

std::string landmarks_to_json() {
    nlohmann::json j;
    j["format"] = "secondheart-anatomy-landmarks";
    j["version"] = 1;
    j["units"] = "cm";
    j["frame"] = "right leg standing; origin on the floor below the ankle joint centre; x lateral, "
                 "y anterior, z up";
    j["reference_height_cm"] = 175;
    j["source"] = "anatomy/landmarks.cpp (generated; edit there)";
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& l : landmarks()) {
        arr.push_back({{"name", std::string(l.name)},
                       {"position", {round3(l.p.x), round3(l.p.y), round3(l.p.z)}},
                       {"meaning", std::string(l.meaning)}});
    }
    j["landmarks"] = arr;
    return j.dump(1) + "\n";
}

LeggenResult write_default_leg(const std::filesystem::path& dir, double detail) {
    LeggenResult r;
    const auto leg = build_default_leg(detail);
    Manifest man;
    for (const auto& s : leg) {
        const std::string& role = s.mesh.role;
        if (auto e = write_gltf(s.mesh, dir, role, colour_for(role)); !e.empty()) {
            r.error = e;
            return r;
        }
        ManifestEntry me;
        me.role = role;
        me.file = role + ".gltf";
        me.units = Units::Centimetre;
        me.axes = Axes::YUp;
        if (!s.spine.empty()) me.deform = DeformSpec{s.spine, "proximal", 0.12f};
        man.meshes.push_back(me);
        std::error_code ec;
        GeneratedFile g{role, me.file, s.mesh.triangle_count(), s.mesh.positions.size(), 0};
        g.bytes = std::filesystem::file_size(dir / (role + ".gltf"), ec) +
                  std::filesystem::file_size(dir / (role + ".bin"), ec);
        r.files.push_back(g);
    }
    {
        std::ofstream f(dir / "manifest.json", std::ios::trunc);
        f << manifest_to_json(man);
        if (!f) {
            r.error = (dir / "manifest.json").string() + ": cannot write";
            return r;
        }
    }
    {
        std::ofstream f(dir / "landmarks.json", std::ios::trunc);
        f << landmarks_to_json();
        if (!f) {
            r.error = (dir / "landmarks.json").string() + ": cannot write";
            return r;
        }
    }
    return r;
}

std::vector<std::string> verify_written_leg(const std::filesystem::path& dir) {
    std::vector<std::string> problems;
    const Result<Manifest> mr = read_manifest(dir / "manifest.json");
    if (!mr) return {mr.error().message};
    for (const auto& e : mr.value().meshes) {
        const auto path = dir / e.file;
        Assimp::Importer imp;
        const aiScene* sc =
            imp.ReadFile(path.string(), aiProcess_Triangulate | aiProcess_GenSmoothNormals |
                                            aiProcess_JoinIdenticalVertices);
        if (!sc || sc->mNumMeshes == 0) {
            problems.push_back(path.string() + ": assimp could not import it (" +
                               imp.GetErrorString() + ")");
            continue;
        }
        LoadResult lr = load_mesh_file(path, e.role, {e.units, e.axes, e.transform});
        if (!lr.mesh) {
            problems.push_back(lr.error);
            continue;
        }
        const TopologyReport t = check_topology(*lr.mesh);
        if (!t.closed_and_consistent()) {
            problems.push_back(path.string() + ": not closed/consistent (boundary " +
                               std::to_string(t.boundary_edges) + ", non-manifold " +
                               std::to_string(t.nonmanifold_edges) + ", misoriented " +
                               std::to_string(t.misoriented_edges) + ")");
        }
        if (!lr.notes.empty() || mesh_volume(*lr.mesh) <= 0.0)
            problems.push_back(path.string() + ": wound inward");
    }
    return problems;
}

} // namespace sh::anatomy
