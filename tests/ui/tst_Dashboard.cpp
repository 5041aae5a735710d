// The agreement dashboard on a real project file: the figures it shows equal core's report
// read independently, a label committed by ANOTHER PROCESS shows (through the incremental
// history path, and through a full reload for a new analyzer; the latency is printed, not
// asserted: a loaded machine makes any bound a race), a damaged
// file gets a message naming it, and only a lead can open it from the main window.
#include "core/stats/RatingTable.h"
#include "core/store/ProjectRatings.h"
#include "core/store/Worklist.h"
#include "tests/support/ImageCompare.h"
#include "tests/support/RatingsFixture.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/charts/KappaForest.h"
#include "ui/dashboard/AgreementFeed.h"
#include "ui/dashboard/AgreementTables.h"
#include "ui/dashboard/DashboardWidget.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sg::core;
using sg::ui::DashboardWidget;

namespace {

AgreementReport independentReport(const std::string& path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        return {};
    auto ratings = readProjectRatings(**store);
    if (!ratings)
        return {};
    RatingTable table;
    fillRatingTable(table, *ratings);
    return computeAgreementReport(table);
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 1) + "%";
}

// The paper table's row for (task, rater 1, rater 2), or -1.
int paperRow(QTableWidget& t, const QString& task, const QString& a, const QString& b)
{
    for (int r = 0; r < t.rowCount(); ++r)
        if (t.item(r, 0)->text() == task && t.item(r, 1)->text() == a && t.item(r, 2)->text() == b)
            return r;
    return -1;
}

bool same(const std::optional<double>& a, const std::optional<double>& b)
{
    return a.has_value() == b.has_value() && (!a || std::abs(*a - *b) < 1e-12);
}

// Every figure of every pair of every scale, view and level: the dashboard's report equals
// the one read from scratch.
void compareReports(const AgreementReport& shown, const AgreementReport& expected)
{
    QCOMPARE(shown.tasks.size(), expected.tasks.size());
    auto compareScale = [](const ScaleReport& s, const ScaleReport& e) {
        QCOMPARE(s.items, e.items);
        QCOMPARE(s.pairs.size(), e.pairs.size());
        QVERIFY(same(s.fleissKappa, e.fleissKappa));
        for (size_t i = 0; i < s.pairs.size(); ++i) {
            const PairStatistics &a = s.pairs[i].stats, &b = e.pairs[i].stats;
            QCOMPARE(s.pairs[i].reference, e.pairs[i].reference);
            QCOMPARE(s.pairs[i].other, e.pairs[i].other);
            QCOMPARE(a.n, b.n);
            QCOMPARE(a.nDropped, b.nDropped);
            QVERIFY(same(a.percentAgreement, b.percentAgreement));
            QVERIFY(same(a.kappaUnweighted.value, b.kappaUnweighted.value));
            QVERIFY(same(a.kappaLinear.value, b.kappaLinear.value));
            QVERIFY(same(a.kappaQuadratic.se, b.kappaQuadratic.se));
            QVERIFY(same(a.pabak, b.pabak));
            QVERIFY(same(a.gwetAc1, b.gwetAc1));
            QVERIFY(same(a.f1Macro, b.f1Macro));
            QCOMPARE(a.confusion.cells, b.confusion.cells);
        }
    };
    for (size_t t = 0; t < shown.tasks.size(); ++t) {
        compareScale(shown.tasks[t].all.scale, expected.tasks[t].all.scale);
        QCOMPARE(shown.tasks[t].levels.size(), expected.tasks[t].levels.size());
        for (size_t l = 0; l < shown.tasks[t].levels.size(); ++l)
            compareScale(shown.tasks[t].levels[l].report.scale, expected.tasks[t].levels[l].report.scale);
    }
}

