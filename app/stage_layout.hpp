// The stage under the drawn leg (engine/scene/stage_renderer) for a pose: the floor under the
// foot, a seat under the thigh when sitting, a bed when lying (and a wedge under the raised leg),
// and the posed segments of the leg that cast the soft contact shadow. Everything is placed in
// the room frame of sim::PosedLeg (cm; z = 0 is the floor standing or sitting, the bed lying), so
// the seat is where the simulator's hydrostatics put the thigh and the sole stands on the floor.
#pragma once

#include "leg_model.hpp"
#include "posture.hpp"
#include "scene/stage_renderer.hpp"

namespace sh::app {

// Furniture sizes (cm at 175 cm of height; they scale with the leg): an ordinary chair seat,
// 45 cm wide and 4 cm thick, its front edge 12 cm behind the knee joint (the hollow of the knee
// stays free); a bed 90 cm wide with an 18 cm mattress, its top 55 cm above the floor.
struct StageSizes {
    double seat_width = 45, seat_thickness = 4, seat_clear_of_knee = 12, seat_behind_hip = 20;
    double bed_width = 90, mattress = 18, bed_height = 55;
};

// `leg`: the pose the picture shows. `net`: its network (the heel and toe landmarks).
scene::StageLayout stage_for_pose(const sim::Network& net, const sim::PosedLeg& leg,
                                  sim::Posture posture, const StageSizes& sizes = {});
// The stage of the leg as drawn now (LegModel::posed_leg: the posture with the interventions'
// elevation, the activity at the phase of the muscle drive), so furniture and picture agree.
scene::StageLayout stage_for_model(const sim::LegModel& model);

} // namespace sh::app
