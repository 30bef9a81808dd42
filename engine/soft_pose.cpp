#include "soft_pose.hpp"

#include <algorithm>
#include <cmath>

namespace sh {
namespace {

// shaders/pose.h's constants (sim/skeleton.cpp's): the lateral compensation's limits, the
// knee blend's widening per cm behind the joint and its centre's shift, the bulge's limit and
// samples.
constexpr float k_min_widening = 0.75f;
constexpr float k_max_widening = 1.45f;
constexpr float k_knee_widening = 1.2f;
constexpr float k_knee_centre_shift = 1.0f;
constexpr float k_max_bulge = 1.7f;
constexpr int k_bulge_samples = 8;

// Smoothstep from 0 at centre - half to 1 at centre + half, and its slope.
struct Ramp {
    float value, slope;
};
Ramp ramp(float centre, float half_width, float x) {
    const float t = std::clamp((x - centre + half_width) / (2.0f * half_width), 0.0f, 1.0f);
    return {t * t * (3.0f - 2.0f * t), 6.0f * t * (1.0f - t) / (2.0f * half_width)};
}

float squeeze(float grad_y, float grad_z, const glm::vec3& rest, const glm::vec3& centre,
              float angle) {
    return std::clamp(1.0f + angle * (grad_y * -(rest.z - centre.z) + grad_z * (rest.y - centre.y)),
                      0.1f, 10.0f);
}

} // namespace

SoftPose::SoftPose(const gpu::PoseState& state) : state_(state) {
    written_ = state.bands.z > 0.0f; // pose.h's pose_written: all zeros draws the rest pose
    const auto joint = [](const glm::vec4& j) {
        Joint out;
        out.centre = glm::vec3(j.x, j.y, j.z);
        out.angle = j.w;
        out.cos_whole = std::cos(j.w);
        out.sin_whole = std::sin(j.w);
        return out;
    };
    hip_ = joint(state.hip);
    knee_ = joint(state.knee);
    ankle_ = joint(state.ankle);
    mtp_ = joint(state.mtp);
    straight_ = state.knee.w == 0.0f && state.ankle.w == 0.0f && state.mtp.w == 0.0f;
}

SoftPose::Weights SoftPose::weights(const glm::vec3& rest) const {
    const gpu::PoseState& ps = state_;
    Weights b;
    // Knee: the blend widens with depth behind the joint (a smooth max(0, depth)), its centre
    // moving up as much (pose.h pose_soft_weights).
    const float depth = -(rest.y - ps.knee.y) - 3.0f * ps.bands.x / 8.0f;
    const float root = std::sqrt(depth * depth + 1.0f);
    const float soft = 0.5f * (depth + root);
    const float dsoft_dy = -0.5f * (1.0f + depth / root);
    const float band = ps.bands.x + k_knee_widening * soft;
    const float u =
        rest.z - (ps.knee.z + ps.bands.y + k_knee_centre_shift * k_knee_widening * soft);
    const float t = std::clamp(0.5f + u / (2.0f * band), 0.0f, 1.0f);
    const float slope = 6.0f * t * (1.0f - t);
    b.w.x = 1.0f - t * t * (3.0f - 2.0f * t);
    b.grad_z.x = -slope / (2.0f * band);
    b.grad_y.x = -slope * -(k_knee_centre_shift / (2.0f * band) + u / (2.0f * band * band)) *
                 k_knee_widening * dsoft_dy;
    const Ramp ankle = ramp(ps.ankle.z, ps.bands.z, rest.z);
    b.w.y = 1.0f - ankle.value;
    b.grad_y.y = 0.0f;
    b.grad_z.y = -ankle.slope;
    const Ramp toes = ramp(ps.mtp.y, ps.bands.w, rest.y);
    b.w.z = toes.value;
    b.grad_y.z = toes.slope;
    b.grad_z.z = 0.0f;
    return b;
}

float SoftPose::volume_factor(const glm::vec3& rest, const Weights& b) const {
    return squeeze(b.grad_y.x, b.grad_z.x, rest, knee_.centre, knee_.angle) *
           squeeze(b.grad_y.y, b.grad_z.y, rest, ankle_.centre, ankle_.angle) *
           squeeze(b.grad_y.z, b.grad_z.z, rest, mtp_.centre, mtp_.angle);
}

float SoftPose::backward_bulge(const glm::vec3& rest) const {
    const float span = knee_.centre.y - rest.y;
    if (span <= 0.0f || straight_) return 0.0f;
    float sum = 0.0f;
    for (int i = 0; i < k_bulge_samples; ++i) {
        glm::vec3 p = rest;
        p.y = knee_.centre.y -
              span * (static_cast<float>(i) + 0.5f) / static_cast<float>(k_bulge_samples);
        const float f = volume_factor(p, weights(p));
        const float widening = std::clamp(1.0f / f, k_min_widening, k_max_widening);
        sum += std::clamp(1.0f / (f * widening), 1.0f, k_max_bulge) - 1.0f;
    }
    return sum * span / static_cast<float>(k_bulge_samples);
}

glm::vec3 SoftPose::turn(const glm::vec3& p, const Joint& joint, float weight) {
    // pose.h pose_rotate_x by weight x angle; weights of exactly 0 or 1 (outside every blend)
    // take the turn worked out once.
    if (weight == 0.0f || joint.angle == 0.0f) return p;
    float c = joint.cos_whole, s = joint.sin_whole;
    if (weight != 1.0f) {
        c = std::cos(weight * joint.angle);
        s = std::sin(weight * joint.angle);
    }
    const float y = p.y - joint.centre.y, z = p.z - joint.centre.z;
    return {p.x, joint.centre.y + y * c - z * s, joint.centre.z + y * s + z * c};
}

glm::vec3 SoftPose::apply(const glm::vec3& rest, const Weights& b) const {
    const float f = volume_factor(rest, b);
    glm::vec3 q = rest;
    q.x = ankle_.centre.x +
          (rest.x - ankle_.centre.x) * std::clamp(1.0f / f, k_min_widening, k_max_widening);
    if (b.grad_y != glm::vec3(0.0f) || b.grad_z != glm::vec3(0.0f)) q.y -= backward_bulge(rest);
    q = turn(q, mtp_, b.w.z);
    q = turn(q, ankle_, b.w.y);
    q = turn(q, knee_, b.w.x);
    q = turn(q, hip_, 1.0f);
    return q + glm::vec3(state_.offset.x, state_.offset.y, state_.offset.z);
}

glm::vec3 SoftPose::operator()(const glm::vec3& rest) const {
    if (!written_) return rest;
    if (straight_) {
        // Every squeeze is 1 and nothing bulges or turns below the hip: the same operations as
        // below with f = 1, without the weights (a leg standing, or lying or raised straight).
        glm::vec3 q = rest;
        q.x = ankle_.centre.x + (rest.x - ankle_.centre.x) * 1.0f;
        q = turn(q, hip_, 1.0f);
        return q + glm::vec3(state_.offset.x, state_.offset.y, state_.offset.z);
    }
    return apply(rest, weights(rest));
}

SoftPose::Posed SoftPose::vertex(const glm::vec3& rest, const glm::vec3& normal,
                                 float segment) const {
    if (!written_) return {rest, normal};
    Weights b;
    if (segment > 0.5f) {
        // pose.h pose_rigid_weights: 1 for every joint proximal of the segment, no gradient.
        b.w = glm::vec3(segment > 1.5f ? 1.0f : 0.0f, segment > 2.5f ? 1.0f : 0.0f,
                        segment > 3.5f ? 1.0f : 0.0f);
        b.grad_y = glm::vec3(0.0f);
        b.grad_z = glm::vec3(0.0f);
    } else if (straight_) {
        // Soft tissue with every joint straight: only the hip turns it (operator() above).
        const glm::vec3 n{normal.x, normal.y * hip_.cos_whole - normal.z * hip_.sin_whole,
                          normal.y * hip_.sin_whole + normal.z * hip_.cos_whole};
        return {(*this)(rest), n};
    } else {
        b = weights(rest);
    }
    // pose.h pose_direction: rotations about parallel axes add up; about the origin.
    const float angle =
        b.w.x * knee_.angle + b.w.y * ankle_.angle + b.w.z * mtp_.angle + hip_.angle;
    const float c = std::cos(angle), s = std::sin(angle);
    const glm::vec3 n{normal.x, normal.y * c - normal.z * s, normal.y * s + normal.z * c};
    return {apply(rest, b), n};
}

} // namespace sh
