#include "anatomy/loft.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::anatomy {

Table::Table(std::initializer_list<std::initializer_list<double>> rows) {
    for (const auto& row : rows) {
        auto it = row.begin();
        keys_.push_back(*it++);
        values_.emplace_back(it, row.end());
    }
}

double Table::at(double key, std::size_t column) const {
    const std::size_t n = keys_.size();
    if (n == 1 || key <= keys_.front()) return values_.front()[column];
    if (key >= keys_.back()) return values_.back()[column];
    std::size_t i = 0;
    while (i + 2 < n && key > keys_[i + 1]) ++i;
    const double x0 = keys_[i], x1 = keys_[i + 1];
    const double y0 = values_[i][column], y1 = values_[i + 1][column];
    const double h = x1 - x0;
    // Catmull-Rom tangents (non-uniform keys), one-sided at the ends.
    const double m0 = i > 0 ? (y1 - values_[i - 1][column]) / (x1 - keys_[i - 1]) : (y1 - y0) / h;
    const double m1 =
        i + 2 < n ? (values_[i + 2][column] - y0) / (keys_[i + 2] - x0) : (y1 - y0) / h;
    const double t = (key - x0) / h;
    const double t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * h * m0 + (-2 * t3 + 3 * t2) * y1 +
           (t3 - t2) * h * m1;
}

double smoothstep(double e0, double e1, double x) {
    const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3.0 - 2.0 * t);
}

double bump(double x, double centre, double half_width) {
    const double d = (x - centre) / half_width;
    if (std::abs(d) >= 1.0) return 0.0;
    const double c = std::cos(0.5 * kPi * d);
    return c * c;
}

double angle_diff(double a, double b) {
    double d = std::fmod(a - b, 2.0 * kPi);
    if (d <= -kPi) d += 2.0 * kPi;
    if (d > kPi) d -= 2.0 * kPi;
    return d;
}

double cap_factor(double distance_from_end, double length, double power) {
    if (length <= 0.0 || distance_from_end >= length) return 1.0;
    if (distance_from_end <= 0.0) return 0.0;
    const double x = 1.0 - distance_from_end / length;
    return std::pow(std::max(0.0, 1.0 - std::pow(x, power)), 1.0 / power);
}

Mesh build_surface(const SurfaceFn& f, int rings, int segments, double clustering) {
    Mesh m;
    const auto R = static_cast<std::size_t>(rings);
    const auto S = static_cast<std::size_t>(segments);
    m.positions.reserve(R * S + 2);
    m.positions.emplace_back(f(0.0, 0.0));
    for (std::size_t r = 0; r < R; ++r) {
        const double a = static_cast<double>(r + 1) / static_cast<double>(R + 1);
        const double u = (1.0 - clustering) * a + clustering * (0.5 - 0.5 * std::cos(kPi * a));
        for (std::size_t j = 0; j < S; ++j) {
            const double theta = 2.0 * kPi * static_cast<double>(j) / static_cast<double>(S);
            m.positions.emplace_back(f(u, theta));
        }
    }
    m.positions.emplace_back(f(1.0, 0.0));
    const auto ring = [&](std::size_t r, std::size_t j) {
        return static_cast<std::uint32_t>(1 + r * S + (j % S));
    };
    const auto poleB = static_cast<std::uint32_t>(1 + R * S);
    for (std::size_t j = 0; j < S; ++j) {
        m.indices.insert(m.indices.end(), {0u, ring(0, j + 1), ring(0, j)});
    }
    for (std::size_t r = 0; r + 1 < R; ++r) {
        for (std::size_t j = 0; j < S; ++j) {
            const std::uint32_t a = ring(r, j), b = ring(r, j + 1), c = ring(r + 1, j + 1),
                                d = ring(r + 1, j);
            m.indices.insert(m.indices.end(), {a, b, c, a, c, d});
        }
    }
    for (std::size_t j = 0; j < S; ++j) {
        m.indices.insert(m.indices.end(), {poleB, ring(R - 1, j), ring(R - 1, j + 1)});
    }
    if (mesh_volume(m.positions, m.indices) < 0.0) {
        for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3)
            std::swap(m.indices[t + 1], m.indices[t + 2]);
    }
    finalize(m);
    return m;
}

Mesh build_vertical_loft(const VerticalLoft& loft, int rings, int segments) {
    const auto fn = [&](double u, double theta) {
        const double z = loft.z0 + u * (loft.z1 - loft.z0);
        const double cap = std::min(cap_factor(z - loft.z0, loft.cap_bottom, loft.cap_power_bottom),
                                    cap_factor(loft.z1 - z, loft.cap_top, loft.cap_power_top));
        const glm::dvec2 c = loft.centre(z);
        const glm::dvec2 s = cap > 0.0 ? loft.section(z, theta) * cap : glm::dvec2(0.0);
        const double dz = loft.z_offset ? loft.z_offset(z, theta, cap) : 0.0;
        return glm::dvec3(c.x + s.x, c.y + s.y, z + dz);
    };
    return build_surface(fn, rings, segments, 0.5);
}

namespace {
glm::dvec3 catmull_rom(const glm::dvec3& p0, const glm::dvec3& p1, const glm::dvec3& p2,
                       const glm::dvec3& p3, double t) {
    const double t2 = t * t, t3 = t2 * t;
    return 0.5 * ((2.0 * p1) + (-p0 + p2) * t + (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) * t2 +
                  (-p0 + 3.0 * p1 - 3.0 * p2 + p3) * t3);
}
} // namespace

