// AUROC with DeLong's SE and the RSNA-weighted log loss (core/stats/ClassifierMetrics.h)
// against sklearn (roc_auc_score, log_loss) and DeLong's structural components written pair by
// pair (tests/core/classifier_reference.py), on many random cases with ties, extreme and
// unnormalised probabilities; and the rules for undefined values.
#include "core/stats/ClassifierMetrics.h"
#include "core/stats/ClassifierReference.h"
#include "core/stats/RatingTable.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <random>

using namespace sg::core;

namespace {

// Runs the independent reference (tests/core/classifier_reference.py: sklearn and a DeLong
// written there) on `cases`, one case a line; its answers, one a line, go to `lines`.
void runReference(const QStringList& cases, QList<QByteArray>& lines)
{
    QTemporaryDir dir;
    const QString input = dir.filePath("cases.txt");
    QFile f(input);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write((cases.join('\n') + '\n').toUtf8());
    f.close();
    QProcess ref;
    ref.start(qEnvironmentVariable("SG_PYTHON3", "python3"),
        {sg::test::sourceDir() + "/tests/core/classifier_reference.py", input});
    QVERIFY(ref.waitForStarted());
    QVERIFY(ref.waitForFinished(-1));
    QVERIFY2(ref.exitCode() == 0, ref.readAllStandardError().constData());
    lines = ref.readAllStandardOutput().trimmed().split('\n');
}

} // namespace

class TestClassifierMetrics : public QObject {
    Q_OBJECT
private slots:
    void matchesSklearnAndDeLong()
    {
        std::mt19937 rng(12);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        QStringList cases;
        std::vector<AurocEstimate> aurocs;
        std::vector<std::optional<double>> losses;
        for (int c = 0; c < 300; ++c) {
            const int n = 2 + static_cast<int>(u(rng) * 80);
            if (c % 2 == 0) {
                std::vector<double> scores;
                std::vector<bool> labels;
                QStringList line {"auroc"};
                const bool coarse = c % 3 == 0; // scores on a coarse grid: many ties
                for (int i = 0; i < n; ++i) {
                    const bool pos = u(rng) < 0.3;
                    double s = std::clamp(u(rng) * 0.7 + (pos ? 0.3 : 0.0), 0.0, 1.0);
                    if (coarse)
                        s = std::round(s * 5.0) / 5.0;
                    scores.push_back(s);
                    labels.push_back(pos);
                    line << QString::number(s, 'g', 17) << (pos ? "1" : "0");
                }
                if (std::count(labels.begin(), labels.end(), true) == 0 ||
                    std::count(labels.begin(), labels.end(), false) == 0)
                    continue; // sklearn refuses one class: tested below as undefined
                aurocs.push_back(aurocDeLong(scores, labels));
                cases << line.join(' ');
            } else {
                std::vector<std::array<double, 3>> p;
                std::vector<int> t;
                QStringList line {"logloss"};
                for (int i = 0; i < n; ++i) {
                    std::array<double, 3> row {u(rng), u(rng), u(rng)};
                    if (u(rng) < 0.1)
                        row = {1.0, 0.0, 0.0}; // a certain (and maybe wrong) prediction: clipped
                    const int truth = static_cast<int>(u(rng) * 3);
                    p.push_back(row);
                    t.push_back(truth);
                    line << QString::number(row[0], 'g', 17) << QString::number(row[1], 'g', 17)
                         << QString::number(row[2], 'g', 17) << QString::number(truth);
                }
                losses.push_back(rsnaWeightedLogLoss(p, t));
                cases << line.join(' ');
            }
        }
        QList<QByteArray> lines;
        runReference(cases, lines);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(lines.size(), cases.size());
        size_t a = 0, l = 0;
        for (int i = 0; i < lines.size(); ++i) {
            const QList<QByteArray> v = lines[i].split(' ');
            if (cases[i].startsWith("auroc")) {
                const AurocEstimate& e = aurocs[a++];
                QVERIFY(e.value);
                QVERIFY2(std::abs(*e.value - v[0].toDouble()) < 1e-12, lines[i].constData());
                const double se = v[1].toDouble();
                QCOMPARE(std::isnan(se), !e.se.has_value());
                if (e.se)
                    QVERIFY2(std::abs(*e.se - se) < 1e-12, qPrintable(QString("%1 vs %2").arg(*e.se).arg(se)));
            } else {
                const auto& loss = losses[l++];
                QVERIFY(loss);
                QVERIFY2(std::abs(*loss - v[0].toDouble()) < 1e-12 * std::max(1.0, *loss), lines[i].constData());
            }
        }
        QVERIFY(a > 100 && l > 100);
    }

