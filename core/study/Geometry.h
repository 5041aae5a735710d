#pragma once
// Patient-space geometry (DICOM LPS, millimetres) of slices and stacks.
#include <array>
#include <cmath>

namespace sg::core {

using Vec3 = std::array<double, 3>;

inline Vec3 operator-(const Vec3& a, const Vec3& b)
{
    return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}
inline Vec3 operator+(const Vec3& a, const Vec3& b)
{
    return {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
}
inline Vec3 operator*(double s, const Vec3& a)
{
    return {s * a[0], s * a[1], s * a[2]};
}
inline double dot(const Vec3& a, const Vec3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
inline Vec3 cross(const Vec3& a, const Vec3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
inline double norm(const Vec3& a)
{
    return std::sqrt(dot(a, a));
}
inline Vec3 normalized(const Vec3& a)
{
    const double n = norm(a);
    return n > 0 ? Vec3 {a[0] / n, a[1] / n, a[2] / n} : a;
}

// ImageOrientationPatient: direction of a row (increasing column) then of a column
// (increasing row), each a unit vector in LPS.
struct Orientation {
    Vec3 row {1, 0, 0};
    Vec3 column {0, 1, 0};
    Vec3 normal() const { return normalized(cross(row, column)); }
    bool approxEquals(const Orientation& other, double tolerance = 1e-3) const
    {
        return norm(row - other.row) < tolerance && norm(column - other.column) < tolerance;
    }
};

// Window centre/width in output (rescaled) units.
struct WindowLevel {
    double center = 0;
    double width = 1;
    bool valid() const { return width > 0 && std::isfinite(center) && std::isfinite(width); }
};

} // namespace sg::core
