// How much of the view the posed leg fills (engine/scene/pose_framing, camera_preset): the
// default leg posed on the CPU exactly as the shaders pose it, over a cycle of each activity in
// each posture, framed by each preset in the layouts of the four modes at 1280x720, and the
// leg's points projected through that camera at 16 phases of the next cycle.
#include "anatomy/default_leg.hpp"
#include "pose_state.hpp"
#include "posture.hpp"
#include "scene/camera.hpp"
#include "scene/pose_framing.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/vec4.hpp>
#include <string>
#include <vector>

using namespace sh;

namespace {

// What covers the frame in each mode at 1280x720 (fractions of the frame), as drawn: the panel
// (the camera's left inset, 390 px) and the heart inset at the top right (desktop); the title bar
// and the caption (lecture, kiosk, patient: top 10 %, bottom 16 %); the lecture's heart card at
// the right; the patient's column of topic buttons (320 px wide) and its heart sentences and
// heart at the top right.
struct ModeLayout {
    const char* name;
    scene::FrameInsets insets;
    std::vector<scene::ScreenRect> covered;
};

std::vector<ModeLayout> layouts() {
    const auto px = [](float x0, float y0, float x1, float y1) {
        return scene::ScreenRect{x0 / 1280.0f, y0 / 720.0f, x1 / 1280.0f, y1 / 720.0f};
    };
    return {
        {"desktop", {390.0f / 1280.0f, 0.0f, 0.0f, 0.0f}, {px(1165, 10, 1270, 125)}},
        {"lecture", {0.0f, 0.1f, 0.16f, 0.0f}, {px(1100, 72, 1280, 318)}},
        {"kiosk", {0.0f, 0.1f, 0.16f, 0.0f}, {}},
        {"patient",
         {0.0f, 0.1f, 0.16f, 0.0f},
         {px(0, 0, 320, 610), px(847, 0, 1280, 170), px(1117, 170, 1280, 330)}},
    };
}

struct Case {
    const char* name;
    sim::Posture posture;
    sim::ActivitySpec activity;
};

const std::vector<anatomy::Mesh>& leg_meshes() {
    static const std::vector<anatomy::Mesh> meshes = [] {
        std::vector<anatomy::Mesh> out;
        for (auto& s : anatomy::build_default_leg(0.5)) out.push_back(std::move(s.mesh));
        return out;
    }();
    return meshes;
}

gpu::VeinState state_at(const Case& c, double t_s, double period_s) {
    const double phase = period_s > 0.0 ? std::fmod(t_s / period_s, 1.0) : 0.0;
    const sim::PosedLeg leg(sim::default_network(), 1.0, c.posture, c.activity, phase);
    gpu::VeinState s{};
    write_pose_state(leg.skeleton(), leg.pose(), static_cast<float>(leg.scale()), s.pose);
    s.time_s = static_cast<float>(t_s);
    s.cycle = glm::vec4(static_cast<float>(phase), static_cast<float>(period_s), 0.0f, 0.0f);
    return s;
}

struct Fill {
    float height = 0.0f, width = 0.0f; // of the free part of the frame
    bool inside = true;                // every point in the free part, under nothing
};

// The points' extent on screen through `cam`, as fractions of the frame's free part.
Fill measure(const scene::Camera& cam, float aspect, const std::vector<glm::vec3>& points,
             const ModeLayout& m) {
    const glm::mat4 vp = cam.view_proj(aspect);
    glm::vec2 lo(1e9f), hi(-1e9f);
    Fill f;
    for (const glm::vec3& p : points) {
        const glm::vec4 c = vp * glm::vec4(p, 1.0f);
        const glm::vec2 s(0.5f + 0.5f * c.x / c.w, 0.5f + 0.5f * c.y / c.w); // from top left
        lo = glm::min(lo, s);
        hi = glm::max(hi, s);
        for (const scene::ScreenRect& r : m.covered)
            if (s.x > r.x0 && s.x < r.x1 && s.y > r.y0 && s.y < r.y1) f.inside = false;
    }
    const float free_w = 1.0f - m.insets.left - m.insets.right;
    const float free_h = 1.0f - m.insets.top - m.insets.bottom;
    f.inside = f.inside && lo.x >= m.insets.left - 1e-3f && hi.x <= 1.0f - m.insets.right + 1e-3f &&
               lo.y >= m.insets.top - 1e-3f && hi.y <= 1.0f - m.insets.bottom + 1e-3f;
    f.height = (hi.y - lo.y) / free_h;
    f.width = (hi.x - lo.x) / free_w;
    return f;
}

} // namespace

