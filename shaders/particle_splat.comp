#version 450
#extension GL_GOOGLE_include_directive : require
// Splats the blood particles into a per-pixel R32_UINT buffer with atomicMin, testing each
// pixel against the scene depth. Why atomicMin of a packed key instead of blending: the nearest
// particle wins whatever order the invocations run in, so frames are deterministic (reference
// images stay byte-exact) and there is no read-modify-write race on the colour image.
// Key (most significant first): depth (14 bits) | occluded (1) | edge (1) | RGB565 (16).
// particle_splat_resolve.comp blends the winners onto the colour image.
//
// Footprints: forward particles are a soft plus (centre + 4 edge pixels, edge half alpha);
// reflux particles are a 5x5 ring (bright outer ring, half-alpha inside), so reflux reads as
// bigger and ringed, not just as a different hue (colour-vision-deficiency safe).
#include "gpu_layouts.h"
#include "pose.h"

layout(local_size_x = PARTICLE_WORKGROUP_SIZE) in;

layout(std430, set = 0, binding = 0) readonly buffer Particles { FlowParticle particles[]; };
layout(std430, set = 0, binding = 1) buffer Accum { uint accum[]; };
// The scene's depth, copied into a buffer (OffscreenTarget::copy_depth): on lavapipe a buffer
// load costs a fraction of a texelFetch.
layout(std430, set = 0, binding = 3) readonly buffer SceneDepth { float scene_depth[]; };
// The frame's simulator state: its pose places the particles (advected in the rest pose).
layout(std430, set = 0, binding = 4) readonly buffer State { VeinState state; };

layout(push_constant) uniform PushBlock { SplatPush pc; };

uint rgb565(uint rgba) {
    uint r = (rgba & 0xffu) >> 3;
    uint g = ((rgba >> 8) & 0xffu) >> 2;
    uint b = ((rgba >> 16) & 0xffu) >> 3;
    return (r << 11) | (g << 5) | b;
}

void splat(ivec2 xy, uint occluded, float z, uint edge, uint color) {
    // Only inside the resolve's rectangle (pc.rect_*, within the frame): a pixel outside it is
    // never blended, and the resolve clears what it read, so every key stays inside the part of
    // the buffer that the next resolve empties again (no per-frame clear of the whole buffer).
    const ivec2 rel = xy - ivec2(pc.rect_x, pc.rect_y);
    if (rel.x < 0 || rel.y < 0 || rel.x >= int(pc.rect_width) || rel.y >= int(pc.rect_height))
        return;
    uint dq = uint(clamp(z, 0.0, 1.0) * 16383.0);
    uint key = (dq << 18) | (occluded << 17) | (edge << 16) | color;
    // A plain load first: keys only ever decrease, so a key not below what is already there
    // would leave it unchanged (a stale load only errs towards doing the atomic). The veins are
    // covered many times over and atomics are the splat's cost on CPU devices (lavapipe runs
    // one locked instruction per lane): most splats end at this load.
    const uint index = uint(xy.y) * pc.width + uint(xy.x);
    if (key < accum[index]) atomicMin(accum[index], key);
}

// Forward: the centre, then its 4 edge neighbours.
const ivec2 k_plus[5] = ivec2[5](ivec2(0, 0), ivec2(1, 0), ivec2(-1, 0), ivec2(0, 1), ivec2(0, -1));
// Reflux: a 5x5 square without its corners (21 pixels); the inner 3x3 is the half-alpha "edge".
const ivec2 k_ring[21] = ivec2[21](
    ivec2(-1, -2), ivec2(0, -2), ivec2(1, -2),
    ivec2(-2, -1), ivec2(-1, -1), ivec2(0, -1), ivec2(1, -1), ivec2(2, -1),
    ivec2(-2, 0), ivec2(-1, 0), ivec2(0, 0), ivec2(1, 0), ivec2(2, 0),
    ivec2(-2, 1), ivec2(-1, 1), ivec2(0, 1), ivec2(1, 1), ivec2(2, 1),
    ivec2(-1, 2), ivec2(0, 2), ivec2(1, 2));

void main() {
    uint id = gl_GlobalInvocationID.x;
    if (id >= pc.particle_count) return;
    FlowParticle p = particles[id];
    if (p.position.z > pc.clip_z_max) return;
    vec4 clip = pc.view_proj * vec4(pose_soft_point(state.pose, p.position.xyz), 1.0);
    if (clip.w <= 0.0) return;
    vec3 ndc = clip.xyz / clip.w;
    if (ndc.z < 0.0 || ndc.z > 1.0 || any(greaterThan(abs(ndc.xy), vec2(1.02)))) return;
    // Same convention as the rasteriser: NDC y = -1 is the top row.
    vec2 pixel = (ndc.xy * 0.5 + 0.5) * vec2(pc.width, pc.height);
    ivec2 centre = ivec2(floor(pixel));
    uint color = rgb565(p.color);
    // One depth test for the whole footprint, at the centre pixel (the depth pixel under it:
    // the same pixel unless the scene was drawn smaller). Why not per footprint pixel: on CPU
    // devices each test is a gathered load for 8 particles at once, and 4 of every 5 were
    // only for the soft rim, whose visibility hardly differs from its centre's (the rim is
    // half alpha; a particle a pixel from a silhouette is drawn or dimmed whole).
    // (A float ratio: CPU devices have no vector integer division.)
    const vec2 ratio = vec2(pc.depth_width, pc.depth_height) / vec2(pc.width, pc.height);
    const uvec2 d = min(uvec2((vec2(clamp(centre, ivec2(0), ivec2(pc.width, pc.height) - 1)) + 0.5) * ratio),
                        uvec2(pc.depth_width, pc.depth_height) - 1u);
    // A small bias so that a particle exactly on a surface is not hidden by it.
    const uint occluded = ndc.z > scene_depth[d.y * pc.depth_width + d.x] + 1e-5 ? 1u : 0u;
    if (occluded == 1u && pc.occluded_alpha <= 0.0) return;

    // One loop over the footprint's pixels, not an if/else of two footprints: on lavapipe both
    // sides of a branch run (masked) for every group of 8 particles, while a loop runs only as
    // many times as its longest lane needs, so groups without a reflux particle do 5 splats,
    // not 5 + 21.
    const bool reflux = (p.flags & FLOW_FLAG_REFLUX) != 0u && (p.flags & FLOW_FLAG_STOPPED) == 0u;
    const int n = reflux ? 21 : 5;
    for (int k = 0; k < n; ++k) {
        ivec2 offset;
        uint edge;
        if (reflux) {
            offset = k_ring[k];
            edge = max(abs(offset.x), abs(offset.y)) < 2 ? 1u : 0u;
        } else {
            offset = k_plus[min(k, 4)]; // clamped: masked-off lanes still index
            edge = k == 0 ? 0u : 1u;
        }
        splat(centre + offset, occluded, ndc.z, edge, color);
    }
}
