// sh_anatomy_preview: a tiny CPU rasteriser that draws the default leg from the front, the
// side and behind into PNG files, for a person to look at (a development aid, not the
// renderer and not part of the product). Usage: sh_anatomy_preview [OUT_DIR] [MANIFEST]
// Without a manifest it draws the meshes generated in memory. With
//   sh_anatomy_preview OUT_DIR --pose POSTURE ACTIVITY SPEED PHASE
// it draws the generated leg posed (sim/posture, anatomy/leg_skinning) to look at the skinning.
#include "anatomy/default_leg.hpp"
#include "anatomy/leg_skinning.hpp"
#include "posture.hpp"
#ifndef SH_PREVIEW_NO_LOADER
#include "anatomy/mesh_loader.hpp"
#endif

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <glm/geometric.hpp>
#include <glm/vec2.hpp>
#include <limits>
#include <stb/stb_image_write.h>
#include <string>
#include <vector>

namespace {

using sh::anatomy::Mesh;

struct Image {
    int w, h;
    std::vector<float> depth;
    std::vector<glm::vec3> rgb;
};

glm::vec3 colour_of(const std::string& role) {
    if (role == "skin") return {0.95f, 0.75f, 0.65f};
    if (role == "achilles_tendon") return {0.95f, 0.93f, 0.8f};
    if (role.find("gastro") == 0)
        return role.find("medial") != std::string::npos ? glm::vec3(0.8f, 0.25f, 0.25f)
                                                        : glm::vec3(0.75f, 0.3f, 0.35f);
    if (role == "soleus") return {0.65f, 0.2f, 0.2f};
    if (role == "tibialis_anterior") return {0.7f, 0.35f, 0.25f};
    return {0.92f, 0.9f, 0.82f};
}

// View: screen right = `right`, screen up = z, depth along `fwd` (towards the viewer is -fwd).
void draw(Image& img, const Mesh& m, glm::vec3 right, glm::vec3 fwd, glm::vec2 origin, float scale,
          glm::vec3 colour, float alpha) {
    std::vector<float> layer(img.depth.size(), std::numeric_limits<float>::max());
    std::vector<glm::vec3> lrgb(img.depth.size());
    const glm::vec3 light = glm::normalize(-fwd + glm::vec3(0, 0, 0.6f) + 0.4f * right);
    auto project = [&](glm::vec3 p) {
        return glm::vec3((glm::dot(p, right) - origin.x) * scale,
                         static_cast<float>(img.h - 1) - (p.z - origin.y) * scale,
                         glm::dot(p, fwd));
    };
    for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) {
        glm::vec3 v[3], n[3];
        for (int k = 0; k < 3; ++k) {
            v[k] = project(m.positions[m.indices[t + k]]);
            n[k] = m.normals[m.indices[t + k]];
        }
        const int x0 = std::max(0, (int)std::floor(std::min({v[0].x, v[1].x, v[2].x})));
        const int x1 = std::min(img.w - 1, (int)std::ceil(std::max({v[0].x, v[1].x, v[2].x})));
        const int y0 = std::max(0, (int)std::floor(std::min({v[0].y, v[1].y, v[2].y})));
        const int y1 = std::min(img.h - 1, (int)std::ceil(std::max({v[0].y, v[1].y, v[2].y})));
        const float area =
            (v[1].x - v[0].x) * (v[2].y - v[0].y) - (v[2].x - v[0].x) * (v[1].y - v[0].y);
        if (std::abs(area) < 1e-9f) continue;
        for (int y = y0; y <= y1; ++y) {
            for (int x = x0; x <= x1; ++x) {
                const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
                const float w0 =
                    ((v[1].x - px) * (v[2].y - py) - (v[2].x - px) * (v[1].y - py)) / area;
                const float w1 =
                    ((v[2].x - px) * (v[0].y - py) - (v[0].x - px) * (v[2].y - py)) / area;
                const float w2 = 1 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0) continue;
                const float d = w0 * v[0].z + w1 * v[1].z + w2 * v[2].z;
                const std::size_t k = (std::size_t)y * img.w + x;
                if (d >= layer[k]) continue;
                layer[k] = d;
                const glm::vec3 nn = glm::normalize(w0 * n[0] + w1 * n[1] + w2 * n[2]);
                const float lam = std::max(0.0f, glm::dot(nn, light));
                lrgb[k] = colour * (0.25f + 0.75f * lam);
            }
        }
    }
    for (std::size_t k = 0; k < layer.size(); ++k) {
        if (layer[k] == std::numeric_limits<float>::max()) continue;
        if (alpha >= 1.0f) {
            if (layer[k] < img.depth[k]) {
                img.depth[k] = layer[k];
                img.rgb[k] = lrgb[k];
            }
        } else if (layer[k] < img.depth[k]) {
            img.rgb[k] = alpha * lrgb[k] + (1 - alpha) * img.rgb[k];
        }
    }
}

