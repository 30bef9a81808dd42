#include "scene/scene_renderer.hpp"

#include "pipelines.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <glm/geometric.hpp>

namespace sh::scene {
namespace {

constexpr VkShaderStageFlags k_draw_stages =
    VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
// Scene set: 0 globals, 1 posed positions, 2 posed normals, 3 vein vertices, 4 valves, 5 the
// frame's VeinState (shared with the particle step; uploaded by its owner, not here), 6 posed
// rest points (LegPoser).
constexpr std::uint32_t k_scene_bindings = 7;

void memory_barrier(VkCommandBuffer cmd, VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                    VkPipelineStageFlags2 dst_stage, VkAccessFlags2 dst_access) {
    VkMemoryBarrier2 barrier{};
    barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2;
    barrier.srcStageMask = src_stage;
    barrier.srcAccessMask = src_access;
    barrier.dstStageMask = dst_stage;
    barrier.dstAccessMask = dst_access;
    VkDependencyInfo dep{};
    dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dep);
}

// vkCmdUpdateBuffer takes at most 64 KiB per call.
void update_buffer(VkCommandBuffer cmd, const Buffer& buffer, const void* data, std::size_t bytes) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    for (std::size_t off = 0; off < bytes; off += 65536) {
        const std::size_t n = std::min<std::size_t>(65536, bytes - off);
        vkCmdUpdateBuffer(cmd, buffer.get(), off, n, p + off);
    }
}

} // namespace

std::array<float, 4> background_color(Palette palette) {
    if (palette == Palette::Light) return {0.90f, 0.91f, 0.93f, 1.0f};
    return {0.118f, 0.141f, 0.180f, 1.0f}; // sRGB (30, 36, 46): dark blue-grey
}

Result<SceneRenderer> create_scene_renderer(const Device& device,
                                            const ImmediateSubmitter& submitter,
                                            const VeinGeometry& veins, VkBuffer vein_state,
                                            const anatomy::LoadedLeg& leg) {
    if (vein_state == VK_NULL_HANDLE)
        return Error{"scene: no vein state buffer", {}, ErrorCode::InvalidInput};
    const VkDevice dev = device.get();
    SceneRenderer s;
    Result<UniqueDescriptorSetLayout> set_layout =
        create_storage_set_layout(dev, k_scene_bindings, k_draw_stages);
    if (!set_layout) return set_layout.error();
    s.set_layout_ = set_layout.take();
    Result<UniquePipelineLayout> layout =
        create_pipeline_layout(dev, s.set_layout_.get(), k_draw_stages, sizeof(gpu::ScenePush));
    if (!layout) return layout.error();
    s.layout_ = layout.take();

    Uploader uploader;
    Result<MeshRenderer> meshes =
        create_mesh_renderer(device, uploader, leg.meshes, s.layout_.get());
    if (!meshes) return meshes.error();
    s.meshes_ = meshes.take();
    Result<MuscleDeformer> muscles =
        create_muscle_deformer(device, uploader, leg.meshes, leg.deform, s.meshes_);
    if (!muscles) return muscles.error();
    s.muscles_ = muscles.take();
    Result<VeinRenderer> vein_renderer =
        create_vein_renderer(device, uploader, veins, s.layout_.get());
    if (!vein_renderer) return vein_renderer.error();
    s.veins_ = vein_renderer.take();
    Result<StageRenderer> stage = create_stage_renderer(device);
    if (!stage) return stage.error();
    s.stage_ = stage.take();

    Result<Buffer> globals = uploader.add(device, nullptr, sizeof(gpu::SceneGlobals),
                                          VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!globals) return globals.error();
    s.globals_buffer_ = globals.take();
    uploader.flush(submitter);
    Result<LegPoser> poser =
        create_leg_poser(device, s.meshes_, s.veins_, s.globals_buffer_.get(), vein_state);
    if (!poser) return poser.error();
    s.poser_ = poser.take();

    Result<UniqueDescriptorPool> pool = create_storage_pool(dev, 1, k_scene_bindings);
    if (!pool) return pool.error();
    s.pool_ = pool.take();
    Result<VkDescriptorSet> set = allocate_set(dev, s.pool_.get(), s.set_layout_.get());
    if (!set) return set.error();
    s.set_ = set.value();
    const VkBuffer bindings[k_scene_bindings] = {
        s.globals_buffer_.get(),   s.poser_.positions().get(), s.poser_.normals().get(),
        s.veins_.vertices().get(), s.veins_.valves().get(),    vein_state,
        s.poser_.rest().get()};
    for (std::uint32_t b = 0; b < k_scene_bindings; ++b)
        write_storage_binding(dev, s.set_, b, bindings[b]);

    std::vector<glm::vec3> all;
    for (const anatomy::Mesh& m : leg.meshes)
        all.insert(all.end(), m.positions.begin(), m.positions.end());
    s.bounds_ = anatomy::compute_bounds(all);
    s.framing_ = PoseFraming(leg.meshes);
    s.muscles_.set_activation({0, 0, 0, 0});
    return s;
}

