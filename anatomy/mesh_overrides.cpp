// Mesh overrides (--mesh ROLE=PATH[:UNITS[:AXES]]): parsing the option, fitting a user mesh
// into the place of the default structure it replaces, and loading the whole leg from a
// manifest with overrides. Reading one file is mesh_loader.cpp.
#include "anatomy/default_leg.hpp"
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

} // namespace sh::anatomy
