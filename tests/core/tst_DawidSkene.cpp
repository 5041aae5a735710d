// The Dawid-Skene latent-class estimate (core/stats/DawidSkene.h): its EM against an
// independent numpy implementation (tests/core/dawid_skene_reference.py) from the same start on
// many random label sets with missing labels; recovery of known confusion matrices from
// simulated raters; the seeded majority start; and the reference it gives the model, last in
// `spinegrade-cli stats --db --json`, undefined (with the reason) with fewer than two analyzers.
#include "core/stats/DawidSkene.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/RatingsFixture.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace sg::core;

namespace {

// Raters who label through their own confusion matrix; `missing` is the share of labels left out.
struct Simulation {
    std::vector<int8_t> labels; // items x raters
    std::vector<int> truth;
};

Simulation simulate(std::mt19937& rng, int items, const std::vector<double>& priors,
    const std::vector<std::vector<std::vector<double>>>& theta, double missing)
{
    Simulation s;
    std::discrete_distribution<int> truth(priors.begin(), priors.end());
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int i = 0; i < items; ++i) {
        const int t = truth(rng);
        s.truth.push_back(t);
        for (const auto& rater : theta) {
            std::discrete_distribution<int> label(
                rater[static_cast<size_t>(t)].begin(), rater[static_cast<size_t>(t)].end());
            const int l = label(rng);
            s.labels.push_back(u(rng) < missing ? int8_t {-1} : static_cast<int8_t>(l));
        }
    }
    return s;
}

// A random confusion matrix with the given accuracy on the diagonal (the rest spread at random).
std::vector<std::vector<double>> randomMatrix(std::mt19937& rng, int k, double accuracy)
{
    std::uniform_real_distribution<double> u(0.05, 1.0);
    std::vector<std::vector<double>> m(static_cast<size_t>(k), std::vector<double>(static_cast<size_t>(k)));
    for (int t = 0; t < k; ++t) {
        double off = 0.0;
        for (int l = 0; l < k; ++l)
            if (l != t)
                off += m[static_cast<size_t>(t)][static_cast<size_t>(l)] = u(rng);
        for (int l = 0; l < k; ++l)
            m[static_cast<size_t>(t)][static_cast<size_t>(l)] =
                l == t ? accuracy : (1.0 - accuracy) * m[static_cast<size_t>(t)][static_cast<size_t>(l)] / off;
    }
    return m;
}

} // namespace

