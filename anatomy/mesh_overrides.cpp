// Mesh overrides (--mesh ROLE=PATH[:UNITS[:AXES]], --mesh atlas=FOLDER|SET.json): parsing the
// option, placing a user mesh, or a set of atlas meshes, where the default structures they
// replace are (atlas_fit.hpp), and loading the whole leg from a manifest with overrides.
// Reading one file is mesh_loader.cpp; listing an atlas set is atlas_set.cpp.
#include "anatomy/atlas_fit.hpp"
#include "anatomy/atlas_set.hpp"
#include "anatomy/default_leg.hpp"
#include "anatomy/leg_skinning.hpp"
#include "anatomy/mesh_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <glm/geometric.hpp>
#include <sstream>
#include <unordered_map>

namespace sh::anatomy {
namespace {

std::string fmt(float v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

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

OverrideParse parse_mesh_override(std::string_view spec) {
    OverrideParse r;
    const std::string form =
        " (expected ROLE=PATH[:UNITS[:AXES]], UNITS mm|cm|m|in, AXES y-up|z-up|atlas)";
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        r.error = "'" + std::string(spec) + "': no ROLE= before the path" + form;
        return r;
    }
    MeshOverride o;
    o.role = std::string(spec.substr(0, eq));
    if (!is_known_role(o.role) && o.role != k_atlas_set_role) {
        std::string roles;
        for (const auto& ro : default_roles()) roles += (roles.empty() ? "" : ", ") + ro;
        r.error = "'" + std::string(spec) + "': unknown role '" + o.role + "' (roles: " + roles +
                  "; or " + std::string(k_atlas_set_role) +
                  "=FOLDER or atlas=SET.json for a set of atlas files)";
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

namespace {

std::string describe(const glm::vec3& v) {
    return "(" + fmt(v.x) + ", " + fmt(v.y) + ", " + fmt(v.z) + ") cm";
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

const Mesh* find_role(const std::vector<Mesh>& meshes, const std::string& role) {
    for (const auto& m : meshes)
        if (m.role == role) return &m;
    return nullptr;
}

// The frame meshes came in: the leg's own, an atlas frame (turned into the leg's axes by the
// loader), or a y-up export of an atlas frame (which the y-up reading already turned into them).
enum class SourceFrame { Leg, Atlas, AtlasYUp };

// Places `meshes` (leg axes, cm; one per role) where the structures of their roles in `leg`
// are: from an atlas each structure on the body's left is first mirrored onto our right leg;
// then one similarity (atlas_fit.hpp) fitted on the bones among them, or on all of them
// when there are none, moves them all. Returns false (and says why) when they cannot be placed.
bool place_on_defaults(std::vector<Mesh>& meshes, const std::vector<Mesh>& leg, SourceFrame source,
                       Units units, const std::string& what, const std::string& fallback,
                       std::vector<std::string>& messages) {
    std::string frame;
    if (source != SourceFrame::Leg) {
        std::vector<std::string> mirrored, kept;
        for (auto& m : meshes) {
            // Leg x after the half turn: the right side is at +x, the left at -x.
            if (surface_moments({&m}).centroid.x < 0.0) {
                mirror_across_midline(m);
                mirrored.push_back(m.role);
            } else {
                kept.push_back(m.role);
            }
        }
        frame = source == SourceFrame::Atlas
                    ? "atlas frame (x to the body's left, y posterior, z up, as in BodyParts3D "
                      "and Z-Anatomy): turned a half turn about z into the leg's axes; "
                    : "y-up export of an atlas frame (one side of the body midline); ";
        if (!kept.empty()) frame += "right side (" + join(kept) + ") as our right leg; ";
        if (!mirrored.empty())
            frame += "left side (" + join(mirrored) + ") mirrored onto our right leg; ";
    }
    std::vector<const Mesh*> reference, target;
    for (const bool bones_only : {true, false}) {
        for (const auto& m : meshes) {
            const Mesh* d = find_role(leg, m.role);
            if (!d || (bones_only && !is_bone_role(m.role))) continue;
            reference.push_back(&m);
            target.push_back(d);
        }
        if (!reference.empty()) break;
    }
    std::vector<std::string> fitted_roles;
    for (const Mesh* m : reference) fitted_roles.push_back(m->role);
    const SimilarityFit fit = fit_similarity(reference, target);
    if (!fit.transform) {
        messages.push_back(what + ": " + fit.error + "; using the default " + fallback);
        return false;
    }
    const Similarity& s = *fit.transform;
    if (!(s.scale <= k_max_fit_scale && s.scale >= 1.0f / k_max_fit_scale)) {
        const Bounds b = compute_bounds(reference.front()->positions);
        messages.push_back(refuse_fit(what, s.scale, b.diagonal(), fallback));
        return false;
    }
    for (auto& m : meshes) apply_similarity(s, m);
    std::string msg = what + ": ";
    if (units == Units::Unknown) msg += "no units given; scaled by " + fmt(s.scale) + "; ";
    msg +=
        frame + "fitted to the default " + join(fitted_roles) +
        (meshes.size() > 1 ? " (one transform for the whole set, relative places kept): " : ": ");
    msg += fit.axis_aligned ? "long axis turned by " + fmt(static_cast<float>(fit.tilt_deg)) +
                                  " deg onto the default's, "
                            : fit.axis_note + ", ";
    msg += "scaled by " + fmt(s.scale) +
           " (the largest at which its box fits in the default's box, along the default's "
           "long axis), box centred on the default's at " +
           describe(fit.target_centre);
    if (units != Units::Unknown && (s.scale < 0.5f || s.scale > 2.0f))
        msg += "; in " + std::string(to_string(units)) + " it was " + fmt(1.0f / s.scale) +
               " times the size of the default (units inconsistent?)";
    messages.push_back(msg);
    return true;
}

} // namespace

Mesh resolve_override(const MeshOverride& o, const Mesh& default_mesh,
                      std::vector<std::string>& messages) noexcept {
    try {
        const std::string what = "--mesh " + o.role + "=" + o.path.string();
        ImportOptions opt;
        opt.units = o.units;
        opt.axes = file_axes(o.axes, o.path);
        LoadResult lr = load_mesh_file(o.path, o.role, opt);
        for (auto& n : lr.notes) messages.push_back(what + ": " + n);
        if (!lr.mesh) {
            messages.push_back(what + ": " + lr.error + "; using the default " + o.role);
            return default_mesh;
        }
        std::vector<Mesh> placed{std::move(*lr.mesh)};
        placed.front().role = o.role;
        SourceFrame source = opt.axes == Axes::Atlas ? SourceFrame::Atlas : SourceFrame::Leg;
        // A file in known units that lies off to one side of the midline, away from the leg, is
        // an atlas structure whose name does not say so (a z-up one still in the atlas's axes;
        // a y-up export already turned into the leg's by the y-up reading).
        if ((o.axes == Axes::Auto || o.axes == Axes::YUp) && opt.axes != Axes::Atlas &&
            o.units != Units::Unknown &&
            lies_in_atlas_frame(placed.front().bounds, default_mesh.bounds)) {
            if (opt.axes == Axes::ZUp) atlas_to_leg_axes(placed.front());
            source = opt.axes == Axes::ZUp ? SourceFrame::Atlas : SourceFrame::AtlasYUp;
        }
        if (!default_mesh.bounds.valid || default_mesh.empty()) return std::move(placed.front());
        if (!place_on_defaults(placed, {default_mesh}, source, o.units, what, o.role, messages))
            return default_mesh;
        return std::move(placed.front());
    } catch (...) {
        messages.push_back("--mesh " + o.role + ": unexpected error; using the default");
        return default_mesh;
    }
}

void apply_atlas_set(const MeshOverride& o, std::vector<Mesh>& leg,
                     std::vector<std::string>& messages) noexcept {
    const std::string what = "--mesh " + std::string(k_atlas_set_role) + "=" + o.path.string();
    try {
        const AtlasSetFiles files = list_atlas_set(o.path, o.units, o.axes);
        for (const auto& n : files.notes) messages.push_back(what + ": " + n);
        if (!files.error.empty()) {
            messages.push_back(what + ": " + files.error + "; the default structures stay");
            return;
        }
        AtlasSetMeshes set = read_atlas_set(files);
        for (const auto& n : set.notes) messages.push_back(what + ": " + n);
        if (!set.error.empty()) {
            messages.push_back(what + ": " + set.error + "; the default structures stay");
            return;
        }
        std::vector<std::string> roles;
        for (const auto& m : set.meshes) roles.push_back(m.role);
        // A set of y-up files is an atlas's export too (one side of the midline): sides handled.
        const SourceFrame source = files.axes == Axes::Atlas ? SourceFrame::Atlas
                                   : files.axes == Axes::YUp ? SourceFrame::AtlasYUp
                                                             : SourceFrame::Leg;
        if (!place_on_defaults(set.meshes, leg, source, files.units, what,
                               "structures (" + join(roles) + ")", messages))
            return;
        for (auto& m : set.meshes) {
            for (auto& l : leg)
                if (l.role == m.role) l = std::move(m);
        }
    } catch (...) {
        messages.push_back(what + ": unexpected error; the default structures stay");
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
            if (op.value->role == k_atlas_set_role) {
                apply_atlas_set(*op.value, out.meshes, out.messages);
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

} // namespace sh::anatomy
