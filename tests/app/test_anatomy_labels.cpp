// Anatomical labels: anchors from the landmarks and the venous network, projected through the
// scene camera (checked against a pinhole computed here by hand), laid out without overlap, and
// the explanation shown on hover or tap in a headless ImGui frame.
#include "anatomy_labels.hpp"
#include "flow_bridge.hpp"
#include "headless_imgui.hpp"
#include "network.hpp"
#include "pose_state.hpp"
#include "scene/camera.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>

using namespace sh;

namespace {

constexpr glm::vec2 k_screen{1280.0f, 720.0f};

// A level camera (pitch 0) looking at the leg from the front: a pinhole whose image of a point
// the test can compute without the camera's matrices.
scene::Camera level_front_camera() {
    scene::Camera c;
    c.target = {0.0f, 0.0f, 40.0f};
    c.yaw = 0.0f;
    c.pitch = 0.0f;
    c.distance = 150.0f;
    return c;
}

// The front preset framed on a leg-sized box, as the screen shows it.
glm::mat4 front_view_proj() {
    const scene::Camera cam =
        scene::camera_preset(scene::CameraPreset::Front, {0, 0, 45}, {20, 30, 90}, 16.0f / 9.0f);
    return cam.view_proj(k_screen.x / k_screen.y);
}

// The tooltip window ImGui shows this frame, if any.
ImGuiWindow* active_tooltip() {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if ((w->Flags & ImGuiWindowFlags_Tooltip) != 0 && w->Active) return w;
    return nullptr;
}

} // namespace

TEST_CASE("labels: a point projects where the camera's pinhole puts it", "[labels]") {
    const scene::Camera cam = level_front_camera();
    const float aspect = k_screen.x / k_screen.y;
    const glm::mat4 vp = cam.view_proj(aspect);
    // The orbit target is the image centre.
    const auto centre = app::project_to_screen(vp, cam.target, k_screen);
    REQUIRE(centre);
    CHECK(centre->x == Approx(640.0f).margin(0.01));
    CHECK(centre->y == Approx(360.0f).margin(0.01));

    // Pinhole by hand: at depth d a height h is h / (d tan(fov/2)) of the half image. Seen from
    // the front (eye on +y), the right leg's lateral side (+x) is on the viewer's left and up
    // (+z) is up on screen.
    const float half_h = cam.distance * std::tan(0.5f * cam.fov_y);
    const glm::vec3 up_lateral = cam.target + glm::vec3(10.0f, 0.0f, 12.0f);
    const auto p = app::project_to_screen(vp, up_lateral, k_screen);
    REQUIRE(p);
    CHECK(p->x == Approx(640.0f - 10.0f / (half_h * aspect) * 640.0f).margin(0.05));
    CHECK(p->y == Approx(360.0f - 12.0f / half_h * 360.0f).margin(0.05));

    // A real anchor: the soleus lies behind the tibia, so from the front it is (nearly) behind
    // it on screen, and lower than the popliteal vein.
    const VeinGeometry veins = app::vein_geometry(sim::default_network());
    const auto anchors = app::default_label_anchors(veins);
    auto find = [&](const char* name) {
        for (const auto& a : anchors)
            if (a.name == name) return a.position;
        FAIL("no anchor " << name);
        return glm::vec3(0);
    };
    const auto soleus = app::project_to_screen(vp, find("soleus"), k_screen);
    const auto popliteal = app::project_to_screen(vp, find("popliteal vein"), k_screen);
    REQUIRE(soleus);
    REQUIRE(popliteal);
    CHECK(soleus->y > popliteal->y);
}

TEST_CASE("labels: behind the camera or off screen is hidden", "[labels]") {
    const scene::Camera cam = level_front_camera();
    const glm::mat4 vp = cam.view_proj(k_screen.x / k_screen.y);
    CHECK_FALSE(app::project_to_screen(vp, cam.eye() - 20.0f * cam.forward(), k_screen));
    CHECK_FALSE(app::project_to_screen(vp, cam.eye() + 0.01f * cam.forward(), k_screen)); // < near
    CHECK_FALSE(app::project_to_screen(vp, cam.target + glm::vec3(500.0f, 0, 0), k_screen));
    CHECK_FALSE(app::project_to_screen(vp, cam.target + glm::vec3(0, 0, -300.0f), k_screen));
}

TEST_CASE("labels: anchors come from the landmarks and the venous network", "[labels]") {
    const VeinGeometry veins = app::vein_geometry(sim::default_network());
    const auto anchors = app::default_label_anchors(veins);
    CHECK(anchors.size() == 12);
    for (const auto& a : anchors) {
        INFO(a.name);
        CHECK(a.explanation.size() > 40);
        CHECK(a.position.z > 0.0f); // above the floor, below the groin
        CHECK(a.position.z < 95.0f);
    }
    for (const auto& a : anchors) {
        // Anatomical sides in the leg frame (x lateral, y anterior): independent of the code.
        if (a.name == "great saphenous vein") CHECK(a.position.x < -2.0f); // medial
        if (a.name == "small saphenous vein") CHECK(a.position.y < -3.0f); // posterior
        if (a.name == "fibula") CHECK(a.position.x > 2.0f);                // lateral
    }
    // A network without veins leaves only the landmark anchors (no crash, no made-up points).
    CHECK(app::default_label_anchors(VeinGeometry{}).size() == 6);
}