    // A classifier against each analyzer, the consensus and the analyzers' majority: the items,
    // the binarised truth and scores, sensitivity/specificity, AUROC, log loss, kappa and
    // macro-F1 as sklearn computes them from the same grades and probabilities (the majority
    // decided here: a grade both analyzers gave).
    void judgedAgainstEveryReference()
    {
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::discrete_distribution<int> grade({60, 20, 12, 8});
        RatingTable table;
        ClassifierScores scores {"cnn", {}};
        std::map<QString, QStringList> lines; // reference -> "judge" fields
        for (int i = 0; i < 400; ++i) {
            const std::string item = "i" + std::to_string(i);
            const int truth = grade(rng);
            std::array<double, 4> p {};
            double sum = 0.0;
            for (size_t c = 0; c < 4; ++c)
                sum += p[c] = u(rng) + (static_cast<int>(c) == truth ? 1.5 : 0.0);
            for (double& x : p)
                x /= sum;
            const int predicted = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
            std::map<QString, std::optional<int>> ref;
            ref["ann"] = u(rng) < 0.85 ? truth : grade(rng);
            ref["bob"] = u(rng) < 0.1 ? std::nullopt : std::optional<int>(u(rng) < 0.8 ? truth : grade(rng));
            ref["consensus"] = u(rng) < 0.5 ? std::optional<int>(truth) : std::nullopt;
            for (const auto& [name, g] : ref)
                if (g)
                    table.setLabel(item, name.toStdString(), Task::Grade, *g);
            const bool cnnSays = u(rng) < 0.95; // a cord slice has no grade: not judged
            if (cnnSays) {
                table.setLabel(item, "cnn", Task::Grade, predicted);
                scores.items.push_back({item, p});
            }
            ref["majority"] = ref["ann"] && ref["bob"] && *ref["ann"] == *ref["bob"] ? ref["ann"] : std::nullopt;
            for (const auto& [name, g] : ref)
                if (g && cnnSays) {
                    lines[name] << QString::number(*g);
                    for (double x : p)
                        lines[name] << QString::number(x, 'g', 17);
                    lines[name] << QString::number(predicted);
                }
        }
        const auto judged = classifierVsReferences(table, {"consensus", "ann", "bob"}, {"ann", "bob"}, {scores});
        QCOMPARE(judged.size(), size_t {4});
        QStringList names, cases;
        for (const ClassifierVsReference& j : judged) {
            names << QString::fromStdString(j.reference);
            QCOMPARE(j.classifier, std::string("cnn"));
            QCOMPARE(j.n * 6, static_cast<int64_t>(lines[names.back()].size()));
            cases << "judge " + lines[names.back()].join(' ');
        }
        QCOMPARE(names, (QStringList {"ann", "bob", "consensus", "majority"}));
        QList<QByteArray> out;
        runReference(cases, out);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(out.size(), 4);
        for (size_t r = 0; r < judged.size(); ++r) {
            const QList<QByteArray> v = out[static_cast<int>(r)].split(' ');
            QCOMPARE(v.size(), 10);
            const ClassifierVsReference& j = judged[r];
            const std::optional<double> got[10] = {j.sensitivity[0], j.specificity[0], j.auroc[0].value,
                j.sensitivity[1], j.specificity[1], j.auroc[1].value, j.rsnaWeightedLogLoss, j.kappaUnweighted.value,
                j.kappaQuadratic.value, j.f1Macro};
            for (int k = 0; k < 10; ++k) {
                QVERIFY2(got[k], qPrintable(names[static_cast<int>(r)] + " figure " + QString::number(k)));
                QVERIFY2(std::abs(*got[k] - v[k].toDouble()) < 1e-12,
                    qPrintable(QString("%1 figure %2: %3 vs sklearn %4")
                                   .arg(names[static_cast<int>(r)])
                                   .arg(k)
                                   .arg(*got[k], 0, 'g', 17)
                                   .arg(v[k].constData())));
            }
        }
    }

    void undefinedValues()
    {
        const std::vector<double> s {0.1, 0.2, 0.3};
        QVERIFY(!aurocDeLong(s, std::vector<bool> {true, true, true}).value); // no negative
        const AurocEstimate one = aurocDeLong(s, std::vector<bool> {false, false, true});
        QCOMPARE(*one.value, 1.0);
        QVERIFY(!one.se); // a single positive: no variance across positives
        const std::vector<std::array<double, 3>> p {{0.5, 0.5, std::nan("")}};
        QVERIFY(!rsnaWeightedLogLoss(p, std::vector<int> {0}));
        QVERIFY(!rsnaWeightedLogLoss({}, {}));
        QCOMPARE(rsnaClass(3), 2);
        QCOMPARE(rsnaClasses(std::vector<double> {0.1, 0.2, 0.3, 0.4})[2], 0.7);
    }
};

QTEST_GUILESS_MAIN(TestClassifierMetrics)
#include "tst_ClassifierMetrics.moc"
