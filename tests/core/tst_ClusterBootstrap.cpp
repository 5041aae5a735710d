// The patient-clustered bootstrap (core/stats/ClusterBootstrap.h), tested for its properties:
// a replicate's figures are the engine's; the CIs contain the estimate; with one item per study
// they approach the asymptotic CIs; when every slice of a study carries the same labels they
// equal the CIs of one item per study and are wider than the naive ones; a seed gives the same
// figures every time; the CSV's study column is what it clusters on.
#include "core/stats/AgreementJson.h"
#include "core/stats/ClusterBootstrap.h"
#include "core/stats/CsvAgreement.h"
#include "core/stats/RatingTable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

using namespace sg::core;

namespace {

// Two raters grade `studies` studies of `slices` slices. Each study has a true grade; with
// `sameInStudy` every slice of a study gets the study's labels (the raters' too), otherwise
// each slice is drawn on its own. Clustered by study unless `ownClusters`.
struct Design {
    int studies = 100;
    int slices = 1;
    bool sameInStudy = false;
    bool ownClusters = false;
    uint32_t seed = 7;
};

RatingTable makeTable(const Design& d)
{
    RatingTable table;
    std::mt19937 rng(d.seed);
    std::discrete_distribution<int> truth({70, 18, 8, 4});
    std::uniform_real_distribution<double> u(0.0, 1.0);
    auto noisy = [&](int g) { return u(rng) < 0.2 ? std::clamp(g + (u(rng) < 0.5 ? -1 : 1), 0, 3) : g; };
    for (int s = 0; s < d.studies; ++s) {
        const int studyGrade = truth(rng);
        const int first = noisy(studyGrade), second = noisy(studyGrade);
        for (int i = 0; i < d.slices; ++i) {
            const std::string item = "S" + std::to_string(s) + "/" + std::to_string(i);
            const int g = d.sameInStudy ? studyGrade : truth(rng);
            table.setLabel(item, "a", Task::Grade, d.sameInStudy ? first : noisy(g));
            table.setLabel(item, "b", Task::Grade, d.sameInStudy ? second : noisy(g));
            if (!d.ownClusters)
                table.setItemCluster(item, "S" + std::to_string(s));
        }
    }
    return table;
}

const PairReport& gradePair(const AgreementReport& r)
{
    return r.tasks.front().all.scale.pairs.front(); // grade, (a, b)
}

AgreementReport bootstrapped(const RatingTable& t, BootstrapOptions o = {})
{
    AgreementReport r = computeAgreementReport(t);
    addBootstrap(r, t, o);
    return r;
}

// Every resampled figure with its estimate (PairStatistics) and its bootstrap CI.
struct Figure {
    const char* name;
    std::optional<double> estimate;
    std::optional<std::array<double, 2>> ci;
};

std::vector<Figure> figures(const PairReport& p)
{
    const PairStatistics& s = p.stats;
    const BootstrapFigures& b = *p.bootstrap;
    return {{"agreement", s.percentAgreement, b.percentAgreement},
        {"kappa", s.kappaUnweighted.value, b.kappaUnweighted}, {"linear", s.kappaLinear.value, b.kappaLinear},
        {"quadratic", s.kappaQuadratic.value, b.kappaQuadratic}, {"AC1", s.gwetAc1, b.gwetAc1},
        {"macro-F1", s.f1Macro, b.f1Macro}};
}

double width(const std::array<double, 2>& ci)
{
    return ci[1] - ci[0];
}

} // namespace

class TestClusterBootstrap : public QObject {
    Q_OBJECT
private slots:
    // The fast per-replicate figures are the engine's (PairStatistics) on random tables,
    // including the degenerate and undefined kappas of one-class raters.
    void replicateFiguresAreTheEngines()
    {
        std::mt19937 rng(3);
        for (int round = 0; round < 2000; ++round) {
            const int k = round % 2 ? 4 : 2;
            ConfusionMatrix m {k, std::vector<int64_t>(static_cast<size_t>(k * k), 0)};
            const int shape = round % 7;
            for (auto& c : m.cells)
                c = std::uniform_int_distribution<int>(0, shape == 0 ? 1 : 6)(rng);
            if (shape == 1) // the reference used one class only
                for (int i = 1; i < k; ++i)
                    for (int j = 0; j < k; ++j)
                        m.cells[static_cast<size_t>(i * k + j)] = 0;
            if (shape == 2) // both used one and the same class
                std::fill(m.cells.begin() + 1, m.cells.end(), 0);
            if (m.total() == 0)
                continue;
            const PairStatistics s = computePairStatistics(m, 0);
            const auto f = bootstrapFigures(m.cells.data(), k);
            const std::optional<double> want[] = {s.percentAgreement, s.kappaUnweighted.value, s.kappaLinear.value,
                s.kappaQuadratic.value, s.gwetAc1, s.f1Macro};
            for (size_t i = 0; i < f.size(); ++i) {
                QVERIFY2(std::isnan(f[i]) == !want[i], qPrintable(QString("round %1 figure %2").arg(round).arg(i)));
                if (want[i])
                    QVERIFY2(std::abs(f[i] - *want[i]) < 1e-12,
                        qPrintable(QString("round %1 figure %2: %3 vs %4").arg(round).arg(i).arg(f[i]).arg(*want[i])));
            }
        }
    }

