// AUROC with DeLong's SE and the RSNA-weighted log loss (core/stats/ClassifierMetrics.h)
// against sklearn (roc_auc_score, log_loss) and DeLong's structural components written pair by
// pair (tests/core/classifier_reference.py), on many random cases with ties, extreme and
// unnormalised probabilities; and the rules for undefined values.
#include "core/stats/ClassifierMetrics.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace sg::core;

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
        const QList<QByteArray> lines = ref.readAllStandardOutput().trimmed().split('\n');
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
