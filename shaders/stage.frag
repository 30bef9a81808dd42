#version 450
#extension GL_GOOGLE_include_directive : require
// Shading of the stage: the floor disc fades into the background at its rim and carries a faint
// 25 cm grid (so its tilt reads in perspective); the seat and the bed are lit like the leg (key
// and fill follow the camera). The soft contact shadow is analytic, no shadow map: every posed
// segment of the leg (a capsule) occludes the sky above a surface point by the solid angle it
// covers there, about (r / d)^2 seen in the direction of the surface normal; and the seat or the
// bed darkens the floor below it with a penumbra that widens with its height.
#include "stage_layout.h"

layout(std430, set = 0, binding = 0) readonly buffer Stage {
    StageFrame frame;
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

// The shadow a box casts straight down onto the floor at p: soft edges, fainter when high.
float caster_shadow(vec3 p, vec4 lo, vec4 hi) {
    if (lo.w <= 0.0 || p.z > lo.z) return 0.0;
    const float height = lo.z - p.z;
    const float soft = 2.0 + 0.45 * height;
    const float sx = smoothstep(-soft, soft, p.x - lo.x) * smoothstep(-soft, soft, hi.x - p.x);
    const float sy = smoothstep(-soft, soft, p.y - lo.y) * smoothstep(-soft, soft, hi.y - p.y);
    return lo.w * sx * sy;
}

void main() {
    const vec3 n = normalize(in_normal);
    float light_left = 1.0; // product of what every occluder leaves
    for (int i = 0; i < STAGE_MAX_OCCLUDERS; ++i) {
        const vec4 a = frame.occluder_a[i];
        if (a.w <= 0.0) continue;
        light_left *= 1.0 - capsule_occlusion(in_world, n, a.xyz, frame.occluder_b[i].xyz, a.w);
    }
    float shadow = frame.shadow_color.w * (1.0 - light_left);

    vec3 color;
    if (in_material < 0.5) {
        // Only the casters in use (stage_frame fills them from the first): a loop bound, not a
        // per-caster test, so lavapipe skips the unused ones instead of running them masked.
        int casters = 0;
        while (casters < STAGE_MAX_CASTERS && frame.caster_min[casters].w > 0.0) ++casters;
        for (int i = 0; i < casters; ++i)
            shadow = max(shadow, caster_shadow(in_world, frame.caster_min[i], frame.caster_max[i]));
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
        const float hemi = 0.42 + 0.18 * n.z;
        const float key = max(dot(n, frame.key_dir.xyz), 0.0) * frame.key_dir.w;
        const float fill = max(dot(n, frame.fill_dir.xyz), 0.0) * frame.fill_dir.w;
        color = in_color * (hemi + key + fill);
        color = mix(color, frame.shadow_color.rgb, clamp(shadow, 0.0, 1.0));
    }
    out_color = vec4(pow(clamp(color, 0.0, 1.0), vec3(1.0 / 2.2)), 1.0);
}