Result<SceneRenderer> create_scene_renderer(const Device& device,
                                            const ImmediateSubmitter& submitter,
                                            const VeinGeometry& veins, VkBuffer vein_state,
                                            const std::filesystem::path& manifest) {
    const anatomy::LoadedLeg leg = anatomy::load_leg(manifest, {});
    return create_scene_renderer(device, submitter, veins, vein_state, leg);
}

void mesh_pose_inputs(const gpu::PoseState& pose, const MuscleDeformer& muscles, bool stocking,
                      std::vector<float>& out) {
    constexpr float k_swelling_step_cm = 0.005f;
    gpu::PoseState p = pose;
    for (int i = 0; i < 4; ++i)
        p.skin_swelling_cm[i] = std::round(p.skin_swelling_cm[i] / k_swelling_step_cm);
    out.resize(sizeof(p) / sizeof(float));
    std::memcpy(out.data(), &p, sizeof(p));
    for (const auto& m : muscles.muscles())
        out.insert(out.end(), {m.current.lambda, m.current.bulge, m.current.thickening});
    out.push_back(stocking ? 1.0f : 0.0f);
}

namespace {

void append_vec3(std::vector<float>& out, const glm::vec3& v) {
    out.insert(out.end(), {v.x, v.y, v.z});
}

void append_box(std::vector<float>& out, const std::optional<StageBox>& box) {
    out.push_back(box ? 1.0f : 0.0f);
    if (!box) return;
    append_vec3(out, box->min);
    append_vec3(out, box->max);
}

// Field by field: the layout has padding and optionals, whose bytes are not comparable.
void append_stage(std::vector<float>& out, const StageLayout& s) {
    out.insert(out.end(), {s.show ? 1.0f : 0.0f, s.floor_centre.x, s.floor_centre.y, s.floor_z,
                           s.floor_radius});
    append_box(out, s.seat);
    append_box(out, s.bed);
    out.push_back(s.wedge ? 1.0f : 0.0f);
    if (s.wedge) {
        append_vec3(out, s.wedge->low);
        append_vec3(out, s.wedge->high);
        out.push_back(s.wedge->width);
    }
    for (const StageCapsule& c : s.occluders) {
        append_vec3(out, c.a);
        append_vec3(out, c.b);
        out.push_back(c.radius);
    }
}

} // namespace

bool same_picture(const PictureInputs& drawn, const PictureInputs& now) {
    // Bitwise for `exact` (a NaN never matches, so it is drawn again).
    if (drawn.exact.size() != now.exact.size() || drawn.near.size() != now.near.size() ||
        now.near_tolerance.size() != now.near.size() ||
        std::memcmp(drawn.exact.data(), now.exact.data(), now.exact.size() * sizeof(float)) != 0)
        return false;
    for (std::size_t i = 0; i < now.near.size(); ++i)
        if (!(std::abs(now.near[i] - drawn.near[i]) <= now.near_tolerance[i])) return false;
    return true;
}

