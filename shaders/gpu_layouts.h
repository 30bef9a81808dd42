// GPU struct layouts and sizes shared by GLSL (#include "gpu_layouts.h") and C++.
//
// Why one header: the particle buffer, the frame's VeinState and the push-constant blocks are
// read by shaders and written by C++; keeping one definition (plus the static_asserts at the
// bottom) turns a layout mismatch into a compile error instead of garbage on screen.
//
// Rules for editing:
//  - storage buffers are std430: a vec4 is 16-byte aligned, so order members by hand and pad
//    explicitly to a multiple of 16 bytes; never rely on implicit padding.
//  - push-constant blocks must stay <= 128 bytes (lavapipe's maxPushConstantsSize, and the
//    minimum every Vulkan device guarantees).
//  - only scalar, vec4 and mat4 members: their std430 and C++ (glm) layouts agree once padded.
#ifndef SH_GPU_LAYOUTS_H
#define SH_GPU_LAYOUTS_H

#ifdef __cplusplus
#include <cstddef>
#include <cstdint>
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

namespace sh::gpu {
using uint = std::uint32_t;
using vec4 = glm::vec4;
using mat4 = glm::mat4;
#define SH_GPU_CONST inline constexpr
#else
#define SH_GPU_CONST const
#endif

// Invocations per workgroup of the particle compute shaders (x dimension). 256 is a good fit
// for both desktop GPUs and lavapipe (maxComputeWorkGroupInvocations 1024).
SH_GPU_CONST uint PARTICLE_WORKGROUP_SIZE = 256u;

// Push constants of the test triangle pipeline (triangle.vert, flat_color.frag): 96 bytes.
struct DrawPush {
    mat4 view_proj;   // world (cm) to clip space; identity for the test triangle
    vec4 color;       // linear RGBA written by the fragment shader
    float point_size; // in pixels; 1.0 unless the largePoints feature is enabled
    float pad0;
    float pad1;
    float pad2;
};

#ifdef __cplusplus
static_assert(sizeof(DrawPush) == 96);
static_assert(offsetof(DrawPush, color) == 64);
static_assert(offsetof(DrawPush, point_size) == 80);
static_assert(sizeof(DrawPush) <= 128, "push constants are limited to 128 bytes");
} // namespace sh::gpu
#endif

#undef SH_GPU_CONST