class TestDawidSkene : public QObject {
    Q_OBJECT
private slots:
    // 150 random label sets (2 or 4 classes, 2 to 5 raters, 4 to 250 items, up to 60% of the
    // labels missing, some items with no label, some classes nobody used): iterations,
    // convergence, log-likelihood, priors, every confusion cell and every posterior agree with
    // the numpy implementation to 1e-6, from the same start.
    void matchesAnIndependentImplementation()
    {
        std::mt19937 rng(2026);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        QStringList cases;
        std::vector<DawidSkeneFit> fits;
        for (int c = 0; c < 150; ++c) {
            const int k = c % 2 ? 4 : 2;
            const int raters = 2 + c % 4;
            const int items = 4 + static_cast<int>(u(rng) * 246);
            std::vector<double> priors(static_cast<size_t>(k));
            for (double& p : priors)
                p = u(rng) + 0.05;
            if (c % 5 == 0)
                priors.back() = 0.0; // a class nobody gives: its smoothed row must stay finite
            std::vector<std::vector<std::vector<double>>> theta;
            for (int r = 0; r < raters; ++r)
                theta.push_back(randomMatrix(rng, k, 0.4 + 0.55 * u(rng)));
            const double missing = c % 3 == 0 ? 0.0 : 0.6 * u(rng);
            Simulation s = simulate(rng, items, priors, theta, missing);
            if (c % 4 == 1) // an item nobody labeled
                std::fill(s.labels.begin(), s.labels.begin() + raters, int8_t {-1});
            const std::vector<int> start = dawidSkeneStart(s.labels, raters, k, 1000 + static_cast<uint64_t>(c));
            fits.push_back(dawidSkene(s.labels, raters, k, start, {}));
            QStringList line {QString::number(k), QString::number(raters), QString::number(items)};
            for (int x : start)
                line << QString::number(x);
            for (int8_t l : s.labels)
                line << QString::number(l);
            cases << line.join(' ');
        }
        QTemporaryDir dir;
        QFile f(dir.filePath("cases.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write((cases.join('\n') + '\n').toUtf8());
        f.close();
        QProcess ref;
        ref.start(qEnvironmentVariable("SG_PYTHON3", "python3"),
            {sg::test::sourceDir() + "/tests/core/dawid_skene_reference.py", f.fileName()});
        QVERIFY(ref.waitForStarted());
        QVERIFY(ref.waitForFinished(-1));
        QVERIFY2(ref.exitCode() == 0, ref.readAllStandardError().constData());
        const QList<QByteArray> lines = ref.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), cases.size());
        int converged = 0;
        for (size_t c = 0; c < fits.size(); ++c) {
            const DawidSkeneFit& fit = fits[c];
            const QList<QByteArray> v = lines[static_cast<int>(c)].split(' ');
            std::vector<double> got {static_cast<double>(fit.iterations), fit.converged ? 1.0 : 0.0, fit.logLikelihood};
            got.insert(got.end(), fit.priors.begin(), fit.priors.end());
            got.insert(got.end(), fit.confusion.begin(), fit.confusion.end());
            got.insert(got.end(), fit.posteriors.begin(), fit.posteriors.end());
            QCOMPARE(static_cast<size_t>(v.size()), got.size());
            for (size_t i = 0; i < got.size(); ++i) {
                QVERIFY2(std::isfinite(got[i]), qPrintable(QString("case %1 value %2").arg(c).arg(i)));
                const double want = v[static_cast<int>(i)].toDouble();
                const double tolerance = i == 2 ? 1e-6 * std::max(1.0, std::abs(want)) : 1e-6;
                QVERIFY2(std::abs(got[i] - want) <= tolerance,
                    qPrintable(QString("case %1 value %2: %3 vs numpy %4")
                                   .arg(c)
                                   .arg(i)
                                   .arg(got[i], 0, 'g', 17)
                                   .arg(v[static_cast<int>(i)].constData())));
            }
            converged += fit.converged;
            QVERIFY(fit.converged || fit.iterations == 500);
            for (size_t i = 0; i < fit.map.size(); ++i) { // MAP: the most probable class
                const auto row = fit.posteriors.begin() + static_cast<std::ptrdiff_t>(i) * fit.classes;
                QCOMPARE(fit.map[i], static_cast<int>(std::max_element(row, row + fit.classes) - row));
            }
        }
        // EM is slow where the model is barely identified (two raters, four classes, few items):
        // such cases stop at the 500th iteration, unconverged, in both implementations.
        QVERIFY2(converged > 100, qPrintable(QString::number(converged)));
    }

