#version 450
// Anatomy meshes, already posed this frame by pose_meshes.comp (bones rigid, soft tissue
// blended, the skin swollen, the stocking a little further out in its own range): this only
// reads the posed vertex and projects it. gl_VertexIndex includes the draw's vertexOffset.
#include "gpu_layouts.h"
#include "scene_posed.h"

void main() {
    emit_posed(uint(gl_VertexIndex));
    out_color = push.color;
    out_pattern = vec3(0.0, 0.0, push.params.z);
}