// The paper table shows each unordered pair's n, agreement and macro-F1 of `expected`.
void compareTable(QTableWidget& table, const AgreementReport& expected)
{
    int rows = 0;
    for (const TaskEntry& t : expected.tasks) {
        const QString task = t.task == Task::Grade ? "stenosis grade" : "rootlet vs cord";
        for (const PairReport& p : t.all.scale.pairs) {
            if (p.reference > p.other)
                continue;
            ++rows;
            const int r = paperRow(table, task, QString::fromStdString(p.reference), QString::fromStdString(p.other));
            QVERIFY2(r >= 0, qPrintable(task + " " + QString::fromStdString(p.reference + " vs " + p.other)));
            QCOMPARE(table.item(r, 3)->text(), QString::number(p.stats.n));
            if (p.stats.n == 0) { // no common item: undefined, never 0%
                QCOMPARE(table.item(r, 4)->text(), QString("undefined"));
                QCOMPARE(table.item(r, 5)->text(), QString("undefined"));
                continue;
            }
            QVERIFY(p.stats.percentAgreement && p.stats.percentAgreementCi95 && p.stats.f1Macro);
            QCOMPARE(table.item(r, 4)->text(),
                QString("%1 [%2, %3]")
                    .arg(percent(*p.stats.percentAgreement), percent((*p.stats.percentAgreementCi95)[0]),
                        percent((*p.stats.percentAgreementCi95)[1])));
            QCOMPARE(table.item(r, 5)->text(), percent(*p.stats.f1Macro));
        }
    }
    QCOMPARE(table.rowCount(), rows);
}

// The progress table shows what core's worklist progress says for each analyzer.
void compareProgress(QTableWidget& table, const std::string& path)
{
    auto store = ProjectStore::open(path);
    QVERIFY(store);
    auto analyzers = (*store)->analyzers();
    QVERIFY(analyzers);
    int rows = 0;
    for (const Analyzer& a : *analyzers) {
        auto p = progress(**store, a);
        QVERIFY(p);
        if (p->total == 0 || (a.isLead() && p->done == 0)) // a lead who only reads is no analyzer
            continue;
        ++rows;
        const QString name = QString::fromStdString(a.name) + (a.isLead() ? " (lead)" : "");
        bool found = false;
        for (int r = 0; r < table.rowCount(); ++r)
            if (table.item(r, 0)->text() == name) {
                found = true;
                QCOMPARE(table.item(r, 1)->text(), QString("%1 / %2").arg(p->done).arg(p->total));
            }
        QVERIFY2(found, qPrintable(name));
    }
    QCOMPARE(table.rowCount(), rows);
}

const PairStatistics* pairOf(const AgreementReport& report, Task task, const std::string& a, const std::string& b)
{
    for (const TaskEntry& t : report.tasks)
        if (t.task == task)
            for (const PairReport& p : t.all.scale.pairs)
                if (p.reference == a && p.other == b)
                    return &p.stats;
    return nullptr;
}

} // namespace

class TestDashboard : public QObject {
    Q_OBJECT
private slots:
    void showsCoreFiguresAndFollowsAnotherProcess()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/study.sgp").toStdString();
        std::string error;
        auto store = sg::test::makeRatedProject(path, {}, error);
        QVERIFY2(store, error.c_str());
        // ana's first worklist item reads D and the classifier says A: the other process will
        // set ana's label there to A (sg_label_writer's first label), which must move ana vs cnn.
        auto ana = store->findAnalyzer("ana");
        QVERIFY(ana && *ana);
        auto order = worklistOrder(*store, **ana);
        QVERIFY(order && !order->empty());
        const std::int64_t first = order->front();
        Label d;
        d.itemId = first;
        d.canal = Canal::Rootlet;
        d.grade = Grade::D;
        d.analyzerId = (*ana)->id;
        auto savedD = store->saveLabel(**ana, d);
        QVERIFY2(savedD, savedD ? "" : savedD.error().c_str());
        Prediction p;
        p.itemId = first;
        p.modelName = "cnn";
        p.modelVersion = "2";
        p.canalProbabilities = {0.9, 0.1};
        p.gradeProbabilities = {0.9, 0.05, 0.03, 0.02};
        QVERIFY(store->savePrediction(p).ok());
        store.reset();

