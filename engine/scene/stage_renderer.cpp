#include "scene/stage_renderer.hpp"

#include "barriers.hpp"
#include "gpu_layouts.h"
#include "pipelines.hpp"
#include "scene/scene_gpu.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace sh::scene {
namespace {

constexpr std::size_t k_shadow_bytes =
    sizeof(float) * gpu::STAGE_SHADOW_SIDE * gpu::STAGE_SHADOW_SIDE;
static_assert(k_shadow_bytes % 16 == 0, "the vertices after the grid stay 16-byte aligned");
// The floor's colour at the same nodes, one packed uint each.
constexpr std::size_t k_colour_bytes = k_shadow_bytes;

constexpr VkShaderStageFlags k_stages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

glm::vec3 linear_from_stored(const std::array<float, 4>& c) {
    return {std::pow(c[0], 2.2f), std::pow(c[1], 2.2f), std::pow(c[2], 2.2f)};
}

} // namespace

gpu::StageFrame stage_frame(const StageLayout& layout, const gpu::SceneGlobals& globals,
                            const std::array<float, 4>& background, bool light) {
    gpu::StageFrame f{};
    f.view_proj = globals.view_proj;
    f.eye = glm::vec4(glm::vec3(globals.eye), 0.0f);
    f.key_dir = glm::vec4(glm::vec3(globals.key_dir), 0.55f);
    f.fill_dir = glm::vec4(glm::vec3(globals.fill_dir), 0.2f);
    f.background = glm::vec4(linear_from_stored(background), 1.0f);
    f.floor = glm::vec4(layout.floor_centre, layout.floor_z, layout.floor_radius);
    // The floor a step lighter than the background (darker on the light one), the shadow well
    // below both: the contrast a projector keeps.
    if (light) {
        f.floor_color = glm::vec4(0.60f, 0.62f, 0.65f, 0.10f);
        f.shadow_color = glm::vec4(0.20f, 0.21f, 0.23f, 0.80f);
    } else {
        f.floor_color = glm::vec4(0.050f, 0.056f, 0.070f, 0.25f);
        f.shadow_color = glm::vec4(0.004f, 0.005f, 0.007f, 0.85f);
    }
    for (std::size_t i = 0; i < layout.occluders.size(); ++i) {
        f.occluder_a[i] =
            glm::vec4(layout.occluders[i].a, std::max(layout.occluders[i].radius, 0.0f));
        f.occluder_b[i] = glm::vec4(layout.occluders[i].b, 0.0f);
    }
    int caster = 0;
    for (const std::optional<StageBox>& box : {layout.seat, layout.bed}) {
        if (!box || caster >= gpu::STAGE_MAX_CASTERS) continue;
        f.caster_min[caster] = glm::vec4(box->min, 0.55f);
        f.caster_max[caster] = glm::vec4(box->max, 0.0f);
        ++caster;
    }
    f.shadow_grid = floor_shadow_grid(layout);
    return f;
}

Result<StageRenderer> create_stage_renderer(const Device& device) {
    const VkDevice dev = device.get();
    StageRenderer s;
    // Binding 0: the stage buffer (both stages); 1: the floor's node colours (its fragments).
    const VkDescriptorSetLayoutBinding bindings[2] = {
        {0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, k_stages, nullptr},
        {1, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr}};
    Result<UniqueDescriptorSetLayout> set_layout = create_set_layout(dev, bindings);
    if (!set_layout) return set_layout.error();
    s.set_layout_ = set_layout.take();
    Result<UniquePipelineLayout> layout =
        create_pipeline_layout(dev, s.set_layout_.get(), k_stages, 0);
    if (!layout) return layout.error();
    s.layout_ = layout.take();
    ScenePipelineDesc desc;
    desc.vertex_shader = "stage.vert";
    desc.fragment_shader = "stage.frag";
    desc.layout = s.layout_.get();
    desc.cull = VK_CULL_MODE_BACK_BIT; // the floor seen from below vanishes
    Result<UniquePipeline> pipeline = create_scene_pipeline(dev, desc);
    if (!pipeline) return pipeline.error();
    s.pipeline_ = pipeline.take();
    desc.fragment_shader = "stage_floor.frag";
    Result<UniquePipeline> floor_pipeline = create_scene_pipeline(dev, desc);
    if (!floor_pipeline) return floor_pipeline.error();
    s.floor_pipeline_ = floor_pipeline.take();

    const VkDeviceSize bytes = sizeof(gpu::StageFrame) + k_shadow_bytes + k_colour_bytes +
                               k_max_stage_vertices * sizeof(gpu::StageVertex);
    Result<Buffer> buffer =
        create_buffer(device, bytes,
                      VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT |
                          VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                      MemoryUse::DeviceLocal);
    if (!buffer) return buffer.error();
    s.buffer_ = buffer.take();
    // RGBA8 with linear filtering is required of every Vulkan device.
    ImageDesc colour;
    colour.extent = {gpu::STAGE_SHADOW_SIDE, gpu::STAGE_SHADOW_SIDE};
    colour.format = VK_FORMAT_R8G8B8A8_UNORM;
    colour.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    Result<Image> image = create_image(device, colour);
    if (!image) return image.error();
    s.floor_colour_ = image.take();
    Result<UniqueSampler> sampler = create_clamped_sampler(dev, VK_FILTER_LINEAR);
    if (!sampler) return sampler.error();
    s.sampler_ = sampler.take();
    const VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1},
                                           {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1}};
    Result<UniqueDescriptorPool> pool = create_descriptor_pool(dev, sizes, 1);
    if (!pool) return pool.error();
    s.pool_ = pool.take();
    Result<VkDescriptorSet> set = allocate_set(dev, s.pool_.get(), s.set_layout_.get());
    if (!set) return set.error();
    s.set_ = set.value();
    write_storage_binding(dev, s.set_, 0, s.buffer_.get());
    const VkDescriptorImageInfo image_info{s.sampler_.get(), s.floor_colour_.view(),
                                           VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = s.set_;
    write.dstBinding = 1;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    write.pImageInfo = &image_info;
    vkUpdateDescriptorSets(dev, 1, &write, 0, nullptr);
    s.staging_.reserve(bytes);
    return s;
}

