#include "anatomy_labels.hpp"

#include "anatomy/landmarks.hpp"
#include "pose_state.hpp"
#include "translate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <glm/vec4.hpp>
#include <imgui.h>
#include <limits>

namespace sh::app {
namespace {

constexpr float k_leader_px = 56.0f; // horizontal leader length from structure to text
constexpr float k_gap_px = 3.0f;     // vertical gap between nudged boxes
constexpr float k_pad_px = 3.0f;     // text padding inside the box

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

// The centreline point of the vein `name` (all its compartments, "name" and "name#k") nearest
// the height `z_cm`: the label sits on the vein where it is typically pointed at.
std::optional<glm::vec3> vein_point(const VeinGeometry& g, const std::string& name, float z_cm) {
    std::optional<glm::vec3> best;
    for (const VeinCompartment& c : g.compartments) {
        if (c.label != name && !starts_with(c.label, name + "#")) continue;
        for (const glm::vec3& p : c.centreline)
            if (!best || std::abs(p.z - z_cm) < std::abs(best->z - z_cm)) best = p;
    }
    return best;
}

std::optional<glm::vec3> link_midpoint(const VeinGeometry& g, const std::string& name) {
    for (const VeinLink& l : g.links)
        if (l.name == name && !l.path.empty()) return 0.5f * (l.path.front() + l.path.back());
    return std::nullopt;
}

// A valve inside the great saphenous vein (between two of its compartments) nearest `z_cm`:
// superficial, so it is visible from the front and the side.
std::optional<glm::vec3> saphenous_valve(const VeinGeometry& g, float z_cm) {
    std::optional<glm::vec3> best;
    for (const VeinLink& l : g.links) {
        if (!l.has_valve || l.from >= g.compartments.size() || l.to >= g.compartments.size())
            continue;
        if (!starts_with(g.compartments[l.from].label, "great_saphenous#") ||
            !starts_with(g.compartments[l.to].label, "great_saphenous#"))
            continue;
        if (!best || std::abs(l.valve_position.z - z_cm) < std::abs(best->z - z_cm))
            best = l.valve_position;
    }
    return best;
}

glm::vec3 mid_landmark(const char* a, const char* b) {
    return 0.5f * (anatomy::landmark(a) + anatomy::landmark(b));
}

} // namespace

glm::vec3 posed_anchor(const LabelAnchor& anchor, const gpu::PoseState* pose) {
    if (pose == nullptr || !(pose->bands.z > 0.0f)) return anchor.position;
    const float scale = anchor.on_mesh && pose->offset.w > 0.0f ? pose->offset.w : 1.0f;
    return pose_soft_point(skeleton_and_pose(*pose), anchor.position * scale);
}

std::optional<LabelAnchor> stocking_label(const gpu::PoseState& pose) {
    if (!(pose.stocking.x > 0.0f)) return std::nullopt;
    const int cls = static_cast<int>(std::lround(pose.stocking.z));
    const int mmHg = static_cast<int>(std::lround(pose.stocking.y));
    LabelAnchor a;
    // Built in the language shown (the draw's tr() leaves it as it is); the explanation is
    // translated where it is drawn, like the anatomy's.
    char class_text[64];
    std::snprintf(class_text, sizeof class_text, i18n::tr("Class %d"), cls);
    a.name = std::string(cls > 0 ? class_text : i18n::tr("Under class 1")) + " \u00b7 " +
             std::to_string(mmHg) + " mmHg";
    a.explanation = N_("A graduated compression stocking. It presses hardest at the ankle (this "
                       "pressure) and less further up, narrowing the veins under it so that the "
                       "blood in them moves up faster and less fluid seeps into the tissue.");
    // On the calf, over the inner head of the gastrocnemius: inside the stocking, seen from the
    // front, the back and the inner side.
    a.position = mid_landmark("gastrocnemius_medial_origin", "gastrocnemius_medial_end");
    a.on_mesh = true;
    return a;
}

std::vector<LabelAnchor> default_label_anchors(const VeinGeometry& veins) {
    std::vector<LabelAnchor> out;
    auto add = [&](const char* name, const char* explanation, std::optional<glm::vec3> p) {
        if (p) out.push_back({name, explanation, *p, false});
    };
    // Landmarks of the anatomy meshes (the rest come from the venous network).
    auto add_mesh = [&](const char* name, const char* explanation, glm::vec3 p) {
        out.push_back({name, explanation, p, true});
    };
    add_mesh(N_("soleus"),
             N_("The deep calf muscle and the main pump of the 'second heart'. Each contraction "
                "squeezes "
                "the veins inside it and pushes blood up towards the heart."),
             anatomy::landmark("soleus_widest"));
    add_mesh(
        N_("gastrocnemius (inner head)"),
        N_("The inner head of the calf muscle you can see bulge. It helps the soleus squeeze the "
           "deep veins when you walk or rise on your toes."),
        mid_landmark("gastrocnemius_medial_origin", "gastrocnemius_medial_end"));
    add_mesh(
        N_("gastrocnemius (outer head)"),
        N_("The outer head of the visible calf muscle, shorter than the inner one. Both heads join "
           "the Achilles tendon."),
        mid_landmark("gastrocnemius_lateral_origin", "gastrocnemius_lateral_end"));
    add_mesh(N_("tibia"),
             N_("The shin bone, which carries the body's weight. The deep veins and the calf "
                "muscles lie behind it."),
             anatomy::landmark("tibia_midshaft"));
    add_mesh(N_("fibula"),
             N_("The thin outer bone of the lower leg. Calf muscles attach to it; it carries "
                "little weight."),
             anatomy::landmark("fibula_midshaft"));
    add_mesh(
        N_("Achilles tendon"),
        N_("Joins the calf muscles to the heel bone. Through it the muscles lift the heel with "
           "every step."),
        anatomy::landmark("achilles_narrowest"));
    add(N_("great saphenous vein"),
        N_("The long vein under the skin on the inner side of the leg. When its valves fail, blood "
           "falls back down and it can become varicose."),
        vein_point(veins, "great_saphenous", 30.0f));
    add(N_("small saphenous vein"),
        N_("A vein under the skin at the back of the calf. It joins the deep popliteal vein behind "
           "the knee."),
        vein_point(veins, "small_saphenous", 24.0f));
    add(N_("popliteal vein"),
        N_("The deep vein behind the knee. Everything the calf pump pushes upwards passes "
           "through it."),
        vein_point(veins, "popliteal", 44.0f));
    add(N_("posterior tibial veins"),
        N_("Paired deep veins running through the calf. The soleus squeezes them like a hand "
           "squeezing a tube."),
        vein_point(veins, "posterior_tibial", 18.0f));
    add(N_("perforator vein"),
        N_("Connects a surface vein to a deep one through the muscle's wrapping. Its valve lets "
           "blood flow only inwards, into the deep veins."),
        link_midpoint(veins, "cockett_middle_perforator"));
    add(N_("valve"),
        N_("Two thin cusps that let blood flow towards the heart and close when it tries to fall "
           "back. Where valves fail, blood pools in the leg."),
        saphenous_valve(veins, 20.0f));
    return out;
}

std::optional<glm::vec2> project_to_screen(const glm::mat4& view_proj, const glm::vec3& p,
                                           glm::vec2 size) {
    const glm::vec4 clip = view_proj * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-6f) return std::nullopt; // behind the eye
    const glm::vec3 ndc = glm::vec3(clip) / clip.w;
    if (ndc.z < 0.0f || ndc.z > 1.0f) return std::nullopt; // before near or beyond far
    if (ndc.x < -1.0f || ndc.x > 1.0f || ndc.y < -1.0f || ndc.y > 1.0f) return std::nullopt;
    // Vulkan's viewport: ndc (-1,-1) is the top-left pixel corner (the projection flips y).
    return glm::vec2((ndc.x * 0.5f + 0.5f) * size.x, (ndc.y * 0.5f + 0.5f) * size.y);
}

