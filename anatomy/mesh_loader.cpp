#include "anatomy/mesh_loader.hpp"

#include "anatomy/atlas_fit.hpp"
#include "anatomy/default_leg.hpp"

#include <algorithm>
#include <assimp/Exporter.hpp>
#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/ProgressHandler.hpp>
#include <assimp/scene.h>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>
#include <unistd.h>
#include <unordered_map>

namespace sh::anatomy {
namespace {

std::string lower_ext(const std::filesystem::path& p) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e;
}

} // namespace

Axes file_axes(Axes a, const std::filesystem::path& p) {
    if (a != Axes::Auto) return a;
    if (has_atlas_file_name(p)) return Axes::Atlas; // BodyParts3D FJ1437.obj
    const std::string e = lower_ext(p);
    return (e == ".gltf" || e == ".glb" || e == ".fbx") ? Axes::YUp : Axes::ZUp;
}

namespace {

glm::vec3 rotate_xyz(glm::vec3 v, const glm::vec3& deg) {
    const glm::vec3 r = glm::radians(deg);
    if (r.x != 0.0f) {
        const float c = std::cos(r.x), s = std::sin(r.x);
        v = {v.x, c * v.y - s * v.z, s * v.y + c * v.z};
    }
    if (r.y != 0.0f) {
        const float c = std::cos(r.y), s = std::sin(r.y);
        v = {c * v.x + s * v.z, v.y, -s * v.x + c * v.z};
    }
    if (r.z != 0.0f) {
        const float c = std::cos(r.z), s = std::sin(r.z);
        v = {c * v.x - s * v.y, s * v.x + c * v.y, v.z};
    }
    return v;
}

std::string megabytes(std::uintmax_t bytes) {
    return std::to_string((bytes + (1u << 19)) >> 20) + " MB";
}

// Progress of a large read on stderr: one line when it starts and, on a terminal, the percentage
// as assimp reports it (redrawn in place).
class ReadProgress : public Assimp::ProgressHandler {
public:
    explicit ReadProgress(std::string name) : name_(std::move(name)), tty_(::isatty(2) != 0) {}
    bool Update(float fraction) override {
        const int percent = static_cast<int>(std::clamp(fraction, 0.0f, 1.0f) * 100.0f);
        if (tty_ && percent / 10 != last_ / 10) {
            std::fprintf(stderr, "\rsecondheart: reading %s: %d %%", name_.c_str(), percent);
            last_ = percent;
        }
        return true; // never cancel
    }
    ~ReadProgress() override {
        if (tty_ && last_ >= 0) std::fputc('\n', stderr);
    }

private:
    std::string name_;
    bool tty_;
    int last_ = -1;
};

} // namespace

