#include "anatomy/atlas_set.hpp"

#include "anatomy/default_leg.hpp"
#include "anatomy/mesh_loader.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace sh::anatomy {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The words of a name: letters and digits, everything else separates.
std::vector<std::string> words_of(std::string_view name) {
    std::vector<std::string> out;
    std::string w;
    for (const char ch : lower(name)) {
        if (std::isalnum(static_cast<unsigned char>(ch))) {
            w += ch;
        } else if (!w.empty()) {
            out.push_back(std::move(w));
            w.clear();
        }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
}

bool has(const std::vector<std::string>& words, std::string_view w) {
    return std::find(words.begin(), words.end(), w) != words.end();
}

bool is_mesh_file(const fs::path& p) {
    static const std::set<std::string> exts{".obj", ".stl", ".ply", ".gltf", ".glb", ".fbx"};
    return exts.count(lower(p.extension().string())) > 0;
}

// A BodyParts3D id (FJ1437, FMA22542, BP8012): letters then digits.
bool is_atlas_id(const std::string& token) {
    std::size_t i = 0;
    while (i < token.size() && std::isalpha(static_cast<unsigned char>(token[i]))) ++i;
    return i >= 2 && i <= 3 && i < token.size() &&
           std::all_of(token.begin() + static_cast<std::ptrdiff_t>(i), token.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

// BodyParts3D parts lists in the folder: FJ file id -> English name. A line may name the file
// and the structure together (FMA id, name, FJ id), or the lists may say it in two steps (FMA id
// -> FJ id in one, FMA id -> name in another): both are joined.
std::map<std::string, std::string> read_parts_lists(const std::vector<fs::path>& lists) {
    std::map<std::string, std::string> file_name, concept_name, file_concept;
    const auto starts = [](const std::string& token, const char* prefix) {
        return lower(token).rfind(prefix, 0) == 0;
    };
    for (const auto& list : lists) {
        std::ifstream in(list);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            std::stringstream ss(line);
            std::string file_id, concept_id, name;
            for (std::string c; std::getline(ss, c, '\t');) {
                if (is_atlas_id(c) && starts(c, "fj"))
                    file_id = c;
                else if (is_atlas_id(c) && starts(c, "fma"))
                    concept_id = c;
                else if (!is_atlas_id(c) && name.empty() &&
                         std::any_of(c.begin(), c.end(),
                                     [](unsigned char ch) { return std::isalpha(ch) != 0; }))
                    name = c;
            }
            if (!file_id.empty() && !name.empty()) file_name.emplace(file_id, name);
            if (!concept_id.empty() && !name.empty()) concept_name.emplace(concept_id, name);
            if (!file_id.empty() && !concept_id.empty()) file_concept.emplace(file_id, concept_id);
        }
    }
    for (const auto& [file, concept_id] : file_concept) {
        const auto n = concept_name.find(concept_id);
        if (n != concept_name.end()) file_name.emplace(file, n->second);
    }
    return file_name;
}

std::string role_list() {
    std::string roles;
    for (const auto& r : default_roles()) roles += (roles.empty() ? "" : ", ") + r;
    return roles;
}

std::string list_some(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < 5; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > 5) out += " and " + std::to_string(names.size() - 5) + " more";
    return out;
}

// Keeps, for each role named on both sides, the right side's files (our leg is a right leg).
void prefer_right_side(AtlasSetFiles& set) {
    std::set<std::string> right_roles;
    for (const auto& f : set.files)
        if (f.named_side > 0) right_roles.insert(f.role);
    std::vector<std::string> dropped;
    std::erase_if(set.files, [&](const AtlasFile& f) {
        const bool drop = f.named_side < 0 && right_roles.count(f.role) > 0;
        if (drop) dropped.push_back(f.path.filename().string());
        return drop;
    });
    if (!dropped.empty())
        set.notes.push_back("left-side files left out (the right side's are used; our leg is a "
                            "right leg): " +
                            list_some(dropped));
}

AtlasSetFiles list_folder(const fs::path& dir) {
    AtlasSetFiles set;
    std::vector<fs::path> meshes, lists;
    std::error_code ec;
    // The folder and its subfolders one level down (a BodyParts3D archive keeps its parts lists
    // beside a folder of FJ files).
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it.depth() > 1) {
            it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(ec)) continue;
        const fs::path& p = it->path();
        const std::string name = lower(p.filename().string());
        if (is_mesh_file(p))
            meshes.push_back(p);
        else if (lower(p.extension().string()) == ".txt" &&
                 (name.find("element_parts") != std::string::npos ||
                  name.find("parts_list") != std::string::npos))
            lists.push_back(p);
    }
    if (ec) {
        set.error = dir.string() + ": cannot read the folder (" + ec.message() + ")";
        return set;
    }
    std::sort(meshes.begin(), meshes.end());
    std::sort(lists.begin(), lists.end());
    const auto names = read_parts_lists(lists);
    std::vector<std::string> ignored;
    for (const auto& p : meshes) {
        const std::string stem = p.stem().string();
        std::string upper = stem;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        const auto named = names.find(upper);
        const std::string name = named != names.end() ? named->second : stem;
        const auto role = role_from_atlas_name(name);
        if (!role) {
            ignored.push_back(p.filename().string() +
                              (named != names.end() ? " (" + name + ")" : ""));
            continue;
        }
        set.files.push_back({*role, p, name, side_from_atlas_name(name)});
    }
    if (set.files.empty()) {
        set.error = dir.string() + ": no mesh file here names a leg structure (" +
                    std::to_string(meshes.size()) +
                    " mesh files; expected names such as 'Soleus muscle.r.obj' or 'right "
                    "tibia.stl', or BodyParts3D FJ files with its parts list "
                    "isa_element_parts.txt beside them; structures: " +
                    role_list() + ", and bones of the foot)";
        return set;
    }
    if (!ignored.empty())
        set.notes.push_back(std::to_string(ignored.size()) +
                            " files name no leg structure and are left out: " + list_some(ignored));
    prefer_right_side(set);
    return set;
}

