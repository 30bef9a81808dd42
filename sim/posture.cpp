#include "posture.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {
Vec3 landmark(const Network& net, const char* name, Vec3 fallback) {
    auto it = net.landmarks.find(name);
    return it == net.landmarks.end() ? fallback : it->second;
}
} // namespace

PostureAngles posture_angles(Posture p) {
    switch (p) {
    // Seated on a chair of knee height: the thigh slopes up about 10 degrees to the hip joint
    // (which sits above the seat), the lower leg is vertical, the foot flat on the floor.
    case Posture::Sitting:
        return {80.0, 80.0, false};
    case Posture::Lying:
        return {0.0, 0.0, true};
    case Posture::LegRaised:
        return {40.0, 0.0, true}; // straight leg raised on a wedge
    default:
        return {0.0, 0.0, false};
    }
}

PosedLeg::PosedLeg(const Network& net, double scale, Posture posture)
    : PosedLeg(net, scale, posture_angles(posture)) {}

PosedLeg::PosedLeg(const Network& net, double scale, PostureAngles angles)
    : hip_(landmark(net, "hip_joint", {-3, 0, 91}) * scale),
      knee_(landmark(net, "knee_joint", {0, 0, 47}) * scale), scale_(scale), angles_(angles) {
    offset_ = {0, 0, 0};
    if (angles_.supine) {
        // The back of the heel rests on the bed (or on the wedge when the leg is raised).
        Vec3 heel = landmark(net, "heel", {0, -6, 2.5}) * scale;
        Vec3 hip = place(hip_);
        Vec3 h = place(heel);
        // Bed surface: the lower of heel and buttock (hip joint is about 10 cm above the bed).
        double bed = std::min(h.z, hip.z - 10.0 * scale);
        offset_ = {0, 0, -bed};
    } else if (angles_.hip_flexion_deg > 0) {
        // Seated: the foot stays flat on the floor; the lower leg stays vertical.
        Vec3 ankle = landmark(net, "ankle_joint", {0, 0, 8}) * scale;
        offset_ = {0, 0, ankle.z - place(ankle).z};
    }
}

Vec3 PosedLeg::rotate_x(Vec3 v, double deg) const {
    double r = deg * std::numbers::pi / 180.0, c = std::cos(r), s = std::sin(r);
    return {v.x, v.y * c - v.z * s, v.y * s + v.z * c};
}

Vec3 PosedLeg::place(Vec3 p) const {
    // Flex the hip (thigh swings forward), then the knee (lower leg swings back).
    Vec3 knee = hip_ + rotate_x(knee_ - hip_, angles_.hip_flexion_deg);
    Vec3 out;
    if (p.z >= knee_.z)
        out = hip_ + rotate_x(p - hip_, angles_.hip_flexion_deg);
    else
        out = knee + rotate_x(p - knee_, angles_.hip_flexion_deg - angles_.knee_flexion_deg);
    if (angles_.supine) out = rotate_x(out - hip_, 90.0 - angles_.head_up_tilt_deg) + hip_;
    return out + offset_;
}

double PosedLeg::reference_height_cm(double trunk_offset_cm) const {
    // The trunk is upright when standing or sitting and horizontal when lying; the indifference
    // point is `trunk_offset_cm` along the trunk above the hip joint and a few cm anterior.
    Vec3 hip = place(hip_);
    if (angles_.supine) {
        // Tilted head-up, the point moves up the trunk towards its upright place.
        double tilt = angles_.head_up_tilt_deg * std::numbers::pi / 180.0;
        return hip.z + (4.0 * std::cos(tilt) + trunk_offset_cm * std::sin(tilt)) * scale_;
    }
    return hip.z + trunk_offset_cm * scale_;
}

} // namespace sh::sim
