// spinegrade-cli report, end to end: a project imported from DICOM written through ITK
// (the phantom, whose patient names, IDs, UIDs and paths the test knows), labeled by two
// analyzers, a CNN model and the lead; every export format written and checked: plots
// embedded, figures equal to `stats --db --json`, PDF pages and text, and no identifying
// string anywhere. Also `stats --db` against `stats --csv` on the same labels.
#include "core/store/ProjectStore.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace sg::core;
using namespace sg::test;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject parseObject(const QByteArray& text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

// A poppler tool's standard output; empty (and a test failure message) if it cannot run.
QByteArray poppler(const QString& tool, const QStringList& args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

// The leaves of a figure that is an object (a test's statistic/df/p, the bootstrap, Krippendorff's
// alpha): key.child, intervals (keys ending in ci95) as .low/.high.
void collectLeaves(const QString& key, const QJsonValue& v, std::map<QString, QJsonValue>& out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto c = o.begin(); c != o.end(); ++c)
            collectLeaves(key + "." + c.key(), c.value(), out);
    } else if (key.endsWith("ci95")) {
        out[key + ".low"] = v.isNull() ? QJsonValue() : v.toArray()[0];
        out[key + ".high"] = v.isNull() ? QJsonValue() : v.toArray()[1];
    } else {
        out[key] = v;
    }
}

// Every figure of a stats JSON scale object, keyed as the report's CSV names them:
// "reference|other|figure" (intervals .low/.high, confusion cells by class names).
void collectScale(const QString& where, const QJsonObject& scale, std::map<QString, QJsonValue>& out)
{
    const QJsonArray classes = scale.value("classes").toArray();
    for (const char* key : {"items", "fleiss_kappa", "fleiss_items", "fleiss_kappa_se", "krippendorff_alpha"})
        collectLeaves(where + "||" + key, scale.value(key), out);
    const QJsonObject raters = scale.value("raters").toObject();
    for (auto r = raters.begin(); r != raters.end(); ++r) {
        const QJsonObject rater = r.value().toObject();
        out[where + r.key() + "||n"] = rater.value("n");
        const QJsonObject counts = rater.value("counts").toObject();
        for (auto c = counts.begin(); c != counts.end(); ++c)
            out[where + r.key() + "||counts." + c.key()] = c.value();
    }
    for (const QJsonValue pv : scale.value("pairs").toArray()) {
        const QJsonObject pair = pv.toObject();
        const QString prefix = where + pair.value("reference").toString() + "|" + pair.value("other").toString() + "|";
        for (auto f = pair.begin(); f != pair.end(); ++f) {
            const QString key = f.key();
            if (key == "reference" || key == "other")
                continue;
            if (key == "confusion") {
                const QJsonArray rows = f.value().toArray();
                for (int i = 0; i < rows.size(); ++i)
                    for (int j = 0; j < rows[i].toArray().size(); ++j)
                        out[prefix + "confusion." + classes[i].toString() + "." + classes[j].toString()] =
                            rows[i].toArray()[j];
            } else if (key == "kappa") {
                const QJsonObject kappa = f.value().toObject();
                for (auto w = kappa.begin(); w != kappa.end(); ++w) {
                    const QJsonObject k = w.value().toObject();
                    const QString base = prefix + "kappa." + w.key() + ".";
                    out[base + "value"] = k.value("value");
                    out[base + "degenerate"] = k.value("degenerate");
                    out[base + "se"] = k.value("se");
                    const QJsonValue ci = k.value("ci95");
                    out[base + "ci95.low"] = ci.isNull() ? QJsonValue() : ci.toArray()[0];
                    out[base + "ci95.high"] = ci.isNull() ? QJsonValue() : ci.toArray()[1];
                }
            } else if (key == "per_class") {
                const QJsonObject perClass = f.value().toObject();
                for (auto c = perClass.begin(); c != perClass.end(); ++c) {
                    const QJsonObject figures = c.value().toObject();
                    for (auto g = figures.begin(); g != figures.end(); ++g)
                        out[prefix + "per_class." + c.key() + "." + g.key()] = g.value();
                }
            } else if (key == "percent_agreement_ci95") {
                out[prefix + key + ".low"] = f.value().isNull() ? QJsonValue() : f.value().toArray()[0];
                out[prefix + key + ".high"] = f.value().isNull() ? QJsonValue() : f.value().toArray()[1];
            } else if (key == "distance_counts") {
                const QJsonArray d = f.value().toArray();
                for (int i = 0; i < d.size(); ++i)
                    out[prefix + key + "." + QString::number(i)] = d[i];
            } else {
                collectLeaves(prefix + key, f.value(), out);
            }
        }
    }
}

