#version 450
// Vein tubes, already sized by their compartment's lumen and posed this frame by
// pose_veins.comp: this reads the posed vertex (gl_VertexIndex includes the draw's
// vertexOffset into the posed buffers) and colours it by its vein's kind.
#include "gpu_layouts.h"
#include "scene_posed.h"

layout(std430, set = 0, binding = 3) readonly buffer Veins { VeinVertex vein_vertices[]; };

// Linear colours by VeinKind: deep blue, superficial lighter blue, intramuscular sinuses
// purple-blue, foot veins between deep and superficial.
const vec3 k_kind_colors[4] = vec3[4](vec3(0.030, 0.090, 0.560), vec3(0.180, 0.380, 0.820),
                                      vec3(0.180, 0.070, 0.520), vec3(0.070, 0.170, 0.640));

void main() {
    emit_posed(uint(gl_VertexIndex));
    // The tube's own vertex (the colour kind): the posed range starts at the draw's offset.
    const VeinVertex v = vein_vertices[uint(gl_VertexIndex) - push.posed_first];
    out_color = vec4(k_kind_colors[min(uint(v.offset.w + 0.5), 3u)], push.color.a);
    out_pattern = vec3(0.0, 0.0, push.params.z);
}
