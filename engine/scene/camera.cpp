#include "scene/camera.hpp"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/vec4.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace sh::scene {
namespace {
constexpr float k_max_pitch = 1.4835f; // 85 deg: never look straight along the up axis
constexpr float k_deg = 3.14159265f / 180.0f;
} // namespace

glm::vec3 Camera::eye() const {
    const glm::vec3 dir(std::cos(pitch) * std::sin(yaw), std::cos(pitch) * std::cos(yaw),
                        std::sin(pitch));
    return target + distance * dir;
}

glm::vec3 Camera::forward() const {
    return glm::normalize(target - eye());
}

glm::mat4 Camera::view() const {
    return glm::lookAt(eye(), target, glm::vec3(0, 0, 1));
}

glm::mat4 Camera::projection(float aspect) const {
    const float near_cm = std::max(0.5f, distance * 0.1f);
    const float far_cm = distance * 4.0f + 200.0f;
    glm::mat4 p = glm::perspective(fov_y, std::max(aspect, 1e-3f), near_cm, far_cm);
    p[1][1] *= -1.0f;   // Vulkan clip space: y down
    p[2][0] -= shift_x; // x_ndc += shift_x (clip.w is -z_view)
    p[2][1] -= shift_y;
    return p;
}

glm::mat4 Camera::view_proj(float aspect) const {
    return projection(aspect) * view();
}

void Camera::orbit(float delta_yaw, float delta_pitch) {
    yaw = std::remainder(yaw + delta_yaw, 2.0f * 3.14159265f);
    pitch = std::clamp(pitch + delta_pitch, -k_max_pitch, k_max_pitch);
}

void Camera::zoom(float factor) {
    distance = std::clamp(distance * factor, 5.0f, 2000.0f);
}

namespace {
// The smallest distance at which every point's offset `across` (from the camera's centre line,
// along one screen axis) fits |across - shift| <= (distance + along) * tan_half, with `along`
// the point's depth beyond the target's plane: every constraint has the same slope in the
// distance, so the bound is closed-form, max(across - a along) - min(across + a along) = 2 a d,
// and the shift that centres the picture is the middle of the range left at that distance.
struct AxisFit {
    float lo = 0.0f; // max(across - a along)
    float hi = 0.0f; // min(across + a along)
    float a = 1.0f;
    float distance() const { return (lo - hi) / (2.0f * a); }
    float shift(float d) const { return 0.5f * ((lo - a * d) + (hi + a * d)); }
};
} // namespace

Camera preset_direction(CameraPreset preset, float& fill) {
    Camera c;
    fill = 1.06f; // margin around the leg
    switch (preset) {
    case CameraPreset::Front:
        c.yaw = 0.0f;
        c.pitch = 8.0f * k_deg;
        break;
    case CameraPreset::Back:
        c.yaw = 180.0f * k_deg;
        c.pitch = 8.0f * k_deg;
        break;
    case CameraPreset::Medial:
        c.yaw = -90.0f * k_deg;
        c.pitch = 5.0f * k_deg;
        break;
    case CameraPreset::Cutaway:
        c.yaw = -140.0f * k_deg;
        c.pitch = 12.0f * k_deg;
        fill = 1.02f; // a little closer: the deep veins are the subject
        break;
    }
    return c;
}

