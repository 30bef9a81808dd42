#include "skeleton.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
// Limits of the lateral volume compensation.
constexpr double kMinWidening = 0.75, kMaxWidening = 1.45;
// How much the knee's blend widens per cm of depth behind the joint.
constexpr double kKneeWidening = 1.2;
// How far the knee's blend moves up as it widens, as a fraction of the widening. At 0 the blend
// widened both ways, so 5-10 cm below the knee the skin (deeper) took less of the knee's turn
// than the muscle in front of it, and in running's swing (knee 95-105 deg) the gastrocnemius
// came through the skin (42 of 330 sampled vertices at 16 km/h). At 1 the blend's lower end
// is the same at every depth, so the layers of the calf turn together.
constexpr double kKneeCentreShift = 1.0;
// The backward bulge: at most this volume factor per piece (at 2.0 a soleal sinus's tube came
// out of the skin behind the knee in running at 16 km/h; 1.8 was the most that passed the vein
// test, 1.7 leaves a margin), integrated with this many samples.
constexpr double kMaxBulge = 1.7;
constexpr int kBulgeSamples = 8;

// Smoothstep from 0 at `centre - half` to 1 at `centre + half`, and its derivative.
void ramp(double centre, double half, double x, float& value, float& slope) {
    double t = std::clamp((x - centre + half) / (2.0 * half), 0.0, 1.0);
    value = static_cast<float>(t * t * (3.0 - 2.0 * t));
    slope = static_cast<float>(6.0 * t * (1.0 - t) / (2.0 * half));
}

// The local volume factor of turning by `weight * angle` about the lateral axis through `c`.
double squeeze(const SkinBinding& b, int j, Vec3 rest, Vec3 c, double angle_rad) {
    const double dy = rest.y - c.y, dz = rest.z - c.z;
    return 1.0 + angle_rad * (b.grad_y[j] * -dz + b.grad_z[j] * dy);
}

// The volume factor of all three joints' turns at a rest point (1 unchanged, < 1 squeezed).
double volume_factor(const Skeleton& sk, const SkinBinding& b, Vec3 rest, double knee_rad,
                     double ankle_rad, double mtp_rad) {
    return std::clamp(squeeze(b, 0, rest, sk.knee, knee_rad), 0.1, 10.0) *
           std::clamp(squeeze(b, 1, rest, sk.ankle, ankle_rad), 0.1, 10.0) *
           std::clamp(squeeze(b, 2, rest, sk.mtp, mtp_rad), 0.1, 10.0);
}

// How far a soft rest point behind the knee's axis moves backwards so that the squeeze the
// lateral widening could not undo is made up in depth: the integral, from the axis back to the
// point, of each piece's missing volume factor minus 1 (the map's Jacobian in depth is then that
// factor, so widening and bulge together keep the volume). Midpoint samples along the depth.
double backward_bulge(const Skeleton& sk, Vec3 rest, double knee_rad, double ankle_rad,
                      double mtp_rad) {
    const double span = sk.knee.y - rest.y;
    if (span <= 0.0) return 0.0;
    // Every joint straight: nothing is squeezed (every factor is 1), so nothing bulges. Exact,
    // and it spares the samples in the upright poses (standing, lying, a heel raise's knee).
    if (knee_rad == 0.0 && ankle_rad == 0.0 && mtp_rad == 0.0) return 0.0;
    double sum = 0.0;
    for (int i = 0; i < kBulgeSamples; ++i) {
        Vec3 p = rest;
        p.y = sk.knee.y - span * (i + 0.5) / kBulgeSamples;
        const double f = volume_factor(sk, soft_binding(sk, p), p, knee_rad, ankle_rad, mtp_rad);
        const double widening = std::clamp(1.0 / f, kMinWidening, kMaxWidening);
        sum += std::clamp(1.0 / (f * widening), 1.0, kMaxBulge) - 1.0;
    }
    return sum * span / kBulgeSamples;
}

bool has_gradient(const SkinBinding& b) {
    for (int j = 0; j < kJointCount; ++j)
        if (b.grad_y[j] != 0.0f || b.grad_z[j] != 0.0f) return true;
    return false;
}

} // namespace

Skeleton Skeleton::scaled(double s) const {
    Skeleton k = *this;
    k.hip = hip * s;
    k.knee = knee * s;
    k.ankle = ankle * s;
    k.mtp = mtp * s;
    k.knee_band *= s;
    k.knee_blend_above *= s;
    k.ankle_band *= s;
    k.mtp_band *= s;
    return k;
}

Vec3 rotate_about_x(Vec3 p, Vec3 centre, double deg) {
    const double r = deg * kDeg, c = std::cos(r), s = std::sin(r);
    const double y = p.y - centre.y, z = p.z - centre.z;
    return {p.x, centre.y + y * c - z * s, centre.z + y * s + z * c};
}