// ---- Scene rendering (engine/scene/**, shaders/scene_* and muscle_deform.comp) -------------
// Appended after the particle layouts; the scene's own static_asserts follow in their own block.
#ifdef __cplusplus
namespace sh::gpu {
#define SH_GPU_CONST inline constexpr
#else
#define SH_GPU_CONST const
#endif

// Invocations per workgroup of muscle_deform.comp (a few thousand vertices per muscle).
SH_GPU_CONST uint MUSCLE_WORKGROUP_SIZE = 64u;

// Scene-wide values (storage buffer, binding 0 of the scene set). Rewritten with
// vkCmdUpdateBuffer inside SceneRenderer::record, so each recorded frame owns its copy.
struct SceneGlobals {
    mat4 view_proj;    // world (cm) to Vulkan clip space
    vec4 eye;          // xyz camera position, cm; w vein radius scale (SceneOptions)
    vec4 key_dir;      // xyz unit vector towards the key light; w intensity
    vec4 fill_dir;     // xyz towards the fill light; w intensity
    vec4 sky_color;    // hemispheric ambient from +z (linear rgb); w rim strength
    vec4 ground_color; // hemispheric ambient from -z (linear rgb); w top cut: rest height z, cm
    vec4 rim_color;    // linear rgb of the view-dependent rim; w unused
};

// Push constants of every scene draw (48 bytes).
struct ScenePush {
    vec4 color;  // linear albedo; a = base opacity (1 = opaque)
    vec4 params; // x fresnel opacity gain, y specular strength, z pattern (0 none,
                 // 1 muscle fibres, 2 bone), w 1 when the draw is translucent
    uint first;       // unused by meshes; valves: first valve instance
    uint surface;     // meshes: SCENE_SURFACE_* (the fragment shader's stocking knit and cut)
    uint posed_first; // valves: their first grid point in the posed buffers (LegPoser)
    uint pad2;
};

// ScenePush::surface of a mesh draw: plain (posed only), the skin (posed and swollen by
// PoseState::skin_swelling_cm), or the compression stocking (the skin drawn again as a knitted
// layer just outside it, up to PoseState::stocking.x).
SH_GPU_CONST uint SCENE_SURFACE_PLAIN = 0u;
SH_GPU_CONST uint SCENE_SURFACE_SKIN = 1u;
SH_GPU_CONST uint SCENE_SURFACE_STOCKING = 2u;
// How far the stocking's fabric lies outside the skin, cm.
SH_GPU_CONST float STOCKING_THICKNESS_CM = 0.15f;

// One vein tube vertex (48 bytes). The tube is built once on the CPU; scene_vein.vert scales
// the radial offset by the compartment's sqrt(area ratio) each frame.
struct VeinVertex {
    vec4 centre; // xyz centreline point (side-by-side offset included), cm; w compartment index
    vec4 offset; // xyz radial offset at the reference radius, cm; w colour kind (VeinKind)
    vec4 normal; // xyz unit normal at rest; w unused
};

// One valve (64 bytes): scene_valve.vert builds both leaflets from gl_VertexIndex.
struct ValveInstance {
    vec4 position; // xyz valve centre, cm; w compartment index (its radius scale)
    vec4 axis;     // xyz unit direction of forward flow; w leaflet length, cm
    vec4 side;     // xyz unit wall direction of leaflet 0 (perpendicular to axis); w radius, cm
    vec4 link;     // x link index (float), yzw unused
};

// Vertices of one valve draw: 2 leaflets x VALVE_GRID_U x VALVE_GRID_V quads x 6.
SH_GPU_CONST uint VALVE_GRID_U = 8u;
SH_GPU_CONST uint VALVE_GRID_V = 4u;
SH_GPU_CONST uint VALVE_VERTEX_COUNT = 2u * VALVE_GRID_U * VALVE_GRID_V * 6u;

// Grid points of one valve in the posed buffers (pose_valves.comp): 2 leaflets x
// (VALVE_GRID_U + 1) x (VALVE_GRID_V + 1); scene_valve.vert reads a quad's 4 corners from them.
SH_GPU_CONST uint VALVE_POINT_COUNT = 2u * (VALVE_GRID_U + 1u) * (VALVE_GRID_V + 1u);

// Invocations per workgroup of the pose passes (pose_meshes/veins/valves.comp).
SH_GPU_CONST uint POSE_WORKGROUP_SIZE = 64u;

// Push constants of the pose passes (16 bytes), one dispatch per range: `count` items read from
// `source` on (meshes: a vertex; veins: a tube vertex; valves: a valve) are posed into the
// posed buffers from `target` on (valves: VALVE_POINT_COUNT points each).
struct PosePush {
    uint source;
    uint target;
    uint count;
    uint surface; // meshes: SCENE_SURFACE_* (the skin's swelling, the stocking's thickness)
};

// Push constants of muscle_deform.comp (36 bytes), one dispatch per muscle.
struct MuscleDeformPush {
    uint vertex_offset; // first vertex of the muscle in the scene position/normal buffers
    uint rig_offset;    // first rig entry (2 vec4 per vertex: t + radial, rest normal)
    uint vertex_count;
    uint spine_offset; // first spine point (vec4: xyz, w = arc-length fraction)
    uint spine_count;
    float lambda; // belly length factor
    float bulge;  // k
    float anchor; // t that stays put
    float thickening; // radial offsets also times this: the pose's volume made up
};

#ifdef __cplusplus
static_assert(sizeof(SceneGlobals) == 160);
static_assert(sizeof(ScenePush) == 48);
static_assert(sizeof(PosePush) == 16);
static_assert(sizeof(ScenePush) <= 128, "push constants are limited to 128 bytes");
static_assert(sizeof(VeinVertex) == 48);
static_assert(sizeof(ValveInstance) == 64);
static_assert(sizeof(MuscleDeformPush) == 36);
static_assert(offsetof(MuscleDeformPush, lambda) == 20);
} // namespace sh::gpu
#endif
#undef SH_GPU_CONST

