// spinegrade-cli stats: exit status, messages and the shape of both outputs.
#include "tests/support/CliRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using sg::test::CliRun;
using sg::test::runCli;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return f.fileName();
}

const QByteArray kLabels = "item,rater,task,label\n"
                           "s1,analyzer1,grade,A\ns1,analyzer2,grade,A\ns1,cnn,grade,B\n"
                           "s2,analyzer1,grade,C\ns2,analyzer2,grade,C\n"
                           "s3,analyzer1,grade,A\ns3,analyzer2,grade,B\ns3,cnn,grade,A\n"
                           "s1,analyzer1,canal,rootlet\ns1,analyzer2,canal,rootlet\n";

} // namespace

class TestStatsCommand : public QObject {
    Q_OBJECT
private slots:
    void badCsvNamesTheLine()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, "bad.csv", "item,rater,task,label\ns1,a,grade,A\ns2,a,grade,E\n");
        const CliRun r = runCli({"stats", "--csv", file});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("line 3") && r.err.contains("'E'"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QVERIFY(runCli({"stats", "--csv", dir.filePath("missing.csv")}).exitCode != 0);
    }

    void aSourceIsRequired() { QVERIFY(runCli({"stats"}).exitCode != 0); }

    void jsonHasTheStableShape()
    {
        QTemporaryDir dir;
        const CliRun r = runCli({"stats", "--csv", writeFile(dir, "l.csv", kLabels), "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject tasks = QJsonDocument::fromJson(r.out.toUtf8()).object().value("tasks").toObject();
        QCOMPARE(tasks.keys(), (QStringList {"canal", "grade"}));
        const QJsonObject grade = tasks.value("grade").toObject();
        const QJsonObject analyzer1 = grade.value("raters").toObject().value("analyzer1").toObject();
        QCOMPARE(analyzer1.value("counts").toObject().value("C").toInt(), 1);
        const QJsonArray pairs = grade.value("pairs").toArray();
        QCOMPARE(pairs.size(), 6); // ordered pairs of 3 raters
        const QJsonObject first = pairs[0].toObject();
        QCOMPARE(first.value("reference").toString(), QString("analyzer1"));
        QCOMPARE(first.value("other").toString(), QString("analyzer2"));
        QCOMPARE(first.value("n").toInt(), 3);
        QCOMPARE(first.value("percent_agreement").toDouble(), 2.0 / 3.0);
        for (const char* key : {"n_dropped", "percent_agreement_ci95", "kappa", "pabak", "gwet_ac1", "f1_macro",
                 "f1_weighted", "per_class", "confusion", "kappa_max", "prevalence_index", "bias_index", "gwet_ac1_se",
                 "gwet_ac1_ci95", "stuart_maxwell", "bowker", "bootstrap"})
            QVERIFY2(first.contains(key), key);
        QCOMPARE(first.value("bowker").toObject().keys(), (QStringList {"df", "p", "statistic"}));
        // The default bootstrap, each item its own cluster (no study column), said in the JSON.
        const QJsonObject boot = first.value("bootstrap").toObject();
        QCOMPARE(boot.value("replicates").toInt(), 2000);
        QCOMPARE(boot.value("clustered_by").toString(), QString("item"));
        QCOMPARE(boot.value("clusters").toInt(), 3);
        for (const char* key : {"seed", "percent_agreement_ci95", "kappa_unweighted_ci95", "kappa_linear_ci95",
                 "kappa_quadratic_ci95", "gwet_ac1_ci95", "f1_macro_ci95", "design_effect"})
            QVERIFY2(boot.contains(key), key);
        for (const char* key : {"fleiss_kappa_se", "krippendorff_alpha"})
            QVERIFY2(grade.contains(key), key);
        QCOMPARE(first.value("kappa").toObject().keys(), (QStringList {"linear", "quadratic", "unweighted"}));
        QCOMPARE(grade.value("views").toObject().keys(), (QStringList {"A vs B-D", "A-B vs C-D"}));
        // canal: analyzer1 and analyzer2 both said rootlet on one item: kappa undefined, printed null.
        const QJsonObject canalPair = tasks.value("canal").toObject().value("pairs").toArray()[0].toObject();
        QVERIFY(canalPair.value("kappa").toObject().value("unweighted").toObject().value("value").isNull());
        // A pair with no common item has n 0 and nothing else.
        const CliRun sparse = runCli({"stats", "--json", "--csv",
            writeFile(dir, "s.csv", "item,rater,task,label\ns1,a,grade,A\ns2,b,grade,B\n")});
        const QJsonObject none = QJsonDocument::fromJson(sparse.out.toUtf8())
                                     .object()
                                     .value("tasks")
                                     .toObject()
                                     .value("grade")
                                     .toObject()
                                     .value("pairs")
                                     .toArray()[0]
                                     .toObject();
        QCOMPARE(none.keys(), (QStringList {"n", "other", "reference"}));
        QCOMPARE(none.value("n").toInt(), 0);
    }

    void readableOutputLeadsWithThePaperTable()
    {
        QTemporaryDir dir;
        const CliRun r = runCli({"stats", "--csv", writeFile(dir, "l.csv", kLabels)});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split('\n');
        QVERIFY(lines.size() > 3);
        QVERIFY2(lines[1].startsWith("task") && lines[1].contains("macro-F1") && lines[1].contains("kappa"),
            qPrintable(r.out));
        QVERIFY2(lines[2].startsWith("grade") && lines[2].contains("analyzer1") && lines[2].contains("66.7%") &&
                lines[2].contains(" [") && lines[2].contains("] moderate"),
            qPrintable(lines[2]));
        QVERIFY2(
            r.out.contains("Bootstrap: 2000 replicates, seed 20241201, each item its own cluster (no study given)"),
            qPrintable(r.out));
        // --bootstrap and --seed are what the output says it used.
        const CliRun seeded =
            runCli({"stats", "--csv", writeFile(dir, "l2.csv", kLabels), "--bootstrap", "300", "--seed", "9"});
        QVERIFY2(seeded.out.contains("Bootstrap: 300 replicates, seed 9"), qPrintable(seeded.out));
    }

    // A kappa's large-sample CI (value +/- 1.96 SE) passes 1 on few items; the text prints it
    // bounded to [-1, 1] (the JSON keeps the raw interval, as statsmodels gives it).
    void textBoundsEveryIntervalToItsRange()
    {
        QTemporaryDir dir;
        const QByteArray labels = "item,rater,task,label\n"
                                  "s1,ann,grade,A\ns1,bob,grade,A\ns2,ann,grade,A\ns2,bob,grade,A\n"
                                  "s3,ann,grade,B\ns3,bob,grade,B\ns4,ann,grade,B\ns4,bob,grade,A\n"
                                  "s5,ann,grade,C\ns5,bob,grade,C\n";
        const QString file = writeFile(dir, "few.csv", labels);
        const CliRun json = runCli({"stats", "--csv", file, "--json"});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject grade =
            QJsonDocument::fromJson(json.out.toUtf8()).object().value("tasks").toObject().value("grade").toObject();
        const QJsonObject pair = grade.value("pairs").toArray()[0].toObject();
        const double rawHigh =
            pair.value("kappa").toObject().value("unweighted").toObject().value("ci95").toArray()[1].toDouble();
        QVERIFY2(rawHigh > 1.0, qPrintable(QString::number(rawHigh))); // the case is real
        const CliRun text = runCli({"stats", "--csv", file});
        QCOMPARE(text.exitCode, 0);
        const QRegularExpression ci("\\[(-?\\d+\\.\\d+), (-?\\d+\\.\\d+)\\]");
        int intervals = 0;
        for (auto m = ci.globalMatch(text.out); m.hasNext();) {
            const auto match = m.next();
            for (int end : {1, 2})
                QVERIFY2(std::abs(match.captured(end).toDouble()) <= 1.0, qPrintable(match.captured(0)));
            ++intervals;
        }
        QVERIFY2(intervals > 10, qPrintable(text.out));
        QVERIFY2(text.out.contains(", 1.000]"), qPrintable(text.out));
    }
};

QTEST_GUILESS_MAIN(TestStatsCommand)
#include "tst_StatsCommand.moc"
