#version 450
#extension GL_GOOGLE_include_directive : require
// Shading of the stage's floor disc (drawn with its own pipeline: lavapipe runs both sides of a
// branch masked, so the furniture's lighting would cost every floor pixel): it fades into the
// background at its rim and carries a faint 25 cm grid (so its tilt reads in perspective). Its
// soft contact shadow (the leg's capsules, the seat's or the bed's penumbra; stage.frag has the
// model) is evaluated on the CPU at the nodes of a coarse grid each frame
// (engine/scene/stage_shadow.cpp) and only interpolated here: the floor is most of the stage's
// pixels, about 400k at 1280x720.
#include "stage_buffer.h"

layout(location = 0) in vec3 in_world;
layout(location = 0) out vec4 out_color;

// The floor's shadow between the four grid nodes around p (bilinear).
float grid_shadow(vec2 p) {
    const float last = float(STAGE_SHADOW_SIDE - 1);
    const vec2 u = clamp((p - frame.shadow_grid.xy) / frame.shadow_grid.z, vec2(0.0), vec2(last));
    const ivec2 cell = min(ivec2(u), ivec2(STAGE_SHADOW_SIDE - 2));
    const vec2 f = u - vec2(cell);
    const int k = cell.y * STAGE_SHADOW_SIDE + cell.x;
    const float below = mix(floor_shadow[k], floor_shadow[k + 1], f.x);
    const float above =
        mix(floor_shadow[k + STAGE_SHADOW_SIDE], floor_shadow[k + STAGE_SHADOW_SIDE + 1], f.x);
    return mix(below, above, f.y);
}

void main() {
    const float shadow = grid_shadow(in_world.xy);
    // Grid lines every 25 cm, a pixel or so wide whatever the distance (fwidth).
    const vec2 cell = abs(fract(in_world.xy / 25.0 + 0.5) - 0.5) * 25.0;
    const vec2 width = max(fwidth(in_world.xy), vec2(1e-3));
    const float line = 1.0 - min(min(cell.x / width.x, cell.y / width.y), 1.0);
    vec3 floor_color = frame.floor_color.rgb * (1.0 - frame.floor_color.w * line);
    floor_color = mix(floor_color, frame.shadow_color.rgb, clamp(shadow, 0.0, 1.0));
    // Fade into the background over the outer 40 % of the disc: no hard horizon.
    const float r = length(in_world.xy - frame.floor.xy) / max(frame.floor.w, 1.0);
    const vec3 color = mix(floor_color, frame.background.rgb, smoothstep(0.6, 1.0, r));
    out_color = vec4(pow(clamp(color, 0.0, 1.0), vec3(1.0 / 2.2)), 1.0);
}