// ---- Blood particles in the venous network (engine/particles/, shaders/particles_flow.comp,
// particle_splat*.comp, particles_points.*). CPU twin: engine/particles/flow_particles_reference.
#ifdef __cplusplus
namespace sh::gpu {
#define SH_GPU_CONST inline constexpr
#else
#define SH_GPU_CONST const
#endif

SH_GPU_CONST uint FLOW_MAX_CROSSINGS = 4u; // link crossings one particle may make per step
// Backward motion slower than this (cm/s) is drawn as forward-coloured drift, not as reflux:
// the veins slosh a little between contractions, and the simulator's reflux measurement uses the
// same 1 cm/s threshold (sim/protocols, run_reflux). Real reflux is several cm/s and up.
SH_GPU_CONST float FLOW_REFLUX_MIN_SPEED = 1.0;
SH_GPU_CONST uint FLOW_NO_LINK = 0xffffffffu;
SH_GPU_CONST uint FLOW_FLAG_STOPPED = 1u;  // held at a closed competent valve or a dead end
SH_GPU_CONST uint FLOW_FLAG_REFLUX = 2u;   // axial velocity < 0 (moving distally) this step
SH_GPU_CONST uint FLOW_FLAG_RECYCLED = 4u; // left at the outlet and reborn in a capillary bed
SH_GPU_CONST uint FLOW_COLOR_SPEED = 0u;
SH_GPU_CONST uint FLOW_COLOR_PRESSURE = 1u;
SH_GPU_CONST uint FLOW_COLOR_DIRECTION = 2u;
// Blood palettes (settings "palette": "cvd", --palette cvd). The ordinary one tells direction
// by hue (Okabe-Ito blue vs orange, each brightening with speed), so a fast forward and a slow
// reflux particle can be equally light. The colour-vision one keeps the hues and splits the
// lightness as well: forward stays dark-to-mid blue, reflux light amber-to-yellow at every
// speed, so direction survives deuteranopia and protanopia (tests/engine/test_cvd_palette.cpp).
SH_GPU_CONST uint FLOW_PALETTE_ORDINARY = 0u;
SH_GPU_CONST uint FLOW_PALETTE_CVD = 1u;
SH_GPU_CONST uint SPLAT_TILE = 16u; // resolve pass workgroup: SPLAT_TILE x SPLAT_TILE
SH_GPU_CONST uint SPLAT_EMPTY = 0xffffffffu;
SH_GPU_CONST uint HOST_RESOLVE_GROUP = 64u; // particle_host_resolve.comp: pixels a workgroup

// A pixel the host splat covered (engine/particles/host_splat, collect_splat_pixels), as
// particle_host_resolve.comp reads it (std430, 12 bytes: scalars only, so no padding).
struct HostSplatPixel {
    uint position;   // in the splat's rectangle: x | y << 16
    uint depth_bits; // the winning key's low word: the bits of its particle's NDC depth
    uint key;        // its high word: depth bucket, rim bit (16), RGB565 colour (0-15)
};

// One blood particle (std430, 48 bytes). (offset_x, offset_y) is a fixed point of the unit disc
// (r cos a, r sin a) chosen at seeding: the particle's place across the lumen, scaled by the
// current radius when the position is built; r^2 drives the Poiseuille profile.
struct FlowParticle {
    float s;          // arclength along the compartment's centreline from its distal end, cm
    uint compartment; // VeinGeometry compartment index
    float offset_x;
    float offset_y;
    float speed;    // axial velocity of the last step, cm/s (negative: reflux)
    uint crossings; // link crossings and rebirths so far: the counter of the per-particle hash
    uint flags;     // FLOW_FLAG_* of the last step
    uint color;     // packed RGBA8 (R in the low byte), computed by the step
    vec4 position;  // world position (cm), w = 1
};

// Static per-compartment table (48 bytes). Points are vec4 (xyz cm, w = arclength from the
// compartment's first point). prox/dist ranges index the adjacency list of link indices: links
// leaving at the proximal end (from == c) and arriving at the distal end (to == c).
struct FlowCompartmentGpu {
    uint point_begin;
    uint point_count;
    float length_cm;
    float ref_area;   // cm^2: pi r^2 x parallel count
    float ref_radius; // cm, one vein
    uint prox_begin;
    uint prox_count;
    uint dist_begin;
    uint dist_count;
    uint in_calf;
    uint pad0;
    uint pad1;
};

// Static per-link table (32 bytes). to_entry_s: where a forward particle enters `to`;
// from_entry_s: where a refluxing particle enters `from` (the centreline points nearest the
// junction path's ends, so perforators land where they join).
struct FlowLinkGpu {
    uint from;
    uint to;
    uint has_valve; // the link's valve state is VeinLinkState::valve_opening/_failure
    uint pad0;
    float to_entry_s;
    float from_entry_s;
    float pad1;
    float pad2;
};

// Push constants of particles_flow.comp (48 bytes).
struct FlowPush {
    float dt;
    uint particle_count;
    uint compartment_count;
    uint link_count;
    uint outlet;
    uint seed;
    uint color_mode;   // FLOW_COLOR_*
    float max_speed;   // |axial velocity| cap, cm/s
    float speed_scale; // speed (cm/s) shown at full brightness
    float pressure_lo; // mmHg at the bottom of the pressure ramp
    float pressure_hi;
    uint palette; // FLOW_PALETTE_*
};

// Push constants of particle_splat.comp, particle_splat_resolve.comp and
// particle_host_resolve.comp (96 bytes).
struct SplatPush {
    mat4 view_proj;
    uint width;
    uint height;
    uint particle_count;
    float occluded_alpha; // 0: particles behind the scene depth are hidden; > 0: dimmed by it
    float clip_z_max;     // particles above this height (cm) are not drawn: the leg mesh ends
                          // there, while the network's femoral veins run on to the groin
    // The resolve covers only this pixel rectangle, where the particles can land (the leg's
    // screen bounds): on lavapipe a full-frame resolve costs more than the splat itself.
    uint rect_x;
    uint rect_y;
    uint rect_width;
    uint rect_height;
    // Size of the scene depth the splat tests against: the splat target's own, or the smaller
    // internal target's when the scene is drawn at a render scale below 1.
    uint depth_width;
    uint depth_height;
    // particle_host_resolve.comp: this frame's covered pixels, host_pixel_count of them from
    // entry host_pixel_first of the list.
    uint host_pixel_first;
    uint host_pixel_count;
};

// Push constants of particles_points.vert/.frag (80 bytes).
struct PointsPush {
    mat4 view_proj;
    float point_size;   // pixels (1 without largePoints)
    float reflux_scale; // reflux points are this much bigger
    float clip_z_max;   // as SplatPush: nothing is drawn above the top of the leg mesh
    float pad0;
};

#ifdef __cplusplus
static_assert(sizeof(FlowParticle) == 48);
static_assert(offsetof(FlowParticle, position) == 32);
static_assert(sizeof(FlowCompartmentGpu) == 48);
static_assert(sizeof(FlowLinkGpu) == 32);
static_assert(sizeof(FlowPush) == 48);
static_assert(sizeof(SplatPush) == 116);
static_assert(sizeof(HostSplatPixel) == 12);
static_assert(sizeof(PointsPush) == 80);
} // namespace sh::gpu
#endif
#undef SH_GPU_CONST

