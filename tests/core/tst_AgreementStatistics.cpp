// Every figure of `spinegrade-cli stats --csv F --json` against an independent implementation
// (tests/core/stats_reference.py: statsmodels, scikit-learn, numpy, exact fractions) on many
// random label sets. The reference runs once over all sets; the engine's side is computed
// in-process through the function the CLI calls (agreementReportOfCsv), since starting the CLI
// costs ~0.65 s of LibTorch initialisers per set; a few real CLI runs check that the CLI
// prints exactly that. Python and its modules are part of the test environment
// (packaging/setup.sh installs them): if they are missing the test fails, it never skips.
#include "core/stats/AgreementJson.h"
#include "core/stats/CsvAgreement.h"
#include "tests/support/CliRun.h"
#include "tests/support/TestData.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>

namespace {

constexpr double kTolerance = 1e-9;
constexpr double kZ = 1.959963984540054;

struct Shape {
    const char* name;
    int raters;
    int items;
    double missing; // chance that a rater skipped an item
    // 0 noisy, 1 all agree, 2 first rater uses one grade (a CNN that says A everywhere),
    // 3 only grades A and B, 4 all one grade, 5 each rater one grade and canal of its own
    int kind;
};

QString randomCsv(std::mt19937& rng, const Shape& s)
{
    static const char* grades[] = {"A", "B", "C", "D"};
    static const char* canal[] = {"rootlet", "cord"};
    std::uniform_real_distribution<double> u(0.0, 1.0);
    // Skewed towards A as in the study (A ~ 75%); grades can be absent from small sets.
    std::discrete_distribution<int> truthGrade({75, 16, 6, 3});
    QStringList rows {"item,rater,task,label"};
    for (int i = 0; i < s.items; ++i) {
        const int truth = s.kind == 3 ? int(u(rng) < 0.6 ? 0 : 1) : s.kind == 4 ? 2 : truthGrade(rng);
        const int truthCanal = u(rng) < 0.8 ? 0 : 1;
        for (int r = 0; r < s.raters; ++r) {
            const QString item = QStringLiteral("1.2.826.0.1.%1").arg(i);
            const QString rater = QStringLiteral("rater%1").arg(r);
            // A skipped item is left out, or (half the time) a row with an empty label: either
            // way the rater has no label, but the row makes it an item of the task.
            const bool gradeMissing = u(rng) < s.missing, canalMissing = u(rng) < s.missing;
            if (gradeMissing && u(rng) < 0.5)
                rows << QStringLiteral("%1,%2,grade,").arg(item, rater);
            if (canalMissing && u(rng) < 0.5)
                rows << QStringLiteral("%1,%2,canal,").arg(item, rater);
            if (!gradeMissing) {
                int g = truth;
                if (s.kind == 2 && r == 0)
                    g = 0;
                else if (s.kind == 5)
                    g = r % 4;
                else if ((s.kind == 0 || s.kind == 3) && u(rng) < 0.3)
                    g = std::clamp(truth + (u(rng) < 0.5 ? -1 : 1) * (u(rng) < 0.8 ? 1 : 2), 0, s.kind == 3 ? 1 : 3);
                rows << QStringLiteral("%1,%2,grade,%3").arg(item, rater, grades[g]);
            }
            if (!canalMissing) {
                const int c = s.kind == 5
                    ? r % 2
                    : (s.kind == 0 && u(rng) < 0.15 ? 1 - truthCanal : (s.kind == 4 ? 1 : truthCanal));
                rows << QStringLiteral("%1,%2,canal,%3").arg(item, rater, canal[c]);
            }
        }
    }
    // A label changed later in the file, and one removed by an empty label.
    if (rows.size() > 3 && u(rng) < 0.5) {
        QString changed = rows[1];
        changed.replace(QRegularExpression(",(A|B|C|D)$"), ",B");
        rows << changed.replace(QRegularExpression(",(rootlet|cord)$"), ",cord");
        QString removed = rows[2];
        rows << removed.left(removed.lastIndexOf(',') + 1);
    }
    std::shuffle(rows.begin() + 1, rows.end(), rng);
    return rows.join('\n') + '\n';
}

bool close(double a, double b)
{
    return std::abs(a - b) <= kTolerance * std::max(1.0, std::abs(b));
}

// Compares `got` (spinegrade-cli) with `want` (reference), collecting the differences.
void compare(const QJsonValue& got, const QJsonValue& want, const QString& path, QStringList& diffs);

// A kappa's SE is the square root of a variance that statsmodels computes as a difference of
// O(1) terms divided by (1 - pe)^2 n, which is 1/81 for one item on the quadratic-weighted
// grade: where the variance is 0 in exact arithmetic (perfect agreement, a one-class rater),
// its rounding noise (up to ~1e-13) becomes 1e-7 after the root. So an SE that differs by more
// than 1e-9 must have a variance within 1e-12 (which for SEs above 1e-3 is the stricter test),
// and the CI may then differ by z times the SE difference.
void compareKappa(const QJsonObject& got, const QJsonObject& want, const QString& path, QStringList& diffs)
{
    compare(got.value("value"), want.value("value"), path + "/value", diffs);
    const QJsonValue gs = got.value("se"), ws = want.value("se");
    if (gs.isNull() || ws.isNull()) {
        compare(gs, ws, path + "/se", diffs);
        compare(got.value("ci95"), want.value("ci95"), path + "/ci95", diffs);
        return;
    }
    const double g = gs.toDouble(), w = ws.toDouble();
    if (!close(g, w) && std::abs(g * g - w * w) > 1e-12)
        diffs << QStringLiteral("%1/se: %2 vs reference %3").arg(path).arg(g, 0, 'g', 17).arg(w, 0, 'g', 17);
    const QJsonArray gc = got.value("ci95").toArray(), wc = want.value("ci95").toArray();
    for (int i = 0; i < 2; ++i)
        if (std::abs(gc[i].toDouble() - wc[i].toDouble()) > kTolerance + kZ * std::abs(g - w))
            diffs << QStringLiteral("%1/ci95/%2: %3 vs reference %4")
                         .arg(path)
                         .arg(i)
                         .arg(gc[i].toDouble(), 0, 'g', 17)
                         .arg(wc[i].toDouble(), 0, 'g', 17);
}

void compare(const QJsonValue& got, const QJsonValue& want, const QString& path, QStringList& diffs)
{
    if (got.type() != want.type()) {
        diffs << QStringLiteral("%1: %2 vs reference %3")
                     .arg(path, QString::fromUtf8(QJsonDocument(QJsonArray {got}).toJson(QJsonDocument::Compact)),
                         QString::fromUtf8(QJsonDocument(QJsonArray {want}).toJson(QJsonDocument::Compact)));
        return;
    }
    if (want.isObject()) {
        const QJsonObject g = got.toObject(), w = want.toObject();
        if (g.keys() != w.keys()) {
            diffs << QStringLiteral("%1: keys %2 vs reference %3").arg(path, g.keys().join(','), w.keys().join(','));
            return;
        }
        if (w.contains("se") && w.contains("value")) {
            compareKappa(g, w, path, diffs);
            return;
        }
        for (const QString& k : w.keys()) {
            if (k == "gwet_ac1_ci95")
                continue; // with its SE
            if (k == "gwet_ac1_se" && g.value(k).isDouble() && w.value(k).isDouble()) {
                // The same rounding argument as for kappa's SE (compareKappa): compared as a variance.
                QJsonObject gotSe {
                    {"value", g.value("gwet_ac1")}, {"se", g.value(k)}, {"ci95", g.value("gwet_ac1_ci95")}};
                QJsonObject wantSe {
                    {"value", w.value("gwet_ac1")}, {"se", w.value(k)}, {"ci95", w.value("gwet_ac1_ci95")}};
                compareKappa(gotSe, wantSe, path + "/gwet_ac1", diffs);
                continue;
            }
            compare(g.value(k), w.value(k), path + '/' + k, diffs);
        }
    } else if (want.isArray()) {
        const QJsonArray g = got.toArray(), w = want.toArray();
        if (g.size() != w.size()) {
            diffs << QStringLiteral("%1: %2 entries vs reference %3").arg(path).arg(g.size()).arg(w.size());
            return;
        }
        for (int i = 0; i < w.size(); ++i)
            compare(g[i], w[i], path + '/' + QString::number(i), diffs);
    } else if (want.isDouble()) {
        if (!close(got.toDouble(), want.toDouble()))
            diffs << QStringLiteral("%1: %2 vs reference %3")
                         .arg(path)
                         .arg(got.toDouble(), 0, 'g', 17)
                         .arg(want.toDouble(), 0, 'g', 17);
    } else if (got != want) {
        diffs << QStringLiteral("%1: %2 vs reference %3")
                     .arg(path, got.toVariant().toString(), want.toVariant().toString());
    }
}

QString python()
{
    return qEnvironmentVariable("SG_PYTHON3", "python3");
}

// The engine's JSON for a label CSV, in-process: the function `stats --csv` calls. The reference
// has no bootstrap (its figures are random): compared without it unless asked.
QString engineJson(const QString& file, QString* error, sg::core::BootstrapOptions bootstrap = {0, 0})
{
    const auto report = sg::core::agreementReportOfCsv(file.toStdString(), bootstrap);
    if (!report) {
        *error = QString::fromStdString(report.error());
        return {};
    }
    return QString::fromStdString(sg::core::agreementReportToJson(*report));
}

} // namespace