TEST_CASE("labels: boxes beside the same side never overlap", "[labels]") {
    // Five anchors at nearly the same spot on the right of the median, one far left.
    std::vector<std::optional<glm::vec2>> at = {glm::vec2(700, 300), glm::vec2(701, 302),
                                                glm::vec2(702, 301), std::nullopt,
                                                glm::vec2(703, 299), glm::vec2(200, 300)};
    std::vector<glm::vec2> sizes(at.size(), glm::vec2(90, 14));
    const auto placed = app::layout_labels(at, sizes, k_screen);
    CHECK(placed.size() == 5); // the hidden one is left out
    for (std::size_t i = 0; i < placed.size(); ++i) {
        CHECK(placed[i].box_min.x >= 0.0f);
        CHECK(placed[i].box_max.x <= k_screen.x);
        for (std::size_t j = i + 1; j < placed.size(); ++j) {
            const auto& a = placed[i];
            const auto& b = placed[j];
            const bool overlap = a.box_min.x < b.box_max.x && b.box_min.x < a.box_max.x &&
                                 a.box_min.y < b.box_max.y && b.box_min.y < a.box_max.y;
            CHECK_FALSE(overlap);
        }
    }
    // With the panel covering x < 400, the far-left label moves to its anchor's right.
    const auto clear = app::layout_labels(at, sizes, k_screen, 400.0f);
    for (const auto& p : clear) {
        CHECK(p.box_min.x >= 400.0f);
        if (p.anchor == 5) CHECK(p.box_min.x > p.anchor_px.x);
    }
}

TEST_CASE("labels: hovering a label shows its explanation, a tap pins it", "[labels]") {
    testing::HeadlessImGuiContext imgui(ImVec2(k_screen.x, k_screen.y));
    const VeinGeometry veins = app::vein_geometry(sim::default_network());
    app::AnatomyLabels labels(app::default_label_anchors(veins));
    const glm::mat4 vp = front_view_proj();
    ImGuiIO& io = ImGui::GetIO();
    auto frame = [&](ImVec2 mouse, bool down = false) {
        io.MousePos = mouse;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        const auto shown = labels.draw(vp, k_screen);
        ImGui::Render();
        return shown;
    };

    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    CHECK_FALSE(frame(ImVec2(5, 5))); // nothing hovered: no explanation
    CHECK(active_tooltip() == nullptr);
    CHECK(labels.placed().size() >= 10); // the front view shows (almost) all of them

    std::size_t soleus = 0;
    while (labels.anchors()[soleus].name != "soleus") ++soleus;
    const app::PlacedLabel* box = nullptr;
    for (const auto& p : labels.placed())
        if (p.anchor == soleus) box = &p;
    REQUIRE(box != nullptr);
    const ImVec2 on_label(0.5f * (box->box_min.x + box->box_max.x),
                          0.5f * (box->box_min.y + box->box_max.y));
    (void)frame(on_label);
    const auto shown = frame(on_label); // a tooltip measures its content on its first frame
    REQUIRE(shown);
    CHECK(*shown == soleus);
    ImGuiWindow* tip = active_tooltip();
    REQUIRE(tip != nullptr);
    CHECK(tip->ContentSize.y > 2.5f * ImGui::GetFontSize()); // name, rule, wrapped sentences
    CHECK(tip->Pos.y >= box->box_max.y);                     // placed under the label

    // Moving away hides it; a tap (press and release on the label) pins it until the next tap.
    CHECK_FALSE(frame(ImVec2(5, 5)));
    frame(on_label, true);
    frame(on_label, false);
    const auto pinned = frame(ImVec2(5, 5));
    REQUIRE(pinned);
    CHECK(*pinned == soleus);
    CHECK(active_tooltip() != nullptr);
    frame(ImVec2(5, 5), true); // a tap elsewhere on the leg unpins
    frame(ImVec2(5, 5), false);
    CHECK_FALSE(frame(ImVec2(5, 5)));
}

TEST_CASE("labels: the lecture, kiosk and patient screens show only the stocking's class, in "
          "large text",
          "[labels]") {
    testing::HeadlessImGuiContext imgui(ImVec2(k_screen.x, k_screen.y));
    const VeinGeometry veins = app::vein_geometry(sim::default_network());
    app::AnatomyLabels labels(app::default_label_anchors(veins));
    const glm::mat4 vp = front_view_proj();
    gpu::PoseState pose{};
    write_rest_pose_state(pose);
    pose.stocking = {40.0f, 23.0f, 2.0f, 0.0f}; // top, ankle mmHg, RAL class
    // The modes' size (app/desktop_overlay: 3 % of the height) against the default font's.
    const float mode_px = 0.03f * k_screen.y;
    float box_height[2] = {0.0f, 0.0f};
    for (const float text_px : {0.0f, mode_px}) {
        ImGui::NewFrame();
        (void)labels.draw(vp, k_screen, 0.0f, &pose, false, text_px);
        ImGui::Render();
        // Only the stocking's label (its index follows the anatomy's).
        REQUIRE(labels.placed().size() == 1);
        CHECK(labels.placed()[0].anchor == labels.anchors().size());
        box_height[text_px > 0.0f ? 1 : 0] =
            labels.placed()[0].box_max.y - labels.placed()[0].box_min.y;
    }
    CHECK(box_height[1] >= mode_px);             // the text at the size asked for
    CHECK(box_height[1] > 1.4f * box_height[0]); // larger than the desktop's 13 px
    const auto text = app::stocking_label(pose);
    REQUIRE(text);
    CHECK(text->name == "Class 2 \u00b7 23 mmHg");
    // Without a stocking nothing is drawn.
    pose.stocking = glm::vec4(0.0f);
    ImGui::NewFrame();
    (void)labels.draw(vp, k_screen, 0.0f, &pose, false, mode_px);
    ImGui::Render();
    CHECK(labels.placed().empty());
}