TEST_CASE("every preset frames the posed leg: it fills most of the view and nothing covers it",
          "[scene][camera][framing]") {
    // The camera frames the poses of the last cycle (so the view does not bob with each step).
    // Their points must fill at least 90 % of the free view along the axis that limits them
    // (the fit leaves a 6 % margin, fill 1.06: at most 94 %), and an upright leg (standing,
    // walking, running, heel raises) at least 85 % of its height: the leg as large as the
    // screen allows, for a lecturer at the back of a hall. Before the points were fitted the
    // walking front view filled 63 % of the height (the empty near corners of the stride's
    // 70 cm deep box pushed the camera back).
    // One pose on screen is smaller than the cycle's: the swing leg folds and rises. At its
    // tallest phase it must fill 80 %, and averaged over the cycle 75 % for every activity but
    // running, whose swing folds the knee past 100 degrees (69-81 % on average, 81-97 % at the
    // tallest phase; reported, not asserted, as the camera cannot follow without bobbing).
    // Nothing may run under the panel, buttons or heart cards, nor the title and caption.
    constexpr float k_min_framed = 0.90f;
    constexpr float k_min_framed_height = 0.85f;
    constexpr float k_min_tallest = 0.80f;
    constexpr float k_min_mean = 0.75f;
    const std::vector<Case> cases = {
        {"standing still", sim::Posture::Standing, {sim::Activity::Still, 0}},
        {"walking 4 km/h", sim::Posture::Standing, {sim::Activity::Walking, 4.0}},
        {"running 12 km/h", sim::Posture::Standing, {sim::Activity::Running, 12.0}},
        {"heel raises", sim::Posture::Standing, {sim::Activity::HeelRaises, 0}},
        {"sitting still", sim::Posture::Sitting, {sim::Activity::Still, 0}},
        {"sitting ankle pumps", sim::Posture::Sitting, {sim::Activity::AnklePumps, 0}},
        {"lying still", sim::Posture::Lying, {sim::Activity::Still, 0}},
        {"lying ankle pumps", sim::Posture::Lying, {sim::Activity::AnklePumps, 0}},
        {"leg raised", sim::Posture::LegRaised, {sim::Activity::Still, 0}},
    };
    const float aspect = 1280.0f / 720.0f;
    for (const Case& c : cases) {
        const double period = sim::cycle_period_s(c.activity);
        scene::PoseFraming framing(leg_meshes());
        // One cycle at 60 frames a second, so the framing holds the whole cycle.
        const double dt = 1.0 / 60.0;
        const int frames = period > 0.0 ? static_cast<int>(std::ceil(period / dt)) + 2 : 2;
        for (int i = 0; i < frames; ++i) framing.update(state_at(c, i * dt, period));
        const std::vector<glm::vec3> framed = framing.points();
        const bool upright = c.posture == sim::Posture::Standing;
        for (const ModeLayout& m : layouts()) {
            for (const auto preset : {scene::CameraPreset::Front, scene::CameraPreset::Back,
                                      scene::CameraPreset::Medial, scene::CameraPreset::Cutaway}) {
                ModeLayout used = m; // the insets grown to leave the covering rectangles free
                const scene::Camera cam = scene::camera_preset(preset, framed, aspect, m.insets,
                                                               m.covered, 0, 0, &used.insets);
                const Fill whole = measure(cam, aspect, framed, used);
                float sum = 0.0f, tallest = 0.0f;
                bool inside = true;
                for (int k = 0; k < 16; ++k) { // the pose on screen at 16 phases of a cycle
                    const double t = frames * dt + (period > 0.0 ? period * k / 16.0 : 0.0);
                    scene::PoseFraming now(leg_meshes());
                    now.update(state_at(c, t, period));
                    const Fill f = measure(cam, aspect, now.points(), used);
                    const float fill = upright ? f.height : std::max(f.height, f.width);
                    sum += fill / 16.0f;
                    tallest = std::max(tallest, fill);
                    inside = inside && f.inside;
                }
                INFO(c.name << ", " << m.name << ", " << sim::id_of(preset)
                            << ": the cycle's poses fill " << 100 * whole.height << " % of the "
                            << "free height, " << 100 * whole.width << " % of its width; one pose "
                            << 100 * sum << " % on average over the cycle, " << 100 * tallest
                            << " % at most");
                CHECK(std::max(whole.height, whole.width) >= k_min_framed);
                if (upright) CHECK(whole.height >= k_min_framed_height);
                CHECK(tallest >= k_min_tallest);
                if (c.activity.kind != sim::Activity::Running) CHECK(sum >= k_min_mean);
                CHECK(whole.inside);
                CHECK(inside);
                if (std::getenv("SH_FRAMING_REPORT") != nullptr) WARN("");
            }
        }
    }
}