void save(const Image& img, const std::string& path) {
    std::vector<unsigned char> px((std::size_t)img.w * img.h * 3);
    for (std::size_t k = 0; k < img.rgb.size(); ++k) {
        for (int c = 0; c < 3; ++c)
            px[k * 3 + c] = (unsigned char)std::clamp(img.rgb[k][c] * 255.0f, 0.0f, 255.0f);
    }
    stbi_write_png(path.c_str(), img.w, img.h, 3, px.data(), img.w * 3);
    std::printf("wrote %s\n", path.c_str());
}

} // namespace

int main(int argc, char** argv) {
    const std::string out = argc > 1 ? argv[1] : "/tmp";
    std::vector<Mesh> meshes;
    std::string tag;
    if (argc > 6 && std::string(argv[2]) == "--pose") {
        const auto posture = sh::sim::posture_from_string(argv[3]);
        const auto activity = sh::sim::activity_from_string(argv[4]);
        if (!posture || !activity) {
            std::fprintf(stderr, "unknown posture or activity\n");
            return 2;
        }
        const sh::sim::ActivitySpec a{*activity, std::atof(argv[5])};
        const auto pose =
            sh::sim::PosedLeg(sh::sim::default_network(), 1.0, *posture, a, std::atof(argv[6]))
                .pose();
        std::printf("pose: thigh %.1f knee %.1f ankle %.1f toes %.1f lift %.1f\n", pose.thigh_deg,
                    pose.knee_flexion_deg, pose.ankle_dorsiflexion_deg, pose.mtp_extension_deg,
                    pose.offset.z);
        for (auto& s : sh::anatomy::build_default_leg(0.5))
            meshes.push_back(
                sh::anatomy::pose_mesh(s.mesh, sh::anatomy::skin_bindings(s.mesh), pose));
        tag = std::string("_") + argv[3] + "_" + argv[4] + "_" + argv[6];
    } else
#ifndef SH_PREVIEW_NO_LOADER
        if (argc > 2) {
        auto leg = sh::anatomy::load_leg(argv[2], {});
        for (const auto& msg : leg.messages) std::printf("%s\n", msg.c_str());
        meshes = std::move(leg.meshes);
    } else
#endif
    {
        for (auto& s : sh::anatomy::build_default_leg()) meshes.push_back(std::move(s.mesh));
    }
    // Fit every view to the leg (a posed leg reaches forward and up to the hip).
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const auto& m : meshes)
        for (const auto& p : m.positions) lo = glm::min(lo, p), hi = glm::max(hi, p);
    const float span = std::max({hi.x - lo.x, hi.y - lo.y}) + 4.0f;
    const float scale = std::min(9.0f, 630.0f / (hi.z - lo.z + 4.0f));
    const int vw = static_cast<int>(span * scale), vh = static_cast<int>((hi.z - lo.z + 4) * scale);
    struct View {
        const char* name;
        glm::vec3 right, fwd;
        float x0;
    };
    const float cx = 0.5f * (lo.x + hi.x), cy = 0.5f * (lo.y + hi.y);
    const View views[] = {{"front", {-1, 0, 0}, {0, -1, 0}, -cx - 0.5f * span},
                          {"side", {0, 1, 0}, {-1, 0, 0}, cy - 0.5f * span},
                          {"back", {1, 0, 0}, {0, 1, 0}, cx - 0.5f * span}};
    for (int mode = 0; mode < 3; ++mode) { // 0 skin opaque, 1 x-ray, 2 inner only
        Image sheet{3 * vw, vh, {}, {}};
        sheet.rgb.assign(static_cast<std::size_t>(sheet.w) * sheet.h, glm::vec3(0.0f));
        int col = 0;
        for (const auto& v : views) {
            Image img{vw, vh, {}, {}};
            img.depth.assign(static_cast<std::size_t>(img.w) * img.h,
                             std::numeric_limits<float>::max());
            img.rgb.assign(img.depth.size(), glm::vec3(0.15f, 0.17f, 0.2f));
            for (const auto& m : meshes) {
                if (m.role == "skin" || mode == 0) continue;
                draw(img, m, v.right, v.fwd, {v.x0, lo.z - 2.0f}, scale, colour_of(m.role), 1.0f);
            }
            for (const auto& m : meshes) {
                if (m.role != "skin" || mode == 2) continue;
                draw(img, m, v.right, v.fwd, {v.x0, lo.z - 2.0f}, scale, colour_of(m.role),
                     mode == 0 ? 1.0f : 0.3f);
            }
            for (int y = 0; y < vh; ++y) {
                for (int x = 0; x < vw; ++x) {
                    sheet.rgb[static_cast<std::size_t>(y) * sheet.w + col * vw + x] =
                        img.rgb[static_cast<std::size_t>(y) * vw + x];
                }
            }
            ++col;
        }
        static const char* modes[] = {"skin", "xray", "inner"};
        save(sheet, out + "/leg_" + modes[mode] + tag + ".png");
    }
    return 0;
}
