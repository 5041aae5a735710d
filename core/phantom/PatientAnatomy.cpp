#include "core/phantom/PatientAnatomy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace sg::core {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// Sac area kept by each grade, as a fraction of the nominal sac: A barely narrowed,
// C and D a third or less (Schizas' C is typically below ~75 mm2).
constexpr std::array<std::array<double, 2>, 4> kSacFraction {{{0.82, 1.0}, {0.50, 0.66}, {0.30, 0.42}, {0.20, 0.30}}};

// Typical stack tilts (degrees, L1/L2 .. L5/S1): the lordosis tips L5/S1 most. Negative
// tilts the plane's normal anteriorly.
constexpr std::array<double, 5> kTilt {6, 2, -4, -12, -22};

// Rootlets remaining in the sac at each disc (L1/L2 .. L5/S1): roots leave level by level.
constexpr std::array<int, 5> kRootlets {24, 21, 18, 15, 11};

} // namespace

// The conus tip goes midway between the lowest L1/L2 canal centre and the highest L2/L3
// one. Stacks are tilted and the canal lies behind the disc, so the canal heights, not the
// disc heights, decide which slices show the cord.
static void placeConusBelowL1L2(PatientAnatomy& a)
{
    double lowestL1L2 = std::numeric_limits<double>::infinity();
    double highestL2L3 = -std::numeric_limits<double>::infinity();
    a.conusTipZ = -std::numeric_limits<double>::infinity(); // every canal above it for now
    for (const SlicePlacement& p : slicePlacements(a)) {
        if (p.level == Level::L1L2)
            lowestL1L2 = std::min(lowestL1L2, p.canalCenter[2]);
        else if (p.level == Level::L2L3)
            highestL2L3 = std::max(highestL2L3, p.canalCenter[2]);
    }
    a.conusTipZ = lowestL1L2 > highestL2L3 ? 0.5 * (lowestL1L2 + highestL2L3) : lowestL1L2 - 1.0;
}

