#pragma once
// Body posture and the pose of the leg: where each part of the leg is in space, and so the height
// of every blood column. The leg frame of the network file is the standing right leg; a pose is
// the posture's hip and knee flexion (and, for lying, a rotation of the whole body onto its back)
// with the joint angles of the current activity (gait_kinematics.hpp) on top, applied through the
// skeleton (skeleton.hpp). The same PosedLeg places the drawn leg and the simulator's blood
// columns, so the picture and the pressures always agree.

#include "activity.hpp"
#include "gait_kinematics.hpp"
#include "geometry.hpp"
#include "network.hpp"
#include "skeleton.hpp"
#include "vocabulary.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sh::sim {

// Posture, its ids and labels: sim/vocabulary.hpp.

struct PostureAngles {
    double hip_flexion_deg = 0;
    double knee_flexion_deg = 0;
    bool supine = false;
    // Issue 11 (heart): a supine body tilted head-up by this many degrees (tilt table); 0 flat.
    double head_up_tilt_deg = 0;
};
PostureAngles posture_angles(Posture p);

// The skeleton of a network's leg: its hip, knee and ankle landmarks (unscaled).
Skeleton skeleton_of(const Network& net);

// Maps leg-frame points (already scaled to the person's height) into the room: z is the height
// above the floor (or above the bed when lying).
class PosedLeg {
public:
    // The posture held still: what the simulator's gravity uses.
    PosedLeg(const Network& net, double scale, Posture posture);
    // Any still pose, e.g. a leg elevated at a chosen angle or a tilt table (issue 11).
    PosedLeg(const Network& net, double scale, PostureAngles angles);
    // The posture with an activity at a phase of its cycle (MuscleDrive::phase).
    PosedLeg(const Network& net, double scale, Posture posture, const ActivitySpec& activity,
             double phase);
    // A still pose (elevation, tilt) with an activity at a phase of its cycle: what is drawn.
    PosedLeg(const Network& net, double scale, PostureAngles angles, const ActivitySpec& activity,
             double phase);
    // A point of soft tissue (veins, skin, muscle), or a point with its own binding.
    Vec3 place(Vec3 leg_point) const;
    Vec3 place(Vec3 leg_point, const SkinBinding& binding) const;
    // Height of the hydrostatic indifference point, where the venous pressure is the central
    // venous pressure whatever the posture. It sits on the trunk a fixed distance above the hip.
    double reference_height_cm(double trunk_offset_cm) const;
    double scale() const { return scale_; }
    const Skeleton& skeleton() const { return skeleton_; } // scaled
    const SkeletonPose& pose() const { return pose_; }

private:
    void build(const Network& net, const PostureAngles& base, const ActivitySpec& activity,
               double phase);
    // Lowest point of the sole in the pose (before the support offset), cm.
    double lowest_sole(const SkeletonPose& pose) const;
    Skeleton skeleton_;
    double scale_;
    SkeletonPose pose_;
    Posture posture_;
};

} // namespace sh::sim
