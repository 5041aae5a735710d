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
        for (const QString& k : w.keys())
            compare(g.value(k), w.value(k), path + '/' + k, diffs);
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

// The engine's JSON for a label CSV, in-process: the function `stats --csv` calls.
QString engineJson(const QString& file, QString* error)
{
    const auto report = sg::core::agreementReportOfCsv(file.toStdString());
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

    // The CLI prints, byte for byte, what the in-process comparison checked: a few real runs
    // over sets of different shapes (noisy, a one-grade rater, empty-label rows, one rater).
    void cliPrintsTheSameJson()
    {
        for (int i : {0, 4, 10, 9, 12}) {
            QString error;
            const QString json = engineJson(m_files[i], &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const sg::test::CliRun cli = sg::test::runCli({"stats", "--csv", m_files[i], "--json"});
            QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
            QCOMPARE(cli.out, json + '\n');
        }
    }
};

QTEST_GUILESS_MAIN(TestAgreementStatistics)
#include "tst_AgreementStatistics.moc"