void StageRenderer::record_upload(VkCommandBuffer cmd, const StageLayout& layout,
                                  const gpu::SceneGlobals& globals,
                                  const std::array<float, 4>& background, bool light) {
    std::vector<gpu::StageVertex> vertices = build_stage_triangles(layout, light);
    vertices.resize(std::min(vertices.size(), k_max_stage_vertices - k_max_stage_vertices % 3));
    vertex_count_ = static_cast<std::uint32_t>(vertices.size());
    // build_stage_triangles lists the floor first: it is drawn with its own pipeline.
    floor_vertex_count_ = static_cast<std::uint32_t>(
        std::find_if(
            vertices.begin(), vertices.end(),
            [](const gpu::StageVertex& v) { return v.position.w != gpu::STAGE_MATERIAL_FLOOR; }) -
        vertices.begin());
    if (vertex_count_ == 0 || pipeline_.get() == VK_NULL_HANDLE) return;
    const gpu::StageFrame frame = stage_frame(layout, globals, background, light);
    const std::size_t bytes = sizeof(frame) + k_shadow_bytes + k_colour_bytes +
                              vertices.size() * sizeof(gpu::StageVertex);
    staging_.resize(bytes);
    std::memcpy(staging_.data(), &frame, sizeof(frame));
    shadow_nodes_.resize(k_shadow_bytes / sizeof(float));
    colour_nodes_.resize(k_colour_bytes / sizeof(std::uint32_t));
    fill_floor_nodes(frame, shadow_nodes_.data(), colour_nodes_.data());
    std::memcpy(staging_.data() + sizeof(frame), shadow_nodes_.data(), k_shadow_bytes);
    std::memcpy(staging_.data() + sizeof(frame) + k_shadow_bytes, colour_nodes_.data(),
                k_colour_bytes);
    std::memcpy(staging_.data() + sizeof(frame) + k_shadow_bytes + k_colour_bytes, vertices.data(),
                vertices.size() * sizeof(gpu::StageVertex));
    // vkCmdUpdateBuffer takes at most 64 KiB per call; the stage is about 160 KiB (128 the grid).
    for (std::size_t off = 0; off < bytes; off += 65536)
        vkCmdUpdateBuffer(cmd, buffer_.get(), off, std::min<std::size_t>(65536, bytes - off),
                          staging_.data() + off);
    // The node colours into the image. RAW: the copy reads what the update wrote. WAR: the last
    // frame's floor sampled the image (a layout change waits for it).
    const VkImage image = floor_colour_.get();
    pipeline_barrier(
        cmd,
        {buffer_barrier(buffer_.get(), VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT)},
        {image_barrier(image, VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                       VK_ACCESS_2_NONE,
                       floor_colour_written_ ? VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL
                                             : VK_IMAGE_LAYOUT_UNDEFINED,
                       VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL)});
    VkBufferImageCopy region{};
    region.bufferOffset = sizeof(frame) + k_shadow_bytes;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {gpu::STAGE_SHADOW_SIDE, gpu::STAGE_SHADOW_SIDE, 1};
    vkCmdCopyBufferToImage(cmd, buffer_.get(), image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                           &region);
    // RAW: this frame's floor samples what the copy wrote.
    pipeline_barrier(
        cmd, {},
        {image_barrier(image, VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                       VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                       VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL)});
    floor_colour_written_ = true;
}

bool StageRenderer::record(VkCommandBuffer cmd) const {
    if (vertex_count_ == 0 || pipeline_.get() == VK_NULL_HANDLE) return false;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, floor_pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    if (floor_vertex_count_ > 0) vkCmdDraw(cmd, floor_vertex_count_, 1, 0, 0);
    if (vertex_count_ > floor_vertex_count_) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_.get());
        vkCmdDraw(cmd, vertex_count_ - floor_vertex_count_, 1, floor_vertex_count_, 0);
    }
    return true;
}

} // namespace sh::scene
