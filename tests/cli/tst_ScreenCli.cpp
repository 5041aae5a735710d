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
#include <QProcessEnvironment>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using sg::test::runCli;

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
        QCOMPARE(root.keys(), (QStringList {"levels", "slices"}));
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
            QCOMPARE(s.keys(), (QStringList {"canal", "canal_found", "grade", "level", "patch", "sop_uid"}));
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
            QCOMPARE(l.keys(), (QStringList {"level", "probability", "sop_uid", "worst_grade"}));
            QVERIFY(QStringList({"A", "B", "C", "D"}).contains(l["worst_grade"].toString()));
            QVERIFY(l["probability"].toDouble() > 0.25 && l["probability"].toDouble() <= 1);
            QVERIFY(uids.contains(l["sop_uid"].toString()));
        }
    }

    void readableTableWithoutJson()
    {
        const auto r = runCli({"screen", m_study});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains("model spinegrade-synthetic") && r.out.contains("worst grade per level"), qPrintable(r.out));
    }

    void missingModelIsOneClearLine()
    {
        QTemporaryDir empty;
        const auto r = runCli({"screen", m_study, "--model", empty.path()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(empty.path() + "/manifest.json"), qPrintable(r.err));
    }

    void folderWithoutDicomIsAnError()
    {
        QTemporaryDir empty;
        const auto r = runCli({"screen", empty.path(), "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no DICOM study"), qPrintable(r.err));
    }

private:
    QTemporaryDir m_dir;
    QString m_study;
};

QTEST_GUILESS_MAIN(TestScreenCli)
#include "tst_ScreenCli.moc"
