#include "anatomy/manifest.hpp"

#include "anatomy/default_leg.hpp"

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sh::anatomy {

std::optional<Units> parse_units(std::string_view s) {
    if (s == "mm") return Units::Millimetre;
    if (s == "cm") return Units::Centimetre;
    if (s == "m") return Units::Metre;
    if (s == "in" || s == "inch") return Units::Inch;
    return std::nullopt;
}

std::optional<Axes> parse_axes(std::string_view s) {
    if (s == "y-up" || s == "y" || s == "yup") return Axes::YUp;
    if (s == "z-up" || s == "z" || s == "zup") return Axes::ZUp;
    if (s == "auto") return Axes::Auto;
    return std::nullopt;
}

std::string_view to_string(Units u) {
    switch (u) {
    case Units::Millimetre:
        return "mm";
    case Units::Centimetre:
        return "cm";
    case Units::Metre:
        return "m";
    case Units::Inch:
        return "in";
    case Units::Unknown:
        break;
    }
    return "unknown";
}

std::string_view to_string(Axes a) {
    switch (a) {
    case Axes::YUp:
        return "y-up";
    case Axes::ZUp:
        return "z-up";
    case Axes::Auto:
        break;
    }
    return "auto";
}

float centimetres_per_unit(Units u) {
    switch (u) {
    case Units::Millimetre:
        return 0.1f;
    case Units::Metre:
        return 100.0f;
    case Units::Inch:
        return 2.54f;
    case Units::Centimetre:
    case Units::Unknown:
        break;
    }
    return 1.0f;
}

namespace {

using nlohmann::json;

struct ParseError {
    std::string key, expected;
};

const json& require(const json& obj, const std::string& key, const std::string& path) {
    if (!obj.contains(key)) throw ParseError{path + key, "a value (missing)"};
    return obj.at(key);
}

std::string get_string(const json& v, const std::string& key) {
    if (!v.is_string()) throw ParseError{key, "a string"};
    return v.get<std::string>();
}

float get_number(const json& v, const std::string& key) {
    if (!v.is_number()) throw ParseError{key, "a number"};
    return v.get<float>();
}

glm::vec3 get_vec3(const json& v, const std::string& key) {
    if (!v.is_array() || v.size() != 3) throw ParseError{key, "an array of 3 numbers"};
    glm::vec3 out;
    for (int i = 0; i < 3; ++i)
        out[i] = get_number(v[static_cast<std::size_t>(i)], key + "[" + std::to_string(i) + "]");
    return out;
}

} // namespace

ManifestResult parse_manifest(std::string_view text, const std::string& source) {
    ManifestResult r;
    json j;
    try {
        j = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        r.error = source + ": not valid JSON (" + e.what() + ")";
        return r;
    }
    try {
        if (!j.is_object()) throw ParseError{"(top level)", "a JSON object"};
        Manifest m;
        const std::string fmt = get_string(require(j, "format", ""), "format");
        if (fmt != "secondheart-anatomy-manifest")
            throw ParseError{"format", "\"secondheart-anatomy-manifest\""};
        const json& ver = require(j, "version", "");
        if (!ver.is_number_integer() || ver.get<int>() != 1)
            throw ParseError{"version", "the integer 1"};
        if (j.contains("units")) {
            m.units = get_string(j["units"], "units");
            if (m.units != "cm") throw ParseError{"units", "\"cm\" (the leg frame's unit)"};
        }
        if (j.contains("up")) {
            m.up = get_string(j["up"], "up");
            if (m.up != "z") throw ParseError{"up", "\"z\" (the leg frame is z-up)"};
        }
        const json& meshes = require(j, "meshes", "");
        if (!meshes.is_array()) throw ParseError{"meshes", "an array of mesh entries"};
        for (std::size_t i = 0; i < meshes.size(); ++i) {
            const std::string p = "meshes[" + std::to_string(i) + "].";
            const json& e = meshes[i];
            if (!e.is_object()) throw ParseError{"meshes[" + std::to_string(i) + "]", "an object"};
            ManifestEntry me;
            me.role = get_string(require(e, "role", p), p + "role");
            if (!is_known_role(me.role)) {
                std::string roles;
                for (const auto& ro : default_roles()) roles += (roles.empty() ? "" : ", ") + ro;
                throw ParseError{p + "role", "one of " + roles + " (got \"" + me.role + "\")"};
            }
            me.file = get_string(require(e, "file", p), p + "file");
            if (me.file.empty()) throw ParseError{p + "file", "a non-empty file name"};
            if (e.contains("units")) {
                const auto u = parse_units(get_string(e["units"], p + "units"));
                if (!u) throw ParseError{p + "units", "one of mm, cm, m, in"};
                me.units = *u;
            }
            if (e.contains("axes")) {
                const auto a = parse_axes(get_string(e["axes"], p + "axes"));
                if (!a) throw ParseError{p + "axes", "one of y-up, z-up, auto"};
                me.axes = *a;
            }
            if (e.contains("transform")) {
                const json& t = e["transform"];
                const std::string tp = p + "transform";
                if (!t.is_object())
                    throw ParseError{tp, "an object with translate, rotate_deg, scale"};
                if (t.contains("translate"))
                    me.transform.translate = get_vec3(t["translate"], tp + ".translate");
                if (t.contains("rotate_deg"))
                    me.transform.rotate_deg = get_vec3(t["rotate_deg"], tp + ".rotate_deg");
                if (t.contains("scale")) {
                    me.transform.scale = get_number(t["scale"], tp + ".scale");
                    if (!(me.transform.scale > 0.0f))
                        throw ParseError{tp + ".scale", "a positive number"};
                }
            }
            if (e.contains("deform")) {
                const json& d = e["deform"];
                const std::string dp = p + "deform";
                if (!d.is_object())
                    throw ParseError{dp, "an object with spine, anchor, max_shortening"};
                DeformSpec ds;
                const json& sp = require(d, "spine", dp + ".");
                if (!sp.is_array() || sp.size() < 2)
                    throw ParseError{dp + ".spine", "an array of at least 2 points"};
                for (std::size_t k = 0; k < sp.size(); ++k)
                    ds.spine.push_back(get_vec3(sp[k], dp + ".spine[" + std::to_string(k) + "]"));
                if (d.contains("anchor")) {
                    ds.anchor = get_string(d["anchor"], dp + ".anchor");
                    if (ds.anchor != "proximal" && ds.anchor != "distal" && ds.anchor != "centre") {
                        throw ParseError{dp + ".anchor", "one of proximal, distal, centre"};
                    }
                }
                if (d.contains("max_shortening")) {
                    ds.max_shortening = get_number(d["max_shortening"], dp + ".max_shortening");
                    if (!(ds.max_shortening >= 0.0f && ds.max_shortening <= 0.4f)) {
                        throw ParseError{dp + ".max_shortening", "a number from 0 to 0.4"};
                    }
                }
                me.deform = std::move(ds);
            }
            m.meshes.push_back(std::move(me));
        }
        r.manifest = std::move(m);
    } catch (const ParseError& e) {
        r.error = source + ": key '" + e.key + "': expected " + e.expected;
    } catch (const std::exception& e) {
        r.error = source + ": " + e.what();
    }
    return r;
}

ManifestResult read_manifest(const std::filesystem::path& path) {
    ManifestResult r;
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        r.error = path.string() + ": cannot open the manifest (missing or unreadable)";
        return r;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    r = parse_manifest(ss.str(), path.string());
    if (r.manifest) r.manifest->base_dir = path.parent_path();
    return r;
}

std::string manifest_to_json(const Manifest& m) {
    json j;
    j["format"] = "secondheart-anatomy-manifest";
    j["version"] = m.version;
    j["units"] = m.units;
    j["up"] = m.up;
    j["frame"] = "right leg standing; origin on the floor below the ankle joint centre; x lateral, "
                 "y anterior, z up";
    j["note"] = "mesh files are glTF (Y-up: leg x = -X, y = Z, z = Y) in centimetres; see "
                "anatomy/manifest.hpp";
    json meshes = json::array();
    for (const auto& e : m.meshes) {
        json o;
        o["role"] = e.role;
        o["file"] = e.file;
        o["units"] = std::string(to_string(e.units));
        o["axes"] = std::string(to_string(e.axes));
        o["transform"] = {
            {"translate",
             {e.transform.translate.x, e.transform.translate.y, e.transform.translate.z}},
            {"rotate_deg",
             {e.transform.rotate_deg.x, e.transform.rotate_deg.y, e.transform.rotate_deg.z}},
            {"scale", e.transform.scale}};
        if (e.deform) {
            json sp = json::array();
            for (const auto& p : e.deform->spine) {
                // Rounded to 0.1 mm so the text stays short.
                sp.push_back({std::round(p.x * 1000.0) / 1000.0, std::round(p.y * 1000.0) / 1000.0,
                              std::round(p.z * 1000.0) / 1000.0});
            }
            o["deform"] = {
                {"spine", sp},
                {"anchor", e.deform->anchor},
                {"max_shortening",
                 std::round(static_cast<double>(e.deform->max_shortening) * 1000.0) / 1000.0}};
        }
        meshes.push_back(o);
    }
    j["meshes"] = meshes;
    return j.dump(1) + "\n";
}

} // namespace sh::anatomy
