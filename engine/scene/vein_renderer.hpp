// Veins and valves on the GPU. The tube mesh (vein_mesh.hpp) and the valve instances are
// uploaded once; per frame only the compartment radius scales and the valve states change,
// and those live in the frame's VeinState (binding 5 of the scene set). LegPoser sizes and
// poses both once per frame; the vertex shaders read the posed buffers.
//
// The tubes are translucent and write no depth: the blood particles splatted after the scene
// pass test against the scene depth, so a depth-writing vein wall would hide the blood inside.
// The valve cusps are opaque and do write depth (particles stop at closed valves anyway).
#pragma once

#include "device.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "scene/scene_gpu.hpp"
#include "scene/vein_mesh.hpp"
#include "vein_data.hpp"
#include "vk_handle.hpp"

#include <vector>
#include <vulkan/vulkan.h>

namespace sh::scene {

class VeinRenderer {
public:
    VeinRenderer() = default;

    const Buffer& vertices() const noexcept { return vertices_; }
    const Buffer& valves() const noexcept { return valves_; }
    std::uint32_t valve_count() const noexcept { return valve_count_; }
    std::uint32_t index_count() const noexcept { return index_count_; }
    std::uint32_t vertex_count() const noexcept { return vertex_count_; }
    // The tube vertices and valves as uploaded, on the host (LegPoser::pose_on_host).
    const std::vector<gpu::VeinVertex>& host_vertices() const noexcept { return host_vertices_; }
    const std::vector<gpu::ValveInstance>& host_valves() const noexcept { return host_valves_; }

    // Inside rendering, scene set bound: opaque valve cusps (before any translucency), their
    // grid points posed from `posed_first` on in the posed buffers (LegPoser::valve_first).
    void record_valves(VkCommandBuffer cmd, VkPipelineLayout layout,
                       std::uint32_t posed_first) const;
    // Translucent tubes, `opacity` at normal incidence, their vertices posed from `posed_first`
    // on (LegPoser::vein_first).
    void record_tubes(VkCommandBuffer cmd, VkPipelineLayout layout, float opacity,
                      std::uint32_t posed_first) const;

private:
    friend Result<VeinRenderer> create_vein_renderer(const Device&, Uploader&, const VeinGeometry&,
                                                     VkPipelineLayout);
    Buffer vertices_;
    Buffer indices_;
    Buffer valves_;
    Buffer valve_indices_; // valve_cusp_indices
    std::uint32_t index_count_ = 0;
    std::uint32_t vertex_count_ = 0;
    std::uint32_t valve_count_ = 0;
    std::vector<gpu::VeinVertex> host_vertices_;
    std::vector<gpu::ValveInstance> host_valves_;
    UniquePipeline tube_pipeline_;
    UniquePipeline valve_pipeline_;
};

Result<VeinRenderer> create_vein_renderer(const Device& device, Uploader& uploader,
                                          const VeinGeometry& geometry, VkPipelineLayout layout);

} // namespace sh::scene
