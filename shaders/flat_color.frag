#version 450
#extension GL_GOOGLE_include_directive : require
// Writes the push-constant colour; shared by the triangle and particle pipelines.
#include "gpu_layouts.h"

layout(push_constant) uniform PushBlock {
    DrawPush pc;
};
layout(location = 0) out vec4 out_color;

void main() {
    out_color = pc.color;
}
