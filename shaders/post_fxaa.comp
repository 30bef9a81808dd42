#version 450
// Post pass over the finished scene (leg + particle splat), before the UI: FXAA-style edge
// anti-aliasing, and/or an upscale when the scene was drawn into a smaller internal target.
// One invocation per output pixel; the source is read through a linear, clamp-to-edge sampler.
//
// The anti-aliasing (when push.fxaa != 0), per output pixel, in source texels:
//  1. Luma of the pixel and its 4 neighbours; low local contrast (most of the frame) keeps the
//     pixel as it is, so the cost is concentrated on edges.
//  2. The 4 diagonal neighbours decide whether the edge runs horizontally or vertically, and
//     the steeper of the two neighbours across it picks the side the edge lies on.
//  3. Walk along the edge in both directions (growing steps) until the luma leaves the local
//     average; the pixel's distance to the nearer end gives how far to shift its sample across
//     the edge (long, shallow staircases get smooth ramps).
//  4. A sub-pixel term from the 3x3 average softens isolated bright/dark pixels a little.
//  Finally one bilinear tap at the shifted position is written.
layout(local_size_x = 8, local_size_y = 8) in;

layout(set = 0, binding = 0) uniform sampler2D source;
layout(set = 0, binding = 1, rgba8) uniform writeonly image2D result;

layout(push_constant) uniform Push {
    vec2 inv_dst;  // 1 / output size
    vec2 inv_src;  // 1 / source size (one source texel in uv)
    uvec2 dst_size;
    uint fxaa;     // 0: plain (bilinear) copy or upscale
    uint pad;
} pc;

const int k_search_steps = 8;
const float k_step_scale[k_search_steps] = float[](1.0, 1.0, 1.5, 2.0, 2.0, 4.0, 4.0, 8.0);

float luma(vec3 c) { return dot(c, vec3(0.299, 0.587, 0.114)); }
float luma_at(vec2 uv) { return luma(textureLod(source, uv, 0.0).rgb); }

void main() {
    const uvec2 xy = gl_GlobalInvocationID.xy;
    if (xy.x >= pc.dst_size.x || xy.y >= pc.dst_size.y) return;
    const vec2 uv = (vec2(xy) + 0.5) * pc.inv_dst;
    const vec4 centre = textureLod(source, uv, 0.0);
    if (pc.fxaa == 0u) {
        imageStore(result, ivec2(xy), centre);
        return;
    }
    const vec2 t = pc.inv_src;
    const float lm = luma(centre.rgb);
    const float ln = luma_at(uv + vec2(0.0, -t.y));
    const float ls = luma_at(uv + vec2(0.0, t.y));
    const float lw = luma_at(uv + vec2(-t.x, 0.0));
    const float le = luma_at(uv + vec2(t.x, 0.0));
    const float lmin = min(lm, min(min(ln, ls), min(lw, le)));
    const float lmax = max(lm, max(max(ln, ls), max(lw, le)));
    const float range = lmax - lmin;
    if (range < max(0.0312, lmax * 0.125)) {
        imageStore(result, ivec2(xy), centre);
        return;
    }

    const float lnw = luma_at(uv + vec2(-t.x, -t.y));
    const float lne = luma_at(uv + vec2(t.x, -t.y));
    const float lsw = luma_at(uv + vec2(-t.x, t.y));
    const float lse = luma_at(uv + vec2(t.x, t.y));
    const float edge_h = abs(lnw + lne - 2.0 * ln) + 2.0 * abs(lw + le - 2.0 * lm) +
                         abs(lsw + lse - 2.0 * ls);
    const float edge_v = abs(lnw + lsw - 2.0 * lw) + 2.0 * abs(ln + ls - 2.0 * lm) +
                         abs(lne + lse - 2.0 * le);
    const bool horizontal = edge_h >= edge_v;

    // Across the edge: the neighbour with the larger difference is on the other side.
    const float l_neg = horizontal ? ln : lw;
    const float l_pos = horizontal ? ls : le;
    const float g_neg = abs(l_neg - lm);
    const float g_pos = abs(l_pos - lm);
    float across = horizontal ? t.y : t.x;
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

    // Along the edge, from the point halfway between the pixel and its opposite neighbour.
    vec2 on_edge = uv;
    if (horizontal) on_edge.y += 0.5 * across;
    else on_edge.x += 0.5 * across;
    const vec2 along = horizontal ? vec2(t.x, 0.0) : vec2(0.0, t.y);
    const float threshold = 0.25 * gradient;
    vec2 p1 = on_edge - along;
    vec2 p2 = on_edge + along;
    float d1 = luma_at(p1) - local_avg;
    float d2 = luma_at(p2) - local_avg;
    bool end1 = abs(d1) >= threshold;
    bool end2 = abs(d2) >= threshold;
    for (int i = 1; i < k_search_steps && !(end1 && end2); ++i) {
        if (!end1) {
            p1 -= along * k_step_scale[i];
            d1 = luma_at(p1) - local_avg;
            end1 = abs(d1) >= threshold;
        }
        if (!end2) {
            p2 += along * k_step_scale[i];
            d2 = luma_at(p2) - local_avg;
            end2 = abs(d2) >= threshold;
        }
    }
    const float dist1 = horizontal ? uv.x - p1.x : uv.y - p1.y;
    const float dist2 = horizontal ? p2.x - uv.x : p2.y - uv.y;
    const bool nearer1 = dist1 < dist2;
    const float edge_length = dist1 + dist2;
    const float pixel_offset = 0.5 - min(dist1, dist2) / max(edge_length, 1e-6);
    // Only shift when the nearer end's luma varies the other way than the centre: the pixel
    // then lies on the staircase's step, not on its flat run.
    const bool centre_below = lm < local_avg;
    const bool shifts = ((nearer1 ? d1 : d2) < 0.0) != centre_below;
    float offset = shifts ? pixel_offset : 0.0;

    const float avg3x3 = (2.0 * (ln + ls + lw + le) + lnw + lne + lsw + lse) / 12.0;
    const float sub = clamp(abs(avg3x3 - lm) / range, 0.0, 1.0);
    const float sub_smooth = (-2.0 * sub + 3.0) * sub * sub;
    offset = max(offset, sub_smooth * sub_smooth * 0.75);

    vec2 sample_uv = uv;
    if (horizontal) sample_uv.y += offset * across;
    else sample_uv.x += offset * across;
    imageStore(result, ivec2(xy), vec4(textureLod(source, sample_uv, 0.0).rgb, centre.a));
}