    void containsTheEstimate()
    {
        for (uint32_t seed : {1u, 2u, 3u}) {
            const AgreementReport r = bootstrapped(makeTable({80, 12, false, false, seed}));
            const PairReport& p = gradePair(r);
            QVERIFY(p.bootstrap);
            QCOMPARE(p.bootstrap->clusters, int64_t {80});
            QCOMPARE(p.bootstrap->replicates, kDefaultBootstrapReplicates);
            for (const Figure& f : figures(p)) {
                QVERIFY2(f.estimate && f.ci, f.name);
                QVERIFY2((*f.ci)[0] <= *f.estimate && *f.estimate <= (*f.ci)[1],
                    qPrintable(QString("%1: %2 outside [%3, %4]")
                                   .arg(f.name)
                                   .arg(*f.estimate)
                                   .arg((*f.ci)[0])
                                   .arg((*f.ci)[1])));
            }
        }
    }

    // With one item per study the bootstrap resamples independent items: its percentile CIs
    // approach the asymptotic ones (Wilson for agreement, Fleiss-Cohen-Everitt for kappa).
    void oneItemPerStudyApproachesTheAsymptoticCi()
    {
        const AgreementReport r = bootstrapped(makeTable({3000, 1, false, false, 11}));
        const PairReport& p = gradePair(r);
        const PairStatistics& s = p.stats;
        const BootstrapFigures& b = *p.bootstrap;
        const std::pair<std::array<double, 2>, std::array<double, 2>> pairs[] = {
            {*s.percentAgreementCi95, *b.percentAgreement}, {*s.kappaUnweighted.ci95, *b.kappaUnweighted},
            {*s.kappaLinear.ci95, *b.kappaLinear}, {*s.kappaQuadratic.ci95, *b.kappaQuadratic},
            {*s.gwetAc1Ci95, *b.gwetAc1}};
        for (const auto& [asymptotic, boot] : pairs)
            for (int i = 0; i < 2; ++i) // within a tenth of the CI's width
                QVERIFY2(std::abs(asymptotic[static_cast<size_t>(i)] - boot[static_cast<size_t>(i)]) <
                        0.1 * width(asymptotic),
                    qPrintable(QString("[%1, %2] vs bootstrap [%3, %4]")
                                   .arg(asymptotic[0])
                                   .arg(asymptotic[1])
                                   .arg(boot[0])
                                   .arg(boot[1])));
        QVERIFY(b.designEffect);
        QVERIFY2(std::abs(*b.designEffect - 1.0) < 0.15, qPrintable(QString::number(*b.designEffect)));
    }

    // One study resamples to itself: its CIs are undefined, not a zero-width interval that
    // would claim a precision the data does not have.
    void oneStudyGivesNoInterval()
    {
        const AgreementReport r = bootstrapped(makeTable({1, 40, false, false, 3}));
        const PairReport& p = gradePair(r);
        QVERIFY(p.bootstrap);
        QCOMPARE(p.bootstrap->clusters, int64_t {1});
        QVERIFY(p.stats.n > 0);
        for (const auto& f : figures(p))
            QVERIFY2(!f.ci, f.name);
    }

