// Blinded re-reads in the real window under Xvfb, driven by keys: when an analyzer reaches an
// item scheduled for a re-read, the label shows empty, and the panel, the worklist row, the
// title and the status bar read as for any other entry (position and level aside); the
// first read's label appears nowhere, and the re-read's label does not overwrite it.
#include "core/dicom/DicomScanner.h"
#include "core/store/LabelingSession.h"
#include "core/store/ProjectSetup.h"
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"
#include "tests/support/Passphrases.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/labeling/LabelingPanel.h"
#include "ui/labeling/NewProjectDialog.h"
#include "ui/labeling/WorklistPanel.h"
#include "ui/main/MainWindow.h"

#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using sg::ui::LabelingController;

namespace {

// Position ("item 7 / 13", "7") and level ("L4/L5") masked: what is left must not differ.
QString masked(QString text)
{
    text.replace(QRegularExpression("(L[1-5]/[LS][1-5]|Level unassigned|unassigned)"), "LEVEL");
    text.replace(QRegularExpression("\\d+"), "N");
    return text;
}

// What the analyzer reads about the entry on screen: the label panel, the worklist's row of
// it (every column, text, tooltip, colour), the window title and the status line.
QStringList whatTheAnalyzerSees(sg::ui::MainWindow& window)
{
    LabelingController& c = window.labeling().controller();
    QStringList seen;
    auto* dock = window.findChild<QDockWidget*>("labelDock");
    for (QLabel* l : dock->findChildren<QLabel*>())
        if (l->isVisibleTo(&window))
            seen << "label: " + masked(l->text());
    for (QLineEdit* e : dock->findChildren<QLineEdit*>())
        seen << "field: " + masked(e->text());
    QTableView* table = window.labeling().worklist().view();
    for (int col = 0; col < table->model()->columnCount(); ++col) {
        const QModelIndex index = table->model()->index(c.position(), col);
        for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::ForegroundRole), int(Qt::BackgroundRole),
                 int(Qt::FontRole), int(Qt::DecorationRole)})
            seen << QString("row %1/%2: ").arg(col).arg(role) + masked(index.data(role).toString()) +
                    (index.data(role).canConvert<QBrush>() && role == Qt::ForegroundRole
                            ? index.data(role).value<QBrush>().color().name()
                            : QString());
    }
    seen << "title: " + masked(window.windowTitle());
    seen << "status: " + masked(window.statusText());
    seen.sort();
    return seen;
}

} // namespace

