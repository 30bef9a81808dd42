#version 450
#extension GL_GOOGLE_include_directive : require
// Shading of the stage: the floor disc fades into the background at its rim and carries a faint
// 25 cm grid (so its tilt reads in perspective); the seat and the bed are lit like the leg (key
// and fill follow the camera). The soft contact shadow, no shadow map: every posed segment of
// the leg (a capsule) occludes the sky above a surface point by the solid angle it covers there,
// about (r / d)^2 seen in the direction of the surface normal; and the seat or the bed darkens
// the floor below it with a penumbra that widens with its height. On the floor (most of the
// stage's pixels) that is evaluated on the CPU at the nodes of a coarse grid
// (engine/scene/stage_shadow.cpp) and only interpolated here; the seat and the bed evaluate
// the capsules per pixel.
#include "stage_layout.h"

layout(std430, set = 0, binding = 0) readonly buffer Stage {
    StageFrame frame;
    float floor_shadow[STAGE_SHADOW_SIDE * STAGE_SHADOW_SIDE];
    StageVertex vertices[];
};

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec3 in_color;
layout(location = 3) in float in_material;
layout(location = 0) out vec4 out_color;

// Sky occlusion of a capsule seen from a surface point p with normal n: 1 where it touches.
float capsule_occlusion(vec3 p, vec3 n, vec3 a, vec3 b, float r) {
    const vec3 ab = b - a;
    const float t = clamp(dot(p - a, ab) / max(dot(ab, ab), 1e-6), 0.0, 1.0);
    const vec3 d = a + t * ab - p;
    const float dist = max(length(d), 1e-3);
    const float facing = clamp(dot(n, d / dist), 0.0, 1.0);
    return facing * clamp((r * r) / (dist * dist), 0.0, 1.0);
}

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
    const bool on_floor = in_material < 0.5;
    vec3 color;
    if (on_floor) {
        const float shadow = grid_shadow(in_world.xy);
        // Grid lines every 25 cm, a pixel or so wide whatever the distance (fwidth).
        const vec2 cell = abs(fract(in_world.xy / 25.0 + 0.5) - 0.5) * 25.0;
        const vec2 width = max(fwidth(in_world.xy), vec2(1e-3));
        const float line = 1.0 - min(min(cell.x / width.x, cell.y / width.y), 1.0);
        vec3 floor_color = frame.floor_color.rgb * (1.0 - frame.floor_color.w * line);
        floor_color = mix(floor_color, frame.shadow_color.rgb, clamp(shadow, 0.0, 1.0));
        // Fade into the background over the outer 40 % of the disc: no hard horizon.
        const float r = length(in_world.xy - frame.floor.xy) / max(frame.floor.w, 1.0);
        color = mix(floor_color, frame.background.rgb, smoothstep(0.6, 1.0, r));
    } else {
        const vec3 n = normalize(in_normal);
        // The capsules per pixel on the furniture only: a loop bound, not a branch, so lavapipe
        // skips the loop where no lane is furniture instead of running it masked on the floor.
        const int occluders = on_floor ? 0 : STAGE_MAX_OCCLUDERS;
        float light_left = 1.0; // product of what every occluder leaves
        for (int i = 0; i < occluders; ++i) {
            const vec4 a = frame.occluder_a[i];
            if (a.w <= 0.0) continue;
            light_left *= 1.0 - capsule_occlusion(in_world, n, a.xyz, frame.occluder_b[i].xyz, a.w);
        }
        const float shadow = frame.shadow_color.w * (1.0 - light_left);
        const float hemi = 0.42 + 0.18 * n.z;
        const float key = max(dot(n, frame.key_dir.xyz), 0.0) * frame.key_dir.w;
        const float fill = max(dot(n, frame.fill_dir.xyz), 0.0) * frame.fill_dir.w;
        color = in_color * (hemi + key + fill);
        color = mix(color, frame.shadow_color.rgb, clamp(shadow, 0.0, 1.0));
    }
    out_color = vec4(pow(clamp(color, 0.0, 1.0), vec3(1.0 / 2.2)), 1.0);
}
