#version 450
#extension GL_GOOGLE_include_directive : require
// In-place FXAA-style edge anti-aliasing of the finished scene (leg + particle splat), before
// the UI, over one rectangle of the colour image (the leg's part of the screen). Second pass:
// one invocation per pixel that edge_aa_find.comp listed (an indirect dispatch). Built for CPU
// devices as much as for GPUs:
//  - every tap reads a buffer copy of the rectangle (packed RGBA8), never a sampled image: on
//    lavapipe a sampler fetch costs several times a storage-buffer load (the sampled version
//    of this pass measured 14-36 ms at 1280x720 on 2 cores);
//  - luma is a few integer operations on the packed word;
//  - only changed pixels are written back, so the image needs no copy on the way out;
//  - the edge search takes at most 5 steps per side (1, 1, 2, 3, 5 pixels: ~12 pixels reach).
//
// Per pixel, in pixels (the blend across the edge is what a bilinear tap shifted across it
// would read):
//  1. The 4 diagonals decide whether the edge runs horizontally or vertically; the steeper
//     neighbour across it picks the side the edge lies on.
//  2. Walk along the edge (both rows/columns on either side of it) until the average luma
//     leaves the local average; the distance to the nearer end gives the blend across the edge.
//  3. A sub-pixel term from the 3x3 average softens isolated bright/dark pixels a little.
// With pc.upscale (the render scale below 1) the same model writes a larger output image: see
// the end of main.
#include "edge_aa_common.h"

layout(local_size_x = 64) in; // EDGE_AA_GROUP
layout(set = 0, binding = 1, rgba8) uniform writeonly image2D result;

const int k_min_sharp_span = 4; // upscaling: shorter spans keep the bilinear value
const int k_search_steps = 5;
const int k_step[k_search_steps] = int[](1, 1, 2, 3, 5);

