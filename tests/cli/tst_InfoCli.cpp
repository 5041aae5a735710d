// spinegrade-cli info: the stable JSON of the README, exit status, bad input.
#include "tests/support/CliRun.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

} // namespace

class TestInfoCli : public QObject {
    Q_OBJECT
private slots:
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
