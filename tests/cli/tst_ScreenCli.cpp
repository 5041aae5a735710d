// spinegrade-cli screen: the stable JSON of the issue on a generated study (every slice, keys
// in order, probabilities, patches inside the slice, worst grade per level from the slices),
// the readable table, and a missing model or folder as one clear line.
#include "tests/support/CliRun.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>

using sg::test::runCli;

namespace {

// make_hostile_dicom.py (python3 + pydicom) writes the hostile files at test time.
bool makeHostile(const QString& dir, const QStringList& specs, const QString& templateFile = {})
{
    QStringList args {sg::test::sourceDir() + "/tests/core/make_hostile_dicom.py", dir};
    if (!templateFile.isEmpty())
        args << "--template" << templateFile;
    QProcess p;
    p.start(qEnvironmentVariable("SG_PYTHON3", "python3"), args + specs);
    return p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestScreenCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(sg::test::cliPath()).isExecutable(), qPrintable(sg::test::cliPath()));
        QVERIFY(m_dir.isValid());
        const auto r = runCli({"phantom", "--out", m_dir.path(), "--patients", "1", "--seed", "31337", "--size", "384",
            "--prevalence", "1,1,1,1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_study = m_dir.path() + "/SYN-31337-0001";
    }

    void jsonHasTheDocumentedShape()
    {
        const auto r = runCli({"screen", m_study, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = doc.object();
        QCOMPARE(root.keys(), (QStringList {"levels", "model", "skipped", "slices"}));
        // The model and its card's status: the shipped weights are research use only.
        const QJsonObject model = root["model"].toObject();
        QCOMPARE(model["name"].toString(), QStringLiteral("spinegrade-synthetic"));
        QCOMPARE(model["status"].toString(), QStringLiteral("research use, trained on synthetic studies"));
        QCOMPARE(model["banner"].toString(), QString::fromUtf8("Research use — trained on synthetic studies only"));
        QVERIFY(qAbs(model["grade_temperature"].toDouble() - 1) > 0.05); // calibrated, not the default
        // Nothing is dropped silently: the generator's ground truth beside the slices is listed.
        const QJsonArray skipped = root["skipped"].toArray();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped[0]["file"].toString().endsWith("/ground_truth.json"));
        QVERIFY(skipped[0]["reason"].toString().startsWith("not a DICOM file"));
        // Key order is part of the stable format: check it in the text.
        QVERIFY(r.out.startsWith("{\"slices\":[{\"sop_uid\":\""));
        QVERIFY(r.out.contains("\"level\":") && r.out.indexOf("\"canal_found\"") < r.out.indexOf("\"patch\""));

        const int files = QDir(m_study).entryList({"*.dcm"}, QDir::Files).size();
        const QJsonArray slices = root["slices"].toArray();
        QCOMPARE(slices.size(), files);
        QSet<QString> uids;
        int found = 0;
        for (const QJsonValue& v : slices) {
            const QJsonObject s = v.toObject();
            QCOMPARE(
                s.keys(), (QStringList {"canal", "canal_found", "grade", "level", "not_graded", "patch", "sop_uid"}));
            uids.insert(s["sop_uid"].toString());
            QVERIFY(s["level"].isString() && s["level"].toString().startsWith('L'));
            if (!s["canal_found"].toBool()) {
                QVERIFY(s["patch"].isNull() && s["grade"].isNull());
                continue;
            }
            ++found;
            const QJsonObject patch = s["patch"].toObject();
            QVERIFY(patch["x"].toDouble() >= 0 && patch["y"].toDouble() >= 0);
            QVERIFY(patch["w"].toDouble() > 10 && patch["x"].toDouble() + patch["w"].toDouble() <= 384);
            QVERIFY(patch["h"].toDouble() > 10 && patch["y"].toDouble() + patch["h"].toDouble() <= 384);
            const QJsonObject canal = s["canal"].toObject();
            QVERIFY(qAbs(canal["rootlet"].toDouble() + canal["cord"].toDouble() - 1) < 1e-6);
            const QJsonObject grade = s["grade"].toObject();
            QCOMPARE(grade.keys(), (QStringList {"A", "B", "C", "D"}));
            double sum = 0;
            for (const QString& g : grade.keys())
                sum += grade[g].toDouble();
            QVERIFY(qAbs(sum - 1) < 1e-6);
        }
        QCOMPARE(found, files); // every slice of a generated study shows its canal

        const QJsonArray levels = root["levels"].toArray();
        QVERIFY(levels.size() >= 3 && levels.size() <= 5);
        for (const QJsonValue& v : levels) {
            const QJsonObject l = v.toObject();
            QCOMPARE(l.keys(), (QStringList {"level", "not_graded", "probability", "sop_uid", "worst_grade"}));
            QVERIFY(l["not_graded"].isNull()); // a generated study is in distribution
            QVERIFY(QStringList({"A", "B", "C", "D"}).contains(l["worst_grade"].toString()));
            QVERIFY(l["probability"].toDouble() > 0.25 && l["probability"].toDouble() <= 1);
            QVERIFY(uids.contains(l["sop_uid"].toString()));
        }
    }

    // --deidentify: slices and levels named by key, no UID, no file, skipped files counted.
    void deidentifiedJsonNamesSlicesByKey()
    {
        const auto r = runCli({"screen", m_study, "--json", "--deidentify"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root["skipped"].toInt(), 1);
        const QJsonArray slices = root["slices"].toArray();
        QVERIFY(!slices.isEmpty());
        QSet<QString> keys;
        for (const QJsonValue& v : slices) {
            QVERIFY(!v.toObject().contains("sop_uid"));
            keys.insert(v["key"].toString());
        }
        QCOMPARE(keys.size(), slices.size()); // one key each
        QVERIFY2(keys.contains("S001 L4/L5 #1"), qPrintable(r.out));
        for (const QJsonValue& v : root["levels"].toArray())
            QVERIFY(keys.contains(v["key"].toString()));
        QVERIFY(!r.out.contains("2.25.") && !r.out.contains("1.2.826") && !r.out.contains(m_dir.path()));
        QVERIFY(!r.out.contains("SYN-31337") && !r.out.contains("ground_truth"));
    }

    void readableTableWithoutJson()
    {
        const auto r = runCli({"screen", m_study});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains("model spinegrade-synthetic") && r.out.contains("worst grade per level"), qPrintable(r.out));
        QVERIFY2(r.out.contains(QString::fromUtf8("status: Research use — trained on synthetic studies only")),
            qPrintable(r.out));
    }

    // A study whose slices hold noise (the generated study with its pixel data replaced):
    // every level says "not graded" and why, in the JSON and the table, instead of a grade.
    void noiseStudyIsNotGraded()
    {
        QTemporaryDir dir;
        const QStringList files = QDir(m_study).entryList({"*.dcm"}, QDir::Files);
        QVERIFY(!files.isEmpty());
        std::srand(5);
        for (const QString& name : files) {
            QFile in(m_study + "/" + name);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QByteArray bytes = in.readAll();
            const qsizetype pixels = 384 * 384 * 2; // uncompressed 16-bit, the file's last element
            QVERIFY(bytes.size() > pixels);
            for (qsizetype i = bytes.size() - pixels; i < bytes.size(); i += 2) {
                const int v = std::rand() % 1000;
                bytes[i] = static_cast<char>(v & 0xff);
                bytes[i + 1] = static_cast<char>(v >> 8);
            }
            QFile out(dir.path() + "/" + name);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes);
        }
        const auto r = runCli({"screen", dir.path(), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray levels = root["levels"].toArray();
        QCOMPARE(levels.size(), 5);
        for (const QJsonValue& v : levels) {
            QVERIFY(v["worst_grade"].isNull());
            QVERIFY2(v["not_graded"].toString().startsWith("input unlike the training images"),
                qPrintable(v["not_graded"].toString()));
        }
        for (const QJsonValue& v : root["slices"].toArray())
            QVERIFY(v["grade"].isNull() && !v["not_graded"].toString().isEmpty());
        const auto table = runCli({"screen", dir.path()});
        QVERIFY2(table.out.contains("not graded: input unlike the training images"), qPrintable(table.out));
    }

    void missingModelIsOneClearLine()
    {
        QTemporaryDir empty;
        const auto r = runCli({"screen", m_study, "--model", empty.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(empty.path() + "/manifest.json"), qPrintable(r.err));
    }

    // The CNN runs in the ML plugin (libspinegrade-ml.so), loaded when screen needs it. A
    // missing file, a file that is not a library, or a library that is not the plugin is one
    // line naming the file and what is wrong, and exit status 1: never a crash.
    void brokenMlPluginIsOneClearLine_data()
    {
        QTest::addColumn<QString>("plugin");
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing") << m_dir.filePath("no-such-plugin.so") << "which is not a file";
        QTest::newRow("text file") << m_dir.filePath("plugin.txt") << "cannot load the ML plugin";
        QTest::newRow("another library") << QStringLiteral("/lib/x86_64-linux-gnu/libz.so.1")
                                         << "not a SpineGrade ML plugin (no symbol sg_ml_plugin_abi)";
    }
    void brokenMlPluginIsOneClearLine()
    {
        QFETCH(QString, plugin);
        QFETCH(QString, problem);
        QFile text(m_dir.filePath("plugin.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly) && text.write("not a shared library\n") > 0);
        text.close();
        if (!QFileInfo::exists(plugin) && !plugin.startsWith(m_dir.path()))
            QSKIP("no libz.so.1 at the Debian path");
        qputenv("SPINEGRADE_ML_PLUGIN", plugin.toUtf8());
        const auto r = runCli({"screen", m_study});
        qunsetenv("SPINEGRADE_ML_PLUGIN");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(plugin) && r.err.contains(problem), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count('\n'), 0);
    }

    // A folder with no usable study is an error, and with --json the error is JSON too: a
    // script gets the files skipped and why (it got no output at all).
    void folderWithoutDicomIsAnError()
    {
        QTemporaryDir empty;
        QFile junk(empty.filePath("x.dcm"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not DICOM at all\n");
        junk.close();
        const auto r = runCli({"screen", empty.path(), "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no DICOM study"), qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject j = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(r.out));
        QVERIFY(j.value("slices").toArray().isEmpty());
        QVERIFY2(j.value("error").toString().contains("no DICOM study"), qPrintable(r.out));
        const QJsonArray skipped = j.value("skipped").toArray();
        QCOMPARE(skipped.size(), 1);
        QVERIFY(skipped[0].toObject().value("file").toString().endsWith("x.dcm"));
        QVERIFY(!skipped[0].toObject().value("reason").toString().isEmpty());
    }

    void hostileSlicesAreSkippedAndTheRestIsScreened()
    {
        // The generated study with its first slice made 12-bit in place (the end of a stack,
        // so the stacks and levels stay as they were), a 1-bit slice (GDCM asserted on it in
        // the program: SIGABRT), a 32768x32768 RLE slice and 3 of 8192x8192 beside it.
        QTemporaryDir dir;
        const QStringList files = QDir(m_study).entryList({"*.dcm"}, QDir::Files, QDir::Name);
        for (const QString& f : files)
            QVERIFY(QFile::copy(m_study + "/" + f, dir.path() + "/" + f));
        const QString victim = files.first();
        QVERIFY(makeHostile(dir.path(), {"bits12:" + victim}, dir.path() + "/" + victim));
        QVERIFY(makeHostile(dir.path(), {"bits1:one_bit.dcm"}, dir.path() + "/" + files.last()));
        QVERIFY(makeHostile(dir.path(), {"huge_rle:huge.dcm", "large_rle:large:3"}));

        const auto r = runCli({"screen", dir.path(), "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root["slices"].toArray().size(), files.size() - 1);
        QVERIFY(!root["levels"].toArray().isEmpty());
        QMap<QString, QString> reasons;
        for (const QJsonValue& v : root["skipped"].toArray())
            reasons[QFileInfo(v["file"].toString()).fileName()] = v["reason"].toString();
        QCOMPARE(reasons.size(), 6);
        QCOMPARE(reasons["one_bit.dcm"], QString("unsupported BitsAllocated 1 (only 8 and 16 are read)"));
        QCOMPARE(reasons[victim], QString("unsupported BitsAllocated 12 (only 8 and 16 are read)"));
        QCOMPARE(
            reasons["huge.dcm"], QString("slice of 32768x32768 pixels exceeds the limit of 4096x4096 (--max-slice)"));
        QVERIFY2(r.err.contains("skipped " + dir.path() + "/" + victim + ": unsupported BitsAllocated 12"),
            qPrintable(r.err));
    }

    void theLargestHostileSliceStaysUnderAMemoryBound()
    {
        // A 33 MB file of 32768x32768 RLE pixels (2 GB as 16-bit, 4 GB as float) in the
        // study's series: before, `screen` grew to 5.8 GB on it. Now its header is refused.
        // GNU time gives the peak RSS of the CLI and of the readers it reaped (it stops
        // them before it exits); the readers are bounded by RLIMIT_AS besides.
        QTemporaryDir dir;
        const QStringList files = QDir(m_study).entryList({"*.dcm"}, QDir::Files, QDir::Name);
        for (const QString& f : files.mid(0, 4))
            QVERIFY(QFile::copy(m_study + "/" + f, dir.path() + "/" + f));
        QVERIFY(makeHostile(dir.path(), {"huge_rle:huge.dcm"}, dir.path() + "/" + files.first()));
        QProcess p;
        p.start("/usr/bin/time", {"-v", sg::test::cliPath(), "screen", dir.path(), "--json"});
        QVERIFY(p.waitForFinished(300000));
        QCOMPARE(p.exitCode(), 0);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const auto m = QRegularExpression("Maximum resident set size \\(kbytes\\): (\\d+)").match(err);
        QVERIFY2(m.hasMatch(), qPrintable(err));
        const double peakMb = m.captured(1).toDouble() / 1024;
        qInfo("peak RSS of spinegrade-cli screen on a 32768x32768 RLE slice: %.0f MB", peakMb);
        QVERIFY2(peakMb < 1500, qPrintable(QString::number(peakMb)));
        QVERIFY(err.contains("huge.dcm: slice of 32768x32768 pixels exceeds the limit of 4096x4096"));
    }

private:
    QTemporaryDir m_dir;
    QString m_study;
};

QTEST_GUILESS_MAIN(TestScreenCli)
#include "tst_ScreenCli.moc"
