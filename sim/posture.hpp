#pragma once
// Body posture: where each part of the leg is in space, and so the height of every blood column.
// The leg frame of the network file is the standing right leg; a posture is a hip flexion, a knee
// flexion and, for lying, a rotation of the whole body onto its back. The same transform places
// the drawn leg, so the picture and the pressures always agree.

#include "geometry.hpp"
#include "network.hpp"
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

// Maps leg-frame points (already scaled to the person's height) into the room: z is the height
// above the floor (or above the bed when lying).
class PosedLeg {
public:
    PosedLeg(const Network& net, double scale, Posture posture);
    // Issue 11 (interventions): any pose, e.g. a leg elevated at a chosen angle or a tilt table.
    PosedLeg(const Network& net, double scale, PostureAngles angles);
    Vec3 place(Vec3 leg_point) const;
    // Height of the hydrostatic indifference point, where the venous pressure is the central
    // venous pressure whatever the posture. It sits on the trunk a fixed distance above the hip.
    double reference_height_cm(double trunk_offset_cm) const;
    double scale() const { return scale_; }

private:
    Vec3 rotate_x(Vec3 v, double deg) const;
    Vec3 hip_, knee_; // leg frame, scaled
    double scale_;
    PostureAngles angles_;
    Vec3 offset_; // translation that puts the foot (or the back of the leg) on the support
};

} // namespace sh::sim
