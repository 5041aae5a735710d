// The synthetic patients' ground truth agrees with their anatomy and images: grades follow
// the prevalence, the sac holds less CSF as the grade worsens, the cord lies above the conus.
#include "core/phantom/GradeSampler.h"
#include "core/phantom/MrCorruption.h"
#include "core/phantom/PatientAnatomy.h"
#include "core/phantom/PhantomOptions.h"
#include "core/phantom/PhantomStudy.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

using namespace sg::core;

namespace {

// Pixels of the noise-free image brighter than 90% of the patient's CSF signal within the
// nominal sac radius of the ground-truth canal centre, in mm2.
double brightCsfArea(const PhantomSlice& s, const PatientAnatomy& a)
{
    const double threshold = 0.9 * a.signal[static_cast<size_t>(Tissue::Csf)];
    const double radiusPx = a.levels[static_cast<size_t>(s.truth.level)].sacHalfWidth * 1.1 / a.pixelSpacing;
    const int n = s.dicom.rows;
    int count = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (std::hypot(c - s.truth.canalCol, r - s.truth.canalRow) <= radiusPx &&
                s.clean[static_cast<size_t>(r) * n + c] > threshold)
                ++count;
    return count * a.pixelSpacing * a.pixelSpacing;
}

// The same measure on the stored int16 pixels (blur, shading and Rician noise included):
// brighter than 80% of the CSF signal times the coil shading at the canal.
double storedCsfArea(const PhantomSlice& s, const PatientAnatomy& a)
{
    const int n = s.dicom.rows;
    std::vector<float> shading(static_cast<size_t>(n) * n, 1.0f);
    applyBiasField(shading, n, a);
    const size_t centre = static_cast<size_t>(std::lround(s.truth.canalRow)) * n + std::lround(s.truth.canalCol);
    const double threshold = 0.8 * a.signal[static_cast<size_t>(Tissue::Csf)] * shading[centre];
    const double radiusPx = a.levels[static_cast<size_t>(s.truth.level)].sacHalfWidth * 1.1 / a.pixelSpacing;
    int count = 0;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (std::hypot(c - s.truth.canalCol, r - s.truth.canalRow) <= radiusPx &&
                s.dicom.pixels[static_cast<size_t>(r) * n + c] > threshold)
                ++count;
    return count * a.pixelSpacing * a.pixelSpacing;
}

// Mean noise-free signal within `radiusMm` of the ground-truth canal centre.
double centreSignal(const PhantomSlice& s, const PatientAnatomy& a, double radiusMm)
{
    const int n = s.dicom.rows;
    double sum = 0;
    int count = 0;
    const double rpx = radiusMm / a.pixelSpacing;
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            if (std::hypot(c - s.truth.canalCol, r - s.truth.canalRow) <= rpx) {
                sum += s.clean[static_cast<size_t>(r) * n + c];
                ++count;
            }
    return count ? sum / count : 0;
}

// Pixels at epidural-fat signal on the midline from the sac centre back to the lamina
// (the nominal canal centre plus the sac's half depth and ~6 mm), in the noise-free image.
int posteriorFatPixels(const PhantomSlice& s, const PatientAnatomy& a)
{
    const LevelAnatomy& level = a.levels[static_cast<size_t>(s.truth.level)];
    const double fat = a.signal[static_cast<size_t>(Tissue::EpiduralFat)];
    const double rot = a.rotationDegrees * std::numbers::pi / 180.0;
    const double dirCol = -std::sin(rot), dirRow = std::cos(rot); // posterior, in pixels
    const auto canal = canalInPlane(a);
    const double half = 0.5 * (s.dicom.rows - 1);
    const double nominalCol = canal[0] / a.pixelSpacing + half, nominalRow = canal[1] / a.pixelSpacing + half;
    const double endAlong = ((nominalCol - s.truth.canalCol) * dirCol + (nominalRow - s.truth.canalRow) * dirRow) +
        (level.sacHalfDepth + 6.0) / a.pixelSpacing;
    std::set<std::pair<int, int>> hits;
    for (double t = 0; t <= endAlong; t += 0.25) {
        const int c = static_cast<int>(std::lround(s.truth.canalCol + t * dirCol));
        const int r = static_cast<int>(std::lround(s.truth.canalRow + t * dirRow));
        const double v = s.clean[static_cast<size_t>(r) * s.dicom.columns + c];
        if (std::abs(v - fat) < 0.1 * fat)
            hits.insert({r, c});
    }
    return static_cast<int>(hits.size());
}

} // namespace