void main() {
    if (gl_GlobalInvocationID.x >= edge_count) return;
    const uint packed = edge_list[gl_GlobalInvocationID.x];
    const ivec2 p = ivec2(packed & 0xffffu, packed >> 16);
    const uint centre = texel(p);
    const float lm = luma_of(centre);
    const float ln = luma(p + ivec2(0, -1));
    const float ls = luma(p + ivec2(0, 1));
    const float lw = luma(p + ivec2(-1, 0));
    const float le = luma(p + ivec2(1, 0));
    const float range = max(lm, max(max(ln, ls), max(lw, le))) -
                        min(lm, min(min(ln, ls), min(lw, le)));

    const float lnw = luma(p + ivec2(-1, -1));
    const float lne = luma(p + ivec2(1, -1));
    const float lsw = luma(p + ivec2(-1, 1));
    const float lse = luma(p + ivec2(1, 1));
    // A horizontal edge (luma changing from row to row) has large second differences down the
    // columns, a vertical one along the rows.
    const float edge_h = abs(lnw + lsw - 2.0 * lw) + 2.0 * abs(ln + ls - 2.0 * lm) +
                         abs(lne + lse - 2.0 * le);
    const float edge_v = abs(lnw + lne - 2.0 * ln) + 2.0 * abs(lw + le - 2.0 * lm) +
                         abs(lsw + lse - 2.0 * ls);
    const bool horizontal = edge_h >= edge_v;

    // Across the edge: the neighbour with the larger difference is on the other side.
    const float l_neg = horizontal ? ln : lw;
    const float l_pos = horizontal ? ls : le;
    const float g_neg = abs(l_neg - lm);
    const float g_pos = abs(l_pos - lm);
    const ivec2 unit_across = horizontal ? ivec2(0, 1) : ivec2(1, 0);
    ivec2 across = unit_across;
    float local_avg;
    float gradient;
    if (g_neg >= g_pos) {
        across = -across;
        local_avg = 0.5 * (l_neg + lm);
        gradient = g_neg;
    } else {
        local_avg = 0.5 * (l_pos + lm);
        gradient = g_pos;
    }

    // Along the edge: the average of this row (or column) and the one across, which is what a
    // bilinear tap halfway between them reads.
    const ivec2 along = horizontal ? ivec2(1, 0) : ivec2(0, 1);
    const float threshold = 0.25 * gradient;
    int dist1 = 1;
    int dist2 = 1;
    ivec2 p1 = p - along;
    ivec2 p2 = p + along;
    float d1 = 0.5 * (luma(p1) + luma(p1 + across)) - local_avg;
    float d2 = 0.5 * (luma(p2) + luma(p2 + across)) - local_avg;
    bool end1 = abs(d1) >= threshold;
    bool end2 = abs(d2) >= threshold;
    for (int i = 1; i < k_search_steps && !(end1 && end2); ++i) {
        if (!end1) {
            p1 -= along * k_step[i];
            dist1 += k_step[i];
            d1 = 0.5 * (luma(p1) + luma(p1 + across)) - local_avg;
            end1 = abs(d1) >= threshold;
        }
        if (!end2) {
            p2 += along * k_step[i];
            dist2 += k_step[i];
            d2 = 0.5 * (luma(p2) + luma(p2 + across)) - local_avg;
            end2 = abs(d2) >= threshold;
        }
    }
    // Distances from the pixel's centre to the ends, as in the sampled version (which measures
    // from the centre to the sample that first left the average).
    const bool nearer1 = dist1 < dist2;
    const float edge_length = float(dist1 + dist2);
    const float pixel_offset = 0.5 - float(min(dist1, dist2)) / edge_length;
    // Only shift when the nearer end's luma varies the other way than the centre: the pixel
    // then lies on the staircase's step, not on its flat run.
    const bool centre_below = lm < local_avg;
    const bool shifts = ((nearer1 ? d1 : d2) < 0.0) != centre_below;
    float offset = shifts ? pixel_offset : 0.0;

    const float avg3x3 = (2.0 * (ln + ls + lw + le) + lnw + lne + lsw + lse) / 12.0;
    const float sub = clamp(abs(avg3x3 - lm) / range, 0.0, 1.0);
    const float sub_smooth = (-2.0 * sub + 3.0) * sub * sub;
    const float sub_offset = sub_smooth * sub_smooth * 0.75;
    const vec4 c = unpackUnorm4x8(centre);
    const vec4 other = unpackUnorm4x8(texel(p + across));
    if (pc.upscale == 0u) {
        offset = max(offset, sub_offset);
        if (offset <= 0.0) return;
        imageStore(result, p + pc.rect_offset, vec4(mix(c.rgb, other.rgb, offset), c.a));
        return;
    }

    // Upscaling: the output pixels whose centres fall in this source pixel (a 2x2 block at half
    // size) replace what the bilinear blit wrote there. The model above is an edge line that
    // runs from the nearer end of the span (half a pixel across, where the staircase steps) to
    // its middle (on the pixel border): the share of a pixel beyond that line is `offset`. Each
    // output pixel takes the share of ITS footprint beyond the line, measured at its own
    // distance along the edge: the staircase of the small image becomes a line at the output's
    // resolution, sharp across (no bilinear blur over 2 output pixels) and smooth along.
    // A short span is a diagonal or a corner, which this model draws as a staircase of blocks:
    // there the blit's bilinear value stays (smooth, as soft as before).
    if (dist1 + dist2 < k_min_sharp_span) return;
    const ivec2 src = p + pc.rect_offset; // in the source image
    const vec2 r = pc.to_source;
    const ivec2 lo = ivec2(ceil(vec2(src) / r - 0.5));
    const ivec2 hi = ivec2(ceil(vec2(src + 1) / r - 0.5)); // exclusive
    const float nearer_dist = float(nearer1 ? dist1 : dist2);
    const float away_from_end = nearer1 ? 1.0 : -1.0; // end 1 lies towards -along
    const float footprint = horizontal ? r.y : r.x;   // an output pixel's width across the edge
    for (int y = lo.y; y < hi.y; ++y) {
        for (int x = lo.x; x < hi.x; ++x) {
            // The output pixel's centre relative to the source pixel's, in source pixels.
            const vec2 d = (vec2(x, y) + 0.5) * r - (vec2(src) + 0.5);
            const float dist = nearer_dist + away_from_end * dot(d, vec2(along));
            const float line = shifts ? max(0.5 - dist / edge_length, 0.0) : 0.0;
            const float share = max(line, sub_offset);
            const float beyond = clamp(
                (dot(d, vec2(across)) + 0.5 * footprint - 0.5 + share) / footprint, 0.0, 1.0);
            imageStore(result, ivec2(x, y), vec4(mix(c.rgb, other.rgb, beyond), c.a));
        }
    }
}
