// The stage's storage buffer as its shaders (stage.vert, stage.frag, stage_floor.frag) read it:
// the frame, the floor's shadow at the grid's nodes, the vertices (shaders/stage_layout.h).
#include "stage_layout.h"

layout(std430, set = 0, binding = 0) readonly buffer Stage {
    StageFrame frame;
    float floor_shadow[STAGE_SHADOW_SIDE * STAGE_SHADOW_SIDE]; // row by row along +x
    // The floor's shaded colour at the same nodes, gamma-encoded RGBA8 (r lowest): the source of
    // the image stage_floor.frag samples (StageRenderer copies it there each frame).
    uint floor_rgb[STAGE_SHADOW_SIDE * STAGE_SHADOW_SIDE];
    StageVertex vertices[];
};