void SceneRenderer::picture_inputs(const Camera& camera, const SceneOptions& options, float aspect,
                                   const gpu::VeinState& state, PictureInputs& out) const {
    // The meshes: pose, muscle deformation, stocking; the swelling, which grows by a fraction
    // of a pixel per frame on a time-lapsed flight, goes to `near` instead.
    mesh_pose_inputs(pose_, muscles_, options.show_skin && stocking_, out.exact);
    constexpr std::size_t k_swelling_first =
        offsetof(gpu::PoseState, skin_swelling_cm) / sizeof(float);
    std::fill_n(out.exact.begin() + k_swelling_first, 4, 0.0f);
    out.near.clear();
    out.near_tolerance.clear();
    const auto near = [&out](float value, float tolerance) {
        out.near.push_back(value);
        out.near_tolerance.push_back(tolerance);
    };
    for (int i = 0; i < 3; ++i) near(pose_.skin_swelling_cm[i], k_swelling_tolerance_cm);
    const glm::mat4 view_proj = camera.view_proj(aspect);
    for (int c = 0; c < 4; ++c)
        out.exact.insert(out.exact.end(),
                         {view_proj[c].x, view_proj[c].y, view_proj[c].z, view_proj[c].w});
    append_vec3(out.exact, camera.eye());
    out.exact.insert(out.exact.end(),
                     {static_cast<float>(options.mode), static_cast<float>(options.palette),
                      options.show_skin ? 1.0f : 0.0f, options.show_veins ? 1.0f : 0.0f,
                      options.show_valves ? 1.0f : 0.0f, options.vein_scale, options.vein_opacity,
                      mesh_scale_});
    append_stage(out.exact, options.stage);
    // The veins' and valves' shaders read each compartment's radius scale and each link's
    // valve opening and failure (pose_veins.comp, pose_valves.comp, scene_valve.vert).
    const std::uint32_t compartments =
        std::min<std::uint32_t>(state.compartment_count, gpu::VEIN_STATE_MAX_COMPARTMENTS);
    const std::uint32_t links =
        std::min<std::uint32_t>(state.link_count, gpu::VEIN_STATE_MAX_LINKS);
    for (std::uint32_t c = 0; c < compartments; ++c)
        near(state.compartments[c].radius_scale, k_radius_scale_tolerance);
    for (std::uint32_t l = 0; l < links; ++l) {
        near(state.links[l].valve_opening, k_valve_opening_tolerance);
        out.exact.push_back(state.links[l].valve_failure);
    }
}

std::optional<Error> SceneRenderer::enable_host_pose(const Device& device,
                                                     const gpu::VeinState& initial) {
    if (auto error = poser_.enable_host_pose(device, meshes_, veins_)) return error;
    host_state_ = std::make_unique<gpu::VeinState>(initial);
    return std::nullopt;
}

void SceneRenderer::update(const gpu::VeinState& state) {
    if (host_state_) *host_state_ = state;
    time_s_ = state.time_s;
    const glm::vec4& a = state.muscle_activation;
    muscles_.set_activation({a.x, a.y, a.z, a.w});
    muscles_.set_pose(state.pose);
    pose_ = state.pose;
    framing_.update(state);
    mesh_scale_ = state.pose.offset.w > 0.0f ? state.pose.offset.w : 1.0f;
    stocking_ = state.pose.stocking.x > 0.0f;
}

void SceneRenderer::write_globals(const Camera& camera, const SceneOptions& options, float aspect) {
    const glm::vec3 f = camera.forward();
    glm::vec3 right = glm::cross(f, glm::vec3(0, 0, 1));
    right = glm::length(right) > 1e-4f ? glm::normalize(right) : glm::vec3(1, 0, 0);
    const glm::vec3 up = glm::cross(right, f);
    const bool light = options.palette == Palette::Light;
    globals_.view_proj = camera.view_proj(aspect);
    globals_.eye = glm::vec4(camera.eye(), std::max(options.vein_scale, 0.0f));
    // Lights follow the camera, so every preset and every orbit is lit the same way: the key
    // from the viewer's upper left, the fill from the right, slightly below.
    globals_.key_dir = glm::vec4(glm::normalize(-0.7f * f - 0.45f * right + 0.75f * up), 0.80f);
    globals_.fill_dir = glm::vec4(glm::normalize(-0.5f * f + 0.85f * right - 0.15f * up), 0.30f);
    globals_.sky_color = glm::vec4(0.34f, 0.36f, 0.42f, light ? 0.15f : 0.35f);
    // The top cut is tested on the rest position (scene_shading.h), in the body's scale.
    globals_.ground_color = glm::vec4(0.16f, 0.13f, 0.12f, bounds_.max.z * mesh_scale_);
    globals_.rim_color =
        light ? glm::vec4(0.35f, 0.40f, 0.50f, 0.0f) : glm::vec4(0.55f, 0.68f, 0.95f, 0.0f);
}