std::vector<PlacedLabel> layout_labels(const std::vector<std::optional<glm::vec2>>& anchors_px,
                                       const std::vector<glm::vec2>& text_size, glm::vec2 size,
                                       float left_limit) {
    std::vector<float> xs;
    for (const auto& a : anchors_px)
        if (a) xs.push_back(a->x);
    if (xs.empty()) return {};
    std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(xs.size() / 2), xs.end());
    const float centre_x = xs[xs.size() / 2];

    std::vector<PlacedLabel> placed;
    for (std::size_t i = 0; i < anchors_px.size() && i < text_size.size(); ++i) {
        if (!anchors_px[i]) continue;
        const glm::vec2 a = *anchors_px[i];
        const glm::vec2 box = text_size[i] + glm::vec2(2.0f * k_pad_px);
        const bool left = a.x < centre_x && a.x - k_leader_px - box.x >= left_limit;
        float x = left ? a.x - k_leader_px - box.x : a.x + k_leader_px;
        x = std::clamp(x, std::min(left_limit, size.x - box.x), std::max(0.0f, size.x - box.x));
        const glm::vec2 min(x, a.y - 0.5f * box.y);
        placed.push_back({i, a, min, min + box});
    }
    // Top to bottom per side; each box starts below the previous one on its side.
    std::stable_sort(placed.begin(), placed.end(), [](const PlacedLabel& l, const PlacedLabel& r) {
        return l.anchor_px.y < r.anchor_px.y;
    });
    float bottom[2] = {-std::numeric_limits<float>::max(), -std::numeric_limits<float>::max()};
    for (PlacedLabel& p : placed) {
        const int side = p.box_max.x <= p.anchor_px.x ? 0 : 1; // left or right of its anchor
        const float shift = std::max(0.0f, bottom[side] + k_gap_px - p.box_min.y);
        p.box_min.y += shift;
        p.box_max.y += shift;
        bottom[side] = p.box_max.y;
    }
    return placed;
}