std::vector<SpineFrame> sample_spine(const std::vector<glm::dvec3>& control, int samples,
                                     const glm::dvec3& reference) {
    // Dense curve through the control points.
    std::vector<glm::dvec3> dense;
    const std::size_t n = control.size();
    const int per = 64;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const glm::dvec3 p0 = i > 0 ? control[i - 1] : 2.0 * control[0] - control[1];
        const glm::dvec3 p3 = i + 2 < n ? control[i + 2] : 2.0 * control[n - 1] - control[n - 2];
        for (int k = 0; k < per; ++k) {
            dense.push_back(
                catmull_rom(p0, control[i], control[i + 1], p3, k / static_cast<double>(per)));
        }
    }
    dense.push_back(control.back());
    std::vector<double> len(dense.size(), 0.0);
    for (std::size_t i = 1; i < dense.size(); ++i)
        len[i] = len[i - 1] + glm::length(dense[i] - dense[i - 1]);
    const double total = len.back();
    // Even arc-length resampling.
    std::vector<SpineFrame> frames(static_cast<std::size_t>(samples));
    std::size_t seg = 0;
    for (std::size_t k = 0; k < frames.size(); ++k) {
        const double s = total * static_cast<double>(k) / static_cast<double>(samples - 1);
        while (seg + 2 < dense.size() && len[seg + 1] < s) ++seg;
        const double w =
            std::clamp((s - len[seg]) / std::max(1e-12, len[seg + 1] - len[seg]), 0.0, 1.0);
        frames[k].p = glm::mix(dense[seg], dense[seg + 1], w);
        frames[k].s = s;
    }
    // Tangents by central differences; rotation-minimising frames by projection.
    for (std::size_t k = 0; k < frames.size(); ++k) {
        const std::size_t a = k > 0 ? k - 1 : 0;
        const std::size_t b = std::min(k + 1, frames.size() - 1);
        frames[k].t = glm::normalize(frames[b].p - frames[a].p);
    }
    glm::dvec3 e1 = reference - glm::dot(reference, frames[0].t) * frames[0].t;
    e1 = glm::normalize(e1);
    for (auto& f : frames) {
        e1 = glm::normalize(e1 - glm::dot(e1, f.t) * f.t);
        f.e1 = e1;
        f.e2 = glm::cross(f.t, e1);
    }
    return frames;
}

SpineFrame frame_at(const std::vector<SpineFrame>& frames, double s01) {
    const double x = std::clamp(s01, 0.0, 1.0) * static_cast<double>(frames.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(x), frames.size() - 2);
    const double w = x - static_cast<double>(i);
    SpineFrame f;
    f.p = glm::mix(frames[i].p, frames[i + 1].p, w);
    f.t = glm::normalize(glm::mix(frames[i].t, frames[i + 1].t, w));
    f.e1 = glm::normalize(glm::mix(frames[i].e1, frames[i + 1].e1, w));
    f.e1 = glm::normalize(f.e1 - glm::dot(f.e1, f.t) * f.t);
    f.e2 = glm::cross(f.t, f.e1);
    f.s = glm::mix(frames[i].s, frames[i + 1].s, w);
    return f;
}

Mesh build_tube_loft(const TubeLoft& loft, int rings, int segments) {
    const auto frames = sample_spine(loft.spine, 512, loft.reference);
    const double total = frames.back().s;
    const auto fn = [&](double u, double theta) {
        const SpineFrame f = frame_at(frames, u);
        const double cap = std::min(cap_factor(u * total, loft.cap_start, loft.cap_power),
                                    cap_factor((1.0 - u) * total, loft.cap_end, loft.cap_power));
        const glm::dvec2 s = cap > 0.0 ? loft.section(u, theta) * cap : glm::dvec2(0.0);
        return f.p + s.x * f.e1 + s.y * f.e2;
    };
    return build_surface(fn, rings, segments, 0.5);
}

glm::dvec2 quad_ellipse(double theta, double lat, double med, double ant, double post, double p) {
    const double c = std::cos(theta), s = std::sin(theta);
    const double e = 2.0 / p;
    const double x = std::copysign(std::pow(std::abs(c), e), c);
    const double y = std::copysign(std::pow(std::abs(s), e), s);
    return {x * (x >= 0 ? lat : med), y * (y >= 0 ? ant : post)};
}

double union_radius(const std::vector<Ellipse2>& ellipses, double theta) {
    const double dx = std::cos(theta), dy = std::sin(theta);
    double best = 0.0;
    for (const auto& e : ellipses) {
        // Solve |((t dx - cx)/ax, (t dy - cy)/ay)| = 1 for the positive root.
        const double a = (dx * dx) / (e.ax * e.ax) + (dy * dy) / (e.ay * e.ay);
        const double b = -2.0 * ((dx * e.cx) / (e.ax * e.ax) + (dy * e.cy) / (e.ay * e.ay));
        const double c = (e.cx * e.cx) / (e.ax * e.ax) + (e.cy * e.cy) / (e.ay * e.ay) - 1.0;
        const double disc = b * b - 4 * a * c;
        if (disc < 0) continue;
        best = std::max(best, (-b + std::sqrt(disc)) / (2 * a));
    }
    return best;
}

} // namespace sh::anatomy
