#include "scene/mesh_renderer.hpp"

#include "anatomy/leg_skinning.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::scene {
namespace {

constexpr VkShaderStageFlags k_stages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

// Colours are chosen in sRGB (what a designer picks) and converted to linear for lighting.
glm::vec3 srgb(float r, float g, float b) {
    return {std::pow(r / 255.0f, 2.2f), std::pow(g / 255.0f, 2.2f), std::pow(b / 255.0f, 2.2f)};
}

} // namespace

float rigid_segment_code(const sim::SkinBinding& binding) {
    // A rigid binding's weights are 1 for every joint proximal of its segment.
    float code = 1.0f;
    for (const float w : binding.weight) code += w > 0.5f ? 1.0f : 0.0f;
    return code;
}

StructureKind structure_kind(std::string_view role) {
    if (role == "skin") return StructureKind::Skin;
    if (role == "achilles_tendon") return StructureKind::Tendon;
    if (role == "tibia" || role == "fibula" || role == "femur" || role == "patella" ||
        role == "foot_bones")
        return StructureKind::Bone;
    if (role == "soleus" || role == "gastrocnemius_medial" || role == "gastrocnemius_lateral" ||
        role == "tibialis_anterior" || role.find("muscle") != std::string_view::npos)
        return StructureKind::Muscle;
    return StructureKind::Other;
}

Material material_for(StructureKind kind, RenderMode mode) {
    const bool xray = mode == RenderMode::XRay;
    Material m;
    switch (kind) {
    case StructureKind::Bone:
        m.color = glm::vec4(srgb(236, 226, 198), 1.0f); // ivory
        m.specular = 0.12f;
        break;
    case StructureKind::Muscle:
        m.color = glm::vec4(srgb(176, 66, 56), xray ? 0.16f : 1.0f); // red-brown
        m.specular = 0.25f;
        m.pattern = 1.0f;
        m.translucent = xray;
        m.fresnel = 0.35f;
        break;
    case StructureKind::Tendon:
        m.color = glm::vec4(srgb(228, 222, 204), xray ? 0.3f : 1.0f); // pale, silvery
        m.specular = 0.35f;
        m.translucent = xray;
        m.fresnel = 0.3f;
        break;
    case StructureKind::Skin:
        m.color = glm::vec4(srgb(242, 172, 136), xray ? 0.05f : 0.2f); // warm
        m.specular = 0.15f;
        m.translucent = true;
        m.fresnel = xray ? 0.22f : 0.55f;
        break;
    case StructureKind::Other:
        m.color = glm::vec4(srgb(190, 190, 190), 1.0f);
        break;
    }
    return m;
}

Result<MeshRenderer> create_mesh_renderer(const Device& device, Uploader& uploader,
                                          const std::vector<anatomy::Mesh>& meshes,
                                          VkPipelineLayout layout) {
    MeshRenderer r;
    std::vector<glm::vec4> positions;
    std::vector<glm::vec4> normals;
    std::vector<std::uint32_t> indices;
    for (const anatomy::Mesh& mesh : meshes) {
        if (mesh.empty()) continue;
        MeshDraw d;
        d.role = mesh.role;
        d.kind = structure_kind(mesh.role);
        d.first_index = static_cast<std::uint32_t>(indices.size());
        d.index_count = static_cast<std::uint32_t>(mesh.indices.size());
        d.vertex_offset = static_cast<std::uint32_t>(positions.size());
        d.vertex_count = static_cast<std::uint32_t>(mesh.positions.size());
        d.centre = anatomy::compute_bounds(mesh.positions).centre();
        // normal.w: the rigid segment a bone vertex moves with (shaders/pose.h), 0 for soft
        // tissue, whose weights the vertex shader computes from the rest position.
        const bool bone = anatomy::is_bone_role(mesh.role);
        const std::vector<sim::SkinBinding> bindings =
            bone ? anatomy::skin_bindings(mesh) : std::vector<sim::SkinBinding>{};
        for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
            positions.emplace_back(mesh.positions[i], 1.0f);
            const glm::vec3 n = i < mesh.normals.size() ? mesh.normals[i] : glm::vec3(0, 0, 1);
            normals.emplace_back(n, bone ? rigid_segment_code(bindings[i]) : 0.0f);
        }
        // Indices stay mesh-local: the draw's vertexOffset moves them (and gl_VertexIndex).
        indices.insert(indices.end(), mesh.indices.begin(), mesh.indices.end());
        r.draws_.push_back(std::move(d));
    }
    if (r.draws_.empty()) return Error{"mesh renderer: no non-empty anatomy mesh", {}};
    r.vertex_count_ = static_cast<std::uint32_t>(positions.size());

    // TRANSFER_SRC: tests read the deformed muscles back.
    const VkBufferUsageFlags vertex_usage =
        VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT;
    Result<Buffer> pos =
        uploader.add(device, positions.data(), positions.size() * sizeof(glm::vec4), vertex_usage);
    if (!pos) return pos.error();
    r.positions_ = pos.take();
    Result<Buffer> nrm =
        uploader.add(device, normals.data(), normals.size() * sizeof(glm::vec4), vertex_usage);
    if (!nrm) return nrm.error();
    r.normals_ = nrm.take();
    Result<Buffer> idx =
        uploader.add(device, indices.data(), indices.size() * sizeof(std::uint32_t),
                     VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
    if (!idx) return idx.error();
    r.indices_ = idx.take();
    r.rest_positions_ = std::move(positions);
    r.rest_normals_ = std::move(normals);

    ScenePipelineDesc desc;
    desc.vertex_shader = "scene_mesh.vert";
    desc.fragment_shader = "scene_mesh.frag";
    desc.layout = layout;
    Result<UniquePipeline> opaque = create_scene_pipeline(device.get(), desc);
    if (!opaque) return opaque.error();
    r.opaque_ = opaque.take();
    desc.depth_write = false; // translucent: later layers must still be tested against opaque
    desc.blend = Blend::Alpha;
    desc.cull = VK_CULL_MODE_FRONT_BIT;
    Result<UniquePipeline> back = create_scene_pipeline(device.get(), desc);
    if (!back) return back.error();
    r.back_faces_ = back.take();
    desc.cull = VK_CULL_MODE_BACK_BIT;
    Result<UniquePipeline> front = create_scene_pipeline(device.get(), desc);
    if (!front) return front.error();
    r.front_faces_ = front.take();
    return r;
}

