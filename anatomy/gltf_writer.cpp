#include "anatomy/gltf_writer.hpp"

#include <cstring>
#include <fstream>
#include <glm/common.hpp>
#include <nlohmann/json.hpp>
#include <vector>

namespace sh::anatomy {

glm::vec3 leg_to_gltf(const glm::vec3& p) {
    return {-p.x, p.z, p.y};
}
glm::vec3 gltf_to_leg(const glm::vec3& p) {
    return {-p.x, p.z, p.y};
}

namespace {
void put(std::vector<unsigned char>& bin, const void* data, std::size_t bytes) {
    const auto* c = static_cast<const unsigned char*>(data);
    bin.insert(bin.end(), c, c + bytes);
    while (bin.size() % 4 != 0) bin.push_back(0);
}
} // namespace

std::string write_gltf(const Mesh& mesh, const std::filesystem::path& dir, const std::string& name,
                       const glm::vec3& base_colour) {
    using nlohmann::json;
    const std::size_t n = mesh.positions.size();
    std::vector<float> pos, nor;
    pos.reserve(n * 3);
    nor.reserve(n * 3);
    glm::vec3 lo(0.0f), hi(0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        const glm::vec3 p = leg_to_gltf(mesh.positions[i]);
        const glm::vec3 q = leg_to_gltf(mesh.normals[i]);
        if (i == 0) lo = hi = p;
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
        pos.insert(pos.end(), {p.x, p.y, p.z});
        nor.insert(nor.end(), {q.x, q.y, q.z});
    }
    std::vector<unsigned char> bin;
    put(bin, pos.data(), pos.size() * sizeof(float));
    const std::size_t nor_off = bin.size();
    put(bin, nor.data(), nor.size() * sizeof(float));
    const std::size_t idx_off = bin.size();
    put(bin, mesh.indices.data(), mesh.indices.size() * sizeof(std::uint32_t));

    json j;
    j["asset"] = {{"version", "2.0"}, {"generator", "secondheart-leggen"}};
    j["extras"] = {
        {"role", mesh.role},
        {"units", "cm"},
        {"frame", "leg frame (right leg; x lateral, y anterior, z up) stored as X=-x, Y=z, Z=y"}};
    j["scene"] = 0;
    j["scenes"] = json::array({{{"nodes", {0}}}});
    j["nodes"] = json::array({{{"mesh", 0}, {"name", mesh.role}}});
    j["materials"] =
        json::array({{{"name", mesh.role},
                      {"pbrMetallicRoughness",
                       {{"baseColorFactor", {base_colour.r, base_colour.g, base_colour.b, 1.0}},
                        {"metallicFactor", 0.0},
                        {"roughnessFactor", 0.7}}}}});
    j["meshes"] =
        json::array({{{"name", mesh.role},
                      {"primitives", json::array({{{"attributes", {{"POSITION", 0}, {"NORMAL", 1}}},
                                                   {"indices", 2},
                                                   {"material", 0},
                                                   {"mode", 4}}})}}});
    j["buffers"] = json::array({{{"byteLength", bin.size()}, {"uri", name + ".bin"}}});
    j["bufferViews"] = json::array(
        {{{"buffer", 0}, {"byteOffset", 0}, {"byteLength", pos.size() * 4}, {"target", 34962}},
         {{"buffer", 0},
          {"byteOffset", nor_off},
          {"byteLength", nor.size() * 4},
          {"target", 34962}},
         {{"buffer", 0},
          {"byteOffset", idx_off},
          {"byteLength", mesh.indices.size() * 4},
          {"target", 34963}}});
    j["accessors"] =
        json::array({{{"bufferView", 0},
                      {"componentType", 5126},
                      {"count", n},
                      {"type", "VEC3"},
                      {"min", {lo.x, lo.y, lo.z}},
                      {"max", {hi.x, hi.y, hi.z}}},
                     {{"bufferView", 1}, {"componentType", 5126}, {"count", n}, {"type", "VEC3"}},
                     {{"bufferView", 2},
                      {"componentType", 5125},
                      {"count", mesh.indices.size()},
                      {"type", "SCALAR"}}});

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    {
        std::ofstream f(dir / (name + ".bin"), std::ios::binary | std::ios::trunc);
        if (!f) return "cannot open " + (dir / (name + ".bin")).string() + " for writing";
        f.write(reinterpret_cast<const char*>(bin.data()),
                static_cast<std::streamsize>(bin.size()));
        if (!f) return "cannot write " + (dir / (name + ".bin")).string();
    }
    std::ofstream f(dir / (name + ".gltf"), std::ios::trunc);
    if (!f) return "cannot open " + (dir / (name + ".gltf")).string() + " for writing";
    f << j.dump(1) << '\n';
    if (!f) return "cannot write " + (dir / (name + ".gltf")).string();
    return {};
}

} // namespace sh::anatomy
