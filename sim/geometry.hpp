#pragma once
// Small 3D vector type for the simulator's leg geometry (centimetres). The simulator stays free
// of GLM so that it builds and tests with nothing but a C++ compiler and nlohmann-json.

#include <cmath>

namespace sh::sim {

struct Vec3 {
    double x = 0, y = 0, z = 0;
};

inline Vec3 operator+(Vec3 a, Vec3 b) {
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline Vec3 operator-(Vec3 a, Vec3 b) {
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
inline Vec3 operator*(Vec3 a, double s) {
    return {a.x * s, a.y * s, a.z * s};
}
inline double dot(Vec3 a, Vec3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline double length(Vec3 a) {
    return std::sqrt(dot(a, a));
}
inline Vec3 lerp(Vec3 a, Vec3 b, double t) {
    return a + (b - a) * t;
}

} // namespace sh::sim
