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
    if (s == "atlas" || s == "lps") return Axes::Atlas;
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
    case Axes::Atlas:
        return "atlas";
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

// A key that is missing or not what was expected; parse_manifest prefixes the source.
Error bad(const std::string& key, const std::string& expected) {
    return Error{"key '" + key + "': expected " + expected, {}, ErrorCode::InvalidInput};
}

Result<const json*> require(const json& obj, const std::string& key, const std::string& path) {
    if (!obj.contains(key)) return bad(path + key, "a value (missing)");
    return &obj.at(key);
}

Result<std::string> get_string(const json& v, const std::string& key) {
    if (!v.is_string()) return bad(key, "a string");
    return v.get<std::string>();
}

Result<float> get_number(const json& v, const std::string& key) {
    if (!v.is_number()) return bad(key, "a number");
    return v.get<float>();
}

Result<glm::vec3> get_vec3(const json& v, const std::string& key) {
    if (!v.is_array() || v.size() != 3) return bad(key, "an array of 3 numbers");
    glm::vec3 out(0.0f);
    for (int i = 0; i < 3; ++i) {
        auto x = get_number(v[static_cast<std::size_t>(i)], key + "[" + std::to_string(i) + "]");
        if (!x) return x.error();
        out[i] = x.value();
    }
    return out;
}

// A string member that must be one of a few words: `check` says whether it is.
template <typename Check>
Result<std::string> get_word(const json& v, const std::string& key, const std::string& expected,
                             Check check) {
    auto word = get_string(v, key);
    if (!word) return word.error();
    if (!check(word.value())) return bad(key, expected);
    return word;
}

Result<MeshTransform> parse_transform(const json& t, const std::string& tp) {
    if (!t.is_object()) return bad(tp, "an object with translate, rotate_deg, scale");
    MeshTransform out;
    if (t.contains("translate")) {
        auto v = get_vec3(t["translate"], tp + ".translate");
        if (!v) return v.error();
        out.translate = v.value();
    }
    if (t.contains("rotate_deg")) {
        auto v = get_vec3(t["rotate_deg"], tp + ".rotate_deg");
        if (!v) return v.error();
        out.rotate_deg = v.value();
    }
    if (t.contains("scale")) {
        auto scale = get_number(t["scale"], tp + ".scale");
        if (!scale) return scale.error();
        if (!(scale.value() > 0.0f)) return bad(tp + ".scale", "a positive number");
        out.scale = scale.value();
    }
    return out;
}

Result<DeformSpec> parse_deform(const json& d, const std::string& dp) {
    if (!d.is_object()) return bad(dp, "an object with spine, anchor, max_shortening");
    DeformSpec ds;
    auto sp = require(d, "spine", dp + ".");
    if (!sp) return sp.error();
    const json& spine = *sp.value();
    if (!spine.is_array() || spine.size() < 2)
        return bad(dp + ".spine", "an array of at least 2 points");
    for (std::size_t k = 0; k < spine.size(); ++k) {
        auto point = get_vec3(spine[k], dp + ".spine[" + std::to_string(k) + "]");
        if (!point) return point.error();
        ds.spine.push_back(point.value());
    }
    if (d.contains("anchor")) {
        auto anchor = get_word(
            d["anchor"], dp + ".anchor", "one of proximal, distal, centre",
            [](const std::string& a) { return a == "proximal" || a == "distal" || a == "centre"; });
        if (!anchor) return anchor.error();
        ds.anchor = anchor.value();
    }
    if (d.contains("max_shortening")) {
        auto k = get_number(d["max_shortening"], dp + ".max_shortening");
        if (!k) return k.error();
        if (!(k.value() >= 0.0f && k.value() <= 0.4f))
            return bad(dp + ".max_shortening", "a number from 0 to 0.4");
        ds.max_shortening = k.value();
    }
    return ds;
}

