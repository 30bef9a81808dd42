#version 450
#extension GL_GOOGLE_include_directive : require
// Shading of the stage's floor disc (drawn with its own pipeline: lavapipe runs both sides of a
// branch masked, so the furniture's lighting would cost every floor pixel): it fades into the
// background at its rim and carries a faint 25 cm grid (so its tilt reads in perspective). Its
// soft contact shadow (the leg's capsules, the seat's or the bed's penumbra; stage.frag has the
// model) is evaluated on the CPU at the nodes of a coarse grid each frame
// (engine/scene/stage_shadow.cpp), and so is the floor's whole colour off the grid lines
// (shadow, fade, display gamma: fill_floor_colour), which a pixel only interpolates: the floor
// is most of the stage's pixels, about 400k at 1280x720, and on lavapipe that shading per pixel
// (the gamma's powers, the fade's distance, the mixes) cost the walking frame 10-13 ms of CPU.
// The nodes' colours are an RGBA8 image (one texel a node, copied from the stage buffer each
// frame) read with bilinear filtering, which lavapipe does in fixed point for 8-bit colour: four
// loads from the buffer and their unpacking per pixel cost the walking frame about 3 ms more of
// CPU (docs/architecture.md, "The frame"). The few pixels on a grid line are shaded in full.
#include "stage_buffer.h"

layout(set = 0, binding = 1) uniform sampler2D floor_colour; // STAGE_SHADOW_SIDE^2, the nodes

layout(location = 0) in vec3 in_world;
layout(location = 0) out vec4 out_color;

// Where p lies among the grid's nodes: the node below and left of it, and the fractions.
void grid_cell(vec2 p, out int k, out vec2 f) {
    const float last = float(STAGE_SHADOW_SIDE - 1);
    const vec2 u = clamp((p - frame.shadow_grid.xy) / frame.shadow_grid.z, vec2(0.0), vec2(last));
    const ivec2 cell = min(ivec2(u), ivec2(STAGE_SHADOW_SIDE - 2));
    f = u - vec2(cell);
    k = cell.y * STAGE_SHADOW_SIDE + cell.x;
}

void main() {
    // Texel centres sit at the nodes; clamping to the edge keeps a point off the grid on its
    // nearest edge, as grid_cell does.
    const vec2 node = (in_world.xy - frame.shadow_grid.xy) / frame.shadow_grid.z;
    vec3 color = texture(floor_colour, (node + 0.5) / float(STAGE_SHADOW_SIDE)).rgb;
    // Grid lines every 25 cm, a pixel or so wide whatever the distance (fwidth).
    const vec2 cell = abs(fract(in_world.xy / 25.0 + 0.5) - 0.5) * 25.0;
    const vec2 width = max(fwidth(in_world.xy), vec2(1e-3));
    const float line = 1.0 - min(min(cell.x / width.x, cell.y / width.y), 1.0);
    // A line pixel in full, in linear light (behind a loop condition, not a branch: on lavapipe
    // a branch runs masked for all lanes; a loop is skipped when no lane needs a turn).
    for (int i = 0; i < (line > 0.0 ? 1 : 0); ++i) {
        int k;
        vec2 f;
        grid_cell(in_world.xy, k, f);
        const int n = STAGE_SHADOW_SIDE;
        const float shadow = mix(mix(floor_shadow[k], floor_shadow[k + 1], f.x),
                                 mix(floor_shadow[k + n], floor_shadow[k + n + 1], f.x), f.y);
        vec3 floor_color = frame.floor_color.rgb * (1.0 - frame.floor_color.w * line);
        floor_color = mix(floor_color, frame.shadow_color.rgb, clamp(shadow, 0.0, 1.0));
        // Fade into the background over the outer 40 % of the disc: no hard horizon.
        const float r = length(in_world.xy - frame.floor.xy) / max(frame.floor.w, 1.0);
        const vec3 linear = mix(floor_color, frame.background.rgb, smoothstep(0.6, 1.0, r));
        color = pow(clamp(linear, 0.0, 1.0), vec3(1.0 / 2.2));
    }
    out_color = vec4(color, 1.0);
}