// ---- The simulator's state of one frame: VeinState ------------------------------------------
// Written once per frame on the CPU (app/flow_bridge: VeinStateWriter fills it from
// sim::LegModel without allocating), uploaded once (engine/vein_state: VeinStateBuffer, one
// device-local buffer) and read by every pass of that frame: the particle step
// (particles_flow.comp), the vein tubes and valves (scene_vein.vert, scene_valve.vert). The
// CPU twin of the particle step reads the same struct. docs/architecture.md, "The state path".
//
// Indices are those of VeinGeometry (compartments, links), i.e. of sim::Network. Valves are a
// property of links (sim::Link::valve), so a valve's state is its link's record.
//
// The pose of the skeleton (PoseState, below) rides in the same struct and upload: it is filled
// from the same PosedLeg and phase that drive the simulator (cycle below). Room for what comes
// next: the heart and the lumped circulation, a HeartState block.
#ifdef __cplusplus
namespace sh::gpu {
#define SH_GPU_CONST inline constexpr
#else
#define SH_GPU_CONST const
#endif

// Capacity of the arrays below. The default network has a few dozen compartments and links;
// a network above these is refused when the renderer is created (build_vein_state_tables).
SH_GPU_CONST uint VEIN_STATE_MAX_COMPARTMENTS = 256u;
SH_GPU_CONST uint VEIN_STATE_MAX_LINKS = 512u;
// Drawn tube radius / reference radius is sqrt(area ratio) clamped to this range, so that a
// fully collapsed vein still shows as a thin line and a runaway value cannot swallow the leg.
SH_GPU_CONST float VEIN_AREA_RATIO_DRAWN_MIN = 0.0025f;
SH_GPU_CONST float VEIN_AREA_RATIO_DRAWN_MAX = 9.0f;

// One compartment (32 bytes). Flows in mL/s, positive towards the heart.
struct VeinCompartmentState {
    float area_ratio;    // lumen area / reference area (collapse < 1, dilation > 1)
    float radius_scale;  // drawn radius / reference radius: sqrt(area ratio), clamped above
    float flow_in_ml_s;  // net flow entering at the distal end (links in + capillary inflow)
    float flow_out_ml_s; // net flow leaving at the proximal end (links out + the outlet)
    float pressure_mmHg;
    float inflow_ml_s; // arterial inflow through this compartment's capillary bed
    // Where recycled particles are reborn: inflow of compartments 0..c / total inflow (the
    // last bed with inflow holds exactly 1). Without any inflow, the in-calf compartments
    // (then all) share it evenly.
    float inflow_cdf;
    float velocity_cm_s; // mean axial velocity: (flow_in + flow_out) / 2 / current area
};

// One link (16 bytes).
struct VeinLinkState {
    float flow_ml_s;     // signed: negative is reflux
    float valve_opening; // 0 closed .. 1 open (1 when the link has no valve)
    float valve_failure; // 0 competent .. 1 absent (0 when the link has no valve)
    float velocity_cm_s; // flow / open lumen area at the link (the simulator's readout)
};

// ---- Pose: the skeleton of this frame, for GPU skinning (shaders/pose.h) -------------------
// What sim::pose_point needs besides the rest point and its binding: the four joint centres,
// the blend widths of sim::soft_binding, the angles, the offset. The weights are closed-form in
// the rest position, so a vertex shader evaluates them itself (pose.h: the GLSL twin of
// sim/skeleton.cpp). Angles in radians, signed as pose_point turns them about +x. Filled by
// app/flow_bridge (fill_pose_state) from the simulator's own PosedLeg every frame; the rest
// state (write_rest_vein_state) is the identity pose of the default leg's skeleton.
struct PoseState {
    vec4 hip;   // xyz femoral head centre, cm; w whole-leg turn about it (thigh + supine), rad
    vec4 knee;  // xyz knee joint line centre; w turn of the shank, rad (= -knee flexion)
    vec4 ankle; // xyz talocrural centre; w dorsiflexion, rad
    vec4 mtp;   // xyz between the metatarsal heads; w toe extension, rad
    // x knee blend half-width, y knee blend centre above the joint line (negative: below),
    // z ankle half-width, w metatarsophalangeal half-width (cm; sim::Skeleton's bands)
    vec4 bands;
    vec4 offset; // xyz added last (room frame, cm); w scale of the anatomy meshes (height/175)
    // Outward growth of the skin along its normal (cm, the exaggeration already applied):
    // x foot, y ankle, z calf; 0 above the knee, blended by rest height (pose.h). w unused.
    vec4 skin_swelling_cm;
    // A compression stocking drawn over the skin: x its top (rest height, cm; 0 = none),
    // y ankle pressure (mmHg), z compression class (0 under class I, 1-4), w unused.
    vec4 stocking;
};

// The whole state (176 + 32 x 256 + 16 x 512 = 16560 bytes). Only the first compartment_count
// and link_count entries are uploaded and read.
struct VeinState {
    float time_s;           // simulated time of this state (float: drawing only)
    float outlet_flow_ml_s; // leaving the leg at the groin
    uint compartment_count;
    uint link_count;
    // Intramuscular pressure / 250 mmHg, clamped to 0..1: x soleus, y gastrocnemius,
    // z tibialis anterior, w foot (sim::Muscle order).
    vec4 muscle_activation;
    // x phase 0..1 of the activity's cycle (a stride when walking), y cycle period in s (0 when
    // still), z exercise level (0 rest, about 1 brisk walking), w unused. The pose follows x.
    vec4 cycle;
    PoseState pose; // the skeleton at this phase and posture
    VeinCompartmentState compartments[VEIN_STATE_MAX_COMPARTMENTS];
    VeinLinkState links[VEIN_STATE_MAX_LINKS];
};

#ifdef __cplusplus
static_assert(sizeof(VeinCompartmentState) == 32);
static_assert(offsetof(VeinCompartmentState, radius_scale) == 4);
static_assert(offsetof(VeinCompartmentState, pressure_mmHg) == 16);
static_assert(offsetof(VeinCompartmentState, inflow_cdf) == 24);
static_assert(sizeof(VeinLinkState) == 16);
static_assert(offsetof(VeinLinkState, valve_failure) == 8);
static_assert(offsetof(VeinState, muscle_activation) == 16);
static_assert(offsetof(VeinState, cycle) == 32);
static_assert(sizeof(PoseState) == 128);
static_assert(offsetof(PoseState, skin_swelling_cm) == 96);
static_assert(offsetof(VeinState, pose) == 48);
static_assert(offsetof(VeinState, compartments) == 176);
static_assert(offsetof(VeinState, links) == 176 + 32 * VEIN_STATE_MAX_COMPARTMENTS);
static_assert(sizeof(VeinState) ==
              176 + 32 * VEIN_STATE_MAX_COMPARTMENTS + 16 * VEIN_STATE_MAX_LINKS);
static_assert(sizeof(VeinState) <= 65536, "one vkCmdUpdateBuffer uploads at most 64 KiB");
} // namespace sh::gpu
#endif
#undef SH_GPU_CONST

#endif // SH_GPU_LAYOUTS_H
