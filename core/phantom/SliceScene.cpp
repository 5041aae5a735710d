#include "core/phantom/SliceScene.h"

#include "core/phantom/RootletLayout.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sg::core {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// Collects shapes in the canal frame (origin at the nominal canal centre, x patient left,
// y posterior) and moves them into the image plane with the patient's position and roll.
class SceneBuilder {
public:
    SceneBuilder(const PatientAnatomy& a, SliceScene& scene) : m_a(a), m_scene(scene)
    {
        const auto canal = canalInPlane(a);
        m_tx = canal[0];
        m_ty = canal[1];
        m_rot = a.rotationDegrees * kDeg;
    }

    void add(double cx, double cy, double rx, double ry, double angle, Tissue t, uint32_t over = kAnyTissue,
        float signalScale = 1.0f)
    {
        const double c = std::cos(m_rot), s = std::sin(m_rot);
        SceneEllipse e;
        e.cx = m_tx + cx * c - cy * s;
        e.cy = m_ty + cx * s + cy * c;
        e.rx = rx;
        e.ry = ry;
        e.angle = angle + m_rot;
        e.tissue = t;
        e.signal = m_a.signal[static_cast<size_t>(t)] * signalScale;
        e.over = over;
        m_scene.shapes.push_back(e);
    }
    // The same shape on the patient's right (side -1) and left (+1), mirrored.
    void addPair(double cx, double cy, double rx, double ry, double angle, Tissue t, uint32_t over = kAnyTissue,
        float signalScale = 1.0f)
    {
        for (int side : {-1, 1})
            add(side * cx, cy, rx, ry, side > 0 ? angle : std::numbers::pi - angle, t, over, signalScale);
    }
    // A bone: dark cortex around marrow.
    void addBonePair(double cx, double cy, double rx, double ry, double angle, double cortex)
    {
        addPair(cx, cy, rx, ry, angle, Tissue::Cortex);
        addPair(cx, cy, std::max(0.3, rx - cortex), std::max(0.3, ry - cortex), angle, Tissue::Marrow);
    }

private:
    const PatientAnatomy& m_a;
    SliceScene& m_scene;
    double m_tx, m_ty, m_rot;
};

void addBodyWall(SceneBuilder& b, const PatientAnatomy& a, const LevelAnatomy& l, PhantomRng& rng)
{
    const double D = a.canalDepth, W = a.bodyHalfWidth, H = a.bodyHalfDepth, f = a.fatThickness;
    b.add(0, -D, W, H, 0, Tissue::SubcutaneousFat);
    // Flanks: the body is not an ellipse; fat bulges sideways, more in some patients.
    b.addPair(0.55 * W, -D + 0.1 * H, (0.45 + a.flankBulge) * W, 0.72 * H, 0, Tissue::SubcutaneousFat);
    b.add(0, -D, W - f, H - f, 0, Tissue::Muscle);
    b.add(0, -D - 3, W - f - 7, H - f - 8, 0, Tissue::Viscera);
    // Bowel loops: fluid-filled bright, gas-filled black, inside the abdomen only.
    const int loops = rng.uniformInt(8, 14);
    for (int i = 0; i < loops; ++i) {
        const double x = rng.uniform(-(W - f - 25), W - f - 25);
        const double y = rng.uniform(-D - (H - f - 22), -D + 12);
        const Tissue t = rng.chance(0.25) ? Tissue::BowelGas : Tissue::BowelFluid;
        b.add(x, y, rng.uniform(4, 13), rng.uniform(4, 10), rng.uniform(0, std::numbers::pi), t,
            tissueBit(Tissue::Viscera), static_cast<float>(rng.uniform(0.6, 1.0)));
    }
    // Retroperitoneal fat around the spine and psoas, up to the back muscles' fascia.
    const double back = -D + H - f, front = -2 * l.discHalfDepth - 26;
    b.add(0, 0.5 * (back + front), std::min(0.5 * W, 85.0), 0.5 * (back - front), 0, Tissue::SubcutaneousFat);
    if (static_cast<int>(l.level) <= 1) // kidneys beside the upper lumbar spine
        b.addPair(l.discHalfWidth + 2 * l.psoasRadius + 22, -8, 24, 15, 65 * kDeg, Tissue::Viscera, kAnyTissue, 1.6f);
}

// A supine patient lies on the table: the back is flattened.
void flattenBack(SceneBuilder& b, const PatientAnatomy& a, double depth)
{
    const double big = 600;
    b.add(0, -a.canalDepth + a.bodyHalfDepth - depth + big, 3 * a.bodyHalfWidth, big, 0, Tissue::Air,
        tissueBit(Tissue::SubcutaneousFat) | tissueBit(Tissue::Muscle));
}

