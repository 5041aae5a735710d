// Hostile DICOM files, written at test time by make_hostile_dicom.py (python3 + pydicom):
// each is refused or skipped with a reason that names the file and the limit, nothing
// GDCM parses runs in this process (a GDCM assert here would kill the test), and the good
// slices beside a bad one still load.
#include "core/dicom/DicomReader.h"
#include "core/dicom/DicomScanner.h"
#include "core/dicom/ScanJson.h"
#include "core/dicom/SeriesLoader.h"
#include "tests/support/SeriesFactory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

using namespace sg::core;

namespace {

// Runs the generator; each spec is CASE:NAME[:COUNT] (see the script's header).
bool makeHostile(const QString& dir, const QStringList& specs, const QString& templateFile = {})
{
    QStringList args {qEnvironmentVariable("SG_SOURCE_DIR") + "/tests/core/make_hostile_dicom.py", dir};
    if (!templateFile.isEmpty())
        args << "--template" << templateFile;
    QProcess p;
    p.start(qEnvironmentVariable("SG_PYTHON3", "python3"), args + specs);
    if (!p.waitForFinished(300000) || p.exitCode() != 0) {
        qWarning("make_hostile_dicom.py failed: %s", p.readAllStandardError().constData());
        return false;
    }
    return true;
}

QString reasonFor(const std::vector<SkippedFile>& skipped, const std::string& file)
{
    for (const SkippedFile& s : skipped)
        if (s.file == file)
            return QString::fromStdString(s.reason);
    return QStringLiteral("(not skipped)");
}

// The reason of the one skipped path that ends with `suffix` (links change the path).
QString reasonEndingWith(const std::vector<SkippedFile>& skipped, const std::string& suffix)
{
    for (const SkippedFile& s : skipped)
        if (s.file.size() >= suffix.size() && s.file.compare(s.file.size() - suffix.size(), suffix.size(), suffix) == 0)
            return QString::fromStdString(s.reason);
    return QStringLiteral("(not skipped)");
}

std::string at(const QTemporaryDir& dir, const char* name)
{
    return dir.path().toStdString() + "/" + name;
}

// A good series of 10 slices (5 stacks of 2) the hostile files sit beside.
void writeGoodSeries(const QString& dir)
{
    sg::test::SeriesSpec spec = sg::test::lumbarSeries(32, 32, 2);
    spec.shuffleNames = false;
    QVERIFY(sg::test::writeSeries(dir.toStdString(), spec).ok());
}

} // namespace

class TestHostileDicom : public QObject {
    Q_OBJECT
private slots:
    void eachHostileHeaderIsRefusedWithItsReason_data()
    {
        QTest::addColumn<QString>("hostileCase");
        QTest::addColumn<QString>("reason");
        // The cases GDCM asserted on (SIGABRT in the program before) come first.
        QTest::newRow("BitsAllocated 12") << "bits12"
                                          << "unsupported BitsAllocated 12 (only 8 and 16 are read)";
        QTest::newRow("BitsAllocated 1") << "bits1"
                                         << "unsupported BitsAllocated 1 (only 8 and 16 are read)";
        QTest::newRow("BitsAllocated 32") << "bits32"
                                          << "unsupported BitsAllocated 32 (only 8 and 16 are read)";
        QTest::newRow("32768x32768 RLE") << "huge_rle"
                                         << "slice of 32768x32768 pixels exceeds the limit of 4096x4096 (--max-slice)";
        QTest::newRow("Rows 0") << "rows0"
                                << "invalid image size: Rows 0, Columns 0";
        QTest::newRow("Rows 65535") << "rows65535"
                                    << "slice of 65535x65535 pixels exceeds the limit of 4096x4096 (--max-slice)";
        QTest::newRow("Rows -1 (SS)") << "rows_negative"
                                      << "invalid image size: Rows -1, Columns 64";
        QTest::newRow("HighBit 15 of 12 stored")
            << "bad_highbit"
            << "HighBit 15 does not match BitsStored 12 (it must be BitsStored - 1)";
        QTest::newRow("half the pixels") << "truncated_native"
                                         << "truncated: the file holds";
        QTest::newRow("twice the pixels") << "pixel_length_mismatch"
                                          << "pixel data holds 16384 bytes where Rows x";
        QTest::newRow("NaN position") << "nan_geometry"
                                      << "no usable geometry";
    }
    void eachHostileHeaderIsRefusedWithItsReason()
    {
        QFETCH(QString, hostileCase);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        writeGoodSeries(dir.path());
        QVERIFY(makeHostile(dir.path(), {hostileCase + ":hostile.dcm"}));
        const ScanResult r = scanPath(dir.path().toStdString());
        const QString got = reasonFor(r.skipped, at(dir, "hostile.dcm"));
        QVERIFY2(got.startsWith(reason), qPrintable(got));
        QCOMPARE(r.skipped.size(), size_t(1));
        // The good series beside it is found and loads whole.
        QCOMPARE(r.sliceCount(), 10);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        QVERIFY2(loaded.failed.empty(), loaded.failed.empty() ? "" : loaded.failed[0].reason.c_str());
    }

