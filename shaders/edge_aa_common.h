// Shared by edge_aa_find.comp and edge_aa.comp (the in-place edge anti-aliasing,
// engine/post/edge_aa_pass): the rectangle's pixels as a buffer copy, the list of edge pixels,
// and luma.

// The rectangle's pixels, rows top first, width rect_size.x (copied before the passes).
layout(std430, set = 0, binding = 0) readonly buffer Source { uint src[]; };
// The pixels with enough local contrast: an indirect dispatch (groups_x, 1, 1) for the
// smoothing pass, their number, and their positions in the rectangle (x | y << 16).
layout(std430, set = 0, binding = 2) buffer Edges {
    uint groups_x;
    uint groups_y;
    uint groups_z;
    uint edge_count;
    uint edge_list[];
};

layout(push_constant) uniform Push {
    ivec2 rect_offset; // in the (source) image
    ivec2 rect_size;
    // Upscaling (edge_aa.comp writes into a larger image than it reads): source pixels per
    // output pixel in x and y, and 1; 0 for the in-place anti-aliasing.
    vec2 to_source;
    uint upscale;
    uint pad0;
} pc;

const uint EDGE_AA_GROUP = 64u; // local_size_x of edge_aa.comp

uint texel(ivec2 p) { // p in rectangle coordinates, clamped to it (edge pixels repeat)
    p = clamp(p, ivec2(0), pc.rect_size - 1);
    return src[p.y * pc.rect_size.x + p.x];
}
// Rec. 601 weights in 1/256 (77 + 150 + 29 = 256), scaled to [0, 1].
float luma_of(uint c) {
    return float((c & 0xffu) * 77u + ((c >> 8) & 0xffu) * 150u + ((c >> 16) & 0xffu) * 29u) *
           (1.0 / (255.0 * 256.0));
}
float luma(ivec2 p) { return luma_of(texel(p)); }

// FXAA's local contrast test on the pixel and its 4 neighbours.
bool is_edge(float lm, float ln, float ls, float lw, float le) {
    const float lmin = min(lm, min(min(ln, ls), min(lw, le)));
    const float lmax = max(lm, max(max(ln, ls), max(lw, le)));
    return lmax - lmin >= max(0.0312, lmax * 0.125);
}