AtlasSetFiles parse_set_manifest(const fs::path& path) {
    using nlohmann::json;
    AtlasSetFiles set;
    const std::string src = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        set.error = src + ": cannot open the atlas-set manifest (missing or unreadable)";
        return set;
    }
    json j;
    try { // nlohmann reports by exception: turned into a message here
        j = json::parse(in);
    } catch (const json::exception& e) {
        set.error = src + ": not valid JSON (" + e.what() + ")";
        return set;
    }
    const auto bad = [&](const std::string& key, const std::string& expected) {
        set.error = src + ": key '" + key + "': expected " + expected;
        set.files.clear();
        return set;
    };
    if (!j.is_object()) return bad("(top level)", "a JSON object");
    if (j.value("format", std::string()) != "secondheart-atlas-set")
        return bad("format", "\"secondheart-atlas-set\"");
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"] != 1)
        return bad("version", "the integer 1");
    if (j.contains("units")) {
        const auto u =
            j["units"].is_string() ? parse_units(j["units"].get<std::string>()) : std::nullopt;
        if (!u) return bad("units", "one of mm, cm, m, in");
        set.units = *u;
    }
    if (j.contains("axes")) {
        const auto a =
            j["axes"].is_string() ? parse_axes(j["axes"].get<std::string>()) : std::nullopt;
        if (!a || *a == Axes::Auto) return bad("axes", "one of atlas, z-up, y-up");
        set.axes = *a;
    }
    if (!j.contains("meshes") || !j["meshes"].is_array() || j["meshes"].empty())
        return bad("meshes", "a non-empty array of {\"role\", \"file\"}");
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < j["meshes"].size(); ++i) {
        const json& e = j["meshes"][i];
        const std::string key = "meshes[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.contains("role") || !e["role"].is_string())
            return bad(key + ".role", "a string, one of " + role_list());
        const std::string role = e["role"].get<std::string>();
        if (!is_known_role(role))
            return bad(key + ".role", "one of " + role_list() + " (got \"" + role + "\")");
        if (!e.contains("file") || !e["file"].is_string() || e["file"].get<std::string>().empty())
            return bad(key + ".file", "a mesh file name");
        fs::path file = e["file"].get<std::string>();
        if (file.is_relative()) file = path.parent_path() / file;
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            missing.push_back(key + " (" + role + "): " + file.string());
            continue;
        }
        set.files.push_back({role, file, file.stem().string(), 0});
    }
    for (const auto& m : missing) set.notes.push_back(src + ": " + m + ": file not found");
    if (set.files.empty())
        set.error = src + ": none of its " + std::to_string(missing.size()) +
                    " mesh files was found (" + list_some(missing) + ")";
    return set;
}

} // namespace