class TestPhantomAnatomy : public QObject {
    Q_OBJECT
private slots:
    void defaultPrevalenceIsReproducedOverLevels()
    {
        const PhantomOptions o;
        std::array<double, 4> expected {};
        double sum = 0;
        for (double v : o.prevalence)
            sum += v;
        for (size_t g = 0; g < 4; ++g)
            expected[g] = o.prevalence[g] / sum;
        std::array<int, 4> count {};
        std::array<int, 5> stenoticAtLevel {};
        const int patients = 3000;
        for (int p = 0; p < patients; ++p) {
            const PatientAnatomy a = samplePatientAnatomy(o, p);
            for (size_t l = 0; l < 5; ++l) {
                const int g = static_cast<int>(a.levels[l].grade.grade);
                ++count[static_cast<size_t>(g)];
                stenoticAtLevel[l] += g > 0;
            }
        }
        const double n = patients * 5.0;
        for (size_t g = 0; g < 4; ++g) {
            const double observed = count[g] / n;
            const double sigma = std::sqrt(expected[g] * (1 - expected[g]) / n);
            QVERIFY2(std::abs(observed - expected[g]) < 4 * sigma + 1e-9,
                qPrintable(QString("grade %1: %2 vs %3").arg(g).arg(observed).arg(expected[g])));
        }
        // Worse grades gather at L4/L5 and L3/L4 (index = Level).
        const auto at = [&](Level l) { return stenoticAtLevel[static_cast<size_t>(l)]; };
        QVERIFY(at(Level::L4L5) > at(Level::L5S1));
        QVERIFY(at(Level::L3L4) > at(Level::L2L3));
        QVERIFY(at(Level::L4L5) > 2 * at(Level::L1L2));
    }

