#pragma once
// Sagittal joint angles of the leg over the cycle of each activity, from published normative gait
// kinematics (sources and numbers in gait_kinematics.cpp and docs/motion.md). The phase is the
// one `MuscleDrive::phase` that activity.cpp computes from the activity time (0 = heel strike of
// this leg for gait), so the pose and the muscle drive can never drift apart.
//
// Conventions: degrees; flexion (hip, knee), dorsiflexion (ankle) and extension of the toes
// (metatarsophalangeal, toes up) are positive; 0 is standing upright. `thigh_deg` is the thigh's
// inclination from the vertical (forward positive): the pelvis is not modelled.

#include "activity.hpp"

namespace sh::sim {

struct JointAngles {
    double thigh_deg = 0;
    double knee_flexion_deg = 0;
    double ankle_dorsiflexion_deg = 0;
    double mtp_extension_deg = 0;
};

// Walking (0-8 km/h) and running (6-16 km/h) at a phase of the stride (0..1, 0 = heel strike).
// Speeds outside the tabulated range use the nearest table.
JointAngles walking_angles(double speed_kmh, double phase);
JointAngles running_angles(double speed_kmh, double phase);

// Fraction of the stride in stance (toe-off phase): about 0.60 in walking at a free speed
// (Perry & Burnfield 2010), falling with speed; about 0.38 in jogging, 0.32 at 16 km/h.
double stance_fraction(const ActivitySpec& a);
// Stride length in metres: speed divided by the stride frequency of activity.cpp's cadence.
double stride_length_m(const ActivitySpec& a);

// The angles an activity adds at a phase of its cycle. Gait sets every joint; heel raises, ankle
// pumps and toe tapping move the ankle (and the toes stay flat on the floor when the heel rises:
// see PosedLeg). Still and the calf squeeze move nothing.
JointAngles activity_angles(const ActivitySpec& a, double phase);

// The toes' extension that keeps them flat on the floor when the foot is pitched toes-down by
// `foot_pitch_deg` (negative = heel up); 0 when the heel is down.
double toes_flat_extension_deg(double foot_pitch_deg);

} // namespace sh::sim
