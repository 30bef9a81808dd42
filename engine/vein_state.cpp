#include "vein_state.hpp"

#include "barriers.hpp"
#include "pose_state.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace sh {
namespace {

// CDF of `weight(c)` over the compartments into state.compartments[c].inflow_cdf (or `out`),
// the last compartment with weight closing it at exactly 1 so that u < 1 always finds a bed.
// Returns false (nothing written) when no weight is positive. double sums, as the simulator's
// inflows are small numbers of very different sizes.
template <typename Weight, typename Write>
bool write_cdf(std::uint32_t n, Weight weight, Write write) {
    double total = 0.0;
    std::uint32_t last = 0;
    bool any = false;
    for (std::uint32_t c = 0; c < n; ++c) {
        const double w = weight(c);
        total += w;
        if (w > 0.0) {
            last = c;
            any = true;
        }
    }
    if (!any || !(total > 0.0)) return false;
    double acc = 0.0;
    for (std::uint32_t c = 0; c < n; ++c) {
        acc += weight(c);
        write(c, c >= last ? 1.0f : static_cast<float>(acc / total));
    }
    return true;
}

} // namespace

Result<VeinStateTables> build_vein_state_tables(const VeinGeometry& g) {
    if (g.compartments.size() > gpu::VEIN_STATE_MAX_COMPARTMENTS ||
        g.links.size() > gpu::VEIN_STATE_MAX_LINKS)
        return Error{"vein state: the network has " + std::to_string(g.compartments.size()) +
                         " compartments and " + std::to_string(g.links.size()) +
                         " links; the GPU state holds at most " +
                         std::to_string(gpu::VEIN_STATE_MAX_COMPARTMENTS) + " and " +
                         std::to_string(gpu::VEIN_STATE_MAX_LINKS) +
                         " (VEIN_STATE_MAX_* in shaders/gpu_layouts.h)",
                     {},
                     ErrorCode::InvalidInput};
    VeinStateTables t;
    t.compartment_count = static_cast<std::uint32_t>(g.compartments.size());
    t.link_count = static_cast<std::uint32_t>(g.links.size());
    t.fallback_inflow_cdf.assign(t.compartment_count, 1.0f);
    for (const VeinCompartment& c : g.compartments) {
        // The same reference area as the particle step's (FlowCompartmentGpu::ref_area).
        const float area = std::numbers::pi_v<float> * c.reference_radius_cm *
                           c.reference_radius_cm * static_cast<float>(std::max(c.count, 1u));
        t.inverse_reference_area.push_back(area > 0.0f ? 1.0f / area : 0.0f);
    }
    const auto write = [&](std::uint32_t c, float x) { t.fallback_inflow_cdf[c] = x; };
    if (!write_cdf(
            t.compartment_count,
            [&](std::uint32_t c) { return g.compartments[c].in_calf ? 1.0 : 0.0; }, write))
        (void)write_cdf(
            t.compartment_count, [](std::uint32_t) { return 1.0; }, write);
    return t;
}

float drawn_radius_scale(float area_ratio) {
    return std::sqrt(
        std::clamp(area_ratio, gpu::VEIN_AREA_RATIO_DRAWN_MIN, gpu::VEIN_AREA_RATIO_DRAWN_MAX));
}

void write_rest_vein_state(const VeinStateTables& t, gpu::VeinState& s) {
    s.time_s = 0.0f;
    s.outlet_flow_ml_s = 0.0f;
    s.compartment_count = t.compartment_count;
    s.link_count = t.link_count;
    s.muscle_activation = glm::vec4(0.0f);
    s.cycle = glm::vec4(0.0f);
    write_rest_pose_state(s.pose);
    for (std::uint32_t c = 0; c < t.compartment_count; ++c) {
        s.compartments[c] = {};
        s.compartments[c].area_ratio = 1.0f;
    }
    for (std::uint32_t l = 0; l < t.link_count; ++l) {
        s.links[l] = {};
        s.links[l].valve_opening = 1.0f;
    }
    finish_vein_state(t, s);
}

void finish_vein_state(const VeinStateTables& t, gpu::VeinState& s) {
    const std::uint32_t n = std::min(s.compartment_count, t.compartment_count);
    for (std::uint32_t c = 0; c < n; ++c) {
        gpu::VeinCompartmentState& cs = s.compartments[c];
        cs.radius_scale = drawn_radius_scale(cs.area_ratio);
        const float area_ratio = std::max(cs.area_ratio, 1e-4f);
        cs.velocity_cm_s =
            0.5f * (cs.flow_in_ml_s + cs.flow_out_ml_s) * t.inverse_reference_area[c] / area_ratio;
    }
    const bool any = write_cdf(
        n,
        [&](std::uint32_t c) {
            return static_cast<double>(std::max(0.0f, s.compartments[c].inflow_ml_s));
        },
        [&](std::uint32_t c, float x) { s.compartments[c].inflow_cdf = x; });
    if (!any)
        for (std::uint32_t c = 0; c < n; ++c)
            s.compartments[c].inflow_cdf = t.fallback_inflow_cdf[c];
}

Result<VeinStateBuffer> create_vein_state_buffer(const Device& device,
                                                 const ImmediateSubmitter& submitter,
                                                 const gpu::VeinState& initial) {
    auto buffer =
        upload_device_buffer(device, submitter, &initial, sizeof(gpu::VeinState),
                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT);
    if (!buffer) return buffer.error();
    VeinStateBuffer b;
    b.buffer_ = buffer.take();
    return b;
}

void VeinStateBuffer::record_upload(VkCommandBuffer cmd, const gpu::VeinState& state) const {
    constexpr VkPipelineStageFlags2 k_readers = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT |
                                                VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT |
                                                VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
    const VkBuffer buffer = buffer_.get();
    // WAR: the previous frame's (or step's) shaders read this buffer; the copy overwrites it.
    // An execution dependency covers a write after a read.
    pipeline_barrier(cmd,
                     {buffer_barrier(buffer, k_readers, VK_ACCESS_2_NONE,
                                     VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_NONE)},
                     {});
    // Only the used entries: the header and compartments are contiguous, the links follow the
    // compartments' full capacity. Sizes are multiples of 4 bytes, as vkCmdUpdateBuffer needs.
    const std::uint32_t n = std::min(state.compartment_count, gpu::VEIN_STATE_MAX_COMPARTMENTS);
    const std::uint32_t m = std::min(state.link_count, gpu::VEIN_STATE_MAX_LINKS);
    const VkDeviceSize head =
        offsetof(gpu::VeinState, compartments) + n * sizeof(gpu::VeinCompartmentState);
    vkCmdUpdateBuffer(cmd, buffer, 0, head, &state);
    if (m > 0)
        vkCmdUpdateBuffer(cmd, buffer, offsetof(gpu::VeinState, links),
                          m * sizeof(gpu::VeinLinkState), state.links);
    // RAW: this frame's particle step (compute) and scene (vertex) read what the copy wrote.
    pipeline_barrier(
        cmd,
        {buffer_barrier(buffer, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        k_readers, VK_ACCESS_2_SHADER_STORAGE_READ_BIT)},
        {});
}

} // namespace sh
