#version 450
// Flat particle colour; reflux points (out_ring) get a darker core so they read as rings.
layout(location = 0) in vec4 in_color;
layout(location = 1) flat in uint in_ring;
layout(location = 0) out vec4 out_color;

void main() {
    vec2 d = gl_PointCoord - vec2(0.5);
    float r2 = dot(d, d);
    if (r2 > 0.25) discard; // round points
    vec3 rgb = in_color.rgb;
    if (in_ring != 0u && r2 < 0.06) rgb *= 0.35;
    out_color = vec4(rgb, 1.0);
}
