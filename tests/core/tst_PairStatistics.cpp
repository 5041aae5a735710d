// Hand-checked figures and the rules for undefined values; the random comparison with
// statsmodels/sklearn is tst_AgreementStatistics.
#include "core/stats/FleissKappa.h"
#include "core/stats/KappaParadox.h"
#include "core/stats/LandisKoch.h"
#include "core/stats/PairStatistics.h"

#include <QTest>

#include <cmath>

using namespace sg::core;

namespace {

ConfusionMatrix matrix(int k, std::vector<int64_t> cells)
{
    return ConfusionMatrix {k, std::move(cells)};
}

} // namespace

class TestPairStatistics : public QObject {
    Q_OBJECT
private slots:
    void landisKochBands_data()
    {
        QTest::addColumn<double>("kappa");
        QTest::addColumn<QString>("band");
        QTest::newRow("negative") << -0.01 << "poor";
        QTest::newRow("zero") << 0.0 << "slight";
        QTest::newRow("0.20") << 0.20 << "slight";
        QTest::newRow("0.21") << 0.21 << "fair";
        QTest::newRow("0.40") << 0.40 << "fair";
        QTest::newRow("0.41") << 0.41 << "moderate";
        QTest::newRow("0.60") << 0.60 << "moderate";
        QTest::newRow("0.61") << 0.61 << "substantial";
        QTest::newRow("0.80") << 0.80 << "substantial";
        QTest::newRow("0.81") << 0.81 << "almost perfect";
        QTest::newRow("one") << 1.0 << "almost perfect";
    }
    void landisKochBands()
    {
        QFETCH(double, kappa);
        QFETCH(QString, band);
        QCOMPARE(QString::fromLatin1(landisKochBand(kappa).data(), int(landisKochBand(kappa).size())), band);
    }

    void textbookKappa()
    {
        // 50 items, yes/no: 20 both yes, 15 both no, 5 and 10 disagreements: Po 0.7, Pe 0.5, kappa 0.4.
        const PairStatistics s = computePairStatistics(matrix(2, {20, 5, 10, 15}), 3);
        QCOMPARE(s.n, int64_t {50});
        QCOMPARE(s.nDropped, int64_t {3});
        QVERIFY(std::abs(*s.percentAgreement - 0.7) < 1e-15);
        QVERIFY(std::abs(*s.kappaUnweighted.value - 0.4) < 1e-15);
        QVERIFY(std::abs(*s.pabak - 0.4) < 1e-15); // 2 * 0.7 - 1
        // On two classes every weighting is the same kappa.
        QVERIFY(std::abs(*s.kappaLinear.value - 0.4) < 1e-15);
        QVERIFY(std::abs(*s.kappaQuadratic.value - 0.4) < 1e-15);
        QVERIFY(std::abs(*s.kappaQuadratic.se - *s.kappaUnweighted.se) < 1e-15);
    }