    void aBadSliceInsideAStudyCostsThatSliceOnly()
    {
        QTemporaryDir dir;
        writeGoodSeries(dir.path());
        // IM3 becomes 12-bit (refused from its header), IM6 a corrupt RLE stream with a
        // sound header (fails in the decoder): both keep their study, series and place.
        const QString im3 = dir.path() + "/IM3", im6 = dir.path() + "/IM6";
        QVERIFY(makeHostile(dir.path(), {"bits12:IM3"}, im3));
        QVERIFY(makeHostile(dir.path(), {"corrupt_rle:IM6"}, im6));
        const ScanResult r = scanPath(dir.path().toStdString());
        QVERIFY(reasonFor(r.skipped, im3.toStdString()).startsWith("unsupported BitsAllocated 12"));
        QCOMPARE(r.sliceCount(), 9);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        QCOMPARE(loaded.failed.size(), size_t(1));
        QCOMPARE(loaded.failed[0].file, im6.toStdString());
        QVERIFY2(!loaded.failed[0].reason.empty(), "a reason");
        int read = 0;
        for (const LoadedStack& st : loaded.stacks)
            for (const SliceImage& img : st.slices)
                read += !img.empty();
        QCOMPARE(read, 8);
    }

    void manyLargeRleSlicesAreRefusedFromTheirHeaders()
    {
        QTemporaryDir dir;
        QVERIFY(makeHostile(dir.path(), {"large_rle:big:40"}));
        const ScanResult r = scanPath(dir.path().toStdString());
        QCOMPARE(r.sliceCount(), 0);
        QCOMPARE(r.skipped.size(), size_t(40));
        for (const SkippedFile& s : r.skipped)
            QCOMPARE(QString::fromStdString(s.reason),
                QString("slice of 8192x8192 pixels exceeds the limit of 4096x4096 (--max-slice)"));
    }

    void aSliceAtTheLimitStillLoads()
    {
        // 4096x4096 RLE: 32 MB as stored, decoded under the reader's address-space limit.
        QTemporaryDir dir;
        QVERIFY(makeHostile(dir.path(), {"limit_rle:at_limit.dcm"}));
        const ScanResult r = scanPath(dir.path().toStdString());
        QVERIFY2(r.skipped.empty(), r.skipped.empty() ? "" : r.skipped[0].reason.c_str());
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        QVERIFY2(loaded.failed.empty(), loaded.failed.empty() ? "" : loaded.failed[0].reason.c_str());
        const SliceImage& img = loaded.stacks.at(0).slices.at(0);
        QCOMPARE(img.rows, 4096);
        QCOMPARE(img.pixelCount(), size_t(4096) * 4096);
        QCOMPARE(img.valueAt(img.pixelCount() - 1), 0.0f);
    }