LoadResult load_mesh_file(const std::filesystem::path& path, const std::string& role,
                          const ImportOptions& options) noexcept {
    LoadResult r;
    try {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            r.error = path.string() + ": file not found";
            return r;
        }
        if (std::filesystem::is_directory(path, ec)) {
            r.error = path.string() + ": is a directory, not a mesh file";
            return r;
        }
        const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
        if (!ec && bytes > options.max_file_bytes) {
            r.error = path.string() + ": " + megabytes(bytes) + ", larger than the " +
                      megabytes(options.max_file_bytes) +
                      " a mesh may be (one structure needs far less: decimate it, e.g. to "
                      "100,000 triangles in Blender or MeshLab)";
            return r;
        }
        Assimp::Importer importer;
        const bool large = !ec && bytes > k_mesh_progress_bytes;
        if (large) {
            std::fprintf(stderr, "secondheart: reading %s (%s): a large mesh takes a while\n",
                         path.c_str(), megabytes(bytes).c_str());
            importer.SetProgressHandler(new ReadProgress(path.filename().string())); // owned
        }
        importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                                    aiPrimitiveType_POINT | aiPrimitiveType_LINE);
        const aiScene* scene = importer.ReadFile(
            path.string(), aiProcess_Triangulate | aiProcess_GenSmoothNormals |
                               aiProcess_JoinIdenticalVertices | aiProcess_PreTransformVertices |
                               aiProcess_SortByPType);
        if (!scene) {
            r.error =
                path.string() + ": assimp could not read it (" + importer.GetErrorString() + ")";
            return r;
        }
        if (scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) {
            r.error =
                path.string() + ": the file is incomplete (assimp flagged the scene incomplete)";
            return r;
        }
        const Axes axes = file_axes(options.axes, path);
        const float cm = centimetres_per_unit(options.units);
        const MeshTransform& t = options.transform;
        const auto to_leg = [&](const aiVector3D& v, bool is_normal) {
            glm::vec3 p(v.x, v.y, v.z);
            if (axes == Axes::YUp) p = {-p.x, p.z, p.y};
            if (axes == Axes::Atlas) p = {-p.x, -p.y, p.z}; // a half turn about z
            if (!is_normal) p *= cm * t.scale;
            p = rotate_xyz(p, t.rotate_deg);
            if (!is_normal) p += t.translate;
            return p;
        };
        Mesh m;
        m.role = role;
        bool have_normals = true;
        for (unsigned mi = 0; mi < scene->mNumMeshes; ++mi) {
            const aiMesh* am = scene->mMeshes[mi];
            if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE)) continue;
            const auto base = static_cast<std::uint32_t>(m.positions.size());
            for (unsigned v = 0; v < am->mNumVertices; ++v) {
                m.positions.push_back(to_leg(am->mVertices[v], false));
                if (am->mNormals) m.normals.push_back(to_leg(am->mNormals[v], true));
            }
            if (!am->mNormals) have_normals = false;
            for (unsigned f = 0; f < am->mNumFaces; ++f) {
                const aiFace& face = am->mFaces[f];
                if (face.mNumIndices != 3) continue;
                m.indices.insert(m.indices.end(), {base + face.mIndices[0], base + face.mIndices[1],
                                                   base + face.mIndices[2]});
            }
        }
        if (m.indices.empty()) {
            r.error = path.string() + ": contains no triangles";
            return r;
        }
        if (m.positions.size() > options.max_vertices) {
            r.error = path.string() + ": " + std::to_string(m.positions.size()) +
                      " vertices, more than the " + std::to_string(options.max_vertices) +
                      " a mesh may have (decimate it, e.g. to 100,000 triangles)";
            return r;
        }
        for (const auto& p : m.positions) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) {
                r.error = path.string() + ": has non-finite vertex coordinates";
                return r;
            }
        }
        // Weld vertices at identical positions (STL and some OBJ exporters repeat every corner
        // per face, with face normals, which assimp's JoinIdenticalVertices keeps apart), then drop
        // triangles that became degenerate.
        {
            struct Key {
                std::uint32_t x, y, z;
                bool operator==(const Key&) const = default;
            };
            struct KeyHash {
                std::size_t operator()(const Key& k) const {
                    return (static_cast<std::size_t>(k.x) * 73856093u) ^
                           (static_cast<std::size_t>(k.y) * 19349663u) ^
                           (static_cast<std::size_t>(k.z) * 83492791u);
                }
            };
            const auto bits = [](float f) {
                if (f == 0.0f) f = 0.0f; // -0 and +0 weld
                std::uint32_t u;
                std::memcpy(&u, &f, sizeof u);
                return u;
            };
            std::unordered_map<Key, std::uint32_t, KeyHash> index;
            index.reserve(m.positions.size());
            std::vector<std::uint32_t> remap(m.positions.size());
            std::vector<glm::vec3> welded;
            std::vector<glm::vec3> welded_normals;
            for (std::size_t i = 0; i < m.positions.size(); ++i) {
                const glm::vec3& p = m.positions[i];
                const Key k{bits(p.x), bits(p.y), bits(p.z)};
                const auto [it, inserted] =
                    index.emplace(k, static_cast<std::uint32_t>(welded.size()));
                if (inserted) {
                    welded.push_back(p);
                    if (i < m.normals.size()) welded_normals.push_back(m.normals[i]);
                }
                remap[i] = it->second;
            }
            if (welded.size() != m.positions.size()) {
                std::vector<std::uint32_t> idx;
                idx.reserve(m.indices.size());
                std::size_t dropped = 0;
                for (std::size_t f = 0; f + 2 < m.indices.size(); f += 3) {
                    const std::uint32_t a = remap[m.indices[f]], b = remap[m.indices[f + 1]],
                                        c = remap[m.indices[f + 2]];
                    if (a == b || b == c || a == c) {
                        ++dropped;
                        continue;
                    }
                    idx.insert(idx.end(), {a, b, c});
                }
                m.positions = std::move(welded);
                m.indices = std::move(idx);
                have_normals = false; // per-face normals of the file: recomputed smooth below
                if (dropped > 0)
                    r.notes.push_back(path.string() + ": " + std::to_string(dropped) +
                                      " degenerate triangles dropped");
            }
        }
        if (mesh_volume(m) < 0.0) {
            for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3)
                std::swap(m.indices[i + 1], m.indices[i + 2]);
            have_normals = false;
            r.notes.push_back(path.string() + ": triangles were wound inward; flipped");
        }
        if (!have_normals || m.normals.size() != m.positions.size()) {
            m.normals = compute_normals(m.positions, m.indices);
        }
        m.bounds = compute_bounds(m.positions);
        r.mesh = std::move(m);
    } catch (const std::exception& e) {
        r.mesh.reset();
        r.error = path.string() + ": " + e.what();
    } catch (...) {
        r.mesh.reset();
        r.error = path.string() + ": unknown error while loading";
    }
    return r;
}