SkinBinding soft_binding(const Skeleton& sk, Vec3 rest) {
    SkinBinding b;
    float v = 0, d = 0;
    // Knee: below the blend is shank (weight 1). Behind the joint the blend widens with depth
    // (band + depth beyond 3 cm), so the back of the knee is never squeezed past folding: the
    // squeeze there is about 1 - angle * 0.75 / widening, positive for flexion up to 110 deg.
    // The blend widens upwards only (its centre moves up as it widens), so every layer of the
    // calf below the joint takes the same share of the knee's turn.
    {
        const double depth = -(rest.y - sk.knee.y) - 3.0 * sk.knee_band / 8.0;
        const double soft = 0.5 * (depth + std::sqrt(depth * depth + 1.0)); // smooth max(0, .)
        const double dsoft_dy = -0.5 * (1.0 + depth / std::sqrt(depth * depth + 1.0));
        const double band = sk.knee_band + kKneeWidening * soft;
        const double u =
            rest.z - (sk.knee.z + sk.knee_blend_above + kKneeCentreShift * kKneeWidening * soft);
        const double t = std::clamp(0.5 + u / (2.0 * band), 0.0, 1.0);
        const double slope = (t > 0.0 && t < 1.0) ? 6.0 * t * (1.0 - t) : 0.0;
        b.weight[0] = static_cast<float>(1.0 - t * t * (3.0 - 2.0 * t));
        b.grad_z[0] = static_cast<float>(-slope / (2.0 * band));
        // t = 1/2 + u / (2 band), band and the centre both move with soft: d t / d soft =
        // -(shift / (2 band) + u / (2 band^2)) * widening; d soft / d y = dsoft_dy.
        b.grad_y[0] = static_cast<float>(
            -slope * -(kKneeCentreShift / (2.0 * band) + u / (2.0 * band * band)) * kKneeWidening *
            dsoft_dy);
    }
    ramp(sk.ankle.z, sk.ankle_band, rest.z, v, d);
    b.weight[1] = 1.0f - v;
    b.grad_z[1] = -d;
    // Toes: in front of the metatarsal heads.
    ramp(sk.mtp.y, sk.mtp_band, rest.y, v, d);
    b.weight[2] = v;
    b.grad_y[2] = d;
    return b;
}

SkinBinding rigid_binding(BodySegment segment) {
    SkinBinding b;
    const int n = static_cast<int>(segment); // thigh 0, shank 1, foot 2, toes 3
    for (int j = 0; j < kJointCount; ++j) b.weight[j] = j < n ? 1.0f : 0.0f;
    return b;
}

BodySegment foot_bone_segment(Vec3 rest, Vec3 first, Vec3 fifth) {
    // The joint surfaces lie about 0.9 cm in front of the head centres.
    const double slope = (fifth.y - first.y) / (fifth.x - first.x);
    const double line_y = first.y + (rest.x - first.x) * slope + 0.9;
    return rest.y > line_y ? BodySegment::Toes : BodySegment::Foot;
}

Vec3 pose_point(const Skeleton& sk, const SkeletonPose& pose, Vec3 rest, const SkinBinding& b) {
    const double knee = -pose.knee_flexion_deg, ankle = pose.ankle_dorsiflexion_deg,
                 mtp = pose.mtp_extension_deg;
    // Volume: squeeze on the flexion side, stretch on the other, undone by the lateral width.
    const double f = volume_factor(sk, b, rest, knee * kDeg, ankle * kDeg, mtp * kDeg);
    Vec3 q = rest;
    // At most 45 % wider (or 25 % narrower), and the tissue's volume is let go beyond that
    // (tests/anatomy/test_skinning.cpp states the loss). 45 % is the most at which every vein
    // tube's surface stays under the skin in every pose: the widening varies with depth, and at
    // 60 % the great saphenous vein's tube came out of the skin beside the bent knee.
    q.x = sk.ankle.x + (rest.x - sk.ankle.x) * std::clamp(1.0 / f, kMinWidening, kMaxWidening);
    // The rest bulges backwards (the calf and the hollow of the knee fill out as the knee bends).
    // Skin, muscles and veins share the soft binding, so they move together and a vein under the
    // skin stays under it. A bone (rigid, no gradient) does not bulge; neither does soft tissue
    // outside every blend (its integral is 0: the knee's blend narrows towards the axis).
    if (has_gradient(b)) q.y -= backward_bulge(sk, rest, knee * kDeg, ankle * kDeg, mtp * kDeg);
    // Distal joints first, each about its rest axis, then the thigh about the hip.
    q = rotate_about_x(q, sk.mtp, b.weight[2] * mtp);
    q = rotate_about_x(q, sk.ankle, b.weight[1] * ankle);
    q = rotate_about_x(q, sk.knee, b.weight[0] * knee);
    q = rotate_about_x(q, sk.hip, pose.thigh_deg);
    if (pose.supine) q = rotate_about_x(q, sk.hip, 90.0 - pose.head_up_tilt_deg);
    return q + pose.offset;
}

} // namespace sh::sim