        DashboardWidget dashboard;
        dashboard.resize(1240, 1000);
        dashboard.show();
        QSignalSpy shown(&dashboard, &DashboardWidget::snapshotShown);
        dashboard.follow(QString::fromStdString(path));
        QVERIFY(shown.wait(120000));
        const AgreementReport before = independentReport(path);
        compareReports(dashboard.snapshot()->report, before);
        compareTable(dashboard.paperTable(), before);
        compareProgress(dashboard.progressTable(), path);
        // ana, bob, cnn, consensus: six unordered pairs per task.
        QCOMPARE(dashboard.paperTable().rowCount(), 12);
        // ana and bob; the lead has a worklist but labeled nothing: not an analyzer with 0 done.
        QCOMPARE(dashboard.progressTable().rowCount(), 2);

        // Another process commits one label.
        const std::int64_t lastBefore = dashboard.snapshot()->lastHistoryId;
        QProcess writer;
        QElapsedTimer sinceCommit;
        connect(&writer, &QProcess::readyReadStandardOutput, this, [&] {
            if (!sinceCommit.isValid() && writer.readAllStandardOutput().contains("committed"))
                sinceCommit.start(); // the line is printed after the commit returned
        });
        writer.start(qEnvironmentVariable("SG_LABEL_WRITER"), {QString::fromStdString(path), "ana", "1", "0"});
        QVERIFY(QTest::qWaitFor([&] { return sinceCommit.isValid(); }, 120000));
        QVERIFY(QTest::qWaitFor([&] { return dashboard.snapshot()->lastHistoryId > lastBefore; }, 120000));
        // A figure for the README, not a check: the path taken (incremental) is what is asserted.
        qInfo("commit in another process to dashboard shown: %lld ms (incremental)", sinceCommit.elapsed());
        QVERIFY(writer.state() == QProcess::NotRunning || writer.waitForFinished(120000));
        QCOMPARE(writer.exitCode(), 0);
        QCOMPARE(dashboard.snapshot()->kind, RefreshKind::Incremental);

        const AgreementReport after = independentReport(path);
        const PairStatistics* was = pairOf(before, Task::Grade, "ana", "cnn");
        const PairStatistics* now = pairOf(after, Task::Grade, "ana", "cnn");
        QVERIFY(was && now && *now->percentAgreement > *was->percentAgreement); // the figure moved
        compareReports(dashboard.snapshot()->report, after);
        compareTable(dashboard.paperTable(), after);
        compareProgress(dashboard.progressTable(), path);

        // A new analyzer labels three items: not in the table yet, so it is read in full.
        const std::int64_t lastAna = dashboard.snapshot()->lastHistoryId;
        QProcess carl;
        carl.start(qEnvironmentVariable("SG_LABEL_WRITER"), {QString::fromStdString(path), "carl", "3", "100"});
        QVERIFY(carl.waitForFinished(120000));
        QCOMPARE(carl.exitCode(), 0);
        QVERIFY2(QTest::qWaitFor([&] { return dashboard.snapshot()->lastHistoryId >= lastAna + 3; }, 120000),
            qPrintable(dashboard.statusLabel().text()));
        QCOMPARE(dashboard.snapshot()->kind, RefreshKind::Full);
        const AgreementReport withCarl = independentReport(path);
        compareReports(dashboard.snapshot()->report, withCarl);
        compareTable(dashboard.paperTable(), withCarl);
        compareProgress(dashboard.progressTable(), path);
        QCOMPARE(dashboard.paperTable().rowCount(), 20); // five raters: ten pairs per task
        bool carlShown = false;
        for (int r = 0; r < dashboard.progressTable().rowCount(); ++r)
            if (dashboard.progressTable().item(r, 0)->text() == "carl")
                carlShown = dashboard.progressTable().item(r, 1)->text().startsWith("3 / ");
        QVERIFY(carlShown);

