// Shared lighting of every scene surface (scene_lit.frag for the vein tubes and valve cusps,
// scene_mesh.frag for the anatomy meshes), tuned for projectors (they crush darks and wash out
// saturation): a strong hemispheric ambient so nothing falls to black, a key and a fill light
// that follow the camera, a soft specular and a rim term that outlines each structure against
// the background. Lighting is computed in linear space and encoded with gamma 2.2 because the
// target is UNORM (no sRGB hardware encode). Translucent surfaces raise their opacity towards
// grazing angles (fresnel-like), so a thin envelope reads as a shell, not as a uniform fog.
// The compression stocking (ScenePush::surface) is the skin drawn again a little further out,
// up to its top, with a knit of courses and wales in the rest frame, so it follows the leg.
// Include after gpu_layouts.h.
#ifndef SH_SCENE_SHADING_H
#define SH_SCENE_SHADING_H

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };
layout(push_constant) uniform Push { ScenePush push; };

// A fine knit seen from a metre: courses (rows of loops) about 3 mm apart up the leg, wales
// (columns) about 3 mm apart around it, each loop a soft V; the welt at the top is denser.
float knit(vec3 rest, float top) {
    const float around = atan(rest.x - state.pose.ankle.x, rest.y - state.pose.ankle.y) * 5.0;
    const float wale = fract(around / 0.3);
    const float course = fract((rest.z + 0.6 * abs(wale - 0.5)) / 0.3);
    const float loop = 0.5 + 0.5 * cos(6.2831853 * course) * sin(3.14159265 * wale);
    const float welt = step(top - 3.0, rest.z);
    return mix(0.82 + 0.18 * loop, 0.7 + 0.12 * loop, welt);
}

// The surface's colour and opacity at a point: its position, normal, linear colour and opacity,
// pattern (z: 0 none, 1 muscle fibres, 3 failed valve; xy the cusp's coordinates) and rest point.
// Discards the point above the leg's top (and above a stocking's).
vec4 shade_surface(vec3 in_world, vec3 in_normal, vec4 in_color, vec3 in_pattern, vec3 in_rest) {
    // The anatomy ends at the thigh; the veins run on to the groin. Cut everything at the top
    // of the leg so no vein hangs in the air above it.
    if (in_rest.z > globals.ground_color.w) discard;
    const bool stocking = push.surface == SCENE_SURFACE_STOCKING;
    if (stocking && in_rest.z > state.pose.stocking.x) discard;
    vec3 n = normalize(in_normal);
    const vec3 v = normalize(globals.eye.xyz - in_world);
    // Light the side that faces the viewer: valve cusps are seen from both sides, the skin's
    // far side from inside, and an imported mesh's normals may point inwards.
    if (dot(n, v) < 0.0) n = -n;
    const float nv = abs(dot(n, v));

    vec3 albedo = in_color.rgb;
    const float pattern = in_pattern.z;
    // The patterns are behind loop conditions, not branches: on lavapipe a branch runs masked
    // for all lanes whether a lane takes it or not, while a loop is skipped when no lane needs a
    // turn; most pixels (the skin, the tubes, the bones) take none of them. One turn at most.
    for (int i = 0; i < (pattern > 0.5 && pattern < 1.5 ? 1 : 0); ++i) {
        // Muscle: faint fibres running along the leg.
        albedo *= 0.92 + 0.08 * sin(dot(in_world.xy, vec2(7.0, 5.0)) + in_world.z * 0.4);
    }
    for (int i = 0; i < (pattern > 2.5 ? 1 : 0); ++i) {
        // Failed valve: diagonal dark stripes across the cusp.
        const float stripe = fract((in_pattern.x * 2.0 + in_pattern.y * 1.5) * 2.0);
        albedo *= stripe < 0.5 ? 1.0 : 0.18;
    }
    for (int i = 0; i < (stocking ? 1 : 0); ++i) albedo *= knit(in_rest, state.pose.stocking.x);

    const vec3 hemi = mix(globals.ground_color.rgb, globals.sky_color.rgb, 0.5 + 0.5 * n.z);
    const float key = max(dot(n, globals.key_dir.xyz), 0.0) * globals.key_dir.w;
    const float fill = max(dot(n, globals.fill_dir.xyz), 0.0) * globals.fill_dir.w;
    const vec3 h = normalize(globals.key_dir.xyz + v);
    // Integer powers by multiplication: on CPU devices (lavapipe) each pow() is an exp2 and a
    // log2 evaluated by polynomials for every pixel, several times the cost of these products.
    const float nh = max(dot(n, h), 0.0);
    const float nh2 = nh * nh, nh8 = nh2 * nh2 * nh2 * nh2;
    const float nh32 = nh8 * nh8 * nh8 * nh8;
    const float spec = nh32 * nh8 * push.params.y; // nh^40
    const float grazing = 1.0 - nv;
    const float rim = grazing * grazing * grazing * globals.sky_color.w;

    vec3 color = albedo * (hemi + vec3(key + fill)) + vec3(spec) + rim * globals.rim_color.rgb;
    float alpha = in_color.a;
    if (push.params.w > 0.5) alpha = clamp(alpha + push.params.x * grazing * grazing, 0.0, 1.0);
    return vec4(pow(clamp(color, 0.0, 1.0), vec3(1.0 / 2.2)), alpha);
}

#endif // SH_SCENE_SHADING_H
