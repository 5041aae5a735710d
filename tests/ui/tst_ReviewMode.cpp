// Review mode, driven by keys in a real window under Xvfb on a real project file: a lead opens
// a two-analyzer project with disagreements of every kind, walks the queue (ranked: the larger
// grade distance first), toggles overlays and the neighbour strip, decides every item (one by
// "accept analyzer N", one by explicit keys and a reason, one with analyzer 2's patch), undoes
// and redoes a decision, and the dashboard's "vs consensus" rows follow each step. Go to item
// (Ctrl+G) takes a key or a SOP UID in review and, for an analyzer, in labeling mode. The review
// view matches a reviewed screenshot baseline.
#include "core/labels/ItemKey.h"
#include "core/report/ProjectReport.h"
#include "core/report/ReportPlots.h"
#include "core/store/ProjectItemKeys.h"
#include "tests/support/ImageCompare.h"
#include "tests/ui/ReviewFixture.h"
#include "ui/charts/RaterColors.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/labeling/ItemImageCache.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/report/ReportPlotRenderer.h"
#include "ui/review/GoToItemDialog.h"
#include "ui/review/NeighbourStrip.h"
#include "ui/review/ReviewActions.h"
#include "ui/review/ReviewController.h"
#include "ui/review/ReviewMode.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/ReviewQueuePanel.h"
#include "ui/viewer/SliceOverlay.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"
#include "ui/vtk/VtkViewport.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScreen>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace sg::core;
using sg::ui::ReviewMode;

namespace {

constexpr int kWait = sg::test::kHangBoundMs;

std::optional<Consensus> consensusOnDisk(const std::string& db, std::int64_t itemId)
{
    auto store = ProjectStore::open(db);
    if (!store)
        return std::nullopt;
    auto lead = (*store)->findAnalyzer("lead");
    if (!lead || !*lead)
        return std::nullopt;
    auto c = (*store)->consensus(**lead, itemId);
    return c ? *c : std::nullopt;
}

// The paper table's n for (task, rater 1, rater 2), -1 without the row.
int paperN(sg::ui::DashboardWidget& d, const QString& task, const QString& a, const QString& b)
{
    QTableWidget& t = d.paperTable();
    for (int r = 0; r < t.rowCount(); ++r)
        if (t.item(r, 0)->text() == task && t.item(r, 1)->text() == a && t.item(r, 2)->text() == b)
            return t.item(r, 3)->text().toInt();
    return -1;
}

// The window with the project open as `name`, its first item's pixels on screen; each step
// says when it is the one that failed.
bool openAs(sg::ui::MainWindow& window, const std::string& db, const QString& name)
{
    window.resize(1366, 768);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window, kWait))
        return qWarning("not exposed"), false;
    if (!window.openLabelingProject(QString::fromStdString(db), name))
        return qWarning("not opened: %s", qPrintable(window.statusText())), false;
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window, kWait))
        return qWarning("not active"), false;
    window.sliceView().setFocus();
    auto shown = [&] { return window.sliceView().pixelAt({10, 10}).has_value(); };
    if (!QTest::qWaitFor(shown, kWait)) {
        const auto* log = window.findChild<QPlainTextEdit*>();
        const QWidget& v = window.sliceView();
        // Which of "still loading", "unreadable" and "shown elsewhere" it was.
        const auto corners = window.labeling().model().cornerTexts();
        const auto* item = window.labeling().controller().item();
        return qWarning("no pixels: %s\nview %dx%d visible %d, model image %d, labeling image %d, corner '%s', "
                        "cache idle %d has item %d\nlog:\n%s",
                   qPrintable(window.statusText()), v.width(), v.height(), int(v.isVisible()),
                   int(window.sliceView().model()->image() != nullptr),
                   int(window.labeling().model().image() != nullptr), qPrintable(corners[1]),
                   int(window.labeling().cache().idle()), int(item && window.labeling().cache().contains(item->id)),
                   log ? qPrintable(log->toPlainText()) : ""),
               false;
    }
    return true;
}

// A key as the user presses it in the main window. Shortcuts fire only in the active window,
// and with no window manager (Xvfb) the dashboard's window can take activation back late: the
// main window is made active again first, as a user's click on it would.
void key(QWidget& w, int k, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QWidget* top = w.window();
    if (QApplication::activeWindow() != top) {
        top->activateWindow();
        QApplication::setActiveWindow(top);
    }
    QTest::keyClick(&w, static_cast<Qt::Key>(k), mods);
}

} // namespace

