#include "anatomy/mesh_loader.hpp"

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
#include <sstream>
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

Axes resolve_axes(Axes a, const std::filesystem::path& p) {
    if (a != Axes::Auto) return a;
    const std::string e = lower_ext(p);
    return (e == ".gltf" || e == ".glb" || e == ".fbx") ? Axes::YUp : Axes::ZUp;
}

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

std::string fmt(float v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
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

// A fit by a factor this far from 1 means the mesh is degenerate (or its units absurd).
std::string refuse_fit(const std::string& what, float scale, float diagonal_cm,
                       const std::string& role) {
    return what + ": its size (" + fmt(diagonal_cm) + " cm across) would have to be scaled by " +
           fmt(scale) + " to fit; more than " + fmt(k_max_fit_scale) +
           " either way means a degenerate mesh (its points (nearly) coincide) or wrong units; "
           "using the default " +
           role;
}

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
        const Axes axes = resolve_axes(options.axes, path);
        const float cm = centimetres_per_unit(options.units);
        const MeshTransform& t = options.transform;
        const auto to_leg = [&](const aiVector3D& v, bool is_normal) {
            glm::vec3 p(v.x, v.y, v.z);
            if (axes == Axes::YUp) p = {-p.x, p.z, p.y};
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

OverrideParse parse_mesh_override(std::string_view spec) {
    OverrideParse r;
    const std::string form =
        " (expected ROLE=PATH[:UNITS[:AXES]], UNITS mm|cm|m|in, AXES y-up|z-up)";
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        r.error = "'" + std::string(spec) + "': no ROLE= before the path" + form;
        return r;
    }
    MeshOverride o;
    o.role = std::string(spec.substr(0, eq));
    if (!is_known_role(o.role)) {
        std::string roles;
        for (const auto& ro : default_roles()) roles += (roles.empty() ? "" : ", ") + ro;
        r.error =
            "'" + std::string(spec) + "': unknown role '" + o.role + "' (roles: " + roles + ")";
        return r;
    }
    std::string rest(spec.substr(eq + 1));
    // Peel ":AXES" and ":UNITS" off the end; a colon that is not followed by one of those stays
    // part of the path (C:/..., odd file names).
    for (int k = 0; k < 2; ++k) {
        const auto c = rest.rfind(':');
        if (c == std::string::npos) break;
        const std::string tail = rest.substr(c + 1);
        if (o.axes == Axes::Auto && o.units == Units::Unknown && parse_axes(tail) &&
            tail != "auto") {
            o.axes = *parse_axes(tail);
            rest.resize(c);
        } else if (o.units == Units::Unknown && parse_units(tail)) {
            o.units = *parse_units(tail);
            rest.resize(c);
        } else {
            break;
        }
    }
    if (rest.empty()) {
        r.error = "'" + std::string(spec) + "': empty path" + form;
        return r;
    }
    // "soleus=x.obj:furlongs": a word after the last colon that is not a unit or axes, where
    // the whole is no file, is a mistyped unit, not part of the file name.
    if (const auto c = rest.rfind(':'); c != std::string::npos && c + 1 < rest.size()) {
        const std::string tail = rest.substr(c + 1);
        const bool word = std::all_of(tail.begin(), tail.end(), [](unsigned char ch) {
            return std::isalnum(ch) || ch == '-' || ch == '_';
        });
        std::error_code ec;
        if (word && !std::filesystem::exists(rest, ec)) {
            r.error = "'" + std::string(spec) + "': unknown units or axes '" + tail + "'" + form;
            return r;
        }
    }
    o.path = rest;
    r.value = std::move(o);
    return r;
}

Mesh fit_into_bounds(const Mesh& mesh, const Bounds& target) {
    Mesh m = mesh;
    const Bounds b = compute_bounds(m.positions);
    const float d = b.diagonal();
    const float s = d > 0.0f ? target.diagonal() / d : 1.0f;
    const glm::vec3 c = b.centre(), tc = target.centre();
    for (auto& p : m.positions) p = tc + (p - c) * s;
    m.bounds = compute_bounds(m.positions);
    return m;
}

Mesh resolve_override(const MeshOverride& o, const Mesh& default_mesh,
                      std::vector<std::string>& messages) noexcept {
    try {
        const std::string what = "--mesh " + o.role + "=" + o.path.string();
        ImportOptions opt;
        opt.units = o.units;
        opt.axes = o.axes;
        LoadResult lr = load_mesh_file(o.path, o.role, opt);
        for (auto& n : lr.notes) messages.push_back(what + ": " + n);
        if (!lr.mesh) {
            messages.push_back(what + ": " + lr.error + "; using the default " + o.role);
            return default_mesh;
        }
        Mesh m = std::move(*lr.mesh);
        const Bounds& db = default_mesh.bounds;
        if (!db.valid) return m;
        const float fit_scale = db.diagonal() / std::max(m.bounds.diagonal(), 1e-30f);
        if (!(fit_scale <= k_max_fit_scale && fit_scale >= 1.0f / k_max_fit_scale)) {
            const float ratio = m.bounds.diagonal() / std::max(db.diagonal(), 1e-30f);
            // With units a mesh of a sane size keeps it; only an absurd one is refused.
            if (o.units == Units::Unknown || !(ratio >= 0.5f && ratio <= 2.0f)) {
                messages.push_back(refuse_fit(what, fit_scale, m.bounds.diagonal(), o.role));
                return default_mesh;
            }
        }
        if (o.units == Units::Unknown) {
            const float s = fit_scale;
            m = fit_into_bounds(m, db);
            messages.push_back(what + ": no units given; scaled by " + fmt(s) +
                               " and centred on the default " + o.role);
        } else {
            const float ratio = m.bounds.diagonal() / std::max(db.diagonal(), 1e-9f);
            if (ratio < 0.5f || ratio > 2.0f) {
                m = fit_into_bounds(m, db);
                messages.push_back(
                    what + ": in " + std::string(to_string(o.units)) + " it would be " +
                    fmt(ratio) + " times the size of the default " + o.role +
                    " (units inconsistent); fitted into the default's bounds instead");
            } else if (glm::length(m.bounds.centre() - db.centre()) > 0.5f * db.diagonal()) {
                const glm::vec3 d = db.centre() - m.bounds.centre();
                for (auto& p : m.positions) p += d;
                m.bounds = compute_bounds(m.positions);
                messages.push_back(what + ": lies away from the leg; moved onto the default " +
                                   o.role + " (size kept)");
            }
        }
        m.role = o.role;
        return m;
    } catch (...) {
        messages.push_back("--mesh " + o.role + ": unexpected error; using the default");
        return default_mesh;
    }
}

LoadedLeg load_leg(const std::filesystem::path& manifest_path,
                   const std::vector<std::string>& overrides) noexcept {
    LoadedLeg out;
    try {
        std::optional<std::vector<DefaultStructure>> generated;
        const auto fallback = [&](const std::string& role) -> const DefaultStructure& {
            if (!generated) generated = build_default_leg();
            for (const auto& s : *generated) {
                if (s.mesh.role == role) return s;
            }
            return generated->front();
        };
        const Result<Manifest> mr = read_manifest(manifest_path);
        if (!mr) out.messages.push_back(mr.error().message + "; using the built-in default leg");
        for (const auto& role : default_roles()) {
            const ManifestEntry* entry = nullptr;
            if (mr) {
                for (const auto& e : mr.value().meshes) {
                    if (e.role == role) {
                        entry = &e;
                        break;
                    }
                }
                if (!entry)
                    out.messages.push_back(manifest_path.string() + ": no mesh for role '" + role +
                                           "'; using the built-in default");
            }
            std::optional<Mesh> mesh;
            std::optional<DeformSpec> deform;
            if (entry) {
                std::filesystem::path p = entry->file;
                if (p.is_relative()) p = mr.value().base_dir / p;
                LoadResult lr =
                    load_mesh_file(p, role, {entry->units, entry->axes, entry->transform});
                for (auto& n : lr.notes) out.messages.push_back(n);
                if (lr.mesh)
                    mesh = std::move(lr.mesh);
                else
                    out.messages.push_back(lr.error + "; using the built-in default " + role);
                deform = entry->deform;
            }
            if (!mesh) {
                mesh = fallback(role).mesh;
            }
            if (!deform && is_deformable_role(role)) {
                const auto& spine = fallback(role).spine;
                if (!spine.empty()) deform = DeformSpec{spine, "proximal", 0.12f};
            }
            out.meshes.push_back(std::move(*mesh));
            out.deform.push_back(std::move(deform));
        }
        for (const auto& spec : overrides) {
            const OverrideParse op = parse_mesh_override(spec);
            if (!op.value) {
                out.messages.push_back("--mesh " + op.error + "; ignored, the default stays");
                continue;
            }
            for (auto& m : out.meshes) {
                if (m.role == op.value->role) m = resolve_override(*op.value, m, out.messages);
            }
        }
    } catch (const std::exception& e) {
        out.messages.push_back(std::string("loading the leg failed: ") + e.what());
    } catch (...) {
        out.messages.push_back("loading the leg failed: unknown error");
    }
    return out;
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
