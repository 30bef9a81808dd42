#include "placeholder_content.hpp"

#include <algorithm>
#include <cmath>
#include <glm/glm.hpp>
#include <numbers>

namespace sh {

Result<std::unique_ptr<PlaceholderContent>>
PlaceholderContent::create(const Device& device, const VeinGeometry& geometry,
                           std::uint32_t particle_count) {
    std::unique_ptr<PlaceholderContent> c(new PlaceholderContent());
    c->large_points_ = device.large_points();
    c->lo_ = glm::vec3(1e9f);
    c->hi_ = glm::vec3(-1e9f);
    float total = 0;
    for (const VeinCompartment& comp : geometry.compartments) {
        Line line;
        line.points = comp.centreline;
        if (line.points.empty()) line.points.push_back(glm::vec3(0));
        float s = 0;
        for (std::size_t i = 0; i < line.points.size(); ++i) {
            if (i > 0) s += glm::length(line.points[i] - line.points[i - 1]);
            line.cumulative.push_back(s);
            c->lo_ = glm::min(c->lo_, line.points[i]);
            c->hi_ = glm::max(c->hi_, line.points[i]);
        }
        line.length = s;
        const float r = std::max(comp.reference_radius_cm, 0.05f);
        line.area_cm2 = std::numbers::pi_v<float> * r * r * static_cast<float>(comp.count);
        total += s;
        c->lines_.push_back(std::move(line));
    }
    if (c->lines_.empty() || total <= 0)
        return Error{"placeholder content: empty vein geometry", {}};

    // Particles spread along all centrelines in proportion to length, evenly spaced.
    c->count_ = std::max<std::uint32_t>(particle_count, 1);
    for (std::uint32_t i = 0; i < c->count_; ++i) {
        float s = (static_cast<float>(i) + 0.5f) / static_cast<float>(c->count_) * total;
        std::uint32_t k = 0;
        while (k + 1 < c->lines_.size() && s > c->lines_[k].length) s -= c->lines_[k++].length;
        const float len = c->lines_[k].length;
        c->walkers_.push_back({k, len > 0 ? std::clamp(s / len, 0.0f, 1.0f) : 0.0f});
    }

    const VkDeviceSize bytes = VkDeviceSize{c->count_} * sizeof(gpu::Particle);
    for (std::uint32_t slot = 0; slot < k_frames_in_flight; ++slot) {
        Result<Buffer> buffer =
            create_buffer(device, bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, MemoryUse::Upload);
        if (!buffer) return buffer.error();
        c->buffers_[slot] = buffer.take();
        Result<ParticleRenderer> renderer =
            create_particle_renderer(device, OffscreenTarget::k_color_format,
                                     OffscreenTarget::k_depth_format, c->buffers_[slot]);
        if (!renderer) return renderer.error();
        c->renderers_[slot] = renderer.take();
    }
    return c;
}

glm::vec3 PlaceholderContent::position(const Walker& w) const {
    const Line& line = lines_[w.compartment];
    if (line.points.size() < 2 || line.length <= 0) return line.points.front();
    const float s = w.t * line.length;
    const auto it = std::upper_bound(line.cumulative.begin(), line.cumulative.end(), s);
    const std::size_t i = std::clamp<std::size_t>(
        static_cast<std::size_t>(it - line.cumulative.begin()), 1, line.points.size() - 1);
    const float seg = line.cumulative[i] - line.cumulative[i - 1];
    const float f = seg > 0 ? (s - line.cumulative[i - 1]) / seg : 0.0f;
    return glm::mix(line.points[i - 1], line.points[i], f);
}

void PlaceholderContent::advance(const FlowFrame& flow, double dt_s) {
    if (dt_s <= 0 || flow.compartments.size() != lines_.size()) return;
    for (Walker& w : walkers_) {
        const Line& line = lines_[w.compartment];
        const CompartmentFlow& cf = flow.compartments[w.compartment];
        // Mean velocity = mean of the end flows / current area (cm^3/s / cm^2 = cm/s).
        const float area = line.area_cm2 * std::max(cf.area_ratio, 0.05f);
        const float v = 0.5f * (cf.flow_in_ml_s + cf.flow_out_ml_s) / area;
        if (line.length > 0) w.t += static_cast<float>(dt_s) * v / line.length;
        w.t -= std::floor(w.t); // re-enter at the other end: the compartment keeps its particles
    }
}

void PlaceholderContent::record(VkCommandBuffer cmd, OffscreenTarget& target,
                                const FrameInfo& info) {
    if (info.flow != nullptr) advance(*info.flow, info.dt_s);
    // This slot's fence has signalled (the frame loop waited before recording), so the GPU is
    // done with this buffer; host writes before the submit are visible to it without a barrier.
    std::vector<gpu::Particle> particles(walkers_.size());
    for (std::size_t i = 0; i < walkers_.size(); ++i)
        particles[i].position = glm::vec4(position(walkers_[i]), 1.0f);
    buffers_[info.frame_slot].write(particles.data(), particles.size() * sizeof(gpu::Particle));

    // Front view (x lateral to the right, z up), the whole network fitted with a margin and
    // square pixels. Vulkan clip y points down, hence the minus on z.
    const VkExtent2D e = target.extent();
    const float aspect = static_cast<float>(e.width) / static_cast<float>(e.height);
    const glm::vec3 centre = 0.5f * (lo_ + hi_);
    const float half_h = 0.55f * std::max(hi_.z - lo_.z, (hi_.x - lo_.x) / aspect) + 1.0f;
    const float half_w = half_h * aspect;
    glm::mat4 view_proj(0.0f);
    view_proj[0][0] = 1.0f / half_w;                                             // x -> clip x
    view_proj[2][1] = -1.0f / half_h;                                            // z -> clip y
    view_proj[3] = glm::vec4(-centre.x / half_w, centre.z / half_h, 0.5f, 1.0f); // depth 0.5

    target.begin_rendering(cmd, {0.06f, 0.07f, 0.10f, 1.0f});
    gpu::DrawPush push{};
    push.view_proj = view_proj;
    push.color = {0.85f, 0.12f, 0.15f, 1.0f};
    push.point_size = large_points_ ? 3.0f : 1.0f;
    renderers_[info.frame_slot].record(cmd, push, count_);
    target.end_rendering(cmd);
}

} // namespace sh