void collectTask(const QString& task, const QString& level, const QJsonObject& t, std::map<QString, QJsonValue>& out)
{
    collectScale(task + "|all|" + level + "|", t, out);
    const QJsonObject views = t.value("views").toObject();
    for (auto v = views.begin(); v != views.end(); ++v)
        collectScale(task + "|" + v.key() + "|" + level + "|", v.value().toObject(), out);
}

std::map<QString, QJsonValue> statsFigures(const QJsonObject& tasks)
{
    std::map<QString, QJsonValue> out;
    for (auto t = tasks.begin(); t != tasks.end(); ++t) {
        collectTask(t.key(), "all", t.value().toObject(), out);
        const QJsonObject levels = t.value().toObject().value("levels").toObject();
        for (auto l = levels.begin(); l != levels.end(); ++l)
            collectTask(t.key(), l.key(), l.value().toObject(), out);
    }
    return out;
}

// The report's CSV read back (no field of this project needs quoting; a quoted one fails the test).
std::map<QString, QString> csvFigures(const QByteArray& csv, QString& error)
{
    std::map<QString, QString> out;
    const QList<QByteArray> lines = csv.split('\n');
    if (lines.value(0) != "task,view,level,reference,other,figure,value")
        error = "header: " + QString::fromUtf8(lines.value(0));
    for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty())
            continue;
        const QStringList f = QString::fromUtf8(lines[i]).split(',');
        if (f.size() != 7) {
            error = "line " + QString::number(i + 1) + ": " + QString::fromUtf8(lines[i]);
            continue;
        }
        const QString key = f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4] + "|" + f[5];
        if (!out.emplace(key, f[6]).second)
            error = "duplicate figure " + key;
    }
    return out;
}

} // namespace

// Pages of this project's PDF report: 2 of main section, then the appendix.
constexpr int kExpectedPages = 17;

class TestReportCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    QStringList m_identifying; // strings no export may contain
    int m_confusionPlots = 0;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Per task: the kappa intervals and the distributions, then a confusion heat map and a
    // per-level chart for each unordered pair with an item in common (from `stats --db`), the
    // consensus's pairs aside (their figures are in the tables).
    int expectedPlots()
    {
        const CliRun stats = runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json"});
        const QJsonObject tasks = parseObject(stats.out.toUtf8()).value("tasks").toObject();
        int plots = 0;
        for (const QString& task : tasks.keys()) {
            plots += 2;
            for (const QJsonValue p : tasks.value(task).toObject().value("pairs").toArray())
                if (p.toObject().value("reference").toString() < p.toObject().value("other").toString() &&
                    p.toObject().value("n").toInt() > 0 && p.toObject().value("reference").toString() != "consensus" &&
                    p.toObject().value("other").toString() != "consensus")
                    plots += 2;
        }
        return plots;
    }

    CliRun report(const QString& out, const QStringList& extra = {})
    {
        return runCli(QStringList {"report", "--db", m_db, "--as", sg::test::kLeadName, "--out", out} + extra);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        // A folder name that looks like a patient's, to prove paths stay out of the report.
        const QString studies = path("DOE^JANE scans");
        CliRun r = runCli({"phantom", "--out", studies, "--patients", "3", "--seed", "11", "--size", "64"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_db = path("project.sgdb");
        // Every spinegrade-cli this test starts has the lead's passphrase (issue 13).
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase);
        QCOMPARE(runCli({"project", "create", "--db", m_db, "--lead", sg::test::kLeadName}).exitCode, 0);
        r = runCli({"project", "import", "--db", m_db, studies});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"worklist", "--db", m_db});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Two analyzers: ann gives the ground truth, bob departs from it on some items.
        QByteArray csv = "item,rater,task,label\n";
        int k = 0;
        QDirIterator truths(studies, {"ground_truth.json"}, QDir::Files, QDirIterator::Subdirectories);
        while (truths.hasNext()) {
            const QString file = truths.next();
            // The folder is the DICOM PatientID; the files hold PatientName SYNTHETIC^PATIENTnnnn.
            const QString patientId = QFileInfo(file).dir().dirName();
            m_identifying << patientId;
            QDirIterator dicoms(QFileInfo(file).absolutePath(), {"*.dcm"}, QDir::Files);
            QVERIFY(dicoms.hasNext());
            const QByteArray header = readAll(dicoms.next());
            QVERIFY2(header.contains(patientId.toUtf8()), qPrintable(patientId));
            const QRegularExpressionMatch name =
                QRegularExpression("SYNTHETIC\\^PATIENT\\d{4}").match(QString::fromLatin1(header));
            QVERIFY2(name.hasMatch(), "the phantom's PatientName is not in its DICOM header");
            m_identifying << name.captured(0);
            const QJsonArray slices = parseObject(readAll(file)).value("slices").toArray();
            for (const QJsonValue sv : slices) {
                const QJsonObject s = sv.toObject();
                const QByteArray sop = s.value("sop_uid").toString().toUtf8();
                m_identifying << QString::fromUtf8(sop);
                QByteArray canal = s.value("canal").toString().toUtf8();
                QByteArray grade = s.value("grade").toString().toUtf8();
                csv += sop + ",ann,canal," + canal + "\n" + sop + ",ann,grade," + grade + "\n";
                ++k;
                if (k % 6 == 0)
                    canal = canal == "cord" ? "rootlet" : "cord";
                if (canal == "cord")
                    grade.clear();
                else if (k % 4 == 0 || grade.isEmpty())
                    grade = QByteArray(1, static_cast<char>('A' + (k / 4) % 4));
                csv += sop + ",bob,canal," + canal + "\n" + sop + ",bob,grade," + grade + "\n";
            }
        }
        QVERIFY(k > 30);
        QFile labels(path("labels.csv"));
        QVERIFY(labels.open(QIODevice::WriteOnly));
        labels.write(csv);
        labels.close();
        r = runCli({"labels", "import", "--db", m_db, "--csv", labels.fileName(), "--as", sg::test::kLeadName});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Every UID and path the project holds.
        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(store);
        const auto items = (*store)->items();
        QVERIFY(items && !items->empty());
        for (const Item& item : *items)
            m_identifying << QString::fromStdString(item.sopUidHash) << QString::fromStdString(item.seriesUidHash)
                          << QString::fromStdString(item.studyUidHash) << QString::fromStdString(item.file);
        m_identifying << studies << m_dir.path() << "DOE^JANE" << m_db;
        m_identifying.removeDuplicates();
    }

    // Before the model and the lead rate: the project's analyzers are the CSV's raters.
    void statsDbEqualsStatsCsvOnTheSameLabels()
    {
        // The bootstrap aside: the project clusters on its studies, a CSV without a study
        // column on its items (checked below), so their CIs differ by design.
        const CliRun db = runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json", "--bootstrap", "0"});
        QVERIFY2(db.exitCode == 0, qPrintable(db.err));
        const CliRun csv = runCli({"stats", "--csv", path("labels.csv"), "--json", "--bootstrap", "0"});
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        const CliRun booted =
            runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json", "--bootstrap", "50", "--seed", "3"});
        QVERIFY2(booted.exitCode == 0, qPrintable(booted.err));
        const QJsonObject boot = parseObject(booted.out.toUtf8()).value("bootstrap").toObject();
        QCOMPARE(boot.value("clustered_by").toString(), QString("study"));
        QCOMPARE(boot.value("replicates").toInt(), 50);
        QCOMPARE(boot.value("seed").toInt(), 3);
        QJsonObject fromDb = parseObject(db.out.toUtf8()).value("tasks").toObject();
        const QJsonObject fromCsv = parseObject(csv.out.toUtf8()).value("tasks").toObject();
        QCOMPARE(fromDb.keys(), (QStringList {"canal", "grade"}));
        for (const QString& task : fromDb.keys()) {
            QJsonObject t = fromDb.value(task).toObject();
            // The label CSV carries no level, the project does: the only difference allowed;
            // and no rater kinds, so no Dawid-Skene estimate (it needs to know the analyzers).
            QVERIFY2(!t.value("levels").toObject().isEmpty(), qPrintable(task));
            t["levels"] = QJsonObject();
            QVERIFY2(t.value("dawid_skene").isObject(), qPrintable(task));
            t.remove("dawid_skene");
            fromDb[task] = t;
        }
        QCOMPARE(fromDb, fromCsv);
        const QJsonObject pair = fromCsv.value("grade").toObject().value("pairs").toArray()[0].toObject();
        QCOMPARE(pair.value("reference").toString(), QString("ann"));
        QVERIFY(pair.value("n").toInt() > 10);
        QVERIFY(pair.value("percent_agreement").toDouble() < 1.0); // bob departs: the figures are not trivial
    }

    void addsModelAndConsensus()
    {
        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(store);
        const auto items = (*store)->items();
        QVERIFY(items);
        for (size_t i = 0; i < items->size(); ++i) {
            Prediction p;
            p.itemId = (*items)[i].id;
            p.modelName = "cnn-grade";
            p.modelVersion = "1";
            p.canalProbabilities = i % 5 == 0 ? std::vector<double> {0.3, 0.7} : std::vector<double> {0.9, 0.1};
            p.gradeProbabilities = {0.1, 0.1, 0.1, 0.1};
            p.gradeProbabilities[i % 3] = 0.7;
            QVERIFY((*store)->savePrediction(p));
        }
        const auto lead = (*store)->findAnalyzer(sg::test::kLeadName); // the project's lead decides
        QVERIFY(lead && *lead);
        Consensus c;
        c.itemId = (*items)[0].id;
        c.canal = Canal::Rootlet;
        c.grade = Grade::B;
        c.reason = "reviewed";
        QVERIFY((*store)->saveConsensus(**lead, c));
    }

    // The model's class is the highest probability of its prediction (no grade on a cord
    // call), the consensus is a rater of its own: counted from what was stored above.
    void statsDbCountsTheModelAndTheConsensus()
    {
        auto store = ProjectStore::open(m_db.toStdString());
        QVERIFY(store);
        const auto items = (*store)->items();
        QVERIFY(items);
        const int n = static_cast<int>(items->size());
        int cord = 0;
        int grades[4] = {0, 0, 0, 0};
        for (int i = 0; i < n; ++i) {
            if (i % 5 == 0)
                ++cord;
            else
                ++grades[i % 3];
        }
        const CliRun r = runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject tasks = parseObject(r.out.toUtf8()).value("tasks").toObject();
        const QJsonObject canal = tasks.value("canal").toObject().value("raters").toObject();
        QCOMPARE(canal.value("cnn-grade").toObject().value("n").toInt(), n);
        QCOMPARE(canal.value("cnn-grade").toObject().value("counts").toObject().value("cord").toInt(), cord);
        const QJsonObject grade = tasks.value("grade").toObject().value("raters").toObject();
        for (int g = 0; g < 4; ++g)
            QCOMPARE(
                grade.value("cnn-grade").toObject().value("counts").toObject().value(QString(QChar('A' + g))).toInt(),
                grades[g]);
        QCOMPARE(grade.value("consensus").toObject().value("counts").toObject().value("B").toInt(), 1);
        QCOMPARE(grade.value("consensus").toObject().value("n").toInt(), 1);
        QCOMPARE(tasks.value("grade").toObject().value("pairs").toArray().size(), 12); // 4 raters, ordered pairs
    }

    void statsDbRefusesABadProject()
    {
        QFile corrupt(path("not-a-project.sgdb"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write("SQLite format 3\0 but nothing else");
        corrupt.close();
        CliRun r = runCli({"stats", "--db", corrupt.fileName(), "--as", sg::test::kLeadName, "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not-a-project.sgdb"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        r = runCli({"stats", "--db", path("absent.sgdb"), "--as", sg::test::kLeadName});
        QVERIFY(r.exitCode > 0);
        QVERIFY2(r.err.contains("absent.sgdb"), qPrintable(r.err));
    }

    void writesEveryFormat_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("html") << "report.html" << QStringList {};
        QTest::newRow("pdf") << "report.pdf" << QStringList {};
        QTest::newRow("csv") << "report.csv" << QStringList {};
        QTest::newRow("json") << "report.json" << QStringList {};
        QTest::newRow("format overrides the extension") << "report-html.out" << QStringList {"--format", "html"};
    }

    void writesEveryFormat()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, extra);
        const CliRun r = report(path(name), extra);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QVERIFY2(r.out.contains("3 studies, 4 rater(s)"), qPrintable(r.out));
        QVERIFY(QFileInfo(path(name)).size() > 1000);
    }

    // The model against each reference: each analyzer, the consensus, the analyzers' majority
    // and their Dawid-Skene estimate, with AUROC (and its DeLong CI) from the stored
    // probabilities and the RSNA-weighted log loss.
    void statsJudgesTheModelAgainstEveryReference()
    {
        const CliRun stats = runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json", "--bootstrap", "0"});
        QCOMPARE(stats.exitCode, 0);
        const QJsonArray judged = parseObject(stats.out.toUtf8())
                                      .value("tasks")
                                      .toObject()
                                      .value("grade")
                                      .toObject()
                                      .value("classifiers")
                                      .toArray();
        QStringList references;
        for (const QJsonValue v : judged) {
            const QJsonObject j = v.toObject();
            QCOMPARE(j.value("classifier").toString(), QString("cnn-grade"));
            references << j.value("reference").toString();
            QCOMPARE(j.value("auroc").toObject().keys(), (QStringList {"A vs B-D", "A-B vs C-D"}));
            if (references.back() == "consensus") {
                // Its only item is one the model called cord (no grade): nothing to judge, all null.
                QCOMPARE(j.value("n").toInt(), 0);
                QVERIFY(j.value("rsna_weighted_log_loss").isNull());
                QVERIFY(j.value("auroc").toObject().value("A vs B-D").toObject().value("value").isNull());
                continue;
            }
            QVERIFY(j.value("n").toInt() > 0);
            QVERIFY(j.value("rsna_weighted_log_loss").toDouble() > 0.0);
            QVERIFY(j.value("auroc").toObject().value("A vs B-D").toObject().value("value").isDouble());
            for (const char* key : {"sensitivity", "specificity"})
                QCOMPARE(j.value(key).toObject().keys(), (QStringList {"A vs B-D", "A-B vs C-D"}));
        }
        QCOMPARE(references, (QStringList {"ann", "bob", "consensus", "majority", "dawid_skene"}));
    }

    void jsonHoldsTheStatsFiguresAndTheExtras()
    {
        const QJsonObject reportJson = parseObject(readAll(path("report.json")));
        const CliRun stats = runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json"});
        QCOMPARE(stats.exitCode, 0);
        const QJsonObject tasks = parseObject(stats.out.toUtf8()).value("tasks").toObject();
        QVERIFY(!tasks.isEmpty());
        QCOMPARE(reportJson.value("tasks").toObject(), tasks);
        const QJsonObject project = reportJson.value("project").toObject();
        QCOMPARE(project.value("studies").toArray(), (QJsonArray {"S001", "S002", "S003"}));
        QCOMPARE(project.value("models").toArray(), (QJsonArray {"cnn-grade"}));
        QCOMPARE(project.value("raters").toArray(), (QJsonArray {"ann", "bob", "cnn-grade", "consensus"}));
        QCOMPARE(project.value("consensus").toBool(), true);
        const QJsonArray progress = project.value("progress").toArray();
        QCOMPARE(progress.size(), 3); // ann, bob, lead
        QCOMPARE(progress[0].toObject().value("done").toInt(), progress[0].toObject().value("total").toInt());
        const QJsonArray disagreements = reportJson.value("disagreements").toArray();
        QVERIFY(!disagreements.isEmpty());
        const QJsonObject first = disagreements[0].toObject();
        QVERIFY2(first.value("item").toString().startsWith("S00"), qPrintable(first.value("item").toString()));
        QCOMPARE(first.value("labels").toObject().keys(), (QStringList {"ann", "bob", "cnn-grade", "consensus"}));
    }

    void csvHoldsEveryStatsFigureExactly()
    {
        QString error;
        const auto csv = csvFigures(readAll(path("report.csv")), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const CliRun stats = runCli({"stats", "--db", m_db, "--as", sg::test::kLeadName, "--json"});
        const auto expected = statsFigures(parseObject(stats.out.toUtf8()).value("tasks").toObject());
        QVERIFY(expected.size() > 1000);
        for (const auto& [key, value] : csv)
            QVERIFY2(expected.count(key) == 1, qPrintable("not a stats figure: " + key));
        QCOMPARE(csv.size(), expected.size());
        int defined = 0;
        for (const auto& [key, value] : expected) {
            const auto it = csv.find(key);
            QVERIFY2(it != csv.end(), qPrintable("missing from the CSV: " + key));
            if (value.isNull()) {
                QVERIFY2(it->second.isEmpty(), qPrintable(key + " = " + it->second));
                continue;
            }
            if (value.isBool()) { // a kappa's "degenerate" flag
                QCOMPARE(it->second, QString(value.toBool() ? "true" : "false"));
                continue;
            }
            if (value.isString()) { // the bootstrap's clustered_by
                QCOMPARE(it->second, value.toString());
                continue;
            }
            bool ok = false;
            const double v = it->second.toDouble(&ok);
            QVERIFY2(ok, qPrintable(key + " = " + it->second));
            QVERIFY2(v == value.toDouble(), qPrintable(key + ": " + it->second));
            ++defined;
        }
        QVERIFY(defined > 500);
    }

    void htmlIsSelfContainedWithThePlots()
    {
        const QString html = QString::fromUtf8(readAll(path("report.html")));
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        QVERIFY(!html.contains("http:", Qt::CaseInsensitive));
        QVERIFY(!html.contains("https:", Qt::CaseInsensitive));
        QVERIFY(!html.contains("<link", Qt::CaseInsensitive));
        QVERIFY(!html.contains("<script", Qt::CaseInsensitive));
        QVERIFY(!html.contains("url(", Qt::CaseInsensitive));
        const QRegularExpression src("src=\"([^\"]*)\"");
        int images = 0;
        for (auto m = src.globalMatch(html); m.hasNext();) {
            const QString uri = m.next().captured(1);
            QVERIFY2(uri.startsWith("data:image/png;base64,"), qPrintable(uri.left(60)));
            QImage image;
            QVERIFY(image.loadFromData(QByteArray::fromBase64(uri.mid(22).toLatin1()), "PNG"));
            QVERIFY(image.width() >= 600 && image.height() >= 400);
            // A drawn chart, not a blank: a good share of its pixels are not white.
            int inked = 0;
            for (int y = 0; y < image.height(); y += 4)
                for (int x = 0; x < image.width(); x += 4)
                    inked += image.pixel(x, y) != qRgb(255, 255, 255) ? 1 : 0;
            QVERIFY2(inked > 100, qPrintable(QString::number(inked)));
            ++images;
        }
        QCOMPARE(images, expectedPlots());
        QVERIFY(html.contains("Table 1."));
        QVERIFY(html.contains("Methods"));
        QVERIFY(html.contains("Disagreements to review"));
        QVERIFY(html.contains("Binarised: A vs B-D"));
        QVERIFY(html.contains("L4/L5"));
        // --format html writes the same document whatever the file is called (the time aside).
        const QRegularExpression stamp("Generated [0-9T:.Z-]+");
        QCOMPARE(QString(html).replace(stamp, "Generated"),
            QString::fromUtf8(readAll(path("report-html.out"))).replace(stamp, "Generated"));
    }

    void pdfHasPagesTextAndPlots()
    {
        // Kept for a person to look at, as the rendering tests keep theirs.
        QFile::remove(binaryDir() + "/test-output/report.pdf");
        QDir().mkpath(binaryDir() + "/test-output");
        QFile::copy(path("report.pdf"), binaryDir() + "/test-output/report.pdf");
        const QByteArray pdf = readAll(path("report.pdf"));
        QVERIFY(pdf.startsWith("%PDF-"));
        const QString pdfinfo = QStandardPaths::findExecutable("pdfinfo");
        QVERIFY2(!pdfinfo.isEmpty(), "poppler-utils is missing (packaging/setup.sh installs it)");
        const QByteArray info = poppler(pdfinfo, {path("report.pdf")});
        const QRegularExpressionMatch pages = QRegularExpression("Pages:\\s+(\\d+)").match(QString::fromUtf8(info));
        QVERIFY2(pages.hasMatch(), info.constData());
        // The layout of this fixed project, measured: a change of it is a change to look at
        // (pdftoppm -png -r 60 build/test-output/report.pdf), then to set here.
        QVERIFY2(pages.captured(1).toInt() == kExpectedPages, info.constData());
        QVERIFY(info.contains("A4"));
        const QByteArray text = poppler(QStandardPaths::findExecutable("pdftotext"), {path("report.pdf"), "-"});
        QVERIFY(text.contains("SpineGrade agreement report"));
        QVERIFY(text.contains("Disagreements to review"));
        QVERIFY(text.contains("S001 L")); // the ItemKey, "S001 L4/L5 #3"
        // The main section (methods, Table 1, Table 2) fills at most two pages: the appendix
        // starts page 2 or 3, and what it holds is not before it.
        const QString mainSection = QString::fromUtf8(
            poppler(QStandardPaths::findExecutable("pdftotext"), {"-f", "1", "-l", "2", path("report.pdf"), "-"}));
        QVERIFY(mainSection.contains("Methods"));
        QVERIFY(mainSection.contains("Table 1."));
        QVERIFY(mainSection.contains("Grade distribution (analyzers) ann: A "));
        QVERIFY(!mainSection.contains("A1. Project"));
        const QString third = QString::fromUtf8(
            poppler(QStandardPaths::findExecutable("pdftotext"), {"-f", "3", "-l", "3", path("report.pdf"), "-"}));
        QVERIFY2(third.trimmed().startsWith("Appendix") || mainSection.contains("\nAppendix"), qPrintable(third));
        // No text outside the margins of the page layout (15 mm left, right and top, 12 mm at
        // the bottom; A4 in points): nothing cut off at the right, no row painted over a break.
        const QString boxes = QString::fromUtf8(
            poppler(QStandardPaths::findExecutable("pdftotext"), {"-bbox-layout", path("report.pdf"), "-"}));
        const double mm = 72.0 / 25.4;
        const QRegularExpression pageBox("<page width=\"([\\d.]+)\" height=\"([\\d.]+)\"");
        const QRegularExpression wordBox(
            "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)<");
        double width = 0, height = 0;
        int page = 0, words = 0;
        for (const QString& line : boxes.split('\n')) {
            if (const auto p = pageBox.match(line); p.hasMatch()) {
                width = p.captured(1).toDouble();
                height = p.captured(2).toDouble();
                ++page;
            }
            const auto w = wordBox.match(line);
            if (!w.hasMatch())
                continue;
            ++words;
            const double tolerance = 0.5; // points: glyph boxes round
            const QString where = QString("page %1: '%2' at %3,%4-%5,%6")
                                      .arg(page)
                                      .arg(w.captured(5), w.captured(1), w.captured(2), w.captured(3), w.captured(4));
            QVERIFY2(w.captured(1).toDouble() >= 15 * mm - tolerance, qPrintable(where));
            QVERIFY2(w.captured(3).toDouble() <= width - 15 * mm + tolerance, qPrintable(where));
            QVERIFY2(w.captured(2).toDouble() >= 15 * mm - tolerance, qPrintable(where));
            QVERIFY2(w.captured(4).toDouble() <= height - 12 * mm + tolerance, qPrintable(where));
        }
        QVERIFY(words > 1000);
        const QByteArray list = poppler(QStandardPaths::findExecutable("pdfimages"), {"-list", path("report.pdf")});
        // Every plot is in the PDF. A plot that starts a page can be listed once more on the
        // page before: Qt paints that page's last block whole and clips the plot away there.
        const int images = static_cast<int>(list.count('\n')) - 2; // two header lines
        const int expected = expectedPlots();
        QVERIFY2(images >= expected && images <= expected + pages.captured(1).toInt(),
            qPrintable(QString("%1 images, %2 plots expected\n").arg(images).arg(expected) + QString::fromUtf8(list)));
    }

    void noExportHoldsAnIdentifyingString()
    {
        QVERIFY(m_identifying.size() > 100);
        QList<QPair<QString, QByteArray>> exports;
        for (const char* name : {"report.html", "report.pdf", "report.csv", "report.json"})
            exports.append({name, readAll(path(name))});
        exports.append(
            {"report.pdf as text", poppler(QStandardPaths::findExecutable("pdftotext"), {path("report.pdf"), "-"})});
        exports.append({"report.pdf info", poppler(QStandardPaths::findExecutable("pdfinfo"), {path("report.pdf")})});
        // The plots' PNG bytes, decoded from the HTML (text chunks could carry anything).
        const QRegularExpression src("src=\"data:image/png;base64,([^\"]*)\"");
        QByteArray pngs;
        for (auto m = src.globalMatch(QString::fromUtf8(exports[0].second)); m.hasNext();)
            pngs += QByteArray::fromBase64(m.next().captured(1).toLatin1());
        exports.append({"plots", pngs});
        for (const auto& [name, bytes] : exports) {
            QVERIFY2(bytes.size() > 100, qPrintable(name));
            for (const QString& s : m_identifying)
                QVERIFY2(!bytes.contains(s.toUtf8()), qPrintable(name + " contains " + s));
        }
        // The pseudonymous keys are there instead.
        QVERIFY(exports[0].second.contains("S003"));
        QVERIFY(exports[3].second.contains("\"S001\""));
    }

    void badInputGetsAClearMessage_data()
    {
        QTest::addColumn<QString>("db");
        QTest::addColumn<QString>("out");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing project") << "missing.sgdb"
                                         << "r.html" << QStringList {} << "missing.sgdb";
        QTest::newRow("corrupt project") << "corrupt.sgdb"
                                         << "r.pdf" << QStringList {} << "corrupt.sgdb";
        QTest::newRow("unwritable output") << ""
                                           << "labels.csv/r.html" << QStringList {} << "labels.csv/r.html";
        QTest::newRow("unknown extension") << ""
                                           << "r.txt" << QStringList {} << "r.txt";
        QTest::newRow("unknown format") << ""
                                        << "r.html" << QStringList {"--format", "docx"} << "docx";
    }

    void badInputGetsAClearMessage()
    {
        QFETCH(QString, db);
        QFETCH(QString, out);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QFile corrupt(path("corrupt.sgdb"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write(QByteArray(4096, '\x5a'));
        corrupt.close();
        const CliRun r = runCli(QStringList {"report", "--db", db.isEmpty() ? m_db : path(db), "--as",
                                    sg::test::kLeadName, "--out", path(out)} +
            extra);
        QCOMPARE(r.exitCode, 1); // not -1: no crash
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.count('\n') == 1, qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path(out)));
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_ReportCli.moc"
