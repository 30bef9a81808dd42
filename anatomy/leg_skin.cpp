// Skin: a tube along a spine that runs down the leg and bends into the foot. Its radius in
// each direction is the larger of (a) a base envelope (an implicit blend of leg, heel and
// foot forms standing for the tissues not modelled: fat, the anterior, lateral and deep
// compartments, the sole pad) and (b) a shrink-wrap of every structure inside plus a
// subcutaneous thickness, so the calf bulge, malleoli, patella and heel come from the
// structures themselves.
#include "anatomy/landmarks.hpp"
#include "anatomy/leg_parts.hpp"
#include "anatomy/loft.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::anatomy::leg_parts {

namespace {

double smin(double a, double b, double k) {
    const double h = std::clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
    return b + (a - b) * h - k * h * (1.0 - h);
}

double leg_field(const dvec3& p) {
    // z: centre x, y; half-widths lat, med, ant, post; superellipse exponent.
    static const Table t{
        {4.0, 0.2, -1.0, 3.1, 3.2, 3.3, 4.7, 3.0},   {6.5, 0.2, -0.85, 3.2, 3.4, 3.6, 4.6, 3.0},
        {9.0, 0.2, -0.7, 3.2, 3.4, 3.6, 4.6, 2.6},   {13.0, 0.15, -0.9, 3.0, 3.6, 3.7, 4.5, 2.2},
        {18.0, 0.0, -1.5, 3.5, 4.2, 4.3, 4.9, 2.0},  {24.0, -0.1, -2.3, 4.3, 5.0, 5.0, 6.4, 2.0},
        {30.0, -0.2, -2.7, 5.0, 5.7, 5.4, 7.0, 2.0}, {36.0, -0.3, -2.6, 5.1, 5.7, 5.4, 6.9, 2.0},
        {42.0, -0.3, -1.5, 4.9, 5.7, 4.6, 5.9, 2.0}, {47.0, -0.3, -0.8, 5.1, 6.2, 5.0, 5.3, 2.2},
        {52.0, -0.3, -0.8, 5.6, 6.2, 5.4, 5.7, 2.2}, {58.0, -0.3, -0.9, 6.2, 6.5, 5.6, 6.2, 2.2},
        {66.0, -0.3, -0.8, 7.0, 7.2, 6.2, 6.8, 2.2}};
    const double z = p.z;
    const double dx = p.x - t.at(z, 0), dy = p.y - t.at(z, 1);
    const double sx = dx >= 0 ? t.at(z, 2) : t.at(z, 3);
    const double sy = dy >= 0 ? t.at(z, 4) : t.at(z, 5);
    const double e = t.at(z, 6);
    const double q =
        std::pow(std::pow(std::abs(dx) / sx, e) + std::pow(std::abs(dy) / sy, e), 1.0 / e);
    double f = (q - 1.0) * 0.5 * (sx + sy);
    f = std::max(f, z - 66.0);
    f = std::max(f, 3.5 - z);
    return f;
}

double foot_field(const dvec3& p) {
    // y: centre x, half-width, top z (the sole is at z = 0).
    static const Table t{{-3.0, 0.2, 3.0, 6.5}, {0.0, 0.2, 3.3, 7.5},  {3.0, 0.3, 3.8, 7.0},
                         {6.0, 0.45, 4.3, 5.9}, {9.0, 0.5, 4.6, 4.7},  {12.0, 0.45, 4.8, 3.7},
                         {14.5, 0.3, 4.6, 3.1}, {16.5, 0.1, 4.0, 2.7}, {18.3, 0.0, 3.2, 2.3}};
    const double y = p.y;
    const double hw = t.at(y, 1), top = t.at(y, 2);
    const double u = (p.x - t.at(y, 0)) / hw;
    const double v = (p.z - 0.5 * top) / (0.5 * top);
    const double q = std::pow(std::pow(std::abs(u), 4.0) + std::pow(std::abs(v), 4.0), 0.25);
    double f = (q - 1.0) * std::min(hw, 0.5 * top);
    // Toe line: the big toe reaches furthest, the little toe least.
    const double front = 19.4 - 0.55 * std::max(0.0, p.x - 0.6) - 0.35 * std::max(0.0, -1.2 - p.x);
    f = std::max(f, p.y - front);
    f = std::max(f, -3.0 - p.y);
    return f;
}

double heel_field(const dvec3& p) {
    const dvec3 c(0.2, -3.2, 3.3), s(3.0, 2.9, 3.3);
    const dvec3 d = (p - c) / s;
    return (glm::length(d) - 1.0) * 2.9;
}

double skin_field(const dvec3& p) {
    // The sole is kept a little above the floor: smoothing may lower it a few millimetres.
    return std::max(smin(smin(leg_field(p), foot_field(p), 1.2), heel_field(p), 1.2), 0.3 - p.z);
}

// Superficial veins of venous_network.json (great and small saphenous, dorsal arch): the skin
// is wrapped over them so they lie just under it. Kept equal to that file; a test checks.
const std::vector<std::vector<dvec3>>& subcutaneous_vein_guides() {
    static const std::vector<std::vector<dvec3>> v{
        {{-2.5, 8.0, 4.0},
         {-3.2, 1.5, 6.5},
         {-4.5, -0.5, 15.0},
         {-5.5, -1.5, 30.0},
         {-6.0, -2.5, 47.0},
         {-7.0, -1.0, 60.0},
         {-7.5, 2.0, 72.0}}, // on above the skin's top: wrapped up to its lid
        {{3.5, 5.0, 3.5}, {3.3, -2.5, 6.0}, {2.0, -6.0, 15.0}, {0.5, -7.6, 28.0}},
        {{3.5, 5.0, 3.5}, {1.5, 9.0, 4.6}, {-1.0, 9.5, 4.6}, {-2.5, 8.0, 4.0}}};
    return v;
}

} // namespace