class TestRereadBlinding : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(sg::test::writeLabelingSeries(m_dir.path())); }

    void newProjectDialogSetsTheReReads()
    {
        sg::ui::NewProjectDialog dialog;
        // Off unless chosen.
        QCOMPARE(dialog.options().rereads.share, 0.0);
        QCOMPARE(dialog.options().rereads.gap, 20);
        dialog.setFolder(m_dir.path());
        dialog.setProjectFile(m_dir.path() + "/dialog.sgdb");
        dialog.setLeadName("lead");
        dialog.setLeadPassphrase(sg::test::kLeadPassphrase, sg::test::kLeadPassphrase);
        auto* share = dialog.findChild<QDoubleSpinBox*>("rereadShare");
        auto* gap = dialog.findChild<QSpinBox*>("rereadGap");
        QVERIFY(share && gap);
        QCOMPARE(share->maximum(), 50.0);
        share->setValue(30);
        gap->setValue(4);
        const auto options = dialog.options();
        QCOMPARE(options.rereads.share, 0.3);
        QCOMPARE(options.rereads.gap, 4);
        // The set-up the dialog hands its options to schedules them.
        QVERIFY(sg::core::setUpProject(options));
        auto ann = LabelingSession::start(options.projectFile, "ann");
        QVERIFY(ann);
        QCOMPARE((*ann)->entries()->size(), size_t(13)); // 10 items, 3 of them again
        QCOMPARE((*ann)->store().rereadSettings()->gap, 4);
    }

    void dashboardShowsTestRetestAndFollowsReReads()
    {
        const std::string db = (m_dir.path() + "/dashboard.sgdb").toStdString();
        {
            auto store = ProjectStore::create(db);
            QVERIFY(store);
            QVERIFY((*store)->setRereadSettings({0.3, 3}));
            QVERIFY((*store)->importScan(scanPath(m_dir.path().toStdString()), m_dir.path().toStdString()));
            QVERIFY(buildWorklist(**store, {}));
        }
        auto ann = LabelingSession::start(db, "ann");
        QVERIFY(ann);
        const auto entries = *(*ann)->entries();
        // Every first read grade B; re-reads are labeled while the dashboard follows.
        for (const WorklistEntry& e : entries)
            if (e.read == ReadKind::First) {
                Label l;
                l.itemId = e.itemId;
                l.canal = Canal::Rootlet;
                l.grade = Grade::B;
                QVERIFY((*ann)->save(l));
            }
        sg::ui::DashboardWidget dashboard;
        QSignalSpy shown(&dashboard, &sg::ui::DashboardWidget::snapshotShown);
        dashboard.follow(QString::fromStdString(db));
        auto* table = dashboard.findChild<QTableWidget*>("intraRaterTable");
        QVERIFY(table);
        QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, sg::test::kHangBoundMs);
        QCOMPARE(table->rowCount(), 2); // canal, grade
        QCOMPARE(table->item(1, 2)->text(), QString("0 / 3")); // nothing re-read yet
        int again = 0;
        for (const WorklistEntry& e : entries)
            if (e.read == ReadKind::Reread) {
                Label l;
                l.itemId = e.itemId;
                l.canal = Canal::Rootlet;
                l.grade = again++ == 0 ? Grade::C : Grade::B;
                QVERIFY((*ann)->save(l, ReadKind::Reread));
            }
        // A re-read label moves the file's data version: the table follows it.
        QTRY_COMPARE_WITH_TIMEOUT(table->item(1, 2)->text(), QString("3 / 3"), sg::test::kHangBoundMs);
        QVERIFY2(table->item(1, 3)->text().startsWith("66.7"), qPrintable(table->item(1, 3)->text()));
        QCOMPARE(table->item(0, 2)->text(), QString("3 / 3"));
        // Progress counts entries, as the analyzer's own does: 10 items and 3 re-reads.
        QCOMPARE(dashboard.snapshot()->progress.size(), size_t(1));
        QCOMPARE(dashboard.snapshot()->progress[0].done, 13);
        QCOMPARE(dashboard.snapshot()->progress[0].total, 13);
        QVERIFY(table->item(0, 3)->text().startsWith("100.0"));
        // The figures between raters use first reads only: ann's grade counts are all B.
        const auto& grade = dashboard.snapshot()->report.tasks;
        for (const auto& t : grade)
            for (const auto& r : t.all.scale.raters)
                if (r.name == "ann" && t.task == Task::Grade)
                    QCOMPARE(r.counts[1], std::int64_t(10));
    }

    void reReadLooksLikeAnyEntryAndStartsEmpty()
    {
        // Ten items; 30% come back, at least 3 entries after the first read.
        const std::string db = (m_dir.path() + "/rereads.sgdb").toStdString();
        {
            auto store = ProjectStore::create(db);
            QVERIFY(store);
            QVERIFY((*store)->setRereadSettings({0.3, 3}));
            QVERIFY((*store)->importScan(scanPath(m_dir.path().toStdString()), m_dir.path().toStdString()));
            QVERIFY(buildWorklist(**store, {}));
            QVERIFY((*store)->addAnalyzer("lead", Role::Lead));
        }
        std::vector<WorklistEntry> entries;
        {
            auto ann = LabelingSession::start(db, "ann");
            QVERIFY(ann);
            entries = *(*ann)->entries();
        }
        QCOMPARE(entries.size(), size_t(13));
        int reread = -1, first = -1;
        for (int p = 0; p < 13 && reread < 0; ++p)
            if (entries[static_cast<size_t>(p)].read == ReadKind::Reread)
                reread = p;
        QVERIFY(reread > 0);
        const std::int64_t item = entries[static_cast<size_t>(reread)].itemId;
        for (int p = 0; p < reread; ++p)
            if (entries[static_cast<size_t>(p)].itemId == item)
                first = p;
        QVERIFY(first >= 0 && reread - first >= 3);
        // An ordinary entry to compare with: a first read whose previous entry was labeled as
        // the one before the re-read (grade B), not the first read of the re-read item.
        int ordinary = -1;
        for (int p = reread - 1; p > 0 && ordinary < 0; --p)
            if (p - 1 != first && p != first)
                ordinary = p;
        QVERIFY(ordinary > 0);

        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QVERIFY(window.openLabelingProject(QString::fromStdString(db), "ann"));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window, sg::test::kHangBoundMs));
        window.sliceView().setFocus();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return window.sliceView().pixelAt({10, 10}).has_value();
            },
            sg::test::kHangBoundMs));
        LabelingController& c = window.labeling().controller();
        QCOMPARE(c.position(), 0);
        QCOMPARE(window.labeling().worklist().progressBar()->maximum(), 13); // entries, not items
        QStringList seenAtOrdinary;
        // Label by keys up to the re-read: the first read of the item grade C with a comment,
        // every other entry grade B.
        while (c.position() < reread) {
            const int at = c.position();
            if (at == ordinary)
                seenAtOrdinary = whatTheAnalyzerSees(window);
            if (at == first) {
                QTest::keyClick(&window, Qt::Key_C);
                QTest::keyClick(&window, Qt::Key_M);
                QLineEdit* comment = window.labeling().panel().commentField();
                QVERIFY(comment->hasFocus());
                QTest::keyClicks(comment, "firstreadmark");
                QTest::keyClick(comment, Qt::Key_Return); // Enter in the comment commits
            } else {
                QTest::keyClick(&window, Qt::Key_B);
                QTest::keyClick(&window, Qt::Key_Return);
            }
            QTRY_COMPARE_WITH_TIMEOUT(c.position(), at + 1, sg::test::kHangBoundMs);
        }
        QVERIFY(!seenAtOrdinary.isEmpty());
        QCOMPARE(c.item()->id, item);
        QCOMPARE(sg::test::labelOnDisk(db, "ann", item)->grade, std::optional<Grade>(Grade::C));

        // The re-read: empty, and nothing tells it from the ordinary entry.
        QVERIFY(!c.pending().canal && !c.pending().grade && c.pending().comment.empty());
        const QStringList seenAtReread = whatTheAnalyzerSees(window);
        QCOMPARE(seenAtReread, seenAtOrdinary);
        QVERIFY2(seenAtReread.filter("Not labeled yet.").size() == 1, qPrintable(seenAtReread.join('\n')));
        for (QWidget* w : window.findChildren<QWidget*>()) {
            if (auto* l = qobject_cast<QLabel*>(w))
                QVERIFY2(!l->text().contains("firstreadmark") && !l->text().contains("grade C"), qPrintable(l->text()));
            if (auto* e = qobject_cast<QLineEdit*>(w))
                QVERIFY2(!e->text().contains("firstreadmark"), qPrintable(e->text()));
        }
        QVERIFY(!window.windowTitle().contains("re-read", Qt::CaseInsensitive));

        // The re-read's label is its own: the first read stays C on disk.
        QTest::keyClick(&window, Qt::Key_A);
        QTest::keyClick(&window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(c.position() != reread, sg::test::kHangBoundMs);
        QCOMPARE(sg::test::labelOnDisk(db, "ann", item)->grade, std::optional<Grade>(Grade::C));
        {
            auto ann = LabelingSession::start(db, "ann");
            QCOMPARE((*(*ann)->label(item, ReadKind::Reread))->grade, std::optional<Grade>(Grade::A));
        }
        QCOMPARE(window.labeling().worklist().progressBar()->value(), reread + 1);
        // Undo goes back to the re-read's own entry (not the first read's) and empties it.
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(c.position(), reread, sg::test::kHangBoundMs);
        QVERIFY(!c.pending().grade);
        QCOMPARE(sg::test::labelOnDisk(db, "ann", item)->grade, std::optional<Grade>(Grade::C));
        // Going back to the first read shows the first read's label.
        QVERIFY(c.jumpToPosition(first));
        QCOMPARE(c.pending().grade, std::optional<Grade>(Grade::C));
    }
};

QTEST_MAIN(TestRereadBlinding)
#include "tst_RereadBlinding.moc"