std::optional<std::size_t> AnatomyLabels::draw(const glm::mat4& view_proj, glm::vec2 display,
                                               float left_limit, const gpu::PoseState* pose,
                                               bool anatomy, float text_px) {
    ImFont* font = ImGui::GetFont();
    const float font_px = text_px > 0.0f ? text_px : ImGui::GetFontSize();
    const float grow = std::max(1.0f, font_px / 13.0f); // dots and lines with the text
    frame_anchors_.clear();
    if (anatomy)
        frame_anchors_ = anchors_;
    else if (pinned_ && *pinned_ < anchors_.size())
        pinned_.reset(); // its label is not shown
    const std::optional<LabelAnchor> stocking = pose ? stocking_label(*pose) : std::nullopt;
    // The stocking's label keeps its index after the anatomy's whether or not they are shown.
    if (stocking) frame_anchors_.resize(anchors_.size()), frame_anchors_.push_back(*stocking);
    std::vector<std::optional<glm::vec2>> screen;
    std::vector<glm::vec2> text;
    for (std::size_t i = 0; i < frame_anchors_.size(); ++i) {
        const LabelAnchor& a = frame_anchors_[i];
        const bool shown_now = i < anchors_.size() ? anatomy : true;
        screen.push_back(shown_now ? project_to_screen(view_proj, posed_anchor(a, pose), display)
                                   : std::nullopt);
        const ImVec2 t = font->CalcTextSizeA(font_px, 1e9f, 0.0f, i18n::tr(a.name));
        text.emplace_back(t.x, t.y);
    }
    placed_ = layout_labels(screen, text, display, left_limit);

    // The mouse belongs to the panel when it is over any ImGui window.
    const bool mouse_free = !ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow);
    std::optional<std::size_t> hovered;
    for (const PlacedLabel& p : placed_) {
        if (mouse_free && ImGui::IsMouseHoveringRect(ImVec2(p.box_min.x, p.box_min.y),
                                                     ImVec2(p.box_max.x, p.box_max.y), false))
            hovered = p.anchor;
    }
    // A click (or tap) on a label pins its explanation; a click elsewhere on the leg unpins.
    if (mouse_free && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        pinned_ = hovered && hovered != pinned_ ? hovered : std::nullopt;
    const std::optional<std::size_t> shown = hovered ? hovered : pinned_;

    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImU32 line = IM_COL32(255, 255, 255, 170);
    const ImU32 fill = IM_COL32(20, 24, 32, 190);
    const ImU32 fill_active = IM_COL32(40, 80, 140, 230);
    for (const PlacedLabel& p : placed_) {
        const bool active = shown && *shown == p.anchor;
        const bool left = p.box_max.x <= p.anchor_px.x;
        const ImVec2 a(p.anchor_px.x, p.anchor_px.y);
        const ImVec2 end(left ? p.box_max.x : p.box_min.x, 0.5f * (p.box_min.y + p.box_max.y));
        dl->AddLine(a, end, line, grow);
        dl->AddCircleFilled(a, 3.0f * grow, line);
        dl->AddRectFilled(ImVec2(p.box_min.x, p.box_min.y), ImVec2(p.box_max.x, p.box_max.y),
                          active ? fill_active : fill, 3.0f);
        dl->AddText(font, font_px, ImVec2(p.box_min.x + k_pad_px, p.box_min.y + k_pad_px),
                    IM_COL32(255, 255, 255, 255), i18n::tr(frame_anchors_[p.anchor].name));
    }
    if (shown && *shown < frame_anchors_.size()) {
        // Under the label rather than at the mouse: a pinned explanation stays put when the
        // mouse moves on, and a finger on a touch screen does not cover it.
        for (const PlacedLabel& p : placed_)
            if (p.anchor == *shown)
                ImGui::SetNextWindowPos(ImVec2(p.box_min.x, p.box_max.y + 4.0f));
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
        ImGui::TextUnformatted(i18n::tr(frame_anchors_[*shown].name));
        ImGui::Separator();
        ImGui::TextUnformatted(i18n::tr(frame_anchors_[*shown].explanation));
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
    return shown;
}

} // namespace sh::app