        // The lead corrects a stack's level (another connection): the per-level figures follow.
        {
            auto lead = ProjectStore::open(path);
            QVERIFY(lead);
            auto who = (*lead)->findAnalyzer("lead");
            QVERIFY(who && *who);
            const int updates = shown.count();
            auto changed = (*lead)->correctStackLevel(**who, first, Level::L1L2);
            QVERIFY(changed && *changed > 0);
            QVERIFY(QTest::qWaitFor([&] { return shown.count() > updates; }, 120000));
            QCOMPARE(dashboard.snapshot()->kind, RefreshKind::Full);
            compareReports(dashboard.snapshot()->report, independentReport(path));
        }

        // The kappa table of the grade: one row per unordered pair, the band beside the value.
        dashboard.selectScale(Scale::Grade);
        const PairStatistics* anaBob = pairOf(withCarl, Task::Grade, "ana", "bob");
        bool found = false;
        for (int r = 0; r < dashboard.kappaTable().rowCount(); ++r)
            if (dashboard.kappaTable().item(r, 0)->text() == "ana" &&
                dashboard.kappaTable().item(r, 1)->text() == "bob") {
                found = true;
                QVERIFY(dashboard.kappaTable().item(r, 4)->text().startsWith(
                    QString::number(*anaBob->kappaUnweighted.value, 'f', 3) + " ["));
                QCOMPARE(dashboard.kappaTable().item(r, 3)->text(), QString::number(anaBob->nDropped));
            }
        QVERIFY(found);
    }

    // Not a check: the README's screenshot, on a project of realistic size and disagreement
    // (written to build/test-output/dashboard.png; a person looks at it before copying it to
    // resources/screenshots/).
    void rendersARealisticProject()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/lumbar-agreement.sgp").toStdString();
        std::string error;
        sg::test::RatedProjectOptions options;
        options.studies = 24;
        options.consensusItems = 30;
        QVERIFY2(sg::test::makeRatedProject(path, options, error), error.c_str());
        DashboardWidget dashboard;
        dashboard.resize(1280, 1000);
        dashboard.show();
        QSignalSpy shown(&dashboard, &DashboardWidget::snapshotShown);
        dashboard.follow(QString::fromStdString(path));
        QVERIFY(shown.wait(120000));
        dashboard.selectPair("ana", "bob");
        // Let the layout settle (table heights change after each snapshot) before the grab.
        QTest::qWait(200);
        // The whole page in one picture: the window as tall as its content.
        auto* page = dashboard.findChild<QScrollArea*>()->widget();
        dashboard.resize(1280, page->sizeHint().height() + 60);
        QTest::qWait(100);
        const QImage image = dashboard.grab().toImage();
        QVERIFY(image.height() > 1000);
        QVERIFY(image.save(sg::test::testOutputDir() + "/dashboard.png"));
    }

    // The bootstrap never holds up the figures: the feed posts each snapshot without it, then
    // the same snapshot (same change) with patient-clustered CIs over the project's studies,
    // which the dashboard shows for the chosen pair.
    void bootstrapFollowsTheFigures()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/boot.sgp").toStdString();
        std::string error;
        sg::test::RatedProjectOptions options;
        options.studies = 12;
        QVERIFY2(sg::test::makeRatedProject(path, options, error), error.c_str());

        sg::ui::AgreementFeed feed;
        QSignalSpy updated(&feed, &sg::ui::AgreementFeed::updated);
        QSignalSpy bootstrapped(&feed, &sg::ui::AgreementFeed::bootstrapped);
        feed.start(QString::fromStdString(path));
        QVERIFY(bootstrapped.wait(120000));
        feed.stop();
        QVERIFY(!updated.isEmpty());
        using Snapshot = std::shared_ptr<const sg::ui::DashboardSnapshot>;
        const Snapshot figures = updated.first().first().value<Snapshot>();
        const Snapshot withCis = bootstrapped.first().first().value<Snapshot>();
        QCOMPARE(figures->report.bootstrapReplicates, 0); // posted before any bootstrap
        QCOMPARE(withCis->lastHistoryId, figures->lastHistoryId);
        QCOMPARE(withCis->report.bootstrapReplicates, kDefaultBootstrapReplicates);
        QVERIFY(!withCis->report.bootstrapByItem); // a project clusters on its studies
        const PairReport& pair = withCis->report.tasks.front().all.scale.pairs.front();
        QVERIFY(pair.bootstrap && pair.bootstrap->kappaUnweighted);
        QVERIFY(pair.bootstrap->clusters > 0 && pair.bootstrap->clusters <= 12);

        DashboardWidget dashboard;
        dashboard.show();
        QSignalSpy bootShown(&dashboard, &DashboardWidget::bootstrapShown);
        dashboard.follow(QString::fromStdString(path));
        QVERIFY(bootShown.wait(120000));
        dashboard.selectPair("ana", "bob");
        QVERIFY2(dashboard.explainLabel().text().contains("Bootstrap 95% CI over"),
            qPrintable(dashboard.explainLabel().text()));
        QVERIFY(dashboard.explainLabel().text().contains("studies"));
    }

    // An analyzer against a CNN that said A everywhere: kappa is 0 (Pe = Po), shown as 0 and
    // flagged degenerate, not "undefined"; two raters who both said A everywhere stay undefined.
    void aOneClassRaterShowsKappaZeroFlagged()
    {
        RatingTable table;
        const int grades[] = {0, 1, 0, 2, 0, 3, 1, 0};
        for (int i = 0; i < 8; ++i) {
            const std::string item = "i" + std::to_string(i);
            table.setLabel(item, "ana", Task::Grade, grades[i]);
            table.setLabel(item, "cnn", Task::Grade, 0);
            table.setLabel(item, "cnn2", Task::Grade, 0);
        }
        const ScaleReport grade = computeAgreementReport(table).tasks[0].all.scale;
        QTableWidget kappa;
        sg::ui::fillKappaTable(kappa, grade);
        int checked = 0;
        for (int r = 0; r < kappa.rowCount(); ++r) {
            const QString a = kappa.item(r, 0)->text(), b = kappa.item(r, 1)->text();
            for (int c : {4, 5, 6}) { // unweighted (with band), linear, quadratic
                const QString text = kappa.item(r, c)->text();
                if (a == "ana") {
                    QVERIFY2(text.startsWith("0.000") && text.contains("degenerate"), qPrintable(text));
                    QVERIFY2(!text.contains('[') && !text.contains("slight"), qPrintable(text)); // no CI, no band
                } else {
                    QCOMPARE(a + b, QString("cnncnn2"));
                    QCOMPARE(text, QString("undefined"));
                }
                ++checked;
            }
        }
        QCOMPARE(checked, 9);
        const sg::ui::KappaForestData forest = sg::ui::kappaForestData(grade, KappaWeights::Unweighted);
        QCOMPARE(forest.rows.size(), size_t {3});
        QVERIFY(forest.rows[0].value && *forest.rows[0].value == 0.0 && forest.rows[0].degenerate);
        QVERIFY(!forest.rows[0].ci95);
        QVERIFY(!forest.rows[2].value); // cnn vs cnn2
    }

    // A rater keeps its colour in the charts when another joins, whatever its name sorts as
    // ("aaron" comes before everyone); the newcomer takes a colour no one has.
    void raterColoursStayWhenARaterJoins()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/colours.sgp").toStdString();
        std::string error;
        QVERIFY2(sg::test::makeRatedProject(path, {}, error), error.c_str());
        DashboardWidget dashboard;
        dashboard.resize(1240, 1000);
        dashboard.show();
        QSignalSpy shown(&dashboard, &DashboardWidget::snapshotShown);
        dashboard.follow(QString::fromStdString(path));
        QVERIFY(shown.wait(120000));
        dashboard.selectScale(Scale::Grade);
        QHash<QString, QRgb> before;
        auto coloursShown = [&] {
            QHash<QString, QRgb> colours;
            const sg::ui::DistributionData& d = dashboard.distributionShown();
            for (size_t i = 0; i < d.series.size(); ++i)
                colours.insert(d.series[i].name, i < d.colors.size() ? d.colors[i].rgb() : 0);
            return colours;
        };
        before = coloursShown();
        QVERIFY2(before.size() >= 3, qPrintable(QStringList(before.keys()).join(',')));
        QCOMPARE(QSet<QRgb>(before.cbegin(), before.cend()).size(), before.size()); // all different

        const std::int64_t last = dashboard.snapshot()->lastHistoryId;
        QProcess aaron;
        aaron.start(qEnvironmentVariable("SG_LABEL_WRITER"), {QString::fromStdString(path), "aaron", "3", "100"});
        QVERIFY(aaron.waitForFinished(120000));
        QCOMPARE(aaron.exitCode(), 0);
        QVERIFY(QTest::qWaitFor([&] { return dashboard.snapshot()->lastHistoryId >= last + 3; }, 120000));
        const QHash<QString, QRgb> after = coloursShown();
        QVERIFY(after.contains("aaron"));
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QVERIFY2(after.value(it.key()) == it.value(), qPrintable(it.key() + " changed colour"));
        QVERIFY(!QList<QRgb>(before.values()).contains(after.value("aaron")));
        QCOMPARE(dashboard.raterColor("aaron").rgb(), after.value("aaron"));

        // For a study lead: when the figures were read, not how long it took.
        QVERIFY2(
            QRegularExpression("^Live · updated \\d\\d:\\d\\d UTC$").match(dashboard.statusLabel().text()).hasMatch(),
            qPrintable(dashboard.statusLabel().text()));
    }

    void namesAFileItCannotRead()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + "/notes.sgp";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are not labels");
        f.close();
        DashboardWidget dashboard;
        dashboard.follow(path);
        QVERIFY(QTest::qWaitFor(
            [&] { return dashboard.statusLabel().text().startsWith("Cannot read the project"); }, 5000));
        QVERIFY(dashboard.statusLabel().text().contains(path)); // names the file
        QVERIFY(dashboard.snapshot() == nullptr);
    }

    void onlyALeadOpensItFromTheMainWindow()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeLabelingSeries(dir.path()));
        const std::string db = sg::test::makeProjectOver(dir.path(), "p.sgp");
        QVERIFY(!db.empty());
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, db, "ana"));
        QVERIFY(!window.openDashboard()); // an analyzer: blind to the others
        QVERIFY(window.dashboard() == nullptr);

        QVERIFY(window.openLabelingProject(QString::fromStdString(db), "lead"));
        QVERIFY(window.openDashboard());
        QVERIFY(window.dashboard() && window.dashboard()->isVisible());
        QSignalSpy shown(window.dashboard(), &DashboardWidget::snapshotShown);
        QVERIFY(shown.wait(120000));
        // Its own window closes from the keyboard (no window manager's Alt+F4 needed).
        window.dashboard()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.dashboard(), 30000));
        QTest::keyClick(window.dashboard(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!window.dashboard()->isVisible(), 30000);
        QVERIFY(window.openDashboard()); // and opens again
        QVERIFY(window.dashboard()->isVisible());

        // Signing in as an analyzer takes the dashboard away.
        QVERIFY(window.openLabelingProject(QString::fromStdString(db), "bob"));
        QVERIFY(window.dashboard() == nullptr);
        QVERIFY(!window.openDashboard());
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_Dashboard.moc"