std::string write_mesh(const Mesh& mesh, const std::filesystem::path& path,
                       const std::string& format_id, Units units) noexcept {
    try {
        aiScene scene;
        scene.mRootNode = new aiNode();
        scene.mRootNode->mNumMeshes = 1;
        scene.mRootNode->mMeshes = new unsigned[1]{0};
        scene.mNumMaterials = 1;
        scene.mMaterials = new aiMaterial* [1] { new aiMaterial() };
        scene.mNumMeshes = 1;
        scene.mMeshes = new aiMesh* [1] { new aiMesh() };
        aiMesh* am = scene.mMeshes[0];
        am->mMaterialIndex = 0;
        am->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
        const auto n = static_cast<unsigned>(mesh.positions.size());
        am->mNumVertices = n;
        am->mVertices = new aiVector3D[n];
        am->mNormals = new aiVector3D[n];
        const float s = 1.0f / centimetres_per_unit(units);
        for (unsigned i = 0; i < n; ++i) {
            const glm::vec3 p = mesh.positions[i] * s;
            am->mVertices[i] = aiVector3D(p.x, p.y, p.z);
            const glm::vec3 q = i < mesh.normals.size() ? mesh.normals[i] : glm::vec3(0, 0, 1);
            am->mNormals[i] = aiVector3D(q.x, q.y, q.z);
        }
        const auto f = static_cast<unsigned>(mesh.indices.size() / 3);
        am->mNumFaces = f;
        am->mFaces = new aiFace[f];
        for (unsigned i = 0; i < f; ++i) {
            am->mFaces[i].mNumIndices = 3;
            am->mFaces[i].mIndices = new unsigned[3]{mesh.indices[3 * i], mesh.indices[3 * i + 1],
                                                     mesh.indices[3 * i + 2]};
        }
        Assimp::Exporter exporter;
        if (exporter.Export(&scene, format_id, path.string()) != AI_SUCCESS) {
            return path.string() + ": export as '" + format_id + "' failed (" +
                   exporter.GetErrorString() + ")";
        }
        return {};
    } catch (const std::exception& e) {
        return path.string() + ": " + e.what();
    } catch (...) {
        return path.string() + ": unknown error while writing";
    }
}

} // namespace sh::anatomy
