#include "stage_layout.hpp"

#include <algorithm>

namespace sh::app {
namespace {

glm::vec3 to_glm(sim::Vec3 v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
}

sim::Vec3 landmark(const sim::Network& net, const char* name, sim::Vec3 fallback) {
    const auto it = net.landmarks.find(name);
    return it == net.landmarks.end() ? fallback : it->second;
}

// The joints and the ends of the foot, posed with the bone they belong to.
struct PosedPoints {
    glm::vec3 hip, knee, ankle, mtp, heel, toe;
};
PosedPoints posed_points(const sim::Network& net, const sim::PosedLeg& leg) {
    const sim::Skeleton& sk = leg.skeleton();
    const double s = leg.scale();
    const auto place = [&](sim::Vec3 rest, sim::BodySegment segment) {
        return to_glm(sim::pose_point(sk, leg.pose(), rest, sim::rigid_binding(segment)));
    };
    return {place(sk.hip, sim::BodySegment::Thigh),
            place(sk.knee, sim::BodySegment::Shank),
            place(sk.ankle, sim::BodySegment::Foot),
            place(sk.mtp, sim::BodySegment::Foot),
            place(landmark(net, "heel", {0, -6, 2.5}) * s, sim::BodySegment::Foot),
            place(landmark(net, "toe_tip", {0.5, 19, 1.5}) * s, sim::BodySegment::Toes)};
}

} // namespace

scene::StageLayout stage_for_pose(const sim::Network& net, const sim::PosedLeg& leg,
                                  sim::Posture posture, const StageSizes& sizes) {
    const float s = static_cast<float>(leg.scale());
    const PosedPoints p = posed_points(net, leg);
    scene::StageLayout stage;
    stage.show = true;
    // The shadow's capsules: radii of a 175 cm adult's thigh (mid-thigh circumference about
    // 50 cm), lower leg (between the calf's 37 cm and the ankle's 22 cm), foot and toes.
    const glm::vec3 foot_lift(0.0f, 0.0f, 1.5f * s); // the foot's axis above the sole line
    stage.occluders = {{{p.hip, p.knee, 8.0f * s},
                        {p.knee, p.ankle, 5.5f * s},
                        {p.heel + foot_lift, p.mtp + foot_lift, 3.0f * s},
                        {p.mtp, p.toe, 1.5f * s}}};
    const float side = static_cast<float>(sizes.seat_width) * s;
    // The body's midline is medial (-x) of the right hip joint: seats and beds are centred there.
    const float midline_x = p.hip.x - 9.0f * s;
    if (!leg.pose().supine) {
        stage.floor_z = 0.0f;
        stage.floor_centre = glm::vec2(p.ankle.x, p.ankle.y + 4.0f * s);
        stage.floor_radius = 80.0f * s;
    }
    if (posture == sim::Posture::Sitting && !leg.pose().supine) {
        // The thigh's underside lies on the seat about 10 cm below the hip joint (sim/posture).
        const float top = p.hip.z - 10.0f * s;
        const float back = p.hip.y - static_cast<float>(sizes.seat_behind_hip) * s;
        const float front = p.knee.y - static_cast<float>(sizes.seat_clear_of_knee) * s;
        stage.seat = scene::StageBox{{midline_x - 0.5f * side, std::min(back, front - 10.0f * s),
                                      top - static_cast<float>(sizes.seat_thickness) * s},
                                     {midline_x + 0.5f * side, front, top}};
        stage.floor_centre =
            glm::vec2(midline_x * 0.5f + p.ankle.x * 0.5f, 0.5f * (back + p.ankle.y));
        stage.floor_radius = 95.0f * s;
    } else if (leg.pose().supine) {
        // The bed's top is z = 0 (PosedLeg rests the buttock or the heel on it). It runs from
        // well past the hip (the body lies there) to a hand's breadth beyond the heel.
        const float width = static_cast<float>(sizes.bed_width) * s;
        const float head_end = p.hip.y - 70.0f * s;
        const float foot_end = std::max(p.heel.y, p.toe.y) + 25.0f * s;
        stage.bed = scene::StageBox{{midline_x - 0.5f * width, std::min(head_end, foot_end),
                                     -static_cast<float>(sizes.mattress) * s},
                                    {midline_x + 0.5f * width, std::max(head_end, foot_end), 0.0f}};
        stage.floor_z = -static_cast<float>(sizes.bed_height) * s;
        stage.floor_centre = glm::vec2(midline_x, 0.5f * (head_end + foot_end));
        stage.floor_radius = 150.0f * s;
        if (leg.pose().thigh_deg > 5.0 && p.heel.z > 3.0f * s) {
            // A foam wedge from under the buttock up to the heel, its top along the line from the
            // buttock to 5 cm under the back of the heel: the calf bulges below the straight
            // line between them and rests on the slope (tests/app/test_stage_layout.cpp).
            stage.wedge = scene::StageWedge{{p.hip.x, p.hip.y - 5.0f * s, 0.0f},
                                            {p.hip.x, p.heel.y, p.heel.z - 5.0f * s},
                                            30.0f * s};
        }
    }
    return stage;
}

scene::StageLayout stage_for_model(const sim::LegModel& model) {
    // The pose the leg is drawn in (LegModel::posed_leg: with the interventions' elevation
    // and tilt), so the wedge and the shadow stay under the drawn leg.
    return stage_for_pose(model.network(), model.posed_leg(), model.posture());
}

} // namespace sh::app