    void kappaOfOneClassRatersIsUndefinedOrDegenerateZero()
    {
        // Both raters chose A only: 1 - Pe = 0, kappa undefined (not 0, not NaN), degenerate.
        const PairStatistics same =
            computePairStatistics(matrix(4, {5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0);
        QVERIFY(!same.kappaUnweighted.value && !same.kappaUnweighted.se && !same.kappaUnweighted.ci95);
        QVERIFY(!same.kappaLinear.value && !same.kappaQuadratic.value);
        QVERIFY(same.kappaUnweighted.degenerate && same.kappaQuadratic.degenerate);
        QCOMPARE(*same.percentAgreement, 1.0);
        QCOMPARE(*same.gwetAc1, 1.0);
        QCOMPARE(*same.f1Macro, 1.0); // over the one class present
        QVERIFY(!same.perClass[1].precision && !same.perClass[1].recall && !same.perClass[1].f1);
        // Reference chose A only, the other varied (a CNN that said A everywhere): Pe = Po, so
        // kappa is exactly 0 under every weighting, as statsmodels, vcd and irr give it, and
        // flagged degenerate; its SE (0 by construction) and CI are not given.
        const PairStatistics one =
            computePairStatistics(matrix(4, {3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0);
        for (const KappaEstimate* k : {&one.kappaUnweighted, &one.kappaLinear, &one.kappaQuadratic}) {
            QVERIFY(k->value.has_value());
            QCOMPARE(*k->value, 0.0); // exactly, not 1e-16
            QVERIFY(k->degenerate);
            QVERIFY(!k->se && !k->ci95);
        }
        // The same when it is the other rater who used one class.
        const PairStatistics other =
            computePairStatistics(matrix(4, {3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}), 0);
        QCOMPARE(*other.kappaUnweighted.value, 0.0);
        QCOMPARE(*other.kappaQuadratic.value, 0.0);
        QVERIFY(other.kappaUnweighted.degenerate);
        // Each used one class, a different one: Pe = Po = w(A, B) < 1, kappa 0, degenerate.
        const PairStatistics apart =
            computePairStatistics(matrix(4, {0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0);
        QCOMPARE(*apart.kappaUnweighted.value, 0.0);
        QCOMPARE(*apart.kappaLinear.value, 0.0);
        QVERIFY(apart.kappaLinear.degenerate);
        // Two classes used by each rater: defined again, and not degenerate.
        const PairStatistics two =
            computePairStatistics(matrix(4, {3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), 0);
        QVERIFY(two.kappaUnweighted.value.has_value() && two.kappaUnweighted.se.has_value());
        QVERIFY(!two.kappaUnweighted.degenerate);
        QVERIFY(!one.perClass[1].recall); // support 0
        QCOMPARE(*one.perClass[1].precision, 0.0); // chosen by other, never right
        QCOMPARE(*one.perClass[1].f1, 0.0);
        QVERIFY(!one.perClass[3].f1); // D: nobody chose it, not averaged
        QVERIFY(std::abs(*one.f1Macro - (2.0 * 3 / 9) / 3) < 1e-15); // A: 2*3/(6+3), B and C: 0
    }

    void emptyPairHasNoFigures()
    {
        const PairStatistics s = computePairStatistics(matrix(2, {0, 0, 0, 0}), 4);
        QCOMPARE(s.n, int64_t {0});
        QVERIFY(!s.percentAgreement && !s.kappaUnweighted.value && !s.pabak && !s.gwetAc1 && !s.f1Macro);
    }

    void wilsonInterval()
    {
        const auto none = sg::core::wilsonInterval(0, 10);
        QVERIFY(std::abs(none[0]) < 1e-15);
        const auto all = sg::core::wilsonInterval(10, 10);
        QVERIFY(std::abs(all[1] - 1.0) < 1e-15);
        // statsmodels proportion_confint(8, 10, method='wilson')
        const auto some = sg::core::wilsonInterval(8, 10);
        QVERIFY(std::abs(some[0] - 0.49016247153664183) < 1e-14);
        QVERIFY(std::abs(some[1] - 0.9433178485456247) < 1e-14);
    }

    void fleissUndefinedCases()
    {
        QVERIFY(!fleissKappa(FleissSums {3, 3, {3, 0}}, 1)); // one rater
        QVERIFY(!fleissKappa(FleissSums {0, 0, {0, 0}}, 3)); // no item labeled by all
        QVERIFY(!fleissKappa(FleissSums {2, 18, {6, 0}}, 3)); // every label in one class
        // Two items, three raters: (3,0) and (2,1): Po = (1 + 1/3)/2, Pe = (5/6)^2 + (1/6)^2.
        const double po = (1.0 + 1.0 / 3.0) / 2.0, pe = 25.0 / 36.0 + 1.0 / 36.0;
        QVERIFY(std::abs(*fleissKappa(FleissSums {2, 9 + 5, {5, 1}}, 3) - (po - pe) / (1 - pe)) < 1e-15);
    }

    // The kappa paradox in one sentence: 90% agreement, 90% of labels in one class, kappa 0.44.
    void explainsTheKappaParadox()
    {
        const std::vector<std::string> classes {"A", "B-D"};
        const PairStatistics skewed = computePairStatistics(matrix(2, {85, 5, 5, 5}), 0);
        QVERIFY(std::abs(*skewed.kappaUnweighted.value - 0.08 / 0.18) < 1e-12);
        QVERIFY(std::abs(*skewed.kappaMax - 1.0) < 1e-12); // equal marginals: 1 is reachable
        QVERIFY(std::abs(*skewed.prevalenceIndex - 0.8) < 1e-12);
        QCOMPARE(*skewed.biasIndex, 0.0);
        const std::string why = kappaParadoxSentence(skewed, classes);
        QVERIFY2(why.find("Kappa is 0.44") != std::string::npos && why.find("A makes up 90%") != std::string::npos &&
                why.find("prevalence index 0.80") != std::string::npos && why.find("PABAK (0.80)") != std::string::npos,
            why.c_str());
        // Balanced classes and a high kappa: nothing to explain.
        QVERIFY(kappaParadoxSentence(computePairStatistics(matrix(2, {45, 5, 5, 45}), 0), classes).empty());
        // Unequal marginals cap kappa: 80 A vs 90 A of 100.
        const PairStatistics capped = computePairStatistics(matrix(2, {78, 2, 12, 8}), 0);
        QVERIFY(std::abs(*capped.kappaMax - (0.9 - (0.8 * 0.9 + 0.2 * 0.1)) / (1.0 - (0.8 * 0.9 + 0.2 * 0.1))) < 1e-12);
    }
};

QTEST_APPLESS_MAIN(TestPairStatistics)
#include "tst_PairStatistics.moc"
