#include "anatomy/landmarks.hpp"

#include <array>

namespace sh::anatomy {
namespace {

// clang-format off
constexpr std::array kLandmarks = {
  // --- shared with venous_network.json -------------------------------------------------------
  Landmark{"ankle_joint",        { 0.0f,  0.0f,  8.0f}, "centre of the talocrural joint (talar dome centre of rotation)"},
  Landmark{"medial_malleolus",   {-2.8f,  0.0f,  6.5f}, "most medial point of the medial malleolus of the tibia"},
  Landmark{"lateral_malleolus",  { 2.8f, -1.0f,  5.5f}, "most lateral point of the lateral malleolus of the fibula: 1 cm lower and 1 cm more posterior than the medial"},
  Landmark{"knee_joint",         { 0.0f,  0.0f, 47.0f}, "knee joint line centre, between femoral condyles and tibial plateau"},
  Landmark{"hip_joint",          {-3.0f,  0.0f, 91.0f}, "centre of the femoral head (only the direction of the femoral shaft is used)"},
  Landmark{"heel",               { 0.0f, -6.0f,  2.5f}, "most posterior point of the heel (skin over the calcaneal tuberosity)"},
  Landmark{"toe_tip",            { 0.5f, 19.0f,  1.5f}, "tip of the longest (second) toe, skin"},
  // --- tibia ---------------------------------------------------------------------------------
  Landmark{"tibial_plateau",     {-0.1f,  0.0f, 46.7f}, "centre of the tibial plateau (intercondylar eminence base); 3 mm of cartilage below the joint line"},
  Landmark{"tibia_medial_condyle",  {-2.0f, -0.2f, 45.3f}, "centre of the medial tibial condyle (the larger, oval one)"},
  Landmark{"tibia_lateral_condyle", { 1.9f, -0.4f, 45.3f}, "centre of the lateral tibial condyle; the fibular head articulates below and behind it"},
  Landmark{"tibial_tuberosity",  {-0.2f,  3.0f, 42.4f}, "front of the tibial tuberosity, insertion of the patellar ligament, ~4 cm below the plateau"},
  Landmark{"tibia_midshaft",     {-1.0f,  0.5f, 27.0f}, "centre of the triangular tibial shaft at mid-length"},
  Landmark{"tibial_plafond",     {-0.3f,  0.2f,  9.0f}, "centre of the distal articular surface of the tibia, on top of the talar dome"},
  // --- fibula --------------------------------------------------------------------------------
  Landmark{"fibular_head",       { 3.4f, -1.7f, 44.0f}, "centre of the fibular head, posterolateral below the lateral tibial condyle"},
  Landmark{"fibula_midshaft",    { 3.2f, -1.0f, 27.0f}, "centre of the slender fibular shaft at mid-length"},
  Landmark{"lateral_malleolus_tip", { 2.1f, -1.2f, 4.4f}, "distal tip of the lateral malleolus"},
  Landmark{"medial_malleolus_tip",  {-2.2f,  0.1f, 5.8f}, "distal tip of the medial malleolus"},
  // --- femur and patella ---------------------------------------------------------------------
  Landmark{"femur_medial_condyle",  {-2.3f, -0.6f, 49.6f}, "centre of curvature of the medial femoral condyle"},
  Landmark{"femur_lateral_condyle", { 2.3f, -0.4f, 49.7f}, "centre of curvature of the lateral femoral condyle"},
  Landmark{"femur_medial_epicondyle",  {-4.2f, -0.3f, 51.2f}, "most medial point of the medial epicondyle (bicondylar width ~8.5 cm)"},
  Landmark{"femur_lateral_epicondyle", { 4.1f, -0.2f, 51.2f}, "most lateral point of the lateral epicondyle"},
  Landmark{"femur_shaft_cut",    { 0.5f,  0.3f, 64.0f}, "upper end of the modelled femur (its lower ~40 %), on the anatomical shaft axis"},
  Landmark{"patella_centre",     { 0.2f,  3.4f, 51.0f}, "centre of the patella in standing (lower pole ~1.5 cm above the joint line)"},
  // --- foot skeleton -------------------------------------------------------------------------
  Landmark{"calcaneal_tuberosity", { 0.3f, -5.4f,  3.1f}, "posterior surface of the calcaneal tuberosity, Achilles insertion"},
  Landmark{"talar_dome",         { 0.0f,  0.0f,  9.2f}, "top of the talar trochlea under the plafond"},
  Landmark{"navicular",          {-1.6f,  4.2f,  5.0f}, "navicular tuberosity region, top of the medial arch"},
  Landmark{"first_metatarsal_head", {-2.4f, 13.2f, 1.7f}, "head of the first metatarsal (ball of the foot)"},
  Landmark{"fifth_metatarsal_head", { 4.0f, 11.4f, 1.2f}, "head of the fifth metatarsal"},
  Landmark{"hallux_tip",         {-2.5f, 18.1f,  1.3f}, "tip of the distal phalanx of the big toe (bone)"},
  // --- muscles -------------------------------------------------------------------------------
  Landmark{"gastrocnemius_medial_origin",  {-2.5f, -2.6f, 50.8f}, "origin of the medial head, posterior surface above the medial femoral condyle"},
  Landmark{"gastrocnemius_lateral_origin", { 2.5f, -2.4f, 50.6f}, "origin of the lateral head, above the lateral femoral condyle"},
  Landmark{"gastrocnemius_medial_end",     {-1.3f, -6.6f, 20.5f}, "lower end of the medial head's belly (longer and lower than the lateral)"},
  Landmark{"gastrocnemius_lateral_end",    { 1.4f, -6.3f, 26.0f}, "lower end of the lateral head's belly"},
  Landmark{"soleus_origin",      { 0.8f, -3.6f, 43.0f}, "top of the soleus: soleal line of the tibia and the back of the fibular head"},
  Landmark{"soleus_widest",      { 0.1f, -5.6f, 27.0f}, "widest part of the soleus, mid-calf (~9 cm wide)"},
  Landmark{"soleus_end",         { 0.2f, -5.0f, 11.5f}, "lowest muscle fibres of the soleus, where it becomes the Achilles tendon"},
  Landmark{"achilles_narrowest", { 0.2f, -4.9f,  8.0f}, "narrowest part of the Achilles tendon, 4-5 cm above its insertion"},
  Landmark{"calf_max_girth",     {-0.3f, -2.7f, 33.0f}, "level and centre of the greatest calf girth (~37 cm)"},
  Landmark{"tibialis_anterior_origin", { 1.9f, 1.4f, 44.0f}, "origin of tibialis anterior on the lateral tibial condyle"},
  Landmark{"tibialis_anterior_insertion", {-2.2f, 5.6f, 3.4f}, "insertion of tibialis anterior on the medial cuneiform / first metatarsal base"},
};
// clang-format on

} // namespace

std::span<const Landmark> landmarks() {
    return kLandmarks;
}

glm::vec3 landmark(std::string_view name, bool* found) {
    for (const auto& l : kLandmarks) {
        if (l.name == name) {
            if (found) *found = true;
            return {l.p.x, l.p.y, l.p.z};
        }
    }
    if (found) *found = false;
    return glm::vec3(0.0f);
}

} // namespace sh::anatomy
