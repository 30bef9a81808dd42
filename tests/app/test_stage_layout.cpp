// The stage under the leg (app/stage_layout) against the pose it is built for: the furniture
// holds the leg where sim::PosedLeg puts it and never cuts through it. Vein centrelines stand for
// the leg's tissue (they run inside the skin: tests/anatomy/test_skinning.cpp).
#include "stage_layout.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace sh;

namespace {

std::vector<glm::vec3> posed_veins(const sim::Network& net, const sim::PosedLeg& leg) {
    std::vector<glm::vec3> out;
    for (const sim::Segment& s : net.segments)
        for (const sim::Vec3& p : s.centreline) {
            const sim::Vec3 q = leg.place(p * leg.scale());
            out.emplace_back(static_cast<float>(q.x), static_cast<float>(q.y),
                             static_cast<float>(q.z));
        }
    return out;
}

bool inside(const scene::StageBox& b, const glm::vec3& p) {
    return p.x > b.min.x && p.x < b.max.x && p.y > b.min.y && p.y < b.max.y && p.z > b.min.z &&
           p.z < b.max.z;
}

float lowest(const std::vector<glm::vec3>& pts) {
    float z = 1e9f;
    for (const glm::vec3& p : pts) z = std::min(z, p.z);
    return z;
}

} // namespace

TEST_CASE("stage: standing and walking, the leg stands on the floor and nothing else is there",
          "[stage]") {
    const sim::Network& net = sim::default_network();
    for (int i = 0; i < 16; ++i) {
        const sim::PosedLeg leg(net, 1.0, sim::Posture::Standing, {sim::Activity::Walking, 5.0},
                                i / 16.0);
        const scene::StageLayout s = app::stage_for_pose(net, leg, sim::Posture::Standing);
        INFO("phase " << i << "/16");
        CHECK(s.show);
        CHECK_FALSE(s.seat);
        CHECK_FALSE(s.bed);
        CHECK(s.floor_z == 0.0f);
        CHECK(lowest(posed_veins(net, leg)) > s.floor_z); // no vein below the floor
        // The foot's shadow capsule reaches the floor in stance (it darkens right at the sole).
        const scene::StageCapsule& foot = s.occluders[2];
        if (i < 8) CHECK(std::min(foot.a.z, foot.b.z) - foot.radius < 1.5f);
    }
}

TEST_CASE("stage: sitting, the seat is at knee height under the thigh and clear of the calf",
          "[stage]") {
    const sim::Network& net = sim::default_network();
    for (const double height : {160.0, 175.0, 190.0}) {
        const double scale = height / net.reference_height_cm;
        const sim::PosedLeg leg(net, scale, sim::Posture::Sitting);
        const scene::StageLayout s = app::stage_for_pose(net, leg, sim::Posture::Sitting);
        INFO("height " << height << " cm");
        REQUIRE(s.seat);
        CHECK_FALSE(s.bed);
        // A chair fits when its seat is at about the popliteal height: 40-44 cm for adult women
        // and men at the median (Pheasant & Haslegrave, Bodyspace, 3rd ed. 2006, table 10.1,
        // British adults, unshod: 400 / 440 mm), scaled with stature (175 cm here).
        const float top = s.seat->max.z;
        CHECK(top > 40.0f * scale - 3.0f);
        CHECK(top < 44.0f * scale + 3.0f);
        const std::vector<glm::vec3> veins = posed_veins(net, leg);
        for (const glm::vec3& p : veins) CHECK_FALSE(inside(*s.seat, p)); // never through the leg
        // The thigh rests on it: the lowest thigh vein over the seat is close above it.
        float thigh_low = 1e9f;
        for (const glm::vec3& p : veins)
            if (p.y > s.seat->min.y && p.y < s.seat->max.y && p.z > top - 1.0f)
                thigh_low = std::min(thigh_low, p.z);
        CHECK(thigh_low - top < 8.0f * scale);
        CHECK(lowest(veins) > s.floor_z); // the foot on the floor
    }
}

TEST_CASE("stage: lying, the leg rests on the bed, and raised, on a wedge under the heel", "[stage]") {
    const sim::Network& net = sim::default_network();
    for (const sim::Posture posture : {sim::Posture::Lying, sim::Posture::LegRaised}) {
        const sim::PosedLeg leg(net, 1.0, posture);
        const scene::StageLayout s = app::stage_for_pose(net, leg, posture);
        INFO(sim::id_of(posture));
        REQUIRE(s.bed);
        CHECK_FALSE(s.seat);
        CHECK(s.bed->max.z == 0.0f);
        CHECK(s.floor_z < s.bed->min.z); // the bed stands on the floor
        const std::vector<glm::vec3> veins = posed_veins(net, leg);
        for (const glm::vec3& p : veins) CHECK_FALSE(inside(*s.bed, p));
        CHECK(lowest(veins) >= 0.0f);
        if (posture == sim::Posture::LegRaised) {
            REQUIRE(s.wedge);
            // The leg lies along the wedge's slope: no vein under it, the nearest close above.
            const scene::StageWedge& w = *s.wedge;
            float gap = 1e9f;
            for (const glm::vec3& p : veins) {
                const float t = (p.y - w.low.y) / (w.high.y - w.low.y);
                if (t < 0.0f || t > 1.0f || std::abs(p.x - w.low.x) > 0.5f * w.width) continue;
                const float top = w.low.z + t * (w.high.z - w.low.z);
                CHECK(p.z > top);
                gap = std::min(gap, p.z - top);
            }
            CHECK(gap < 8.0f);
            // Its top under the heel is just below the back of the heel (it holds the leg).
            const sim::Vec3 heel = leg.place(net.landmarks.at("heel"));
            CHECK(s.wedge->high.z < heel.z);
            CHECK(s.wedge->high.z > heel.z - 8.0);
        } else {
            CHECK_FALSE(s.wedge);
            CHECK(lowest(veins) < 6.0f); // resting on the bed, not floating above it
        }
    }
}