namespace {
// The camera looking along `c`'s direction that fits every point (see camera_preset).
Camera fit_points(Camera c, float fill, std::span<const glm::vec3> points, float aspect,
                  FrameInsets insets) {
    if (points.empty()) return c;
    const float left = std::clamp(insets.left, 0.0f, 0.5f);
    const float right = std::clamp(insets.right, 0.0f, 0.5f);
    const float top = std::clamp(insets.top, 0.0f, 0.45f);
    const float bottom = std::clamp(insets.bottom, 0.0f, 0.45f);
    const float tan_full = std::tan(0.5f * c.fov_y);
    // The free part of the frame: its half-size in normalised device units and its centre.
    const float half_w = std::max(1.0f - left - right, 0.1f);
    const float half_h = std::max(1.0f - top - bottom, 0.1f);
    c.shift_x = left - right;
    c.shift_y = top - bottom;
    c.distance = 1.0f;
    const glm::vec3 forward = c.forward();
    const glm::vec3 side = glm::normalize(glm::cross(forward, glm::vec3(0, 0, 1)));
    const glm::vec3 up = glm::cross(side, forward);
    glm::vec3 lo = points.front(), hi = points.front();
    for (const glm::vec3& p : points) lo = glm::min(lo, p), hi = glm::max(hi, p);
    const glm::vec3 origin = 0.5f * (lo + hi);
    AxisFit h{-1e30f, 1e30f, tan_full * std::max(aspect, 1e-3f) * half_w / fill};
    AxisFit v{-1e30f, 1e30f, tan_full * half_h / fill};
    float nearest = 0.0f; // the largest distance of a point in front of the target's plane
    for (const glm::vec3& p : points) {
        const glm::vec3 o = p - origin;
        const float x = glm::dot(o, side), y = glm::dot(o, up), z = glm::dot(o, forward);
        h.lo = std::max(h.lo, x - h.a * z);
        h.hi = std::min(h.hi, x + h.a * z);
        v.lo = std::max(v.lo, y - v.a * z);
        v.hi = std::min(v.hi, y + v.a * z);
        nearest = std::max(nearest, -z);
    }
    // Every point beyond the near plane (a tenth of the distance, Camera::projection).
    const float d = std::max({h.distance(), v.distance(), nearest / 0.8f, 5.0f});
    c.target = origin + side * h.shift(d) + up * v.shift(d);
    c.distance = d;
    return c;
}
} // namespace

Camera camera_preset(CameraPreset preset, std::span<const glm::vec3> points, float aspect,
                     FrameInsets insets) {
    float fill = 1.0f;
    const Camera direction = preset_direction(preset, fill); // sets fill
    return fit_points(direction, fill, points, aspect, insets);
}

namespace {
// The framing points in runs of k_run_length, each with its bounding box: a walking leg's
// framing holds up to 19,200 points, and runs_under is asked up to five times per covered
// rectangle each frame. A run whose box lands wholly outside a rectangle is passed over without
// projecting its points (perf, walking patient view: projecting every point was 1.3 % of the
// program's samples, all on the thread that records the frame).
struct PointRuns {
    static constexpr std::size_t k_run_length = 256;
    std::span<const glm::vec3> points;
    std::vector<std::pair<glm::vec3, glm::vec3>> boxes; // min, max per run

    explicit PointRuns(std::span<const glm::vec3> all) : points(all) {
        for (std::size_t first = 0; first < all.size(); first += k_run_length) {
            const auto run = all.subspan(first, std::min(k_run_length, all.size() - first));
            glm::vec3 lo = run.front(), hi = run.front();
            for (const glm::vec3& p : run) lo = glm::min(lo, p), hi = glm::max(hi, p);
            boxes.emplace_back(lo, hi);
        }
    }
};

// Where point p lands through vp, in fractions of the frame; false behind the eye.
bool screen_point(const glm::mat4& vp, const glm::vec3& p, glm::vec2& at) {
    const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
    if (clip.w <= 1e-6f) return false;
    at = glm::vec2(0.5f + 0.5f * clip.x / clip.w, 0.5f + 0.5f * clip.y / clip.w);
    return true;
}

// Whether the box [lo, hi] may hold a point that lands inside `r`: false only when all eight
// corners are in front of the eye and their screen rectangle (which holds the box's picture,
// the convex hull of the corners) misses `r` by more than rounding could move a point.
bool box_may_reach(const glm::mat4& vp, const glm::vec3& lo, const glm::vec3& hi,
                   const ScreenRect& r) {
    constexpr float k_margin = 1e-4f; // fractions of the frame
    glm::vec2 min_at(1e30f), max_at(-1e30f);
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 corner((i & 1) != 0 ? hi.x : lo.x, (i & 2) != 0 ? hi.y : lo.y,
                               (i & 4) != 0 ? hi.z : lo.z);
        glm::vec2 at;
        if (!screen_point(vp, corner, at)) return true; // straddles the eye: test the points
        min_at = glm::min(min_at, at);
        max_at = glm::max(max_at, at);
    }
    return max_at.x > r.x0 - k_margin && min_at.x < r.x1 + k_margin && max_at.y > r.y0 - k_margin &&
           min_at.y < r.y1 + k_margin;
}

