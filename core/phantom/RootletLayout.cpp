#include "core/phantom/RootletLayout.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>

namespace sg::core {
namespace {

// Where rootlets may lie, in the sac's unit disc (u toward patient left, v posterior).
using Region = std::function<bool(double u, double v)>;

Region regionFor(const LevelGrade& g)
{
    if (g.grade == SchizasGrade::B)
        return [](double u, double v) { return u * u + v * v < 0.9 * 0.9; };
    switch (g.subgrade) {
    case 1: // dorsal, less than half the sac
        return [](double u, double v) { return v > 0.3 && u * u + v * v < 0.85 * 0.85; };
    case 2: { // dorsal horseshoe against the dura
        return [](double u, double v) {
            const double r = std::hypot(u, v);
            return r > 0.6 && r < 0.88 && v > -0.2;
        };
    }
    case 3: // dorsal, more than half the sac
        return [](double u, double v) { return v > -0.3 && u * u + v * v < 0.86 * 0.86; };
    default: // A4: central, most of the sac
        return [](double u, double v) { return u * u + (v - 0.05) * (v - 0.05) < 0.62 * 0.62; };
    }
}

// Dart throwing: random points in the region at least `minGap` apart.
void scatter(std::vector<Rootlet>& out, const SacEllipse& sac, const Region& inside, int count, double radius,
    double minGap, PhantomRng& rng)
{
    const size_t first = out.size();
    for (int i = 0; i < count; ++i) {
        for (int attempt = 0; attempt < 40; ++attempt) {
            const double u = rng.uniform(-1, 1), v = rng.uniform(-1, 1);
            const double r = radius * rng.uniform(0.85, 1.15);
            if (!inside(u, v))
                continue;
            const double x = sac.cx + u * sac.rx, y = sac.cy + v * sac.ry;
            const bool clear = std::none_of(out.begin() + static_cast<long>(first), out.end(),
                [&](const Rootlet& o) { return std::hypot(o.x - x, o.y - y) < r + o.rx + minGap; });
            if (clear) {
                out.push_back({x, y, r, r * rng.uniform(0.85, 1.1), false});
                break;
            }
        }
    }
}

} // namespace

std::vector<Rootlet> layoutSacContents(const LevelAnatomy& level, const SacEllipse& sac, bool cord, double cordRadius,
    double heightAboveTip, PhantomRng& rng)
{
    std::vector<Rootlet> out;
    if (cord) {
        // The conus narrows over its last ~2 cm; roots gather around it.
        const double taper = std::clamp(0.45 + heightAboveTip / 25.0, 0.45, 1.0);
        const double r = cordRadius * taper;
        out.push_back({sac.cx, sac.cy + 0.1 * sac.ry, 1.25 * r, r, true});
        const int around = taper < 1 ? rng.uniformInt(8, 14) : rng.uniformInt(0, 4);
        const double inner = 1.25 * r / sac.rx + 0.12;
        scatter(
            out, sac,
            [inner](double u, double v) {
                const double d = std::hypot(u, v);
                return d > inner && d < 0.9;
            },
            around, 0.8, 0.4, rng);
        return out;
    }
    const bool crowded = level.grade.grade == SchizasGrade::B;
    const double radius = crowded ? 1.15 : 0.95;
    const double gap = crowded ? 0.15 : 0.35;
    scatter(out, sac, regionFor(level.grade), level.rootletCount, radius, gap, rng);
    return out;
}

} // namespace sg::core