Mesh make_skin(const std::vector<const Mesh*>& inside, double detail) {
    std::vector<dvec3> spine{{-0.3, -0.6, 66.0}, {-0.3, -0.8, 58.0}, {-0.3, -0.9, 50.0},
                             {-0.3, -1.6, 42.0}, {-0.3, -2.2, 34.0}, {-0.1, -1.6, 24.0},
                             {0.1, -0.6, 16.0},  {0.15, 0.1, 11.0}};
    // The bend from leg into foot: a quarter circle centred in front of the ankle, far enough
    // forward that the ring planes (which all pass through its centre) do not cross under the
    // skin of the ankle's front.
    const double R = 4.6;
    for (int k = 0; k <= 6; ++k) {
        const double phi = 0.5 * kPi * k / 6.0;
        spine.emplace_back(0.2, 4.8 - R * std::cos(phi), 7.6 - R * std::sin(phi));
    }
    for (const dvec3& q : {dvec3(0.4, 7.5, 2.9), dvec3(0.4, 10.5, 2.5), dvec3(0.3, 14.5, 2.1),
                           dvec3(0.4, 17.5, 1.8), dvec3(0.5, 19.4, 1.55)}) {
        spine.push_back(q);
    }
    const int rings = 170, segs = 72;
    const auto frames = sample_spine(spine, rings, {1.0, 0.0, 0.0});
    const double total = frames.back().s;

    // (b) shrink-wrap: the largest radius of any inside vertex per (ring, direction) bin.
    std::vector<double> wrap(static_cast<std::size_t>(rings * segs), 0.0);
    // Each point raises the bins around it; `spread` bins either way, lowered by `falloff`
    // per squared bin of distance so that thin things (veins) make gentle ridges.
    const auto bin = [&](const dvec3& p, double margin, int spread, double falloff) {
        std::size_t best = 0;
        double bd = 1e30;
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const double d = glm::dot(p - frames[i].p, p - frames[i].p);
            if (d < bd) {
                bd = d;
                best = i;
            }
        }
        const SpineFrame& f = frames[best];
        const dvec3 d = p - f.p;
        const double a = glm::dot(d, f.e1), b = glm::dot(d, f.e2);
        const double rho = std::sqrt(a * a + b * b) + margin;
        double th = std::atan2(b, a);
        if (th < 0) th += 2 * kPi;
        const int j = static_cast<int>(std::lround(th / (2 * kPi) * segs)) % segs;
        for (int di = -spread; di <= spread; ++di) {
            const int i = static_cast<int>(best) + di;
            if (i < 0 || i >= rings) continue;
            for (int dj = -spread; dj <= spread; ++dj) {
                double& w = wrap[static_cast<std::size_t>(i * segs + (j + dj + segs) % segs)];
                w = std::max(w, rho - falloff * (di * di + dj * dj));
            }
        }
    };
    for (const Mesh* m : inside) {
        for (const auto& p : m->positions) bin(dvec3(p), 0.45, 1, 0.0);
    }
    for (const auto& vein : subcutaneous_vein_guides()) {
        for (std::size_t k = 0; k + 1 < vein.size(); ++k) {
            for (int q = 0; q < 40; ++q)
                bin(glm::mix(vein[k], vein[k + 1], q / 40.0), 0.45, 5, 0.02);
        }
    }
    // (a) base envelope: ray-march the implicit blend outward from the spine.
    std::vector<double> radius(wrap.size(), 0.0);
    for (int i = 0; i < rings; ++i) {
        const SpineFrame& f = frames[static_cast<std::size_t>(i)];
        for (int j = 0; j < segs; ++j) {
            const double th = 2 * kPi * j / segs;
            const dvec3 dir = std::cos(th) * f.e1 + std::sin(th) * f.e2;
            double r = 0.0;
            if (skin_field(f.p) < 0.0) {
                double lo = 0.0, hi = 0.0;
                while (hi < 16.0 && skin_field(f.p + hi * dir) < 0.0) {
                    lo = hi;
                    hi += 0.1;
                }
                for (int it = 0; it < 30; ++it) {
                    const double m = 0.5 * (lo + hi);
                    if (skin_field(f.p + m * dir) < 0.0)
                        lo = m;
                    else
                        hi = m;
                }
                r = lo;
            }
            const auto k = static_cast<std::size_t>(i * segs + j);
            radius[k] = std::max(r, wrap[k]);
        }
    }
    // Smooth (binomial blur across rings and around), never going back inside the wrap.
    for (int pass = 0; pass < 5; ++pass) {
        std::vector<double> out(radius.size());
        for (int i = 0; i < rings; ++i) {
            for (int j = 0; j < segs; ++j) {
                double acc = 0, wsum = 0;
                for (int di = -1; di <= 1; ++di) {
                    const int ii = std::clamp(i + di, 0, rings - 1);
                    for (int dj = -1; dj <= 1; ++dj) {
                        const double w = (di == 0 ? 2.0 : 1.0) * (dj == 0 ? 2.0 : 1.0);
                        acc += w *
                               radius[static_cast<std::size_t>(ii * segs + (j + dj + segs) % segs)];
                        wsum += w;
                    }
                }
                const auto k = static_cast<std::size_t>(i * segs + j);
                out[k] = std::max(acc / wsum, wrap[k] - 0.2);
            }
        }
        radius.swap(out);
    }
    const auto domed = [&](double u, double th) {
        const double x = u * (rings - 1);
        const int i = std::min(static_cast<int>(x), rings - 2);
        const double w = x - i;
        const double jf = th / (2 * kPi) * segs;
        const int j = static_cast<int>(std::lround(jf)) % segs;
        const double r = (1 - w) * radius[static_cast<std::size_t>(i * segs + j)] +
                         w * radius[static_cast<std::size_t>((i + 1) * segs + j)];
        const SpineFrame f = frame_at(frames, u);
        const double cap =
            std::min(cap_factor(u * total, 1.0, 4.0), cap_factor((1 - u) * total, 1.0, 2.0));
        dvec3 q = f.p + cap * r * (std::cos(th) * f.e1 + std::sin(th) * f.e2);
        q.z = std::max(q.z, 0.0); // the sole stands on the floor
        return q;
    };
    // The top is cut flat, level with the lowest point of the first full-width ring (1 cm down
    // the spine, where the dome over the top ends): the drawn veins are cut at the meshes' top
    // height, so under a dome the superficial ones came out through its rim by a few mm.
    double lid_z = 1e9;
    for (int j = 0; j < segs; ++j)
        lid_z = std::min(lid_z, domed(1.0 / total, 2 * kPi * j / segs).z);
    const auto fn = [&](double u, double th) {
        dvec3 q = domed(u, th);
        q.z = std::min(q.z, lid_z);
        return q;
    };
    // Ring u values coincide with the sampled frames when rings-2 interior rings are uniform.
    Mesh m;
    {
        // build_surface with clustering 0 and rings-2 interior rings puts ring k at u=k/(rings-1).
        // At lower detail the surface samples the same (full-resolution) wrap more sparsely.
        m = build_surface(fn, lod(rings, detail) - 2, lod(segs, detail), 0.0);
    }
    return m;
}

} // namespace sh::anatomy::leg_parts