class TestReviewMode : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    sg::test::ReviewProject m_project;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The raters are the fixture's: two analyzers and its classifier "cnn". The shipped
        // model would otherwise store its own proposals as the project opens, a fourth rater
        // on some items and not others depending on how far it got.
        QVERIFY(QDir().mkpath(m_dir.path() + "/no-model"));
        qputenv("SPINEGRADE_MODEL_DIR", QFile::encodeName(m_dir.path() + "/no-model"));
        m_project = sg::test::makeReviewProject(m_dir.path());
        QVERIFY2(!m_project.db.empty(), "the review project could not be made");
    }

    void leadWalksTheQueueDecidesEveryItemAndTheDashboardFollows()
    {
        sg::ui::MainWindow window;
        QVERIFY(openAs(window, m_project.db, "lead"));
        ReviewMode& review = window.review();
        auto& c = review.controller();
        QVERIFY(!review.isActive());
        key(window.sliceView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(review.isActive());
        QVERIFY(review.queueDock()->isVisible() && review.panelDock()->isVisible());
        // The lead's window fits a 1366x768 screen with its status bar.
        QTRY_VERIFY2_WITH_TIMEOUT(window.frameGeometry().height() <= window.screen()->availableGeometry().height(),
            qPrintable(QString::number(window.frameGeometry().height())), 20000); // a resize, not a load
        QVERIFY(window.statusBar()->isVisible());
        QVERIFY2(
            window.minimumSizeHint().height() <= 700, qPrintable(QString::number(window.minimumSizeHint().height())));

        // Ranked: grade distance 2 (B vs D), then 1 (A vs B), then the canal, then the patch;
        // the item only the CNN disagrees with is not in the default queue.
        QCOMPARE(c.queue().size(), size_t(4));
        QCOMPARE(c.queue()[0]->itemId, m_project.gradeByTwo);
        QCOMPARE(c.queue()[1]->itemId, m_project.gradeByOne);
        QCOMPARE(c.queue()[2]->itemId, m_project.canal);
        QCOMPARE(c.queue()[3]->itemId, m_project.patch);
        QCOMPARE(c.queue()[0]->gradeDistance, 2);
        QCOMPARE(review.queue().progressLabel()->text(), QString("0 of 4 decided"));
        QCOMPARE(review.queue().view()->model()->rowCount(), 4);
        {
            // The Status column is in sight in the dock, the kinds elide before it does.
            QTableView* v = review.queue().view();
            const int status = v->model()->columnCount() - 1;
            QTRY_VERIFY2_WITH_TIMEOUT(
                v->columnViewportPosition(status) + v->columnWidth(status) <= v->viewport()->width() &&
                    v->columnWidth(status) >= v->horizontalHeader()->sectionSizeHint(status),
                qPrintable(QString("status at %1 width %2 of %3")
                               .arg(v->columnViewportPosition(status))
                               .arg(v->columnWidth(status))
                               .arg(v->viewport()->width())),
                20000); // a layout, not a load
        }
        // Analyzer vs CNN, off by default, adds the CNN-only item.
        review.queue().kindFilter(3)->setChecked(true);
        QCOMPARE(c.queue().size(), size_t(5));
        review.queue().kindFilter(3)->setChecked(false);
        QCOMPARE(c.queue().size(), size_t(4));

        // The dashboard, before any consensus: no "vs consensus" row.
        QVERIFY(window.openDashboard());
        sg::ui::DashboardWidget& dashboard = *window.dashboard();
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.snapshot() != nullptr, kWait);
        QCOMPARE(paperN(dashboard, "stenosis grade", "ana", "consensus"), -1);
        // The dashboard took the activation (a window of its own); the keys go to the main window.
        window.raise();
        QApplication::setActiveWindow(&window);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), &window, kWait);
        window.sliceView().setFocus();

        // Keys walk the queue; the table and the panel follow.
        QCOMPARE(c.currentItem(), m_project.gradeByTwo);
        key(window.sliceView(), Qt::Key_PageDown);
        QCOMPARE(c.currentItem(), m_project.gradeByOne);
        QCOMPARE(review.queue().view()->currentIndex().row(), 1);
        key(window.sliceView(), Qt::Key_Backspace);
        QCOMPARE(c.currentItem(), m_project.gradeByTwo);
        // One click on a row opens its item: the next keys decide what is on screen.
        QTableView* queueView = review.queue().view();
        auto clickRow = [&](int row) {
            QTest::mouseClick(queueView->viewport(), Qt::LeftButton, {},
                queueView->visualRect(queueView->model()->index(row, 0)).center());
        };
        clickRow(1);
        QCOMPARE(c.currentItem(), m_project.gradeByOne);
        clickRow(0);
        QCOMPARE(c.currentItem(), m_project.gradeByTwo);
        window.sliceView().setFocus();

        // Side by side: two analyzers and the CNN, each with a patch overlay and a table row.
        QCOMPARE(review.raterOverlays().size(), size_t(3));
        QVERIFY(review.raterOverlays()[0]->colour() != review.raterOverlays()[1]->colour());
        QVERIFY(!review.raterOverlays()[0]->dashed());
        QVERIFY(review.raterOverlays()[2]->dashed()); // the CNN's
        QTableWidget* table = review.panel().raterTable();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 2)->text(), QString("B"));
        QCOMPARE(table->item(1, 2)->text(), QString("D"));
        QCOMPARE(table->item(0, 4)->text(), QString("ana's note"));
        QCOMPARE(table->item(0, 5)->text(), QString("12 s"));
        // 2 hides bob's overlay, 2 again shows it.
        key(window.sliceView(), Qt::Key_2);
        QVERIFY(!review.raterOverlays()[1]->isVisible());
        QVERIFY(review.raterOverlays()[0]->isVisible());
        key(window.sliceView(), Qt::Key_2);
        QVERIFY(review.raterOverlays()[1]->isVisible());
        // The neighbouring slices (slice-1, slice, slice+1), S hides and shows them.
        QTRY_COMPARE_WITH_TIMEOUT(review.strip().shownCount(), 3, kWait);
        key(window.sliceView(), Qt::Key_S);
        QVERIFY(!review.stripDock()->isVisible());
        key(window.sliceView(), Qt::Key_S);
        QVERIFY(review.stripDock()->isVisible());

        // 1. Accept analyzer 1's label: one key records it (reader error) and moves on.
        key(window.sliceView(), Qt::Key_1, Qt::ShiftModifier);
        auto decided = consensusOnDisk(m_project.db, m_project.gradeByTwo);
        QVERIFY(decided);
        QCOMPARE(decided->grade, std::optional<Grade>(Grade::B));
        QCOMPARE(decided->canal, std::optional<Canal>(Canal::Rootlet));
        QVERIFY(!decided->decidedAt.empty());
        QCOMPARE(c.currentItem(), m_project.gradeByOne);
        QCOMPARE(review.queue().progressLabel()->text(), QString("1 of 4 decided"));
        QTRY_COMPARE_WITH_TIMEOUT(paperN(dashboard, "stenosis grade", "ana", "consensus"), 1, kWait);

        // 2. Explicit keys: grade B, reason 3 (borderline grade) from the W menu, Enter.
        key(window.sliceView(), Qt::Key_B);
        key(window.sliceView(), Qt::Key_Return); // no reason yet: refused, nothing written
        QVERIFY(!consensusOnDisk(m_project.db, m_project.gradeByOne));
        QVERIFY(review.panel().notice()->text().contains("reason"));
        key(window.sliceView(), Qt::Key_W);
        QMenu* reasons = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((reasons = window.findChild<QMenu*>("reasonMenu")) && reasons->isVisible(), kWait);
        QTest::keyClick(reasons, Qt::Key_3);
        QTRY_VERIFY_WITH_TIMEOUT(c.draft().reason == ConsensusReason::BorderlineGrade, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::activeWindow(), &window, kWait);
        key(window.sliceView(), Qt::Key_Return);
        decided = consensusOnDisk(m_project.db, m_project.gradeByOne);
        QVERIFY(decided);
        QCOMPARE(decided->grade, std::optional<Grade>(Grade::B));
        QCOMPARE(decided->reasonCode, std::optional<ConsensusReason>(ConsensusReason::BorderlineGrade));
        QCOMPARE(c.currentItem(), m_project.canal);

        // 3. The canal: analyzer 2 (cord).
        key(window.sliceView(), Qt::Key_2, Qt::ShiftModifier);
        decided = consensusOnDisk(m_project.db, m_project.canal);
        QVERIFY(decided);
        QCOMPARE(decided->canal, std::optional<Canal>(Canal::Cord));
        QCOMPARE(c.currentItem(), m_project.patch);

        // 4. The patch: rootlet A with analyzer 2's patch (Ctrl+2), reason 1, Enter.
        key(window.sliceView(), Qt::Key_A);
        key(window.sliceView(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(c.draft().patch, std::optional<Patch>(Patch {30, 20, 24, 24}));
        QVERIFY(review.consensusOverlay().drawsBox());
        c.setReason(ConsensusReason::AnatomicalVariation);
        key(window.sliceView(), Qt::Key_Return);
        QVERIFY(consensusOnDisk(m_project.db, m_project.patch));
        QCOMPARE(review.queue().progressLabel()->text(), QString("4 of 4 decided"));
        // Every figure vs consensus: grade (ana B=B, A≠B, A=A), canal (four items).
        QTRY_COMPARE_WITH_TIMEOUT(paperN(dashboard, "stenosis grade", "ana", "consensus"), 3, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(paperN(dashboard, "rootlet vs cord", "ana", "consensus"), 4, kWait);

        // Undo takes the last decision back (on disk too), the dashboard follows; redo restores.
        key(window.sliceView(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!consensusOnDisk(m_project.db, m_project.patch));
        QCOMPARE(c.currentItem(), m_project.patch);
        QCOMPARE(review.queue().progressLabel()->text(), QString("3 of 4 decided"));
        QTRY_COMPARE_WITH_TIMEOUT(paperN(dashboard, "stenosis grade", "ana", "consensus"), 2, kWait);
        key(window.sliceView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(consensusOnDisk(m_project.db, m_project.patch));
        QCOMPARE(review.queue().progressLabel()->text(), QString("4 of 4 decided"));
        QTRY_COMPARE_WITH_TIMEOUT(paperN(dashboard, "stenosis grade", "ana", "consensus"), 3, kWait);

        // Leaving review gives the keys back to the lead's own labeling.
        key(window.sliceView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!review.isActive());
        QVERIFY(window.labeling().panelDock()->isVisible());
        key(window.sliceView(), Qt::Key_C);
        QCOMPARE(window.labeling().controller().pending().grade, std::optional<Grade>(Grade::C));
    }

    // Ctrl+Shift+R on a project with nothing to review says why, in the review dock, on the
    // slice view and in the status bar: no labels yet, then (two analyzers who agree) so.
    void anEmptyQueueSaysWhy()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(64, 64, 1)).ok());
        const std::string db = sg::test::makeProjectOver(dir.path(), "empty.sgdb");
        QVERIFY(!db.empty());
        const auto says = [&](sg::ui::MainWindow& window, const QString& why) {
            ReviewMode& review = window.review();
            key(window.sliceView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
            QVERIFY(review.isActive());
            QVERIFY(review.panelDock()->isVisible());
            QCOMPARE(review.controller().queue().size(), size_t(0));
            QVERIFY2(window.statusText().startsWith(why), qPrintable(window.statusText()));
            const auto labels = review.panel().findChildren<QLabel*>();
            const bool inPanel = std::any_of(labels.begin(), labels.end(),
                [&](const QLabel* l) { return l->isVisible() && l->text().startsWith(why); });
            QVERIFY2(inPanel, qPrintable(why));
            QVERIFY2(review.model().cornerTexts()[0].startsWith(why.section(':', 0, 0)),
                qPrintable(review.model().cornerTexts()[0]));
            // Nothing to decide: the deciding keys are off (R lit "Rootlet" for no item).
            QVERIFY(!review.actions().rootlet->isEnabled());
            QVERIFY(!review.actions().record->isEnabled());
            QVERIFY(review.actions().toggle->isEnabled()); // leaving review still works
        };
        {
            sg::ui::MainWindow window;
            QVERIFY(openAs(window, db, "lead"));
            says(window, "No labels yet: no analyzer has labeled an item of this project");
            if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR"))
                QVERIFY(window.grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/review_no_labels.png"));
        }
        {
            auto store = ProjectStore::open(db);
            QVERIFY(store);
            auto items = (*store)->items();
            auto ana = (*store)->ensureAnalyzer("ana");
            auto bob = (*store)->ensureAnalyzer("bob");
            QVERIFY(items && ana && bob);
            for (const Item& item : *items)
                for (const Analyzer* who : {&*ana, &*bob}) {
                    Label l;
                    l.itemId = item.id;
                    l.analyzerId = who->id;
                    l.canal = Canal::Rootlet;
                    l.grade = Grade::A;
                    l.patch = Patch {20, 20, 24, 24};
                    QVERIFY((*store)->saveLabel(*who, l));
                }
            sg::ui::MainWindow window;
            QVERIFY(openAs(window, db, "lead"));
            says(window,
                QString("No disagreements to review: %1 items labeled by two analyzers or more, and they agree on all.")
                    .arg(items->size()));
            if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR"))
                QVERIFY(window.grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/review_agree.png"));
        }
    }

    // Opening another project while reviewing signs in anew: review ends, and the labeling
    // keys work at once (they were ambiguous with review's, and nothing was saved).
    void openingAnotherProjectEndsReview()
    {
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(64, 64, 1)).ok());
        const std::string other = sg::test::makeProjectOver(dir.path(), "other.sgdb");
        QVERIFY(!other.empty());
        sg::ui::MainWindow window;
        QVERIFY(openAs(window, m_project.db, "lead"));
        ReviewMode& review = window.review();
        key(window.sliceView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(review.isActive());
        QVERIFY(openAs(window, other, "lead"));
        QVERIFY(!review.isActive());
        QVERIFY(!review.panelDock()->isVisible());
        key(window.sliceView(), Qt::Key_R);
        key(window.sliceView(), Qt::Key_A);
        const auto& pending = window.labeling().controller().pending();
        QVERIFY(pending.canal == Canal::Rootlet);
        QVERIFY(pending.grade == Grade::A);
        // And review enters on the first press for the new project.
        key(window.sliceView(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(review.isActive());
    }

    // One analyzer, one colour: review's overlay, the dashboard's chart and the report's chart
    // (ui/charts/RaterColors.h); the CNN keeps the model colour in all three.
    void aRaterHasOneColourInReviewTheDashboardAndTheReport()
    {
        sg::ui::MainWindow window;
        QVERIFY(openAs(window, m_project.db, "lead"));
        ReviewMode& review = window.review();
        QVERIFY(review.enter());
        QVERIFY(review.showItem(m_project.gradeByTwo));
        QHash<QString, QRgb> inReview;
        const auto& raters = review.controller().raters();
        QCOMPARE(review.raterOverlays().size(), raters.size());
        for (size_t i = 0; i < raters.size(); ++i)
            inReview.insert(raters[i].name, review.raterOverlays()[i]->colour().rgb());
        QCOMPARE(inReview.size(), 3);
        QVERIFY(inReview.contains("ana") && inReview.contains("bob") && inReview.contains("cnn"));
        QVERIFY(inReview.value("ana") != inReview.value("bob"));
        QCOMPARE(inReview.value("cnn"), sg::ui::RaterColors::modelColor().rgb());

        QVERIFY(window.openDashboard());
        sg::ui::DashboardWidget& dashboard = *window.dashboard();
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.snapshot() != nullptr, kWait);
        dashboard.selectScale(Scale::Grade);
        const sg::ui::DistributionData& shown = dashboard.distributionShown();
        int compared = 0;
        for (size_t i = 0; i < shown.series.size(); ++i)
            if (inReview.contains(shown.series[i].name)) {
                QVERIFY(i < shown.colors.size());
                QCOMPARE(shown.colors[i].rgb(), inReview.value(shown.series[i].name));
                ++compared;
            }
        QCOMPARE(compared, 3);

        // The report's distribution chart paints each rater's bars in that colour.
        auto store = ProjectStore::open(m_project.db);
        QVERIFY(store);
        auto report = buildProjectReport(**store);
        QVERIFY2(report, report ? "" : report.error().c_str());
        const auto plots = reportPlots(*report);
        const auto spec = std::find_if(plots.begin(), plots.end(),
            [](const PlotSpec& p) { return p.kind == PlotKind::Distribution && p.task == Task::Grade; });
        QVERIFY(spec != plots.end());
        const QImage chart = sg::ui::renderReportPlot(*report, *spec, 1.0).convertToFormat(QImage::Format_RGB32);
        QVERIFY(!chart.isNull());
        for (auto it = inReview.cbegin(); it != inReview.cend(); ++it) {
            int pixels = 0;
            for (int y = 0; y < chart.height(); ++y)
                for (int x = 0; x < chart.width(); ++x)
                    pixels += (chart.pixel(x, y) & 0xffffff) == (it.value() & 0xffffff) ? 1 : 0;
            QVERIFY2(pixels >= 40,
                qPrintable(QString("%1's colour %2: %3 pixel(s) in the report's chart")
                               .arg(it.key(), QColor(it.value()).name())
                               .arg(pixels)));
        }
        if (!qEnvironmentVariableIsEmpty("SG_SCREENSHOT_DIR")) {
            chart.save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/report_distribution.png");
            dashboard.grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/dashboard_colours.png");
            QTRY_VERIFY_WITH_TIMEOUT(window.sliceView().pixelAt({10, 10}).has_value(), kWait);
            window.grab().save(qEnvironmentVariable("SG_SCREENSHOT_DIR") + "/review_colours.png");
        }
    }

    void goToItemTakesTheKeyInReviewAndInLabeling()
    {
        auto store = ProjectStore::open(m_project.db);
        QVERIFY(store);
        auto keys = readItemKeys(**store);
        QVERIFY(keys);
        const QString canalKey = QString::fromStdString(keys->key(m_project.canal));
        const QString cnnKey = QString::fromStdString(keys->key(m_project.cnnOnly));
        {
            sg::ui::MainWindow window;
            QVERIFY(openAs(window, m_project.db, "lead"));
            QVERIFY(window.review().enter());
            QCOMPARE(window.goToItem(canalKey), QString());
            QCOMPARE(window.review().controller().currentItem(), m_project.canal);
            // An item off the queue still shows (the analyzers agree on it).
            QCOMPARE(window.goToItem(cnnKey.toLower()), QString());
            QCOMPARE(window.review().controller().currentItem(), m_project.cnnOnly);
            QCOMPARE(window.review().controller().position(), -1);
            // By SOP instance UID.
            QCOMPARE(window.goToItem(QString::fromStdString(m_project.sopUids.at(m_project.patch))), QString());
            QCOMPARE(window.review().controller().currentItem(), m_project.patch);
            // Unknown: a clear message, nothing moves.
            const QString unknown = window.goToItem("S009 L4/L5 #1");
            QVERIFY2(unknown.contains("no item S009 L4/L5 #1"), qPrintable(unknown));
            QVERIFY(window.goToItem("hello").contains("neither an item key"));
            QCOMPARE(window.review().controller().currentItem(), m_project.patch);
            // Ctrl+G opens the dialog; an unknown key keeps it open with the reason.
            QTimer::singleShot(0, [&] {
                auto* dialog = window.findChild<sg::ui::GoToItemDialog*>();
                QVERIFY(dialog);
                dialog->field()->setText("S009 L1/L2 #9");
                dialog->accept();
                QVERIFY(dialog->isVisible());
                QVERIFY(dialog->error()->text().contains("no item"));
                dialog->field()->setText(canalKey);
                dialog->accept();
            });
            key(window.sliceView(), Qt::Key_G, Qt::ControlModifier);
            QTRY_COMPARE_WITH_TIMEOUT(window.review().controller().currentItem(), m_project.canal, kWait);
        }
        {
            // An analyzer does not see keys, but may type one: their worklist entry shows.
            sg::ui::MainWindow window;
            QVERIFY(openAs(window, m_project.db, "ana"));
            QVERIFY(!window.review().enter()); // review is the lead's
            QCOMPARE(window.goToItem(canalKey), QString());
            QCOMPARE(window.labeling().controller().item()->id, m_project.canal);
        }
    }

    void reviewViewMatchesTheReviewedBaseline()
    {
        sg::ui::MainWindow window;
        QVERIFY(openAs(window, m_project.db, "lead"));
        window.resize(1366, 768);
        QSignalSpy shown(&window.review(), &ReviewMode::itemShown);
        QVERIFY(window.review().enter());
        QVERIFY(window
                    .goToItem(
                        QString::fromStdString(readItemKeys(**ProjectStore::open(m_project.db))->key(m_project.patch)))
                    .isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window.sliceView().pixelAt({10, 10}).has_value(), kWait);
        // The review's model in a view of a fixed size: the docks' sizes (remembered per role)
        // do not move the picture.
        sg::ui::SliceView view;
        view.setModel(&window.review().model());
        view.resize(480, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view, kWait));
        view.resetView();
        const QImage shot = view.grabFramebuffer();
        const QString mismatch = sg::test::matchBaseline(shot, "review_view", 3.0, 0.02);
        // SG_HOLD_MS: the window stays up that long for a person's screenshot (README, guide).
        if (const int hold = qEnvironmentVariableIntValue("SG_HOLD_MS"); hold > 0) {
            view.hide();
            QTest::qWait(hold);
        }
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestReviewMode test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_ReviewMode.moc"