void addMuscles(SceneBuilder& b, const PatientAnatomy& a, const LevelAnatomy& l, double discY, PhantomRng& rng)
{
    const int i = static_cast<int>(l.level);
    const double pr = l.psoasRadius;
    b.addPair(l.discHalfWidth + 0.6 * pr - 2, discY + 3, 0.8 * pr, pr, 10 * kDeg, Tissue::Muscle);
    if (i <= 3) // quadratus lumborum, lateral to the psoas above the pelvis
        b.addPair(l.discHalfWidth + 1.2 * pr + 14, 6, 13, 8, -30 * kDeg, Tissue::Muscle);
    const double ps = a.paraspinalSize, sy = l.sacHalfDepth + 0.85 * ps;
    b.addPair(1.2 * ps + 2, sy, 1.2 * ps, 0.95 * ps, 5 * kDeg, Tissue::Muscle);
    // The fat plane between multifidus and erector spinae, and fatty streaks of ageing.
    b.addPair(1.1 * ps + 3, sy + 2, 0.75 * ps, 0.7, 75 * kDeg, Tissue::SubcutaneousFat, tissueBit(Tissue::Muscle));
    const int streaks = static_cast<int>(std::lround(l.muscleFat * 12));
    for (int k = 0; k < streaks; ++k) {
        const double x = rng.uniform(6, 2 * ps), y = sy + rng.uniform(-0.6, 0.6) * ps;
        b.addPair(x, y, rng.uniform(2, 7), rng.uniform(0.5, 1.2), rng.uniform(0, std::numbers::pi),
            Tissue::SubcutaneousFat, tissueBit(Tissue::Muscle));
    }
}

// Aorta and vena cava in front of the spine; below the bifurcation, the iliac vessels.
void addVessels(SceneBuilder& b, const LevelAnatomy& l, double discFront)
{
    if (static_cast<int>(l.level) <= 2) {
        b.add(12, discFront - 10, 9, 9, 0, Tissue::FlowVoid);
        b.add(-15, discFront - 8, 11, 7, 0, Tissue::FlowVoid);
    } else {
        b.addPair(20, discFront - 9, 5.5, 5.5, 0, Tissue::FlowVoid);
        b.addPair(13, discFront - 4, 6.5, 5, 0, Tissue::FlowVoid);
    }
}

// Disc (annulus around a nucleus that darkens with degeneration) or, away from the disc
// centre, the vertebral body with its pedicles.
void addVertebra(SceneBuilder& b, const LevelAnatomy& l, double discY, bool throughDisc)
{
    if (throughDisc) {
        b.add(0, discY, l.discHalfWidth, l.discHalfDepth, 0, Tissue::Annulus);
        const float nucleus = static_cast<float>(1.0 - 0.65 * l.discDegeneration);
        b.add(0, discY + 1.5, 0.55 * l.discHalfWidth, 0.45 * l.discHalfDepth, 0, Tissue::Nucleus, kAnyTissue, nucleus);
    } else {
        b.add(0, discY, l.discHalfWidth + 1.2, l.discHalfDepth + 1.2, 0, Tissue::Cortex);
        b.add(0, discY, l.discHalfWidth, l.discHalfDepth, 0, Tissue::Marrow);
        b.addBonePair(l.sacHalfWidth + 3.5, -1.5, 7, 4.5, 70 * kDeg, 1.2); // pedicles
    }
    if (l.level == Level::L5S1) // iliac wings beside the lumbosacral junction
        b.addBonePair(l.discHalfWidth + 2 * l.psoasRadius + 14, 16, 34, 8, -55 * kDeg, 1.5);
}

// Spinous process, laminae and facet joints; the joint line converges forward and
// hypertrophy (`hyp`) grows the facets toward the sac.
void addPosteriorArch(SceneBuilder& b, const LevelAnatomy& l, double ra, double hyp)
{
    const double sa = l.sacHalfWidth, sb = l.sacHalfDepth;
    b.add(0, sb + 27, 3.2, 19, 0, Tissue::Cortex);
    b.add(0, sb + 27, 1.8, 17, 0, Tissue::Marrow);
    const double lx0 = sa + 6, ly0 = 0.5 * sb + 5, lx1 = 1.5, ly1 = sb + 9.5; // lamina ends
    b.addBonePair(0.5 * (lx0 + lx1), 0.5 * (ly0 + ly1), 0.5 * std::hypot(lx0 - lx1, ly0 - ly1) + 1.5, 2.8,
        std::atan2(ly1 - ly0, lx1 - lx0), 1.1);
    const double angle = (90 - 38 - 10 * static_cast<int>(l.level) / 4.0) * kDeg;
    const double rx = 8 + 3 * hyp, ry = 5.5 + 2.5 * hyp;
    const double x = ra + 2.5 + 0.6 * ry + 3, y = 0.45 * sb + 2.5;
    b.addBonePair(x, y, rx, ry, angle, 1.2);
    b.addPair(x, y, rx - 1.5, 0.55, angle, Tissue::JointFluid, tissueBit(Tissue::Marrow));
}