void SceneRenderer::record(VkCommandBuffer cmd, OffscreenTarget& target, const Camera& camera,
                           const SceneOptions& options, const PassMarker& passes) {
    const VkExtent2D extent = target.extent();
    write_globals(camera, options,
                  static_cast<float>(extent.width) /
                      static_cast<float>(std::max(extent.height, 1u)));

    // WAR: the previous frame's vertex/fragment shaders read the globals and the muscle
    // vertices; the copy and the deformation below overwrite them (an execution dependency
    // suffices for WAR).
    memory_barrier(
        cmd, VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
        VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
        VK_ACCESS_2_NONE);
    update_buffer(cmd, globals_buffer_, &globals_, sizeof(globals_));
    // A leg held still keeps last frame's deformed muscles and posed meshes.
    const bool posed_stocking = options.show_skin && stocking_;
    mesh_pose_inputs(pose_, muscles_, posed_stocking, frame_pose_inputs_);
    const bool pose_meshes = frame_pose_inputs_ != mesh_pose_inputs_;
    posed_meshes_ = pose_meshes;
    if (pose_meshes) {
        if (!poser_.host_pose()) muscles_.record(cmd); // else deformed on the host with the pose
        mesh_pose_inputs_.swap(frame_pose_inputs_);
    }
    stage_.record_upload(cmd, options.stage, globals_, background_color(options.palette),
                         options.palette == Palette::Light);
    // RAW: the pose passes and this frame's draws read the uploaded globals and the deformed
    // muscle vertices.
    memory_barrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                   VK_ACCESS_2_TRANSFER_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                   VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT |
                       VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                   VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    passes.mark(cmd, "scene setup");

    // Every leg vertex posed once (LegPoser), by compute or on the host and copied; RAW: the
    // draws below read the posed buffers.
    const PoseWork work{pose_meshes, posed_stocking, options.show_veins, options.show_valves};
    if (poser_.host_pose()) {
        poser_.pose_on_host(cmd, work, {host_state_.get(), globals_.eye.w, &muscles_});
        memory_barrier(cmd, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                       VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT, VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    } else {
        poser_.record(cmd, work);
        memory_barrier(cmd, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                       VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                       VK_ACCESS_2_SHADER_STORAGE_READ_BIT);
    }
    passes.mark(cmd, "skinning");

    target.begin_rendering(cmd, background_color(options.palette));
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    const VkPipelineLayout layout = layout_.get();
    // Opaque first (they write depth), then translucency from the outside in: the far side of
    // the skin, the vein tubes, translucent muscles back to front, the near side of the skin.
    meshes_.record_opaque(cmd, layout, options.mode);
    passes.mark(cmd, "opaque");
    // The floor after the opaque leg: the depth test drops its pixels behind bones and muscles
    // before they are shaded (the floor shades a large part of the frame). Its own set, so the
    // scene's is bound again after it.
    if (stage_.record(cmd)) {
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout, 0, 1, &set_, 0,
                                nullptr);
        passes.mark(cmd, "floor");
    }
    if (options.show_valves) {
        veins_.record_valves(cmd, layout, poser_.valve_first());
        passes.mark(cmd, "valves");
    }
    if (options.show_skin) {
        meshes_.record_skin_back(cmd, layout, options.mode);
        passes.mark(cmd, "skin back");
    }
    if (options.show_veins) {
        veins_.record_tubes(cmd, layout, options.vein_opacity, poser_.vein_first());
        passes.mark(cmd, "veins");
    }
    if (meshes_.record_translucent(cmd, layout, options.mode, camera.eye()))
        passes.mark(cmd, "translucent");
    if (options.show_skin) meshes_.record_skin_front(cmd, layout, options.mode);
    if (options.show_skin && stocking_)
        meshes_.record_stocking(cmd, layout, options.mode, poser_.stocking_shift());
    target.end_rendering(cmd);
    if (options.show_skin) passes.mark(cmd, "skin front");
}

} // namespace sh::scene