PatientAnatomy samplePatientAnatomy(const PhantomOptions& options, int patientIndex)
{
    PatientAnatomy a;
    a.index = patientIndex;
    a.seed = mixSeed({options.seed, static_cast<uint64_t>(patientIndex)});
    PhantomRng rng(a.seed);
    a.size = options.size;
    // Field of view 300-340 mm whatever the matrix: 512 gives 0.59-0.66 mm pixels.
    // Rounded as a scanner's header would state them, so the DICOM text is the exact value.
    a.pixelSpacing = std::round(rng.uniform(300.0, 340.0) / options.size * 1e4) / 1e4;
    a.sliceThickness = 4.0;
    a.sliceSpacing = std::round(rng.uniform(4.0, 4.5) * 100) / 100;
    a.bodyHalfWidth = rng.uniform(142, 188);
    a.bodyHalfDepth = rng.uniform(96, 130);
    a.flankBulge = rng.uniform(0.0, 0.08);
    a.fatThickness = rng.uniform(7, 30);
    a.bodyCenterX = rng.normal(0, 5);
    a.bodyCenterY = rng.normal(-8, 5);
    a.rotationDegrees = std::clamp(rng.normal(0, 2.5), -7.0, 7.0);
    // Posterior skin to canal: subcutaneous fat plus ~45-55 mm of muscle and lamina.
    a.canalDepth = std::max(25.0, a.bodyHalfDepth - rng.uniform(45, 55) - a.fatThickness);
    a.paraspinalSize = rng.uniform(26, 34);
    a.backFlattening = rng.uniform(0.2, 0.6) * a.fatThickness + 3;
    a.cordRadius = rng.uniform(3.6, 4.6);

    const double gain = rng.uniform(0.85, 1.15);
    for (int t = 0; t < kTissueCount; ++t)
        a.signal[static_cast<size_t>(t)] =
            static_cast<float>(kTissueSignal[static_cast<size_t>(t)] * gain * rng.uniform(0.93, 1.07));
    a.biasStrength = rng.uniform(0.1, 0.35);
    a.biasAngle = rng.uniform(-0.6, 0.6);
    a.noiseSigma = a.signal[static_cast<size_t>(Tissue::Csf)] * rng.uniform(0.018, 0.035);

    const GradeSampler sampler(options.prevalence);
    const double sacWidth = rng.uniform(7.8, 10.0);
    const double sacDepth = rng.uniform(6.2, 7.8);
    double z = rng.uniform(-170, -130); // L5/S1; the table position is arbitrary
    double y = rng.normal(0, 4);
    for (int i = 4; i >= 0; --i) { // L5/S1 first, stepping up the spine
        LevelAnatomy& l = a.levels[static_cast<size_t>(i)];
        l.level = kAllLevels[static_cast<size_t>(i)];
        l.grade = sampler.sample(l.level, rng);
        if (options.levelGrades)
            l.grade = (*options.levelGrades)[static_cast<size_t>(i)];
        const auto& range = kSacFraction[static_cast<size_t>(l.grade.grade)];
        l.sacAreaFraction = rng.uniform(range[0], range[1]);
        l.discZ = z;
        l.centerY = y;
        l.tiltDegrees = kTilt[static_cast<size_t>(i)] + rng.normal(0, 2.5);
        l.sliceCount = rng.uniformInt(3, 5);
        l.sacHalfWidth = sacWidth * rng.uniform(0.95, 1.05) * (i >= 3 ? 1.05 : 1.0);
        l.sacHalfDepth = sacDepth * rng.uniform(0.95, 1.05);
        l.discHalfWidth = rng.uniform(21, 25) + 0.8 * i; // lower discs are wider
        l.discHalfDepth = rng.uniform(15, 18);
        l.discHalfHeight = rng.uniform(4.0, 5.5);
        // Lower discs degenerate more; a stenotic level nearly always has a dark disc.
        const double sev = static_cast<double>(l.grade.grade) / 3.0;
        l.discDegeneration = std::clamp(0.1 * i + 0.5 * sev + rng.uniform(-0.15, 0.25), 0.0, 1.0);
        l.psoasRadius = 7.0 + 3.4 * i + rng.uniform(-1.5, 1.5);
        l.muscleFat = std::clamp(0.05 + 0.05 * i + rng.uniform(-0.05, 0.15), 0.0, 0.5);
        l.rootletCount = kRootlets[static_cast<size_t>(i)] + rng.uniformInt(-2, 2);
        z += rng.uniform(36, 44);
        y += rng.normal(-2, 3);
    }
    // The conus usually ends near L1/L2 (from mid L1 to L2/L3 in adults).
    a.conusTipZ = a.levels[0].discZ + std::clamp(rng.normal(-4, 11), -40.0, 25.0);
    if (options.cordThroughL1L2)
        placeConusBelowL1L2(a);
    return a;
}

std::array<double, 2> canalInPlane(const PatientAnatomy& a)
{
    const double r = a.rotationDegrees * kDeg;
    // The canal lies on the body's posterior axis, which the patient's rotation turns.
    return {a.bodyCenterX - std::sin(r) * a.canalDepth, a.bodyCenterY + std::cos(r) * a.canalDepth};
}

std::vector<SlicePlacement> slicePlacements(const PatientAnatomy& a)
{
    std::vector<SlicePlacement> out;
    const std::array<double, 2> canal = canalInPlane(a);
    const double half = 0.5 * (a.size - 1) * a.pixelSpacing;
    for (int i = 4; i >= 0; --i) {
        const LevelAnatomy& l = a.levels[static_cast<size_t>(i)];
        const double t = l.tiltDegrees * kDeg;
        // Row toward patient left, column toward posterior tilted about x: anterior up,
        // patient right on the left of the screen.
        const Orientation o {{1, 0, 0}, {0, std::cos(t), -std::sin(t)}};
        const Vec3 n = o.normal();
        const Vec3 center {0, l.centerY, l.discZ};
        for (int k = 0; k < l.sliceCount; ++k) {
            SlicePlacement p;
            p.level = l.level;
            p.indexInStack = k;
            p.offsetFromDisc = (k - 0.5 * (l.sliceCount - 1)) * a.sliceSpacing;
            p.orientation = o;
            const Vec3 sliceCenter = center + p.offsetFromDisc * n;
            p.position = sliceCenter - half * o.row - half * o.column;
            p.canalCenter = sliceCenter + canal[0] * o.row + canal[1] * o.column;
            p.cord = p.canalCenter[2] > a.conusTipZ;
            out.push_back(p);
        }
    }
    return out;
}

} // namespace sg::core