// The dural sac as the grade makes it: squeezed to `f` of its area by the disc bulge in
// front and the ligamentum flavum behind, its contents laid out by RootletLayout.
void addSac(SceneBuilder& b, const PatientAnatomy& a, const LevelAnatomy& l, const SlicePlacement& p, bool throughDisc,
    PhantomRng& rng)
{
    const double sa = l.sacHalfWidth, sb = l.sacHalfDepth;
    const double f = p.cord ? std::max(l.sacAreaFraction, 0.9) : l.sacAreaFraction;
    const double hyp = 1.0 - f; // how hypertrophic the disc, facets and ligaments are
    const double ra = sa * std::pow(f, 0.3), rb = sb * std::pow(f, 0.7);
    const double sacY = 0.35 * (sb - rb); // the bulging disc pushes the sac backward

    b.add(0, 0.5, sa + 3.5, sb + 4.5, 0, Tissue::EpiduralFat);
    addPosteriorArch(b, l, ra, hyp);
    // In D the ligamentum flavum fills the midline up to the lamina: no posterior fat left.
    if (!p.cord && l.grade.grade == SchizasGrade::D)
        b.add(0, sacY + rb + 4.5, 0.75 * ra + 2, 6.5, 0, Tissue::Ligament);

    // Disc bulge (or the ridge at the endplate) up to the front of the sac. Its outer layer
    // does not cover the nucleus or the body's marrow, so they read as one outline.
    const double front = sacY - rb - (hyp < 0.12 ? 1.0 : 0.1), bulgeRy = 7;
    if (throughDisc) {
        b.add(0, front - bulgeRy, sa + 6, bulgeRy, 0, Tissue::Annulus, ~tissueBit(Tissue::Nucleus));
    } else {
        b.add(0, front - bulgeRy, sa + 6, bulgeRy, 0, Tissue::Cortex, ~tissueBit(Tissue::Marrow));
        b.add(0, front - bulgeRy - 0.4, sa + 4.8, bulgeRy - 1.2, 0, Tissue::Marrow);
    }

    const bool compressed = !p.cord && l.grade.grade >= SchizasGrade::C;
    b.add(0, sacY, ra, rb, 0, compressed ? Tissue::CompressedSac : Tissue::Csf);

    // Ligamentum flavum on the inner face of each lamina, thickening into the sac's
    // posterolateral wall (the trefoil of a stenotic canal).
    const double psi = 55 * kDeg, thick = 2.0 + 4.5 * hyp, intrude = 0.3 + 1.2 * hyp;
    const double qx = ra * std::sin(psi), qy = sacY + rb * std::cos(psi);
    const double nx0 = std::sin(psi) / ra, ny0 = std::cos(psi) / rb, nn = std::hypot(nx0, ny0);
    const double nx = nx0 / nn, ny = ny0 / nn; // outward normal of the sac wall
    b.addPair(qx + nx * (thick - intrude), qy + ny * (thick - intrude), 5.5 + 2 * hyp, thick, std::atan2(nx, -ny),
        Tissue::Ligament);

    if (!compressed) {
        const double heightAboveTip = p.canalCenter[2] - a.conusTipZ;
        const SacEllipse sac {0, sacY, ra, rb};
        for (const Rootlet& r : layoutSacContents(l, sac, p.cord, a.cordRadius, heightAboveTip, rng))
            b.add(r.x, r.y, r.rx, r.ry, 0, r.cord ? Tissue::Cord : Tissue::Rootlet, tissueBit(Tissue::Csf));
    }
}

} // namespace

SliceScene buildSliceScene(const PatientAnatomy& a, const SlicePlacement& p)
{
    const LevelAnatomy& l = a.levels[static_cast<size_t>(p.level)];
    // Seeded per level, not per slice: the slices of one stack, 4 mm apart, show the same
    // bowel loops, muscle streaks and rootlets; only the disc, bone and conus change.
    PhantomRng rng(mixSeed({a.seed, 0x51ce, static_cast<uint64_t>(p.level)}));
    SliceScene scene;
    scene.nominalSacWidth = 2 * l.sacHalfWidth;
    SceneBuilder b(a, scene);
    const double discY = -(l.sacHalfDepth + 1.5 + l.discHalfDepth);
    const bool throughDisc = std::abs(p.offsetFromDisc) <= l.discHalfHeight;
    addBodyWall(b, a, l, rng);
    addVessels(b, l, discY - l.discHalfDepth);
    addMuscles(b, a, l, discY, rng);
    addVertebra(b, l, discY, throughDisc);
    addSac(b, a, l, p, throughDisc, rng);
    flattenBack(b, a, a.backFlattening);
    // Broad bends of the whole section and a finer wiggle of the outlines; gentle enough
    // that the map never folds (amplitude times wave number stays well below 1).
    for (int i = 0; i < 6; ++i) {
        const bool fine = i >= 4;
        const double wavelength = fine ? rng.uniform(7, 12) : rng.uniform(35, 90);
        const double k = 2 * std::numbers::pi / wavelength, turn = rng.uniform(0, std::numbers::pi);
        scene.warp.push_back(
            {fine ? rng.uniform(0.2, 0.4) : rng.uniform(0.6, 1.4), k * std::cos(turn), k * std::sin(turn),
                rng.uniform(0, 2 * std::numbers::pi), rng.uniform(0, 2 * std::numbers::pi), i % 2 == 0});
    }
    return scene;
}

} // namespace sg::core