class TestAgreementStatistics : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_files, m_names;
    QList<QByteArray> m_reference; // one JSON line per file

private slots:
    // 156 random label sets and the reference's figures for all of them, from one Python run.
    void initTestCase()
    {
        const Shape shapes[] = {
            {"two raters, noisy", 2, 60, 0.1, 0},
            {"three raters, noisy", 3, 120, 0.15, 0},
            {"four raters, sparse", 4, 25, 0.4, 0},
            {"all agree", 3, 40, 0.0, 1},
            {"one-grade rater", 2, 30, 0.1, 2},
            {"grades A and B only", 3, 30, 0.1, 3},
            {"single item", 2, 1, 0.0, 0},
            {"single item, missing", 3, 1, 0.5, 0},
            {"everyone one class", 3, 12, 0.0, 4},
            {"one rater", 1, 10, 0.0, 0},
            {"many missing", 3, 15, 0.7, 0},
            {"large", 3, 400, 0.05, 0},
            {"each rater its own class", 3, 8, 0.2, 5},
        };
        QVERIFY(m_dir.isValid());
        std::mt19937 rng(20241127);
        // 12 rounds of 13 shapes: every shape many times over; the reference costs ~0.17 s of CPU
        // per set (statsmodels and scikit-learn calls), so more rounds add time, not coverage.
        for (int round = 0; round < 12; ++round)
            for (const Shape& s : shapes) {
                const QString file = m_dir.filePath(QStringLiteral("labels_%1.csv").arg(m_files.size()));
                QFile f(file);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(randomCsv(rng, s).toUtf8());
                f.close();
                m_files << file;
                m_names << QStringLiteral("%1 (round %2, %3)").arg(s.name).arg(round).arg(file);
            }

        QProcess ref;
        const QString script = sg::test::sourceDir() + "/tests/core/stats_reference.py";
        const QString required = QStringLiteral("python3 with numpy, statsmodels and scikit-learn is required "
                                                "(packaging/setup.sh installs python3-numpy python3-statsmodels "
                                                "python3-sklearn; SG_PYTHON3 names the interpreter)");
        ref.start(python(), QStringList {script} + m_files);
        QVERIFY2(ref.waitForStarted(),
            qPrintable(QStringLiteral("cannot run %1: %2; %3").arg(python(), ref.errorString(), required)));
        // Waits for the process, not for a duration: the bound only stops a hung interpreter.
        QVERIFY2(ref.waitForFinished(-1), "the reference script did not finish");
        const QByteArray refErr = ref.readAllStandardError();
        QVERIFY2(ref.exitStatus() == QProcess::NormalExit && ref.exitCode() == 0,
            qPrintable(
                QStringLiteral("%1 %2 failed: %3; %4").arg(python(), script, QString::fromUtf8(refErr), required)));
        m_reference = ref.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(m_reference.size(), m_files.size());
    }

    void matchesStatsmodelsAndSklearn()
    {
        int compared = 0;
        for (int i = 0; i < m_files.size(); ++i) {
            QString error;
            const QString json = engineJson(m_files[i], &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QJsonParseError e1, e2;
            const QJsonDocument got = QJsonDocument::fromJson(json.toUtf8(), &e1);
            const QJsonDocument want = QJsonDocument::fromJson(m_reference[i], &e2);
            QVERIFY2(!got.isNull(), qPrintable(e1.errorString()));
            QVERIFY2(!want.isNull(), qPrintable(e2.errorString()));
            QStringList diffs;
            compare(got.object(), want.object(), "", diffs);
            QVERIFY2(diffs.isEmpty(), qPrintable(m_names[i] + ":\n" + diffs.mid(0, 12).join('\n')));
            compared += 1;
        }
        qInfo("%d label sets agree with statsmodels/sklearn to %g", compared, kTolerance);
    }

    // A second oracle, independent of statsmodels: R's vcd::Kappa with confint (unweighted,
    // Equal-Spacing = linear, Fleiss-Cohen = quadratic: value, ASE, CI) and psych::cohen.kappa
    // (unweighted value and CI, its quadratic-weighted value), over the engine's confusion
    // matrices of every unordered pair whose margins are all used (psych needs it) and whose
    // agreement is not perfect (a variance that is 0 in exact arithmetic), from one Rscript run.
    void matchesRVcdAndPsych()
    {
        QStringList tables;
        QList<QJsonObject> pairs;
        for (int i = 0; i < m_files.size(); ++i) {
            QString error;
            const QJsonObject root = QJsonDocument::fromJson(engineJson(m_files[i], &error).toUtf8()).object();
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const QJsonObject tasks = root.value("tasks").toObject();
            for (const QString& task : tasks.keys()) {
                QList<QJsonObject> scales {tasks.value(task).toObject()};
                const QJsonObject views = scales.front().value("views").toObject();
                for (const QString& v : views.keys())
                    scales << views.value(v).toObject();
                for (const QJsonObject& scale : scales)
                    for (const QJsonValue& pv : scale.value("pairs").toArray()) {
                        const QJsonObject pair = pv.toObject();
                        if (pair.value("reference").toString() > pair.value("other").toString() ||
                            pair.value("n").toInt() == 0 || pair.value("percent_agreement").toDouble() == 1.0)
                            continue;
                        const QJsonArray rows = pair.value("confusion").toArray();
                        const int k = rows.size();
                        QStringList cells {QString::number(k)};
                        std::vector<int64_t> rowSum(static_cast<size_t>(k), 0), colSum(static_cast<size_t>(k), 0);
                        for (int r = 0; r < k; ++r)
                            for (int c = 0; c < k; ++c) {
                                const int64_t v = rows[r].toArray()[c].toInteger();
                                cells << QString::number(v);
                                rowSum[static_cast<size_t>(r)] += v;
                                colSum[static_cast<size_t>(c)] += v;
                            }
                        if (std::count(rowSum.begin(), rowSum.end(), 0) + std::count(colSum.begin(), colSum.end(), 0))
                            continue;
                        tables << cells.join(' ');
                        pairs << pair;
                    }
            }
        }
        QVERIFY2(tables.size() > 100, qPrintable(QString::number(tables.size())));
        const QString input = m_dir.filePath("tables.txt");
        QFile f(input);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write((tables.join('\n') + '\n').toUtf8());
        f.close();
        QProcess r;
        const QString script = sg::test::sourceDir() + "/tests/core/kappa_reference.R";
        const QString rscript = qEnvironmentVariable("SG_RSCRIPT", "Rscript");
        r.start(rscript, {script, input});
        QVERIFY2(r.waitForStarted(),
            qPrintable(QStringLiteral("cannot run %1: %2; R with vcd and psych is required "
                                      "(packaging/setup.sh installs r-base-core r-cran-vcd "
                                      "r-cran-psych)")
                           .arg(rscript, r.errorString())));
        QVERIFY2(r.waitForFinished(-1), "the R reference did not finish");
        QVERIFY2(r.exitStatus() == QProcess::NormalExit && r.exitCode() == 0,
            qPrintable(QString::fromUtf8(r.readAllStandardError())));
        const QList<QByteArray> lines = r.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), tables.size());
        for (int i = 0; i < lines.size(); ++i) {
            const QList<QByteArray> v = lines[i].simplified().split(' ');
            QCOMPARE(v.size(), 16);
            const QJsonObject kappa = pairs[i].value("kappa").toObject();
            const QJsonObject u = kappa.value("unweighted").toObject(), l = kappa.value("linear").toObject(),
                              q = kappa.value("quadratic").toObject();
            auto ci = [](const QJsonObject& o, int e) { return o.value("ci95").toArray()[e].toDouble(); };
            double want[16] = {u.value("value").toDouble(), u.value("se").toDouble(), ci(u, 0), ci(u, 1),
                l.value("value").toDouble(), l.value("se").toDouble(), ci(l, 0), ci(l, 1), q.value("value").toDouble(),
                q.value("se").toDouble(), ci(q, 0), ci(q, 1), u.value("value").toDouble(), ci(u, 0), ci(u, 1),
                q.value("value").toDouble()};
            // vcd's confint and psych bound a kappa's CI to [-1, 1]; the engine gives value -/+ z SE
            // as statsmodels does (JSON consumers see the raw interval).
            for (int j : {2, 3, 6, 7, 10, 11, 13, 14})
                want[j] = std::clamp(want[j], -1.0, 1.0);
            for (int j = 0; j < 16; ++j)
                QVERIFY2(std::abs(v[j].toDouble() - want[j]) <= 1e-9 * std::max(1.0, std::abs(want[j])),
                    qPrintable(QStringLiteral("table %1 (%2), R figure %3: %4 vs engine %5")
                                   .arg(i)
                                   .arg(tables[i])
                                   .arg(j)
                                   .arg(v[j].toDouble(), 0, 'g', 17)
                                   .arg(want[j], 0, 'g', 17)));
        }
        qInfo("%lld confusion matrices agree with R's vcd and psych to 1e-9", static_cast<long long>(tables.size()));
    }

    // The CLI prints, byte for byte, what the in-process comparison checked: a few real runs
    // over sets of different shapes (noisy, a one-grade rater, empty-label rows, one rater),
    // with its default bootstrap (2,000 replicates, the default seed).
    void cliPrintsTheSameJson()
    {
        for (int i : {0, 4, 10, 9, 12}) {
            QString error;
            const QString json = engineJson(m_files[i], &error, sg::core::BootstrapOptions {});
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const sg::test::CliRun cli = sg::test::runCli({"stats", "--csv", m_files[i], "--json"});
            QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
            QCOMPARE(cli.out, json + '\n');
        }
    }
};

QTEST_GUILESS_MAIN(TestAgreementStatistics)
#include "tst_AgreementStatistics.moc"