    // Twelve identical slices per study carry no more information than one: the clustered CIs
    // equal those of one item per study (same seed, same studies), and are wider than the
    // asymptotic CIs that count every slice as independent.
    void identicalSlicesMatchOneItemPerStudy()
    {
        const AgreementReport slices = bootstrapped(makeTable({150, 12, true, false, 5}));
        const AgreementReport single = bootstrapped(makeTable({150, 1, true, true, 5}));
        const PairReport& p = gradePair(slices);
        const PairReport& q = gradePair(single);
        QCOMPARE(p.stats.n, int64_t {1800});
        QCOMPARE(q.stats.n, int64_t {150});
        QVERIFY(!p.bootstrap->clusteredByItem);
        QVERIFY(q.bootstrap->clusteredByItem);
        const auto a = figures(p), b = figures(q);
        for (size_t i = 0; i < a.size(); ++i) {
            QVERIFY2(a[i].ci && b[i].ci, a[i].name);
            for (size_t e = 0; e < 2; ++e)
                QVERIFY2(std::abs((*a[i].ci)[e] - (*b[i].ci)[e]) < 1e-12, a[i].name);
        }
        const PairStatistics& s = p.stats;
        const std::pair<std::array<double, 2>, std::array<double, 2>> naive[] = {
            {*s.percentAgreementCi95, *p.bootstrap->percentAgreement},
            {*s.kappaUnweighted.ci95, *p.bootstrap->kappaUnweighted},
            {*s.kappaQuadratic.ci95, *p.bootstrap->kappaQuadratic}, {*s.gwetAc1Ci95, *p.bootstrap->gwetAc1}};
        for (const auto& [asymptotic, boot] : naive)
            QVERIFY2(width(boot) > 2.0 * width(asymptotic),
                qPrintable(QString("bootstrap width %1, naive %2").arg(width(boot)).arg(width(asymptotic))));
        // Twelve copies of each study: the variance of the agreement is about twelve times the naive one.
        QVERIFY(p.bootstrap->designEffect);
        QVERIFY2(*p.bootstrap->designEffect > 8.0 && *p.bootstrap->designEffect < 16.0,
            qPrintable(QString::number(*p.bootstrap->designEffect)));
    }

    void aSeedGivesTheSameFigures()
    {
        const RatingTable t = makeTable({40, 5, false, false, 9});
        const std::string one = agreementReportToJson(bootstrapped(t, {500, 42}));
        QCOMPARE(agreementReportToJson(bootstrapped(t, {500, 42})), one);
        QVERIFY(agreementReportToJson(bootstrapped(t, {500, 43})) != one);
        const BootstrapFigures& b = *gradePair(bootstrapped(t, {500, 42})).bootstrap;
        QCOMPARE(b.replicates, 500);
        QCOMPARE(b.seed, uint64_t {42});
        // Platform independence: std::mt19937_64's output is fixed by the standard and the draw
        // uses no library distribution, so these digits are the same wherever the program runs.
        QCOMPARE(QString::number((*b.kappaUnweighted)[0], 'f', 12), QString("0.462728560326"));
        QCOMPARE(QString::number((*b.percentAgreement)[1], 'f', 12), QString("0.810000000000"));
    }