    // Three raters with known confusion matrices on 5,000 items (5% of the labels missing), for
    // three seeds: every estimated cell and prior within 0.03 of the truth. Most of that is the
    // sample's own noise: against the matrices counted with the true classes known, the estimate
    // is within 0.02.
    void recoversKnownConfusionMatrices()
    {
        const std::vector<double> priors {0.3, 0.25, 0.25, 0.2};
        const std::vector<std::vector<std::vector<double>>> theta {
            {{0.92, 0.05, 0.02, 0.01}, {0.05, 0.88, 0.05, 0.02}, {0.01, 0.05, 0.90, 0.04}, {0.01, 0.02, 0.05, 0.92}},
            {{0.88, 0.08, 0.02, 0.02}, {0.06, 0.86, 0.06, 0.02}, {0.02, 0.04, 0.90, 0.04}, {0.02, 0.02, 0.08, 0.88}},
            {{0.94, 0.03, 0.02, 0.01}, {0.08, 0.85, 0.05, 0.02}, {0.02, 0.07, 0.87, 0.04}, {0.01, 0.01, 0.04, 0.94}}};
        for (uint32_t seed : {77u, 78u, 79u}) {
            std::mt19937 rng(seed);
            const Simulation s = simulate(rng, 5000, priors, theta, 0.05);
            const auto start = dawidSkeneStart(s.labels, 3, 4, seed);
            const DawidSkeneFit fit = dawidSkene(s.labels, 3, 4, start, {});
            QVERIFY(fit.converged);
            double counted[3][4][4] = {};
            for (size_t i = 0; i < s.truth.size(); ++i)
                for (size_t r = 0; r < 3; ++r)
                    if (const int l = s.labels[i * 3 + r]; l >= 0)
                        ++counted[r][s.truth[i]][l];
            double worst = 0.0, worstCounted = 0.0;
            for (size_t c = 0; c < 4; ++c)
                worst = std::max(worst, std::abs(fit.priors[c] - priors[c]));
            for (int r = 0; r < 3; ++r)
                for (int t = 0; t < 4; ++t) {
                    double row = 0.0;
                    for (int l = 0; l < 4; ++l)
                        row += counted[r][t][l];
                    for (int l = 0; l < 4; ++l) {
                        const double est = fit.theta(r, t, l);
                        worst = std::max(worst,
                            std::abs(
                                est - theta[static_cast<size_t>(r)][static_cast<size_t>(t)][static_cast<size_t>(l)]));
                        worstCounted = std::max(worstCounted, std::abs(est - counted[r][t][l] / row));
                    }
                }
            QVERIFY2(worst < 0.03, qPrintable(QString("seed %1: largest error %2").arg(seed).arg(worst)));
            QVERIFY2(
                worstCounted < 0.02, qPrintable(QString("seed %1: %2 from the counted").arg(seed).arg(worstCounted)));
            // The MAP classes recover the truth better than any single rater (86-94%).
            int right = 0;
            for (size_t i = 0; i < s.truth.size(); ++i)
                right += fit.map[i] == s.truth[i];
            QVERIFY2(right > 0.95 * 5000, qPrintable(QString::number(right)));
        }
    }

    // The start is the majority; a tie is broken by the seed (the same seed, the same draw).
    void startIsTheSeededMajority()
    {
        const std::vector<int8_t> labels {0, 0, 1, /**/ 2, -1, -1, /**/ -1, -1, -1, /**/ 0, 1, -1};
        const auto start = dawidSkeneStart(labels, 3, 4, 1);
        QCOMPARE(start[0], 0);
        QCOMPARE(start[1], 2);
        QCOMPARE(start[2], -1);
        QVERIFY(start[3] == 0 || start[3] == 1);
        std::vector<int8_t> ties;
        for (int i = 0; i < 200; ++i)
            ties.insert(ties.end(), {0, 1});
        const auto a = dawidSkeneStart(ties, 2, 2, 9), b = dawidSkeneStart(ties, 2, 2, 9),
                   c = dawidSkeneStart(ties, 2, 2, 10);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        const auto ones = std::count(a.begin(), a.end(), 1);
        QVERIFY2(ones > 60 && ones < 140, qPrintable(QString::number(ones)));
        // An item without a label is left out and gets the priors; nothing is NaN.
        const DawidSkeneFit fit = dawidSkene(labels, 3, 4, start, {});
        for (int c = 0; c < 4; ++c)
            QCOMPARE(fit.posteriors[static_cast<size_t>(2 * 4 + c)], fit.priors[static_cast<size_t>(c)]);
        for (double x : fit.confusion)
            QVERIFY(std::isfinite(x) && x > 0.0);
    }