std::optional<std::string> role_from_atlas_name(std::string_view name) {
    const auto w = words_of(name);
    const bool calcaneal_tendon = (has(w, "calcaneal") && has(w, "tendon")) || has(w, "achilles");
    if (calcaneal_tendon) return "achilles_tendon";
    // Structures of a bone or muscle that are not the structure itself.
    for (const char* other : {"ligament", "artery", "vein", "nerve", "cartilage", "bursa",
                              "retinaculum", "fascia", "tendon", "surface", "sheath"})
        if (has(w, other)) return std::nullopt;
    if (has(w, "skin")) return "skin";
    if (has(w, "soleus")) return "soleus";
    if (has(w, "gastrocnemius")) {
        if (has(w, "medial")) return "gastrocnemius_medial";
        if (has(w, "lateral")) return "gastrocnemius_lateral";
        return std::nullopt; // both heads in one file: no role takes it
    }
    if (has(w, "tibialis") && has(w, "anterior")) return "tibialis_anterior";
    if (has(w, "patella")) return "patella";
    if (has(w, "femur")) return "femur";
    if (has(w, "fibula")) return "fibula";
    if (has(w, "tibia")) return "tibia";
    for (const char* bone :
         {"calcaneus", "talus", "navicular", "cuboid", "cuneiform", "metatarsal"})
        if (has(w, bone)) return "foot_bones";
    if ((has(w, "phalanx") || has(w, "phalanges")) && (has(w, "toe") || has(w, "foot")))
        return "foot_bones";
    return std::nullopt;
}

int side_from_atlas_name(std::string_view name) {
    const auto w = words_of(name);
    if (has(w, "right")) return 1;
    if (has(w, "left")) return -1;
    const std::string l = lower(name);
    if (l.size() > 2 && (l[l.size() - 2] == '.' || l[l.size() - 2] == '_')) {
        if (l.back() == 'r') return 1; // Z-Anatomy "Soleus muscle.r"
        if (l.back() == 'l') return -1;
    }
    return 0;
}

AtlasSetFiles list_atlas_set(const fs::path& path, Units units, Axes axes) {
    std::error_code ec;
    AtlasSetFiles set;
    if (fs::is_directory(path, ec)) {
        set = list_folder(path);
    } else if (!fs::exists(path, ec)) {
        set.error = path.string() +
                    ": not found (expected a folder of atlas mesh files or an atlas-set "
                    "manifest .json)";
        return set;
    } else if (lower(path.extension().string()) == ".json") {
        set = parse_set_manifest(path);
    } else {
        set.error = path.string() +
                    ": an atlas set is a folder of mesh files or an atlas-set manifest .json; "
                    "give a single mesh as ROLE=FILE instead";
        return set;
    }
    if (units != Units::Unknown) set.units = units;
    if (axes != Axes::Auto) set.axes = axes;
    return set;
}

AtlasSetMeshes read_atlas_set(const AtlasSetFiles& set) {
    AtlasSetMeshes out;
    std::map<std::string, Mesh> by_role;
    for (const auto& f : set.files) {
        ImportOptions opt;
        opt.units = set.units;
        opt.axes = set.axes;
        LoadResult lr = load_mesh_file(f.path, f.role, opt);
        for (auto& n : lr.notes) out.notes.push_back(std::move(n));
        if (!lr.mesh) {
            out.notes.push_back(lr.error + "; left out of the set");
            continue;
        }
        auto [it, inserted] = by_role.emplace(f.role, Mesh{});
        if (inserted) it->second.role = f.role;
        append(it->second, *lr.mesh);
    }
    for (const auto& role : default_roles()) {
        auto it = by_role.find(role);
        if (it == by_role.end()) continue;
        it->second.bounds = compute_bounds(it->second.positions);
        out.meshes.push_back(std::move(it->second));
    }
    if (out.meshes.empty()) out.error = "none of the set's files could be read";
    return out;
}

} // namespace sh::anatomy