    // Each level's pairs carry their own bootstrap, clustered by the studies among that level's
    // items: the same figures as the bootstrap of a table that holds only that level's items
    // (same studies, same order, same seed); both orders of a pair and the binarised views too;
    // in the JSON with the keys of the project-level bootstrap.
    void everyLevelHasItsOwnBootstrap()
    {
        const char* levels[] = {"L3/L4", "L4/L5", "L5/S1"};
        const RatingTable whole = makeTable({60, 9, false, false, 21});
        RatingTable withLevels;
        std::map<std::string, RatingTable> alone;
        std::mt19937 rng(4);
        for (int s = 0; s < 60; ++s)
            for (int i = 0; i < 9; ++i) {
                const std::string item = "S" + std::to_string(s) + "/" + std::to_string(i);
                // The first two studies only at L3/L4: other levels have fewer studies.
                const std::string level = levels[s < 2 ? 0 : rng() % 3];
                for (RatingTable* t : {&withLevels, &alone[level]}) {
                    for (const char* r : {"a", "b"})
                        if (const auto g = whole.label(item, r, Task::Grade))
                            t->setLabel(item, r, Task::Grade, *g);
                    t->setItemCluster(item, "S" + std::to_string(s));
                }
                withLevels.setItemLevel(item, level);
            }
        const AgreementReport r = bootstrapped(withLevels, {400, 17});
        const TaskEntry& grade = r.tasks.front();
        QCOMPARE(grade.levels.size(), size_t {3});
        for (const LevelReport& l : grade.levels) {
            const AgreementReport single = bootstrapped(alone[l.level], {400, 17});
            const TaskReport& want = single.tasks.front().all;
            QCOMPARE(l.report.views.size(), want.views.size());
            for (size_t v = 0; v <= l.report.views.size(); ++v) {
                const ScaleReport& got = v == 0 ? l.report.scale : l.report.views[v - 1];
                const ScaleReport& ref = v == 0 ? want.scale : want.views[v - 1];
                QCOMPARE(got.pairs.size(), size_t {2});
                for (size_t p = 0; p < 2; ++p) {
                    QVERIFY2(got.pairs[p].bootstrap, qPrintable(QString::fromStdString(l.level)));
                    const BootstrapFigures& b = *got.pairs[p].bootstrap;
                    const BootstrapFigures& c = *ref.pairs[p].bootstrap;
                    QCOMPARE(b.clusters, c.clusters);
                    if (l.level != "L3/L4") // the first two studies are not at this level
                        QVERIFY(b.clusters <= 58);
                    const auto fa = figures(got.pairs[p]), fb = figures(ref.pairs[p]);
                    for (size_t f = 0; f < fa.size(); ++f) {
                        QVERIFY2(fa[f].ci && fb[f].ci, fa[f].name);
                        QCOMPARE((*fa[f].ci)[0], (*fb[f].ci)[0]);
                        QCOMPARE((*fa[f].ci)[1], (*fb[f].ci)[1]);
                    }
                    QCOMPARE(b.designEffect, c.designEffect);
                }
            }
        }
        const auto json = nlohmann::json::parse(agreementReportToJson(r));
        const auto& levelPair = json["tasks"]["grade"]["levels"]["L4/L5"]["pairs"][0];
        const auto& projectPair = json["tasks"]["grade"]["pairs"][0];
        QVERIFY(levelPair.contains("bootstrap"));
        std::vector<std::string> keys, want;
        for (const auto& [k, v] : levelPair["bootstrap"].items())
            keys.push_back(k);
        for (const auto& [k, v] : projectPair["bootstrap"].items())
            want.push_back(k);
        QCOMPARE(keys, want);
        QVERIFY(levelPair["bootstrap"]["clusters"].get<int>() < projectPair["bootstrap"]["clusters"].get<int>());
    }

    void csvStudyColumnIsTheCluster()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("labels.csv");
        auto write = [&](const QByteArray& text) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write("item,rater,task,label,study\n1,a,grade,A,P1\n1,b,grade,A,P1\n2,a,grade,B,P1\n2,b,grade,A,P1\n"
              "3,a,grade,A,P2\n3,b,grade,A,P2\n4,a,grade,C,P3\n4,b,grade,C,P3\n");
        auto r = agreementReportOfCsv(path.toStdString(), {200, 1});
        QVERIFY2(r, r ? "" : r.error().c_str());
        QCOMPARE(gradePair(*r).bootstrap->clusters, int64_t {3});
        QVERIFY(!r->bootstrapByItem);
        QVERIFY(agreementReportToJson(*r, -1).find("\"clustered_by\":\"study\"") != std::string::npos);

        write("item,rater,task,label\n1,a,grade,A\n1,b,grade,A\n2,a,grade,B\n2,b,grade,A\n3,a,grade,A\n3,b,grade,B\n");
        r = agreementReportOfCsv(path.toStdString(), {200, 1});
        QVERIFY(r);
        QCOMPARE(gradePair(*r).bootstrap->clusters, int64_t {3});
        QVERIFY(r->bootstrapByItem);
        QVERIFY(agreementReportToJson(*r, -1).find("\"clustered_by\":\"item\"") != std::string::npos);

        // One item in two studies is a broken file: refused, naming the file, the line and both studies.
        write("item,rater,task,label,study\n1,a,grade,A,P1\n1,b,grade,A,P2\n");
        r = agreementReportOfCsv(path.toStdString(), {200, 1});
        QVERIFY(!r);
        QVERIFY2(
            r.error().find("labels.csv line 3") != std::string::npos && r.error().find("'P1'") != std::string::npos,
            r.error().c_str());

        // No bootstrap asked: no bootstrap figures.
        write("item,rater,task,label\n1,a,grade,A\n1,b,grade,A\n");
        r = agreementReportOfCsv(path.toStdString(), {0, 1});
        QVERIFY(r);
        QVERIFY(!gradePair(*r).bootstrap);
        QVERIFY(agreementReportToJson(*r, -1).find("bootstrap") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestClusterBootstrap)
#include "tst_ClusterBootstrap.moc"