void MeshRenderer::draw(VkCommandBuffer cmd, VkPipelineLayout layout, const MeshDraw& d,
                        const Material& m, std::uint32_t surface, std::uint32_t posed_shift) const {
    gpu::ScenePush push{};
    push.color = m.color;
    push.params = {m.fresnel, m.specular, m.pattern, m.translucent ? 1.0f : 0.0f};
    push.surface = surface != gpu::SCENE_SURFACE_PLAIN ? surface
                   : d.kind == StructureKind::Skin     ? gpu::SCENE_SURFACE_SKIN
                                                       : gpu::SCENE_SURFACE_PLAIN;
    vkCmdPushConstants(cmd, layout, k_stages, 0, sizeof(push), &push);
    vkCmdDrawIndexed(cmd, d.index_count, 1, d.first_index,
                     static_cast<std::int32_t>(d.vertex_offset + posed_shift), 0);
}

void MeshRenderer::record_opaque(VkCommandBuffer cmd, VkPipelineLayout layout,
                                 RenderMode mode) const {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, opaque_.get());
    vkCmdBindIndexBuffer(cmd, indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    for (const MeshDraw& d : draws_) {
        const Material m = material_for(d.kind, mode);
        if (!m.translucent) draw(cmd, layout, d, m);
    }
}

void MeshRenderer::record_skin_back(VkCommandBuffer cmd, VkPipelineLayout layout,
                                    RenderMode mode) const {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, back_faces_.get());
    vkCmdBindIndexBuffer(cmd, indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    for (const MeshDraw& d : draws_) {
        if (d.kind == StructureKind::Skin) draw(cmd, layout, d, material_for(d.kind, mode));
    }
}

bool MeshRenderer::record_translucent(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode,
                                      const glm::vec3& eye) const {
    // Per-mesh sort by bounds centre: the structures are convex-ish and mostly side by side,
    // so this gets the common case right without per-triangle sorting.
    std::vector<const MeshDraw*> order;
    for (const MeshDraw& d : draws_) {
        if (d.kind != StructureKind::Skin && material_for(d.kind, mode).translucent)
            order.push_back(&d);
    }
    if (order.empty()) return false;
    std::sort(order.begin(), order.end(), [&](const MeshDraw* a, const MeshDraw* b) {
        return glm::distance(a->centre, eye) > glm::distance(b->centre, eye);
    });
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, front_faces_.get());
    vkCmdBindIndexBuffer(cmd, indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    for (const MeshDraw* d : order) draw(cmd, layout, *d, material_for(d->kind, mode));
    return true;
}

void MeshRenderer::record_skin_front(VkCommandBuffer cmd, VkPipelineLayout layout,
                                     RenderMode mode) const {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, front_faces_.get());
    vkCmdBindIndexBuffer(cmd, indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    for (const MeshDraw& d : draws_) {
        if (d.kind == StructureKind::Skin) draw(cmd, layout, d, material_for(d.kind, mode));
    }
}

} // namespace sh::scene

namespace sh::scene {

Material stocking_material(RenderMode mode) {
    Material m;
    // A sand-coloured medical knit, mostly opaque (the veins under it still show in x-ray).
    m.color = glm::vec4(srgb(196, 160, 128), mode == RenderMode::XRay ? 0.25f : 0.8f);
    m.specular = 0.05f;
    m.translucent = true;
    m.fresnel = 0.2f;
    return m;
}

void MeshRenderer::record_stocking(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode,
                                   std::uint32_t stocking_shift) const {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, front_faces_.get());
    vkCmdBindIndexBuffer(cmd, indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    for (const MeshDraw& d : draws_) {
        if (d.kind == StructureKind::Skin)
            draw(cmd, layout, d, stocking_material(mode), gpu::SCENE_SURFACE_STOCKING,
                 stocking_shift);
    }
}

} // namespace sh::scene