Result<ManifestEntry> parse_entry(const json& e, std::size_t i) {
    const std::string p = "meshes[" + std::to_string(i) + "].";
    if (!e.is_object()) return bad("meshes[" + std::to_string(i) + "]", "an object");
    ManifestEntry me;
    auto role = require(e, "role", p);
    if (!role) return role.error();
    auto role_name = get_string(*role.value(), p + "role");
    if (!role_name) return role_name.error();
    me.role = role_name.value();
    if (!is_known_role(me.role)) {
        std::string roles;
        for (const auto& ro : default_roles()) roles += (roles.empty() ? "" : ", ") + ro;
        return bad(p + "role", "one of " + roles + " (got \"" + me.role + "\")");
    }
    auto file = require(e, "file", p);
    if (!file) return file.error();
    auto file_name = get_string(*file.value(), p + "file");
    if (!file_name) return file_name.error();
    if (file_name.value().empty()) return bad(p + "file", "a non-empty file name");
    me.file = file_name.value();
    if (e.contains("units")) {
        auto text = get_string(e["units"], p + "units");
        if (!text) return text.error();
        const auto u = parse_units(text.value());
        if (!u) return bad(p + "units", "one of mm, cm, m, in");
        me.units = *u;
    }
    if (e.contains("axes")) {
        auto text = get_string(e["axes"], p + "axes");
        if (!text) return text.error();
        const auto a = parse_axes(text.value());
        if (!a) return bad(p + "axes", "one of y-up, z-up, atlas, auto");
        me.axes = *a;
    }
    if (e.contains("transform")) {
        auto t = parse_transform(e["transform"], p + "transform");
        if (!t) return t.error();
        me.transform = t.value();
    }
    if (e.contains("deform")) {
        auto d = parse_deform(e["deform"], p + "deform");
        if (!d) return d.error();
        me.deform = d.take();
    }
    return me;
}

Result<Manifest> parse_document(const json& j) {
    if (!j.is_object()) return bad("(top level)", "a JSON object");
    Manifest m;
    auto format = require(j, "format", "");
    if (!format) return format.error();
    auto fmt = get_word(*format.value(), "format", "\"secondheart-anatomy-manifest\"",
                        [](const std::string& f) { return f == "secondheart-anatomy-manifest"; });
    if (!fmt) return fmt.error();
    auto ver = require(j, "version", "");
    if (!ver) return ver.error();
    if (!ver.value()->is_number_integer() || ver.value()->get<int>() != 1)
        return bad("version", "the integer 1");
    if (j.contains("units")) {
        auto units = get_word(j["units"], "units", "\"cm\" (the leg frame's unit)",
                              [](const std::string& u) { return u == "cm"; });
        if (!units) return units.error();
        m.units = units.value();
    }
    if (j.contains("up")) {
        auto up = get_word(j["up"], "up", "\"z\" (the leg frame is z-up)",
                           [](const std::string& u) { return u == "z"; });
        if (!up) return up.error();
        m.up = up.value();
    }
    auto meshes = require(j, "meshes", "");
    if (!meshes) return meshes.error();
    if (!meshes.value()->is_array()) return bad("meshes", "an array of mesh entries");
    for (std::size_t i = 0; i < meshes.value()->size(); ++i) {
        auto entry = parse_entry((*meshes.value())[i], i);
        if (!entry) return entry.error();
        m.meshes.push_back(entry.take());
    }
    return m;
}

} // namespace

Result<Manifest> parse_manifest(std::string_view text, const std::string& source) {
    json j;
    try { // nlohmann reports a syntax error by exception: turned into an Error here
        j = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        return Error{source + ": not valid JSON (" + e.what() + ")", {}, ErrorCode::InvalidInput};
    }
    Result<Manifest> m = parse_document(j);
    if (!m) {
        Error e = m.error();
        e.message = source + ": " + e.message;
        return e;
    }
    return m;
}

Result<Manifest> read_manifest(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f)
        return Error{path.string() + ": cannot open the manifest (missing or unreadable)",
                     {},
                     ErrorCode::NotFound};
    std::ostringstream ss;
    ss << f.rdbuf();
    Result<Manifest> m = parse_manifest(ss.str(), path.string());
    if (m) m.value().base_dir = path.parent_path();
    return m;
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