    void customPrevalenceIsHonoured_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("uniform") << "1,1,1,1";
        QTest::newRow("all D") << "0,0,0,1";
        QTest::newRow("no stenosis") << "1,0,0,0";
        QTest::newRow("mostly B") << "10,60,20,10";
    }
    void customPrevalenceIsHonoured()
    {
        QFETCH(QString, text);
        const auto p = parsePrevalence(text.toStdString());
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().c_str());
        const GradeSampler sampler(*p);
        PhantomRng rng(42);
        std::array<int, 4> count {};
        const int perLevel = 8000;
        for (Level l : kAllLevels) {
            const auto probs = sampler.levelProbabilities(l);
            double total = 0;
            for (double v : probs) {
                QVERIFY(v >= 0 && v <= 1);
                total += v;
            }
            QVERIFY(std::abs(total - 1) < 1e-9);
            for (int i = 0; i < perLevel; ++i)
                ++count[static_cast<size_t>(sampler.sample(l, rng).grade)];
        }
        const double sum = (*p)[0] + (*p)[1] + (*p)[2] + (*p)[3];
        for (size_t g = 0; g < 4; ++g) {
            const double expected = (*p)[g] / sum, observed = count[g] / (5.0 * perLevel);
            QVERIFY2(std::abs(observed - expected) < 0.015,
                qPrintable(QString("grade %1: %2 vs %3").arg(g).arg(observed).arg(expected)));
        }
    }

    void cordOnlyAboveTheConus()
    {
        const PhantomOptions o;
        int l1l2 = 0, l1l2Cord = 0;
        for (int p = 0; p < 400; ++p) {
            const PatientAnatomy a = samplePatientAnatomy(o, p);
            std::vector<SlicePlacement> slices = slicePlacements(a);
            for (const SlicePlacement& s : slices) {
                QCOMPARE(s.cord, s.canalCenter[2] > a.conusTipZ);
                QVERIFY2(!s.cord || s.level == Level::L1L2 || s.level == Level::L2L3, "cord below L2/L3");
                if (s.level == Level::L1L2) {
                    ++l1l2;
                    l1l2Cord += s.cord;
                }
            }
            // Along the spine, no rootlet slice lies above a cord slice.
            std::sort(slices.begin(), slices.end(),
                [](const auto& x, const auto& y) { return x.canalCenter[2] < y.canalCenter[2]; });
            bool seenCord = false;
            for (const SlicePlacement& s : slices) {
                QVERIFY2(!(seenCord && !s.cord), "rootlet slice above the conus");
                seenCord = seenCord || s.cord;
            }
        }
        // The conus level varies: L1/L2 shows the cord in some patients, rootlets in others.
        QVERIFY2(l1l2Cord > 0.15 * l1l2 && l1l2Cord < 0.85 * l1l2,
            qPrintable(QString("%1 of %2 L1/L2 slices are cord").arg(l1l2Cord).arg(l1l2)));
    }

    // The demo study must demonstrate: every grade A-D somewhere, the cord at L1/L2 and only
    // there, on several seeds so the placement does not hold by luck of one draw.
    void demoPatientShowsEveryGradeAndTheCordAtL1L2()
    {
        for (uint64_t seed : {uint64_t {2024}, uint64_t {1}, uint64_t {77}, uint64_t {9001}}) {
            PhantomOptions o = demoPhantomOptions();
            o.seed = seed;
            const PatientAnatomy a = samplePatientAnatomy(o, 0);
            std::set<SchizasGrade> grades;
            for (const LevelAnatomy& l : a.levels)
                grades.insert(l.grade.grade);
            QCOMPARE(grades.size(), size_t {4});
            for (const SlicePlacement& s : slicePlacements(a))
                QVERIFY2(s.cord == (s.level == Level::L1L2),
                    qPrintable(QString("seed %1, %2 slice %3: cord %4")
                                   .arg(seed)
                                   .arg(QString::fromStdString(std::string(levelName(s.level))))
                                   .arg(s.indexInStack)
                                   .arg(s.cord)));
        }
        QCOMPARE(demoPhantomOptions().seed, uint64_t {2024});
    }

    // Setting the grades changes the grades and nothing else about the patient.
    void setGradesKeepTheRestOfThePatient()
    {
        PhantomOptions drawn;
        drawn.seed = 2024;
        PhantomOptions set = drawn;
        set.levelGrades = demoPhantomOptions().levelGrades;
        const PatientAnatomy a = samplePatientAnatomy(drawn, 3), b = samplePatientAnatomy(set, 3);
        QCOMPARE(a.bodyHalfWidth, b.bodyHalfWidth);
        QCOMPARE(a.conusTipZ, b.conusTipZ);
        for (size_t i = 0; i < 5; ++i) {
            QCOMPARE(a.levels[i].discZ, b.levels[i].discZ);
            QCOMPARE(a.levels[i].sliceCount, b.levels[i].sliceCount);
            QCOMPARE(b.levels[i].grade.grade, (*set.levelGrades)[i].grade);
        }
    }

    void csfInsideTheSacFallsWithTheGrade()
    {
        PhantomOptions o;
        o.seed = 11;
        o.size = 256;
        o.prevalence = {1, 1, 1, 1};
        std::map<SchizasGrade, std::vector<double>> bright, exact, stored;
        for (int p = 0; p < 70; ++p) {
            const PatientAnatomy a = samplePatientAnatomy(o, p);
            int instance = 0;
            for (const SlicePlacement& sp : slicePlacements(a)) {
                ++instance;
                if (sp.cord || (sp.level != Level::L4L5 && sp.level != Level::L3L4))
                    continue;
                const PhantomSlice s = renderPhantomSlice(o, a, sp, instance, true);
                QVERIFY(s.truth.grade.has_value());
                bright[*s.truth.grade].push_back(brightCsfArea(s, a));
                exact[*s.truth.grade].push_back(s.truth.csfAreaMm2);
                stored[*s.truth.grade].push_back(storedCsfArea(s, a));
            }
        }
        const auto mean = [](const std::vector<double>& v) {
            double s = 0;
            for (double x : v)
                s += x;
            return v.empty() ? 0.0 : s / static_cast<double>(v.size());
        };
        for (auto g : {SchizasGrade::A, SchizasGrade::B, SchizasGrade::C, SchizasGrade::D})
            QVERIFY2(bright[g].size() >= 15,
                qPrintable(QString("only %1 slices of grade %2").arg(bright[g].size()).arg(QChar(gradeLetter(g)))));
        const double a = mean(bright[SchizasGrade::A]), b = mean(bright[SchizasGrade::B]);
        const double c = mean(bright[SchizasGrade::C]), d = mean(bright[SchizasGrade::D]);
        qInfo("mean bright CSF area (mm2): A %.1f  B %.1f  C %.1f  D %.1f", a, b, c, d);
        QVERIFY(a > 1.5 * b);
        QVERIFY(b > 5 * std::max(c, 1.0));
        QVERIFY(c < 0.05 * a && d < 0.05 * a); // C and D: no CSF left
        // What an analyzer sees: the stored, noisy pixels keep the order.
        const double sa = mean(stored[SchizasGrade::A]), sb = mean(stored[SchizasGrade::B]);
        const double sc = mean(stored[SchizasGrade::C]), sd = mean(stored[SchizasGrade::D]);
        qInfo("stored pixels (mm2):           A %.1f  B %.1f  C %.1f  D %.1f", sa, sb, sc, sd);
        QVERIFY(sa > 1.5 * sb);
        QVERIFY(sb > 3 * std::max(sc, 1.0));
        QVERIFY(sc < 0.05 * sa && sd < 0.05 * sa);
        // Per slice, too: every B slice keeps some CSF, no C or D slice keeps any.
        for (double v : exact[SchizasGrade::B])
            QVERIFY(v > 5);
        for (auto g : {SchizasGrade::C, SchizasGrade::D})
            for (double v : exact[g])
                QCOMPARE(v, 0.0);
    }

    void cordSlicesShowTheCordInTheSacCentre()
    {
        PhantomOptions o;
        o.seed = 3;
        o.size = 256;
        int cords = 0, rootlets = 0;
        for (int p = 0; p < 40 && (cords < 5 || rootlets < 5); ++p) {
            const PatientAnatomy a = samplePatientAnatomy(o, p);
            const double csf = a.signal[static_cast<size_t>(Tissue::Csf)];
            const double cord = a.signal[static_cast<size_t>(Tissue::Cord)];
            int instance = 0;
            for (const SlicePlacement& sp : slicePlacements(a)) {
                ++instance;
                const LevelGrade& g = a.levels[static_cast<size_t>(sp.level)].grade;
                // A1 puts every rootlet behind the centre: there the centre is pure CSF.
                const bool dorsalRootlets = !sp.cord && g.grade == SchizasGrade::A && g.subgrade == 1;
                if (!sp.cord && !dorsalRootlets)
                    continue;
                const PhantomSlice s = renderPhantomSlice(o, a, sp, instance, true);
                const double centre = centreSignal(s, a, 1.2);
                if (sp.cord) {
                    ++cords;
                    QVERIFY2(centre < 0.6 * csf && centre > 0.6 * cord,
                        qPrintable(QString("cord centre %1, cord %2, csf %3").arg(centre).arg(cord).arg(csf)));
                } else {
                    ++rootlets;
                    QVERIFY2(centre > 0.85 * csf, qPrintable(QString("A1 centre %1, csf %2").arg(centre).arg(csf)));
                }
            }
        }
        QVERIFY(cords >= 5 && rootlets >= 5);
    }

    void posteriorEpiduralFatIsLostOnlyInD()
    {
        PhantomOptions o;
        o.seed = 17;
        o.size = 384;
        o.prevalence = {0, 0, 1, 1};
        int seen[2] = {0, 0};
        for (int p = 0; p < 30; ++p) {
            const PatientAnatomy a = samplePatientAnatomy(o, p);
            int instance = 0;
            for (const SlicePlacement& sp : slicePlacements(a)) {
                ++instance;
                if (sp.cord || sp.level != Level::L4L5)
                    continue;
                const PhantomSlice s = renderPhantomSlice(o, a, sp, instance, true);
                const bool d = s.truth.grade == SchizasGrade::D;
                const int fat = posteriorFatPixels(s, a);
                ++seen[d];
                if (d)
                    QVERIFY2(fat == 0, qPrintable(QString("grade D slice with %1 fat pixels behind the sac").arg(fat)));
                else
                    QVERIFY2(fat >= 2, qPrintable(QString("grade C slice with %1 fat pixels behind the sac").arg(fat)));
            }
        }
        QVERIFY(seen[0] >= 10 && seen[1] >= 10);
    }

    void groundTruthScalesWithTheMatrix()
    {
        // The same patient at 512 and 256: the same field of view, so the canal lies at the
        // same place in millimetres and its patch covers the same tissue.
        PhantomOptions big, small;
        big.seed = small.seed = 8;
        small.size = 256;
        const PhantomStudy a = renderPhantomStudy(big, 2), b = renderPhantomStudy(small, 2);
        QCOMPARE(a.slices.size(), b.slices.size());
        for (size_t i = 0; i < a.slices.size(); ++i) {
            const PhantomSliceTruth &ta = a.slices[i].truth, &tb = b.slices[i].truth;
            const auto mm = [](const PhantomSliceTruth& t, int size, double px) {
                return (px - 0.5 * (size - 1)) * t.columnSpacing;
            };
            QVERIFY(std::abs(mm(ta, 512, ta.canalCol) - mm(tb, 256, tb.canalCol)) < 0.3);
            QVERIFY(std::abs(mm(ta, 512, ta.canalRow) - mm(tb, 256, tb.canalRow)) < 0.3);
            QVERIFY(std::abs(ta.patchW * ta.columnSpacing - tb.patchW * tb.columnSpacing) < 2 * tb.columnSpacing);
            QCOMPARE(ta.grade, tb.grade);
            QCOMPARE(ta.cord, tb.cord);
        }
    }

    void badOptionsAreRejected_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("prevalence");
        QTest::addColumn<QString>("message");
        QTest::newRow("small") << 32 << "1,1,1,1"
                               << "size";
        QTest::newRow("large") << 2048 << "1,1,1,1"
                               << "size";
        QTest::newRow("three values") << 256 << "1,2,3"
                                      << "four numbers";
        QTest::newRow("five values") << 256 << "1,2,3,4,5"
                                     << "four numbers";
        QTest::newRow("negative") << 256 << "1,-1,0,0"
                                  << "non-negative";
        QTest::newRow("all zero") << 256 << "0,0,0,0"
                                  << "zero";
        QTest::newRow("text") << 256 << "a,b,c,d"
                              << "four numbers";
        QTest::newRow("empty field") << 256 << "1,,1,1"
                                     << "four numbers";
    }
    void badOptionsAreRejected()
    {
        QFETCH(int, size);
        QFETCH(QString, prevalence);
        QFETCH(QString, message);
        PhantomOptions o;
        o.size = size;
        const auto p = parsePrevalence(prevalence.toStdString());
        std::string error;
        if (!p)
            error = p.error();
        else {
            o.prevalence = *p;
            error = validatePhantomOptions(o).error();
        }
        QVERIFY2(!error.empty(), "accepted");
        QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    }
};

QTEST_APPLESS_MAIN(TestPhantomAnatomy)
#include "tst_PhantomAnatomy.moc"
