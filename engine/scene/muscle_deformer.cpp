#include "scene/muscle_deformer.hpp"

#include "anatomy/leg_skinning.hpp"
#include "pipelines.hpp"

#include <algorithm>
#include <cmath>
#include <future>

namespace sh::scene {
namespace {
constexpr std::size_t k_table_size = 9; // k sampled at activation 0, 1/8, ..., 1

// muscle_deform.comp's segment_of: the spine segment holding t (as anatomy::spine_point walks).
std::size_t spine_segment(const anatomy::MuscleRig& rig, float t) {
    std::size_t i = 0;
    while (i + 2 < rig.spine_s.size() && t > rig.spine_s[i + 1]) ++i;
    return i;
}
} // namespace

std::optional<std::size_t> activation_slot(std::string_view role) {
    if (role == "soleus") return 0;
    if (role == "gastrocnemius_medial" || role == "gastrocnemius_lateral") return 1;
    return std::nullopt;
}

float anchor_value(const std::string& anchor) {
    if (anchor == "distal") return 1.0f;
    if (anchor == "centre") return 0.5f;
    return 0.0f;
}

Result<MuscleDeformer> create_muscle_deformer(
    const Device& device, Uploader& uploader, const std::vector<anatomy::Mesh>& meshes,
    const std::vector<std::optional<anatomy::DeformSpec>>& deform, const MeshRenderer& renderer) {
    MuscleDeformer d;
    std::vector<glm::vec4> rig_data;
    std::vector<glm::vec4> spine_data;
    const auto& draws = renderer.draws();
    for (std::size_t m = 0; m < meshes.size() && m < deform.size(); ++m) {
        const auto slot = activation_slot(meshes[m].role);
        // A contracting muscle needs its spine; a piece only thickened takes one from its slices.
        const bool contracts = slot && deform[m];
        if (!(contracts || anatomy::keeps_volume_in_pose(meshes[m].role)) || meshes[m].empty())
            continue;
        // The renderer skips empty meshes, so find the draw by role.
        const auto it = std::find_if(draws.begin(), draws.end(),
                                     [&](const MeshDraw& x) { return x.role == meshes[m].role; });
        if (it == draws.end()) continue;
        DeformedMuscle muscle;
        muscle.draw = static_cast<std::size_t>(it - draws.begin());
        muscle.mesh = m;
        if (contracts) {
            muscle.activation_slot = *slot;
            muscle.rig =
                anatomy::make_muscle_rig(meshes[m], deform[m]->spine, deform[m]->max_shortening,
                                         anchor_value(deform[m]->anchor));
            for (std::size_t i = 0; i < k_table_size; ++i) {
                const float a = static_cast<float>(i) / static_cast<float>(k_table_size - 1);
                muscle.bulge_table.push_back(
                    anatomy::solve_muscle_deformation(meshes[m], muscle.rig, a).bulge);
            }
        } else {
            muscle.rig = anatomy::make_muscle_rig(meshes[m], anatomy::spine_from_slices(meshes[m]),
                                                  0.0f, 0.0f);
        }
        muscle.rig_offset = static_cast<std::uint32_t>(rig_data.size() / 2);
        muscle.spine_offset = static_cast<std::uint32_t>(spine_data.size());
        for (std::size_t v = 0; v < muscle.rig.vertex.size(); ++v) {
            rig_data.push_back(muscle.rig.vertex[v]);
            const glm::vec3 n =
                v < meshes[m].normals.size() ? meshes[m].normals[v] : glm::vec3(0, 0, 1);
            rig_data.emplace_back(n, 0.0f);
        }
        for (std::size_t s = 0; s < muscle.rig.spine.size(); ++s)
            spine_data.emplace_back(muscle.rig.spine[s], muscle.rig.spine_s[s]);
        for (std::size_t v = 0; v < muscle.rig.vertex.size(); ++v) {
            const float t = std::clamp(muscle.rig.vertex[v].x, 0.0f, 1.0f);
            muscle.rest_normals.emplace_back(rig_data[2 * (muscle.rig_offset + v) + 1]);
            muscle.bulge_weights.push_back(std::sin(3.14159265f * t));
            const std::size_t seg = spine_segment(muscle.rig, t);
            muscle.segment_axes.push_back(
                glm::normalize(muscle.rig.spine[seg + 1] - muscle.rig.spine[seg]));
        }
        d.vertex_offsets_.push_back(it->vertex_offset);
        d.vertex_counts_.push_back(it->vertex_count);
        d.muscles_.push_back(std::move(muscle));
    }

    // The pose's volume tables, one piece per task (about 0.1-0.4 s each for the full-detail
    // meshes on one core: load time, never per frame). Where no thread can be started the
    // task runs when its result is asked for.
    {
        std::vector<std::future<anatomy::PoseVolumeTable>> tables;
        for (const DeformedMuscle& muscle : d.muscles_) {
            const anatomy::Mesh* mesh = &meshes[muscle.mesh];
            if (!anatomy::keeps_volume_in_pose(mesh->role)) {
                tables.emplace_back();
                continue;
            }
            const auto solve = [mesh, &muscle] {
                return anatomy::make_pose_volume_table(*mesh, muscle.rig, anatomy::leg_skeleton(),
                                                       muscle.activation_slot.has_value());
            };
            tables.push_back(std::async(std::launch::async | std::launch::deferred, solve));
        }
        for (std::size_t i = 0; i < tables.size(); ++i)
            if (tables[i].valid()) d.muscles_[i].pose_volume = tables[i].get();
    }

    Result<Buffer> rig = uploader.add(device, rig_data.data(), rig_data.size() * sizeof(glm::vec4),
                                      VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!rig) return rig.error();
    d.rig_ = rig.take();
    Result<Buffer> spine =
        uploader.add(device, spine_data.data(), spine_data.size() * sizeof(glm::vec4),
                     VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!spine) return spine.error();
    d.spine_ = spine.take();

    const VkDevice dev = device.get();
    Result<UniqueDescriptorSetLayout> set_layout =
        create_storage_set_layout(dev, 4, VK_SHADER_STAGE_COMPUTE_BIT);
    if (!set_layout) return set_layout.error();
    d.set_layout_ = set_layout.take();
    Result<UniqueDescriptorPool> pool = create_storage_pool(dev, 1, 4);
    if (!pool) return pool.error();
    d.pool_ = pool.take();
    Result<VkDescriptorSet> set = allocate_set(dev, d.pool_.get(), d.set_layout_.get());
    if (!set) return set.error();
    d.set_ = set.value();
    write_storage_binding(dev, d.set_, 0, renderer.positions().get());
    write_storage_binding(dev, d.set_, 1, renderer.normals().get());
    write_storage_binding(dev, d.set_, 2, d.rig_.get());
    write_storage_binding(dev, d.set_, 3, d.spine_.get());

    Result<UniquePipelineLayout> layout = create_pipeline_layout(
        dev, d.set_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, sizeof(gpu::MuscleDeformPush));
    if (!layout) return layout.error();
    d.layout_ = layout.take();
    Result<UniquePipeline> pipeline =
        create_compute_pipeline(dev, d.layout_.get(), "muscle_deform.comp");
    if (!pipeline) return pipeline.error();
    d.pipeline_ = pipeline.take();
    return d;
}

void MuscleDeformer::set_activation(const std::array<float, 4>& activation) {
    for (DeformedMuscle& m : muscles_) {
        if (!m.activation_slot) continue;
        const float a = std::clamp(activation[*m.activation_slot], 0.0f, 1.0f);
        m.activation = a;
        const float x = a * static_cast<float>(m.bulge_table.size() - 1);
        const auto i = std::min(static_cast<std::size_t>(x), m.bulge_table.size() - 2);
        const float f = x - static_cast<float>(i);
        m.current.lambda = 1.0f - m.rig.max_shortening * a; // as solve_muscle_deformation
        m.current.bulge = (1.0f - f) * m.bulge_table[i] + f * m.bulge_table[i + 1];
    }
}

void MuscleDeformer::set_pose(const gpu::PoseState& pose) {
    // PoseState: knee.w is the shank's turn (-flexion), ankle.w the dorsiflexion, in rad.
    const bool written = pose.bands.z > 0.0f;
    const double knee_flexion_deg = -static_cast<double>(pose.knee.w) * 180.0 / 3.14159265358979;
    const double ankle_deg = static_cast<double>(pose.ankle.w) * 180.0 / 3.14159265358979;
    for (DeformedMuscle& m : muscles_)
        m.current.thickening =
            written ? m.pose_volume.thickening(knee_flexion_deg, ankle_deg, m.activation) : 1.0f;
}

void MuscleDeformer::record(VkCommandBuffer cmd) const {
    if (muscles_.empty()) return;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    for (std::size_t i = 0; i < muscles_.size(); ++i) {
        const DeformedMuscle& m = muscles_[i];
        gpu::MuscleDeformPush push{};
        push.vertex_offset = vertex_offsets_[i];
        push.rig_offset = m.rig_offset;
        push.vertex_count = vertex_counts_[i];
        push.spine_offset = m.spine_offset;
        push.spine_count = static_cast<std::uint32_t>(m.rig.spine.size());
        push.lambda = m.current.lambda;
        push.bulge = m.current.bulge;
        push.anchor = m.rig.anchor;
        push.thickening = m.current.thickening;
        vkCmdPushConstants(cmd, layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
        vkCmdDispatch(
            cmd, (push.vertex_count + gpu::MUSCLE_WORKGROUP_SIZE - 1) / gpu::MUSCLE_WORKGROUP_SIZE,
            1, 1);
    }
}

void MuscleDeformer::deform_on_host(glm::vec4* positions, glm::vec4* normals) const {
    for (std::size_t m = 0; m < muscles_.size(); ++m) {
        const DeformedMuscle& muscle = muscles_[m];
        const anatomy::MuscleRig& rig = muscle.rig;
        const anatomy::MuscleDeformation& d = muscle.current;
        const std::size_t count = std::min<std::size_t>(vertex_counts_[m], rig.vertex.size());
        glm::vec4* pos = positions + vertex_offsets_[m];
        glm::vec4* nrm = normals + vertex_offsets_[m];
        for (std::size_t v = 0; v < count; ++v) {
            const glm::vec4& tr = rig.vertex[v];
            const float t2 = rig.anchor + (tr.x - rig.anchor) * d.lambda;
            const float radial = (1.0f + d.bulge * muscle.bulge_weights[v]) * d.thickening;
            pos[v] = glm::vec4(anatomy::spine_point(rig, t2) + radial * glm::vec3(tr.y, tr.z, tr.w),
                               1.0f);
            // As the shader: the normal's parts across and along the spine scaled inversely.
            const glm::vec3& axis = muscle.segment_axes[v];
            const glm::vec3& n = muscle.rest_normals[v];
            const glm::vec3 along = glm::dot(n, axis) * axis;
            nrm[v] = glm::vec4(
                glm::normalize((n - along) / radial + along / std::max(d.lambda, 1e-3f)), 0.0f);
        }
    }
}

} // namespace sh::scene
