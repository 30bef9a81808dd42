#pragma once
// Fills the engine's plain hand-over structs (engine/vein_data.hpp) from the simulator.

#include "leg_model.hpp"
#include "network.hpp"
#include "vein_data.hpp"

namespace sh::app {

// Geometry of the network scaled to a body height (the network file is for 175 cm).
VeinGeometry vein_geometry(const sim::Network& net, double height_cm = 175.0);
// The simulator's state now, with the valve failure of each link.
void fill_flow_frame(const sim::LegModel& model, FlowFrame& out);

} // namespace sh::app