// Whether any point lands inside `r` (fractions of the frame) through camera `c`.
bool runs_under(const Camera& c, float aspect, const PointRuns& runs, const ScreenRect& r) {
    const glm::mat4 vp = c.view_proj(aspect);
    for (std::size_t k = 0; k < runs.boxes.size(); ++k) {
        if (!box_may_reach(vp, runs.boxes[k].first, runs.boxes[k].second, r)) continue;
        const std::size_t first = k * PointRuns::k_run_length;
        const auto run = runs.points.subspan(
            first, std::min(PointRuns::k_run_length, runs.points.size() - first));
        for (const glm::vec3& p : run) {
            glm::vec2 at;
            if (!screen_point(vp, p, at)) continue;
            if (at.x > r.x0 && at.x < r.x1 && at.y > r.y0 && at.y < r.y1) return true;
        }
    }
    return false;
}
} // namespace

bool any_point_under(const Camera& c, float aspect, std::span<const glm::vec3> points,
                     const ScreenRect& r) {
    return runs_under(c, aspect, PointRuns(points), r);
}

Camera camera_preset(CameraPreset preset, std::span<const glm::vec3> points, float aspect,
                     FrameInsets insets, std::span<const ScreenRect> covered, float turn_yaw,
                     float turn_pitch, FrameInsets* chosen_insets_out) {
    constexpr float edge = 0.03f; // a rectangle this close to an edge is docked to it
    float fill = 1.0f;
    Camera direction = preset_direction(preset, fill);
    direction.yaw = std::remainder(direction.yaw + turn_yaw, 2.0f * 3.14159265f);
    direction.pitch = std::clamp(direction.pitch + turn_pitch, -k_max_pitch, k_max_pitch);
    const auto fit = [&](FrameInsets i) { return fit_points(direction, fill, points, aspect, i); };
    Camera best = fit(insets);
    if (covered.empty()) {
        if (chosen_insets_out != nullptr) *chosen_insets_out = insets;
        return best;
    }
    const PointRuns runs(points);
    for (const ScreenRect& r : covered) {
        if (!runs_under(best, aspect, runs, r)) continue;
        std::optional<Camera> chosen;
        FrameInsets chosen_insets = insets;
        const auto consider = [&](FrameInsets candidate) {
            const Camera c = fit(candidate);
            if (runs_under(c, aspect, runs, r)) return; // the inset's limit: still under
            if (!chosen || c.distance < chosen->distance) chosen = c, chosen_insets = candidate;
        };
        // Docked to an edge of the frame or of the part the insets leave (a label just below
        // the title bar).
        if (r.x0 <= insets.left + edge)
            consider({std::max(insets.left, r.x1), insets.top, insets.bottom, insets.right});
        if (r.x1 >= 1.0f - insets.right - edge)
            consider({insets.left, insets.top, insets.bottom, std::max(insets.right, 1.0f - r.x0)});
        if (r.y0 <= insets.top + edge)
            consider({insets.left, std::max(insets.top, r.y1), insets.bottom, insets.right});
        if (r.y1 >= 1.0f - insets.bottom - edge)
            consider({insets.left, insets.top, std::max(insets.bottom, 1.0f - r.y0), insets.right});
        if (chosen) best = *chosen, insets = chosen_insets;
    }
    if (chosen_insets_out != nullptr) *chosen_insets_out = insets;
    return best;
}

std::array<glm::vec3, 8> box_corners(const glm::vec3& centre, const glm::vec3& extent) {
    std::array<glm::vec3, 8> corners;
    for (int i = 0; i < 8; ++i)
        corners[static_cast<std::size_t>(i)] =
            centre + 0.5f * extent *
                         glm::vec3((i & 1) != 0 ? 1.0f : -1.0f, (i & 2) != 0 ? 1.0f : -1.0f,
                                   (i & 4) != 0 ? 1.0f : -1.0f);
    return corners;
}

Camera camera_preset(CameraPreset preset, const glm::vec3& centre, const glm::vec3& extent,
                     float aspect, FrameInsets insets) {
    const std::array<glm::vec3, 8> corners = box_corners(centre, extent);
    return camera_preset(preset, corners, aspect, insets);
}

} // namespace sh::scene
