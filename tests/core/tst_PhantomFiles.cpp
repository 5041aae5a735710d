// What the phantom writes to disk: byte-identical for a seed, valid DICOM by dciodvfy,
// and found again by the program's own scanner with the levels of the ground truth.
#include "core/dicom/DicomScanner.h"
#include "core/phantom/GroundTruthJson.h"
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace sg::core;

namespace {

// Relative path -> SHA-256 of every file under `root`.
std::map<QString, QByteArray> digests(const QString& root)
{
    std::map<QString, QByteArray> out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out[QDir(root).relativeFilePath(path)] = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
    }
    return out;
}

QString readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TestPhantomFiles : public QObject {
    Q_OBJECT
private slots:
    void sameSeedGivesIdenticalBytes()
    {
        QTemporaryDir a, b, c, single;
        PhantomOptions o;
        o.seed = 5;
        o.size = 128;
        QVERIFY(generatePhantomPatients(o, 2, a.path().toStdString()).ok());
        QVERIFY(generatePhantomPatients(o, 2, b.path().toStdString()).ok());
        const auto da = digests(a.path()), db = digests(b.path());
        QVERIFY(da.size() > 2 * 15);
        QVERIFY(da == db);

        // Patient k is the same whatever the number of patients asked for.
        QVERIFY(generatePhantomStudy(o, single.path().toStdString(), 1).ok());
        const auto ds = digests(single.path());
        QVERIFY(!ds.empty());
        for (const auto& [name, hash] : ds) {
            QVERIFY2(name.startsWith("SYN-5-0002/"), qPrintable(name));
            QCOMPARE(da.at(name), hash);
        }

        // Another seed: other patients, other files.
        o.seed = 6;
        QVERIFY(generatePhantomPatients(o, 1, c.path().toStdString()).ok());
        const auto dc = digests(c.path());
        QVERIFY(dc.count("SYN-6-0001/ground_truth.json") == 1);
        QVERIFY(dc.count("SYN-5-0001/ground_truth.json") == 0);
        QVERIFY(dc.at("SYN-6-0001/IM0001.dcm") != da.at("SYN-5-0001/IM0001.dcm"));
    }

    void dciodvfyFindsNoErrors()
    {
        const QString tool = "/usr/bin/dciodvfy";
        if (!QFileInfo::exists(tool))
            QFAIL("dciodvfy missing (Debian package dicom3tools; CI installs it)");
        QTemporaryDir dir;
        PhantomOptions o;
        o.seed = 21;
        o.size = 256;
        QVERIFY(generatePhantomStudy(o, dir.path().toStdString()).ok());
        QDirIterator it(dir.path(), {"*.dcm"}, QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            QProcess p;
            p.start(tool, {file});
            QVERIFY(p.waitForFinished(30000));
            const QString report = QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError());
            QVERIFY2(report.contains("MRImage"), qPrintable(report)); // it recognised an MR image
            for (const QString& line : report.split('\n'))
                QVERIFY2(!line.startsWith("Error"), qPrintable(file + ": " + line));
            ++files;
        }
        QVERIFY(files >= 15);
    }

    void scannerFindsTheFiveLevelsOfTheGroundTruth()
    {
        QTemporaryDir dir;
        PhantomOptions o;
        o.seed = 33;
        o.size = 192;
        QVERIFY(generatePhantomPatients(o, 2, dir.path().toStdString()).ok());
        const ScanResult scan = scanPath(dir.path().toStdString());
        QCOMPARE(int(scan.studies.size()), 2);
        for (const Study& study : scan.studies) {
            QVERIFY(QString::fromStdString(study.patientId).startsWith("SYN-33-"));
            QVERIFY(QString::fromStdString(study.patientName).startsWith("SYNTHETIC^"));
            const QString root = dir.path() + "/" + QString::fromStdString(study.patientId);
            const auto truth = groundTruthFromJson(readText(root + "/ground_truth.json").toStdString());
            QVERIFY2(truth.ok(), truth.ok() ? "" : truth.error().c_str());
            std::map<std::string, PhantomSliceTruth> bySop;
            for (const PhantomSliceTruth& t : *truth)
                bySop[t.sopInstanceUid] = t;

            QCOMPARE(int(study.series.size()), 1);
            const Series& series = study.series.front();
            QCOMPARE(QString::fromStdString(series.description), QString("T2 AX LUMBAR (synthetic)"));
            QCOMPARE(int(series.stacks.size()), 5);
            QCOMPARE(series.sliceCount(), int(truth->size()));
            for (size_t i = 0; i < series.stacks.size(); ++i) {
                const Stack& st = series.stacks[i];
                QVERIFY(st.level.has_value());
                QCOMPARE(*st.level, kAllLevels[4 - i]); // feet first: L5/S1 .. L1/L2
                QVERIFY(st.slices.size() >= 3 && st.slices.size() <= 5);
                QVERIFY(st.sliceSpacing >= 4.0 - 1e-3 && st.sliceSpacing <= 4.5 + 1e-3);
                for (const SliceRef& ref : st.slices) {
                    QVERIFY2(bySop.count(ref.sopInstanceUid), ref.sopInstanceUid.c_str());
                    const PhantomSliceTruth& t = bySop[ref.sopInstanceUid];
                    QCOMPARE(t.level, *st.level);
                    QCOMPARE(t.rowSpacing, st.rowSpacing);
                    // The canal and its patch lie inside the image.
                    QVERIFY(t.canalCol > 0 && t.canalCol < st.columns && t.canalRow > 0 && t.canalRow < st.rows);
                    QVERIFY(t.patchX <= t.canalCol && t.canalCol <= t.patchX + t.patchW);
                    QVERIFY(t.patchY <= t.canalRow && t.canalRow <= t.patchY + t.patchH);
                    QVERIFY(t.patchX + t.patchW <= st.columns && t.patchY + t.patchH <= st.rows);
                    QCOMPARE(t.grade.has_value(), !t.cord);
                    QVERIFY(ref.window && ref.window->valid());
                }
            }
        }
    }

    void groundTruthRoundTrips()
    {
        PhantomOptions o;
        o.size = 96;
        const PhantomStudy study = renderPhantomStudy(o, 0);
        std::vector<PhantomSliceTruth> truth;
        for (const PhantomSlice& s : study.slices)
            truth.push_back(s.truth);
        const std::string text = groundTruthToJson(truth);
        const auto back = groundTruthFromJson(text);
        QVERIFY(back.ok());
        QCOMPARE(groundTruthToJson(*back), text);
        QVERIFY(!groundTruthFromJson("{\"slices\":[{\"level\":\"T12/L1\"}]}").ok());
        QVERIFY(!groundTruthFromJson("not json").ok());
    }

    void unwritableOutputIsAnError()
    {
        QTemporaryDir dir;
        QFile blocker(dir.path() + "/file");
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        PhantomOptions o;
        o.size = 64;
        const Status s = generatePhantomPatients(o, 1, (dir.path() + "/file/sub").toStdString());
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.error()).contains("cannot create output folder"), s.error().c_str());
    }

    void progressCanCancel()
    {
        QTemporaryDir dir;
        PhantomOptions o;
        o.size = 64;
        int calls = 0;
        sg::core::Progress progress;
        sg::core::Progress stopAtAThird(
            [&](int64_t done, int64_t total, const std::string&) {
                ++calls;
                if (done >= total / 3)
                    progress.cancel();
            },
            &progress);
        const Status s = generatePhantomPatients(o, 3, dir.path().toStdString(), stopAtAThird);
        QCOMPARE(QString::fromStdString(s.error()), QString("cancelled"));
        QVERIFY(calls > 1);
        QVERIFY(!QFileInfo::exists(dir.path() + "/SYN-1-0003"));
    }
};

QTEST_GUILESS_MAIN(TestPhantomFiles)
#include "tst_PhantomFiles.moc"