    // From a project: Dawid-Skene is the last reference the model is judged against, with the
    // figures of the others; each task reports priors and each analyzer's matrix. With one
    // analyzer there is no estimate: no such reference, null figures and the reason.
    void isTheLastReferenceOfStats()
    {
        QTemporaryDir dir;
        const std::string two = dir.filePath("two.sgdb").toStdString();
        std::string error;
        QVERIFY2(sg::test::makeRatedProject(two, {}, error), error.c_str());
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase); // the fixture's lead signs in (issue 13)
        sg::test::CliRun r = sg::test::runCli({"stats", "--db", QString::fromStdString(two), "--as", "lead", "--json",
            "--bootstrap", "0", "--seed", "31"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonObject tasks = QJsonDocument::fromJson(r.out.toUtf8()).object().value("tasks").toObject();
        const QJsonArray judged = tasks.value("grade").toObject().value("classifiers").toArray();
        QVERIFY(judged.size() >= 2);
        const QJsonObject last = judged.last().toObject();
        QCOMPARE(last.value("reference").toString(), QString("dawid_skene"));
        QVERIFY(last.value("n").toInt() > 0);
        QVERIFY(last.value("kappa").toObject().value("unweighted").toObject().value("value").isDouble());
        QVERIFY(last.value("f1_macro").isDouble());
        QVERIFY(last.value("auroc").toObject().value("A vs B-D").toObject().value("ci95").isArray());
        QVERIFY(last.value("rsna_weighted_log_loss").isDouble());
        QCOMPARE(judged[judged.size() - 2].toObject().value("reference").toString(), QString("majority"));
        for (const char* task : {"grade", "canal"}) {
            const QJsonObject ds = tasks.value(task).toObject().value("dawid_skene").toObject();
            QCOMPARE(ds.value("raters").toArray(), (QJsonArray {"ana", "bob"})); // not cnn, not consensus
            QCOMPARE(ds.value("seed").toInt(), 31);
            // Two raters barely identify four classes: EM may stop at its bound, and says so.
            QVERIFY(ds.value("converged").isBool());
            QVERIFY(ds.value("iterations").toInt() >= 1 && ds.value("iterations").toInt() <= 500);
            const QJsonArray rows = ds.value("confusion").toObject().value("bob").toArray();
            QCOMPARE(rows.size(), QString(task) == "grade" ? 4 : 2);
            double sum = 0.0;
            for (const QJsonValue x : rows[0].toArray())
                sum += x.toDouble();
            QVERIFY(std::abs(sum - 1.0) < 1e-12);
            QCOMPARE(ds.value("priors").toObject().size(), rows.size());
        }
        r = sg::test::runCli({"stats", "--db", QString::fromStdString(two), "--as", "lead", "--bootstrap", "0"});
        QVERIFY2(r.out.contains("Dawid-Skene latent classes (grade"), qPrintable(r.out));
        const QString html = dir.filePath("report.html");
        r = sg::test::runCli({"report", "--db", QString::fromStdString(two), "--as", "lead", "--out", html});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile page(html);
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QByteArray text = page.readAll();
        QVERIFY(text.contains("Dawid-Skene latent classes</h2>"));
        QVERIFY(text.contains("<th>ana</th><th>bob</th>"));

        sg::test::RatedProjectOptions oneAnalyzer;
        oneAnalyzer.bobLabeled = 0.0;
        const std::string one = dir.filePath("one.sgdb").toStdString();
        QVERIFY2(sg::test::makeRatedProject(one, oneAnalyzer, error), error.c_str());
        r = sg::test::runCli(
            {"stats", "--db", QString::fromStdString(one), "--as", "lead", "--json", "--bootstrap", "0"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        tasks = QJsonDocument::fromJson(r.out.toUtf8()).object().value("tasks").toObject();
        for (const QJsonValue j : tasks.value("grade").toObject().value("classifiers").toArray())
            QVERIFY(j.toObject().value("reference").toString() != "dawid_skene");
        const QJsonObject ds = tasks.value("grade").toObject().value("dawid_skene").toObject();
        QVERIFY(ds.value("priors").isNull());
        QVERIFY(ds.value("confusion").isNull());
        QVERIFY(ds.value("iterations").isNull());
        QVERIFY2(ds.value("undefined_reason").toString().contains("at least two analyzers"),
            qPrintable(ds.value("undefined_reason").toString()));
    }
};

QTEST_GUILESS_MAIN(TestDawidSkene)
#include "tst_DawidSkene.moc"
