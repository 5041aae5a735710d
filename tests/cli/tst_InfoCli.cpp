// spinegrade-cli info: the stable JSON of the README, exit status, bad input.
#include "tests/support/CliRun.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

// The shared runner, with the output as bytes for the JSON parser.
Run cli(const QStringList& args)
{
    const sg::test::CliRun r = sg::test::runCli(args);
    return {r.exitCode, r.out.toUtf8(), r.err.toUtf8()};
}

// make_hostile_dicom.py (python3 + pydicom) writes the hostile files at test time.
bool makeHostile(const QString& dir, const QStringList& specs)
{
    QProcess p;
    p.start(qEnvironmentVariable("SG_PYTHON3", "python3"),
        QStringList {sg::test::sourceDir() + "/tests/core/make_hostile_dicom.py", dir} + specs);
    return p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestInfoCli : public QObject {
    Q_OBJECT
private slots:
    // --deidentify: keys instead of UIDs, no descriptions, skipped files counted, not named.
    void deidentifiedJsonNamesNoUidOrFile()
    {
        QTemporaryDir dir;
        sg::test::SeriesSpec spec = sg::test::lumbarSeries(32, 32, 2);
        spec.patientName = "DOE^JANE";
        QVERIFY(sg::test::writeSeries(dir.path().toStdString() + "/DOE_JANE", spec).ok());
        QVERIFY(QFile::copy(sg::test::pydicomDataDir() + "/MR_truncated.dcm", dir.path() + "/cut.dcm"));
        const Run r = cli({"info", dir.path(), "--json", "--deidentify"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(root["skipped"].toInt(), 1);
        const QJsonObject study = root["studies"].toArray()[0].toObject();
        QCOMPARE(study.keys(), (QStringList {"series", "study"}));
        QCOMPARE(study["study"].toString(), QString("S001"));
        const QJsonObject series = study["series"].toArray()[0].toObject();
        QCOMPARE(series.keys(), (QStringList {"modality", "number", "stacks"}));
        for (const QByteArray s : {QByteArray::fromStdString(spec.studyUid), QByteArray::fromStdString(spec.seriesUid),
                 QByteArray("DOE"), QByteArray("cut.dcm"), QByteArray("test)"), dir.path().toUtf8()})
            QVERIFY2(!r.out.contains(s), s.constData());
    }

    void printsTheDocumentedJson()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString() + "/series", sg::test::lumbarSeries(40, 48, 3)).ok());
        QVERIFY(QFile::copy(sg::test::pydicomDataDir() + "/MR_truncated.dcm", dir.path() + "/cut.dcm"));
        const Run r = cli({"info", dir.path(), "--json"});
        QCOMPARE(r.exitCode, 0); // files were skipped, but the scan ran
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(root.keys(), (QStringList {"skipped", "studies"}));
        const QJsonArray studies = root["studies"].toArray();
        QCOMPARE(studies.size(), 1);
        const QJsonObject study = studies[0].toObject();
        QCOMPARE(study.keys(), (QStringList {"series", "study_uid"}));
        const QJsonObject series = study["series"].toArray()[0].toObject();
        QCOMPARE(series.keys(), (QStringList {"description", "modality", "series_uid", "stacks"}));
        QCOMPARE(series["modality"].toString(), QString("MR"));
        const QJsonArray stacks = series["stacks"].toArray();
        QCOMPARE(stacks.size(), 5);
        const char* levels[5] = {"L5/S1", "L4/L5", "L3/L4", "L2/L3", "L1/L2"};
        for (int i = 0; i < 5; ++i) {
            const QJsonObject st = stacks[i].toObject();
            QCOMPARE(st.keys(),
                (QStringList {"columns", "level", "orientation", "pixel_spacing", "rows", "slice_spacing", "slices"}));
            QCOMPARE(st["level"].toString(), QString(levels[i]));
            QCOMPARE(st["slices"].toInt(), 3);
            QCOMPARE(st["rows"].toInt(), 40);
            QCOMPARE(st["columns"].toInt(), 48);
            QCOMPARE(st["pixel_spacing"].toArray().size(), 2);
            QVERIFY(std::abs(st["slice_spacing"].toDouble() - 4.0) < 1e-3);
            QCOMPARE(st["orientation"].toArray().size(), 6);
        }
        const QJsonArray skipped = root["skipped"].toArray();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped[0].toObject()["file"].toString().endsWith("cut.dcm"));
        QVERIFY(skipped[0].toObject()["reason"].toString().startsWith("truncated"));
    }

    void unassignedLevelIsNull()
    {
        const Run r = cli({"info", sg::test::pydicomDataDir() + "/MR_small.dcm", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject st =
            QJsonDocument::fromJson(r.out).object()["studies"][0]["series"][0]["stacks"][0].toObject();
        QVERIFY(st["level"].isNull());
    }

    void readableOutputNamesSkippedFiles()
    {
        QTemporaryDir dir;
        QFile junk(dir.path() + "/junk.bin");
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not dicom at all");
        junk.close();
        const Run r = cli({"info", dir.path()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("junk.bin: not a DICOM file"));
    }

    void missingPathIsReportedNotFatal()
    {
        const Run r = cli({"info", "/no/such/folder", "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object()["skipped"].toArray().size(), 1);
    }

    void hostileFilesAreSkippedAndTheJsonStaysValid()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString() + "/series", sg::test::lumbarSeries(32, 32, 2)).ok());
        QVERIFY(makeHostile(dir.path(),
            {"bits12:b12.dcm", "bits1:b1.dcm", "huge_rle:huge.dcm", "large_rle:big:3", "bits12:bad\\nname.dcm",
                "bits12:caf\\xe9.dcm"}));
        const Run r = cli({"info", dir.path(), "--json"});
        QCOMPARE(r.exitCode, 0); // before: GDCM's assert did not reach `info`, but names broke nothing either
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(QString::fromUtf8(r.out).toUtf8(), r.out); // valid UTF-8 throughout
        QCOMPARE(root["studies"].toArray().size(), 1);
        QMap<QString, QString> reasons;
        for (const QJsonValue& v : root["skipped"].toArray())
            reasons[QFileInfo(v["file"].toString()).fileName()] = v["reason"].toString();
        QCOMPARE(reasons.size(), 8);
        QCOMPARE(reasons["b12.dcm"], QString("unsupported BitsAllocated 12 (only 8 and 16 are read)"));
        QCOMPARE(reasons["b1.dcm"], QString("unsupported BitsAllocated 1 (only 8 and 16 are read)"));
        QCOMPARE(
            reasons["huge.dcm"], QString("slice of 32768x32768 pixels exceeds the limit of 4096x4096 (--max-slice)"));
        QCOMPARE(reasons["big_2"], QString("slice of 8192x8192 pixels exceeds the limit of 4096x4096 (--max-slice)"));
        QCOMPARE(reasons["bad\nname.dcm"], QString("unsupported BitsAllocated 12 (only 8 and 16 are read)"));
        QVERIFY(reasons.contains(QString::fromUtf8("caf\xEF\xBF\xBD.dcm"))); // the byte replaced, not dropped

        // The readable listing keeps one file per line: the newline and the byte are escaped.
        const Run text = cli({"info", dir.path()});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("/bad\\nname.dcm: unsupported BitsAllocated 12"), text.out.constData());
        QVERIFY2(text.out.contains("/caf\\xE9.dcm: unsupported BitsAllocated 12"), text.out.constData());
    }

    void theSliceLimitIsSettable()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(32, 40, 1)).ok());
        const Run r = cli({"info", dir.path(), "--json", "--max-slice", "16x16"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray skipped = QJsonDocument::fromJson(r.out).object()["skipped"].toArray();
        QCOMPARE(skipped.size(), 5);
        QCOMPARE(
            skipped[0]["reason"].toString(), QString("slice of 40x32 pixels exceeds the limit of 16x16 (--max-slice)"));
        QVERIFY(cli({"info", dir.path(), "--max-slice", "big"}).exitCode != 0);
    }

    void aMissingReaderHelperIsOneClearLine()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("SPINEGRADE_DICOM_READER", "/nonexistent/spinegrade-dicom-reader");
        p.setProcessEnvironment(env);
        p.start(sg::test::cliPath(), {"info", sg::test::pydicomDataDir() + "/MR_small.dcm"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains("the DICOM reader helper is missing: SPINEGRADE_DICOM_READER names "
                              "/nonexistent/spinegrade-dicom-reader"),
            qPrintable(err));
    }

    void usageErrorsExitNonZero()
    {
        QVERIFY(cli({"info"}).exitCode != 0);
        QVERIFY(cli({"no-such-command"}).exitCode != 0);
        const Run help = cli({"info", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--json"));
    }
};

QTEST_GUILESS_MAIN(TestInfoCli)
#include "tst_InfoCli.moc"
