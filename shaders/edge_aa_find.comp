#version 450
#extension GL_GOOGLE_include_directive : require
// First pass of the edge anti-aliasing: one invocation per pixel of the rectangle, 5 buffer
// loads each; the pixels with enough local contrast (a few percent of them) go into a list
// for edge_aa.comp. Why two passes: CPU drivers (llvmpipe) run every instruction of a shader
// for every pixel, masking rather than skipping the branches pixels do not take, so the
// edge search must not even be in the shader that visits every pixel.
#include "edge_aa_common.h"

layout(local_size_x = 16, local_size_y = 16) in;

void main() {
    const ivec2 p = ivec2(gl_GlobalInvocationID.xy);
    if (p.x >= pc.rect_size.x || p.y >= pc.rect_size.y) return;
    if (!is_edge(luma(p), luma(p + ivec2(0, -1)), luma(p + ivec2(0, 1)), luma(p + ivec2(-1, 0)),
                 luma(p + ivec2(1, 0))))
        return;
    const uint i = atomicAdd(edge_count, 1u);
    edge_list[i] = uint(p.x) | (uint(p.y) << 16);
    atomicMax(groups_x, i / EDGE_AA_GROUP + 1u);
}