    // Not hostile: each pixel type loads at 16 bits a pixel as the file stores it (8-bit
    // widened, signed values sign-extended), and valueAt applies the file's rescale.
    void pixelsKeepTheirStoredWidth_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("isSigned");
        QTest::newRow("uint8") << "uint8_ramp" << 8 << false;
        QTest::newRow("int8") << "int8_ramp" << 8 << true;
        QTest::newRow("uint16") << "uint16_ramp" << 16 << false;
        QTest::newRow("int16") << "int16_ramp" << 16 << true;
    }
    void pixelsKeepTheirStoredWidth()
    {
        QFETCH(QString, spec);
        QFETCH(int, bits);
        QFETCH(bool, isSigned);
        QTemporaryDir dir;
        QVERIFY(makeHostile(dir.path(), {spec + ":ramp.dcm"}));
        const ScanResult r = scanPath(dir.path().toStdString());
        QVERIFY2(r.skipped.empty(), r.skipped.empty() ? "" : r.skipped[0].reason.c_str());
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0));
        QVERIFY2(loaded.failed.empty(), loaded.failed.empty() ? "" : loaded.failed[0].reason.c_str());
        const SliceImage& img = loaded.stacks.at(0).slices.at(0);
        QCOMPARE(img.type, isSigned ? PixelType::Int16 : PixelType::UInt16);
        QCOMPARE(img.pixelCount(), size_t(64) * 64);
        QCOMPARE(img.pixelBytes(), size_t(64) * 64 * 2);
        QVERIFY(img.pixels.empty()); // no float copy beside the stored pixels
        QCOMPARE(img.rescaleSlope, 0.5);
        QCOMPARE(img.rescaleIntercept, -100.0);
        const std::vector<float> values = img.toFloat();
        for (size_t i = 0; i < img.pixelCount(); ++i) {
            const uint32_t raw = (uint32_t(i) * 4099u + 7u) % (1u << bits);
            long v = static_cast<long>(raw);
            if (isSigned && raw >= (1u << (bits - 1)))
                v -= 1L << bits;
            QCOMPARE(img.stored[i], static_cast<uint16_t>(v & 0xffff));
            const float expected = 0.5f * static_cast<float>(v) - 100.0f;
            QCOMPARE(img.valueAt(i), expected);
            QCOMPARE(values[i], expected);
        }
    }

    void limitsAreSettable()
    {
        QTemporaryDir dir;
        writeGoodSeries(dir.path());
        ReaderLimits small;
        small.maxRows = small.maxColumns = 16;
        const ScanResult refused = scanPath(dir.path().toStdString(), small);
        QCOMPARE(refused.sliceCount(), 0);
        QCOMPARE(QString::fromStdString(refused.skipped.at(0).reason),
            QString("slice of 32x32 pixels exceeds the limit of 16x16 (--max-slice)"));

        // Decoded bytes per study: three 32x32 slices of 16 bits fit, the rest are skipped.
        const ScanResult r = scanPath(dir.path().toStdString());
        LoadControl control;
        control.limits.maxStudyBytes = 3 * 32 * 32 * sizeof(uint16_t);
        const LoadedSeries loaded = loadSeries(r.studies.at(0).series.at(0), control);
        QCOMPARE(loaded.failed.size(), size_t(7));
        QVERIFY2(loaded.failed[0].reason.find("exceed the limit of 0 MB (--max-study-mb)") != std::string::npos,
            loaded.failed[0].reason.c_str());

        // A whole-scan deadline already passed: every file says so, none is dropped.
        ReaderLimits late;
        late.scanSeconds = 1e-9;
        const ScanResult timedOut = scanPath(dir.path().toStdString(), late);
        QCOMPARE(timedOut.skipped.size(), size_t(10));
        QVERIFY2(timedOut.skipped[0].reason.find("the scan's limit of 1e-09 s passed") != std::string::npos,
            timedOut.skipped[0].reason.c_str());
    }

    void aFolderScanSurvivesWhatItMeets()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeGoodSeries(dir.path() + "/series");
        // 300 folders deep, a second study of 5 slices at the bottom.
        std::string deep = root + "/deep";
        for (int i = 0; i < 300; ++i)
            deep += "/d";
        sg::test::SeriesSpec other = sg::test::lumbarSeries(16, 16, 1);
        other.studyUid += ".300";
        other.seriesUid += ".300";
        other.sopPrefix = "deep";
        QVERIFY(sg::test::writeSeries(deep, other).ok());
        // A link loop, a second link to a folder, a broken link, a named pipe.
        QVERIFY(::symlink("..", (root + "/series/loop").c_str()) == 0);
        QVERIFY(::symlink((root + "/series").c_str(), (root + "/again").c_str()) == 0);
        QVERIFY(::symlink("/nonexistent/target", (root + "/broken").c_str()) == 0);
        QVERIFY(::mkfifo((root + "/pipe").c_str(), 0600) == 0);
        // Names with a newline and with a byte that is not UTF-8 (12-bit files: skipped).
        QVERIFY(makeHostile(dir.path(), {"bits12:bad\\nname.dcm", "bits12:caf\\xe9.dcm"}));
        // A file removed after the listing, before its header is read.
        QVERIFY(QFile::copy(dir.path() + "/series/IM2", dir.path() + "/vanishing.dcm"));
        bool removed = false;
        sg::core::Progress removeOnce([&](int64_t, int64_t, const std::string&) {
            if (!removed)
                removed = QFile::remove(dir.path() + "/vanishing.dcm");
        });
        const ScanResult r = scanPath(root, {}, removeOnce);
        QVERIFY(removed);
        // The series once (not again through the link), and the study 300 folders down.
        QCOMPARE(r.studies.size(), size_t(2));
        QCOMPARE(r.sliceCount(), 15);
        QCOMPARE(reasonEndingWith(r.skipped, "/loop"),
            QString("symbolic link loop (leads back to a folder that contains it)"));
        QVERIFY(reasonFor(r.skipped, root + "/again").startsWith("not searched again") ||
            reasonFor(r.skipped, root + "/series").startsWith("not searched again"));
        QVERIFY(reasonFor(r.skipped, root + "/broken").startsWith("broken symbolic link"));
        QCOMPARE(reasonFor(r.skipped, root + "/pipe"), QString("not a DICOM file (a named pipe)"));
        QVERIFY(reasonFor(r.skipped, root + "/bad\nname.dcm").startsWith("unsupported BitsAllocated 12"));
        QVERIFY(reasonFor(r.skipped, root + "/caf\xe9.dcm").startsWith("unsupported BitsAllocated 12"));
        QVERIFY2(reasonFor(r.skipped, root + "/vanishing.dcm").startsWith("cannot read the file"),
            qPrintable(reasonFor(r.skipped, root + "/vanishing.dcm")));
        QCOMPARE(r.skipped.size(), size_t(7));
        // The JSON of `info --json` stays valid UTF-8 with these names in it.
        const std::string json = scanResultToJson(r);
        QJsonParseError error;
        QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(QString::fromUtf8(json.c_str()).toUtf8() == QByteArray::fromStdString(json));
        std::error_code ec; // QTemporaryDir gives up on the 300-level tree
        std::filesystem::remove_all(root, ec);
        QVERIFY2(!ec, ec.message().c_str());
    }

    void theHelperIsFound()
    {
        const Result<std::string> helper = findDicomReader();
        QVERIFY2(helper.ok(), helper.ok() ? "" : helper.error().c_str());
        QVERIFY(QFileInfo(QString::fromStdString(*helper)).isExecutable());
    }
};

QTEST_GUILESS_MAIN(TestHostileDicom)
#include "tst_HostileDicom.moc"
