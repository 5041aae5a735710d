// Labeling through the real main window under Xvfb: keys, docks, worklist, blinding, the
// identity dialog and the shortcuts sheet (patch placement: tst_PatchPlacement).
#include "core/dicom/DicomScanner.h"
#include "core/dicom/DicomWriter.h"
#include "core/phantom/GroundTruthJson.h"
#include "core/phantom/PhantomWriter.h"
#include "core/store/LabelingSession.h"
#include "core/store/ProjectStore.h"
#include "core/store/Worklist.h"
#include "tests/support/ImageCompare.h"
#include "tests/support/Passphrases.h"
#include "tests/support/SeriesFactory.h"
#include "tests/support/TestData.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/labeling/IdentityDialog.h"
#include "ui/labeling/ItemImageCache.h"
#include "ui/labeling/LabelingActions.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/labeling/LabelingPanel.h"
#include "ui/labeling/NewProjectDialog.h"
#include "ui/labeling/WorklistPanel.h"
#include "ui/main/MainWindow.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sg::core;
using sg::ui::LabelingController;

class TestLabelingWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_db;

    static bool statusSays(sg::ui::MainWindow& window, const QString& text)
    {
        for (QLabel* l : window.statusBar()->findChildren<QLabel*>())
            if (l->text().contains(text))
                return true;
        return false;
    }

private slots:
    void initTestCase() { QVERIFY(sg::test::writeLabelingSeries(m_dir.path())); }

    void init()
    {
        m_db = sg::test::makeProjectOver(m_dir.path(), QString(QTest::currentTestFunction()) + ".sgdb");
        QVERIFY(!m_db.empty());
    }

    void newProjectIsSetUpInTheBackgroundAndOpensForItsLead()
    {
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        sg::ui::LabelingMode& mode = window.labeling();
        {
            // The dialog carries what setUpProject needs (and is saved for a person to look at).
            sg::ui::NewProjectDialog dialog(&window);
            dialog.setFolder("/data/lumbar-study");
            dialog.setProjectFile("/data/reliability.sgdb");
            dialog.setLeadName("nora");
            // Create waits for the lead's passphrase, twice alike (issue 13).
            auto* createButton = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            QVERIFY(!createButton->isEnabled());
            dialog.setLeadPassphrase(sg::test::kLeadPassphrase, "something else");
            QVERIFY(!createButton->isEnabled());
            dialog.setLeadPassphrase(sg::test::kLeadPassphrase, sg::test::kLeadPassphrase);
            QVERIFY(createButton->isEnabled());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog, sg::test::kHangBoundMs));
            dialog.grab().save(sg::test::testOutputDir() + "/new_project_dialog.png");
            const ProjectSetupOptions o = dialog.options();
            QCOMPARE(o.dicomFolder, std::string("/data/lumbar-study"));
            QCOMPARE(o.leadName, std::string("nora"));
            QCOMPARE(o.leadPassphrase, std::string(sg::test::kLeadPassphrase));
            QCOMPARE(o.worklist.perLevel, 0);
            QVERIFY(!o.assisted);
        }
        QSignalSpy created(&mode, &sg::ui::LabelingMode::projectCreated);
        ProjectSetupOptions options;
        options.dicomFolder = m_dir.path().toStdString();
        options.projectFile = (m_dir.path() + "/created-in-gui.sgdb").toStdString();
        options.leadName = "nora";
        options.leadPassphrase = sg::test::kLeadPassphrase;
        mode.createProject(options);
        QVERIFY(created.wait(60000));
        QCOMPARE(created.last().at(1).toString(), QString());
        LabelingController& c = mode.controller();
        QVERIFY(c.isOpen());
        QVERIFY(c.isLead());
        QCOMPARE(c.projectPath(), QString::fromStdString(options.projectFile));
        QCOMPARE(c.order().size(), size_t(10));

        // A folder with no DICOM: said in the status bar, no file made, the window goes on.
        const QString empty = m_dir.path() + "/no-dicom";
        QVERIFY(QDir().mkpath(empty));
        options.dicomFolder = empty.toStdString();
        options.projectFile = (empty + "/p.sgdb").toStdString();
        mode.createProject(options);
        QVERIFY(created.wait(60000));
        QVERIFY(created.last().at(1).toString().contains("no DICOM study found"));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(options.projectFile)));
        bool said = false;
        for (QLabel* l : window.statusBar()->findChildren<QLabel*>())
            said = said || l->text().contains("No project was created");
        QVERIFY(said);
        QVERIFY(c.isOpen()); // the open project is still there
    }

    void subgradeKeysGradeA()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "sub"));
        LabelingController& c = window.labeling().controller();
        const std::int64_t first = c.item()->id;
        QTest::keyClick(&window, Qt::Key_B);
        QTest::keyClick(&window, Qt::Key_3, Qt::AltModifier); // A3: the B becomes A, sub-grade 3
        QVERIFY(window.labeling().actions().grades[0]->isChecked());
        QVERIFY(window.labeling().actions().subgrades[2]->isChecked());
        QTest::keyClick(&window, Qt::Key_Return);
        const auto saved = sg::test::labelOnDisk(m_db, "sub", first);
        QVERIFY(saved);
        QCOMPARE(saved->grade, std::optional<Grade>(Grade::A));
        QCOMPARE(saved->subgrade, std::optional<int>(3));
        QCOMPARE(saved->canal, std::optional<Canal>(Canal::Rootlet));
    }

    void levelCorrectionByKeyIsStoredForTheWholeStack()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "lev"));
        LabelingController& c = window.labeling().controller();
        const Item before = *c.item();
        const Level target = before.level == Level::L1L2 ? Level::L2L3 : Level::L1L2;
        QTest::keyClick(&window, Qt::Key_L);
        QMenu* menu = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) != nullptr, sg::test::kHangBoundMs);
        QAction* choice = nullptr;
        for (QAction* a : menu->actions())
            if (a->text() == QString::fromUtf8(levelName(target).data()))
                choice = a;
        QVERIFY(choice);
        QVERIFY(!choice->isChecked());
        choice->trigger();
        menu->close();
        // On disk for every slice of the stack, and in the controller's records.
        auto store = ProjectStore::open(m_db);
        QVERIFY(store);
        int moved = 0;
        const std::vector<Item> items = *(*store)->items();
        for (const Item& i : items)
            if (i.seriesUidHash == before.seriesUidHash && i.level == target)
                ++moved;
        QVERIFY(moved >= 1);
        QCOMPARE((*(*store)->item(before.id)).level, std::optional<Level>(target));
        QCOMPARE(c.itemById(before.id)->level, std::optional<Level>(target));
        bool said = false;
        for (QLabel* l : window.statusBar()->findChildren<QLabel*>())
            said = said || l->text().contains("Level of this stack set to");
        QVERIFY(said);
        // Put it back for the other tests.
        QVERIFY(c.correctLevel(before.level));
    }

    void labelsByKeysEachCommitOnDiskBeforeTheNext()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "ann"));
        LabelingController& c = window.labeling().controller();
        QCOMPARE(c.order().size(), size_t(10));
        std::int64_t shown = c.item()->id;
        int checked = 0;
        connect(&c, &LabelingController::itemChanged, this, [&] {
            if (c.item()->id != shown)
                checked += sg::test::labelOnDisk(m_db, "ann", shown).has_value();
            shown = c.item()->id;
        });
        const std::int64_t first = c.item()->id;
        QTest::keyClick(&window, Qt::Key_R);
        QTest::keyClick(&window, Qt::Key_B);
        QVERIFY(window.labeling().actions().grades[1]->isChecked());
        QTest::keyClick(&window, Qt::Key_Return);
        QCOMPARE(checked, 1);
        const auto saved = sg::test::labelOnDisk(m_db, "ann", first);
        QCOMPARE(saved->grade, std::optional<Grade>(Grade::B));
        QCOMPARE(saved->canal, std::optional<Canal>(Canal::Rootlet));
        QCOMPARE(c.position(), 1);
        QCOMPARE(window.labeling().worklist().progressBar()->value(), 1);

        // O then A: the grade makes it a rootlet slice, and the buttons say so.
        const std::int64_t second = c.item()->id;
        QTest::keyClick(&window, Qt::Key_O);
        QTest::keyClick(&window, Qt::Key_A);
        QVERIFY(window.labeling().actions().rootlet->isChecked());
        QVERIFY(!window.labeling().actions().cord->isChecked());
        QVERIFY(window.labeling().actions().grades[0]->isChecked());

        // Typing in the comment does not grade; Enter there commits with the comment.
        QTest::keyClick(&window, Qt::Key_M);
        QLineEdit* comment = window.labeling().panel().commentField();
        QVERIFY(comment->hasFocus());
        QTest::keyClicks(comment, "bad dcs");
        QCOMPARE(c.pending().grade, std::optional<Grade>(Grade::A));
        QCOMPARE(c.pending().canal, std::optional<Canal>(Canal::Rootlet));
        QTest::keyClick(comment, Qt::Key_Escape); // leaves the comment, keys label again
        QVERIFY(!comment->hasFocus());
        QTest::keyClick(&window, Qt::Key_M);
        QTest::keyClick(comment, Qt::Key_Return);
        QCOMPARE(QString::fromStdString(sg::test::labelOnDisk(m_db, "ann", second)->comment), QString("bad dcs"));
        QCOMPARE(c.position(), 2);
        QVERIFY(!comment->hasFocus()); // keys label again
        QCOMPARE(comment->text(), QString());

        // Backspace goes back and shows the saved label.
        QTest::keyClick(&window, Qt::Key_Backspace);
        QCOMPARE(c.item()->id, second);
        QVERIFY(window.labeling().actions().grades[0]->isChecked());
        QVERIFY(window.labeling().actions().rootlet->isChecked());

        // Skip with a reason through the dialog.
        QTest::keyClick(&window, Qt::Key_Return); // re-save, on to the next unlabeled
        const std::int64_t third = c.item()->id;
        QTimer::singleShot(0, this, [] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue("motion artefact");
            dialog->accept();
        });
        QTest::keyClick(&window, Qt::Key_S);
        QCOMPARE(QString::fromStdString(sg::test::labelOnDisk(m_db, "ann", third)->comment),
            QString("skipped: motion artefact"));
        QCOMPARE(c.status(third), sg::ui::ItemStatus::Skipped);

        // Undo removes the skip and shows that item; redo puts it back.
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(c.item()->id, third);
        QVERIFY(!sg::test::labelOnDisk(m_db, "ann", third));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(sg::test::labelOnDisk(m_db, "ann", third));
        window.grab().save(sg::test::testOutputDir() + "/labeling_keys.png");
    }

    // Issue 10: Enter on an item with nothing set saved an empty label (the CNN box as its patch).
    void enterOnAnItemWithNothingSetSavesNothingAndSaysWhy()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "empty"));
        LabelingController& c = window.labeling().controller();
        const std::int64_t first = c.item()->id;
        QTest::keyClick(&window, Qt::Key_Return);
        QCOMPARE(c.item()->id, first);
        QVERIFY(!sg::test::labelOnDisk(m_db, "empty", first));
        QCOMPARE(c.status(first), sg::ui::ItemStatus::Todo);
        QCOMPARE(window.labeling().worklist().progressBar()->value(), 0);
        QLabel* notice = window.labeling().panel().notice();
        QVERIFY(notice->isVisibleTo(&window));
        QVERIFY2(notice->text().contains("rootlet (R) or cord (O)") && notice->text().contains("skip"),
            qPrintable(notice->text()));
        QVERIFY(statusSays(window, "rootlet (R) or cord (O)"));
        window.grab().save(sg::test::testOutputDir() + "/labeling_enter_refused.png");
        // The way to leave it without a judgment is the explicit skip (S), recorded as one.
        QTimer::singleShot(0, this, [] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue("canal not visible");
            dialog->accept();
        });
        QTest::keyClick(&window, Qt::Key_S);
        QCOMPARE(c.status(first), sg::ui::ItemStatus::Skipped);
        QCOMPARE(QString::fromStdString(sg::test::labelOnDisk(m_db, "empty", first)->comment),
            QString("skipped: canal not visible"));
    }

    // Issue 10: O then A left a cord slice with grade A lit that no key cleared.
    void gradeAndCordKeysKeepTheButtonsEqualToTheLabel()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "keys"));
        LabelingController& c = window.labeling().controller();
        sg::ui::LabelingActions& a = window.labeling().actions();
        auto shows = [&] {
            const Label& l = c.pending();
            bool same = a.rootlet->isChecked() == (l.canal == Canal::Rootlet) &&
                a.cord->isChecked() == (l.canal == Canal::Cord);
            for (int g = 0; g < 4; ++g)
                same = same && a.grades[g]->isChecked() == (l.grade == static_cast<Grade>(g));
            for (int s = 0; s < 4; ++s)
                same = same && a.subgrades[s]->isChecked() == (l.subgrade == s + 1);
            return same;
        };
        const std::int64_t first = c.item()->id;
        QTest::keyClick(&window, Qt::Key_O);
        QTest::keyClick(&window, Qt::Key_A);
        QCOMPARE(c.pending().canal, std::optional<Canal>(Canal::Rootlet));
        QVERIFY(shows());
        QTest::keyClick(&window, Qt::Key_A); // again: still A, still lit
        QCOMPARE(c.pending().grade, std::optional<Grade>(Grade::A));
        QVERIFY(shows());
        QTest::keyClick(&window, Qt::Key_2, Qt::AltModifier);
        QCOMPARE(c.pending().subgrade, std::optional<int>(2));
        QVERIFY(shows());
        QTest::keyClick(&window, Qt::Key_O); // cord: grade and sub-grade go
        QVERIFY(!c.pending().grade);
        QVERIFY(!c.pending().subgrade);
        QVERIFY(a.cord->isChecked());
        QVERIFY(shows());
        QVERIFY(statusSays(window, "grade was cleared"));
        QTest::keyClick(&window, Qt::Key_O); // again: still cord (the button does not toggle off)
        QVERIFY(a.cord->isChecked());
        QVERIFY(shows());
        QTest::keyClick(&window, Qt::Key_Return);
        const auto saved = sg::test::labelOnDisk(m_db, "keys", first);
        QVERIFY(saved);
        QCOMPARE(saved->canal, std::optional<Canal>(Canal::Cord));
        QVERIFY(!saved->grade);
        QVERIFY(c.item()->id != first);
    }

    // Issue 10: Ctrl+Z on an unsaved item undid the previous item's saved label.
    void ctrlZUndoesTheItemOnScreenFirstThenSaysWhereItGoes()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "undo"));
        LabelingController& c = window.labeling().controller();
        const std::int64_t first = c.item()->id;
        QTest::keyClick(&window, Qt::Key_A);
        QTest::keyClick(&window, Qt::Key_Return);
        const std::int64_t second = c.item()->id;
        QTest::keyClick(&window, Qt::Key_C);
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(c.item()->id, second); // still here, the C taken back
        QVERIFY(!c.pending().grade);
        QVERIFY(!window.labeling().actions().grades[2]->isChecked());
        QCOMPARE(sg::test::labelOnDisk(m_db, "undo", first)->grade, std::optional<Grade>(Grade::A));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier); // beyond: the saved label before
        QCOMPARE(c.item()->id, first);
        QVERIFY(!sg::test::labelOnDisk(m_db, "undo", first));
        const QString key = c.itemKey(first);
        QVERIFY2(key.contains("item 1 / 10"), qPrintable(key));
        QVERIFY(statusSays(window, key));
        QVERIFY2(window.labeling().panel().notice()->text().contains(key),
            qPrintable(window.labeling().panel().notice()->text()));
        window.grab().save(sg::test::testOutputDir() + "/labeling_undo.png");
    }

    // Issue 10: one analyzer, two windows: the stale one overwrote the newer label unseen.
    void twoWindowsOfOneAnalyzerAskBeforeOverwriting()
    {
        sg::ui::MainWindow stale, other;
        QVERIFY(sg::test::openWindow(stale, m_db, "ann"));
        QVERIFY(sg::test::openWindow(other, m_db, "ann"));
        LabelingController& mine = stale.labeling().controller();
        LabelingController& theirs = other.labeling().controller();
        const std::int64_t id = mine.item()->id;
        QCOMPARE(theirs.item()->id, id);
        theirs.setGrade(Grade::A);
        QVERIFY(theirs.commitAndNext());
        // Back to the front with nothing edited: the window shows the label given elsewhere.
        stale.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&stale, sg::test::kHangBoundMs));
        QTRY_COMPARE_WITH_TIMEOUT(mine.pending().grade, std::optional<Grade>(Grade::A), sg::test::kHangBoundMs);
        QVERIFY(stale.labeling().actions().grades[0]->isChecked());
        QVERIFY(statusSays(stale, "shown as it is now"));

        // Edited here, changed there: the save asks.
        QTest::keyClick(&stale, Qt::Key_B);
        QVERIFY(theirs.jumpTo(id));
        theirs.setGrade(Grade::C);
        QVERIFY(theirs.commitAndNext());
        QTest::keyClick(&stale, Qt::Key_Return);
        QCOMPARE(sg::test::labelOnDisk(m_db, "ann", id)->grade, std::optional<Grade>(Grade::C));
        QCOMPARE(mine.item()->id, id);
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = stale.findChild<QMessageBox*>("labelConflict")) != nullptr, sg::test::kHangBoundMs);
        QTRY_VERIFY_WITH_TIMEOUT(box->isVisible(), sg::test::kHangBoundMs);
        QVERIFY2(box->text().contains(mine.itemKey(id).mid(1)) && box->text().contains("grade C") &&
                box->text().contains("grade B"),
            qPrintable(box->text()));
        // The panel shows what the file holds now.
        QVERIFY2(stale.labeling().panel().findChild<QLabel*>("savedLabel")->text().contains("grade C"),
            qPrintable(stale.labeling().panel().findChild<QLabel*>("savedLabel")->text()));
        {
            // For a person to look at (the README's picture): the window with the question over it.
            QPixmap shot = stale.grab();
            QPainter paint(&shot);
            const QPoint at = box->frameGeometry().topLeft() - stale.geometry().topLeft();
            paint.drawPixmap(
                at.x() < 0 || at.y() < 0 ? QPoint((shot.width() - box->width()) / 2, 200) : at, box->grab());
            paint.end();
            shot.save(sg::test::testOutputDir() + "/labeling_conflict.png");
        }
        auto* take = box->findChild<QPushButton*>("takeNewer");
        QVERIFY(take);
        take->click();
        QCOMPARE(mine.pending().grade, std::optional<Grade>(Grade::C));
        QVERIFY(stale.labeling().actions().grades[2]->isChecked());
        QCOMPARE(sg::test::labelOnDisk(m_db, "ann", id)->grade, std::optional<Grade>(Grade::C));

        // Changed again elsewhere; this time keep mine.
        QVERIFY(theirs.jumpTo(id));
        theirs.setGrade(Grade::D);
        QVERIFY(theirs.commitAndNext());
        stale.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&stale, sg::test::kHangBoundMs));
        QTest::keyClick(&stale, Qt::Key_A);
        QTest::keyClick(&stale, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT((box = stale.findChild<QMessageBox*>("labelConflict")) != nullptr && box->isVisible(),
            sg::test::kHangBoundMs);
        box->findChild<QPushButton*>("keepMine")->click();
        QCOMPARE(sg::test::labelOnDisk(m_db, "ann", id)->grade, std::optional<Grade>(Grade::A));
        QVERIFY(mine.item()->id != id);
    }

    // Issue 10: a new project over an existing file closed the dialog and lost what was typed.
    void newProjectDialogStaysOpenWithTheReason()
    {
        sg::ui::MainWindow window;
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        QSignalSpy created(&window.labeling(), &sg::ui::LabelingMode::projectCreated);
        QPointer<sg::ui::NewProjectDialog> dialog;
        auto create = [&] {
            auto* buttons = dialog->findChild<QDialogButtonBox*>();
            return buttons->button(QDialogButtonBox::Ok);
        };
        // Filled and Create pressed from inside the event loop: the old dialog ran exec().
        QTimer::singleShot(0, this, [&] {
            dialog = window.findChild<sg::ui::NewProjectDialog*>();
            if (!dialog)
                return;
            dialog->setFolder(m_dir.path());
            dialog->setProjectFile(QString::fromStdString(m_db)); // exists
            dialog->setLeadName("nora");
            dialog->setLeadPassphrase(sg::test::kLeadPassphrase, sg::test::kLeadPassphrase);
            create()->click();
        });
        window.labeling().actions().create->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(dialog && dialog->isVisible(), sg::test::kHangBoundMs);
        auto error = [&] { return dialog->findChild<QLabel*>("newProjectError"); };
        QVERIFY(error()->isVisible());
        QVERIFY2(error()->text().contains("already exists"), qPrintable(error()->text()));
        QVERIFY(!create()->isEnabled());
        QCOMPARE(dialog->options().leadName, std::string("nora"));
        QCOMPARE(QString::fromStdString(dialog->options().dicomFolder), m_dir.path());
        dialog->grab().save(sg::test::testOutputDir() + "/new_project_exists.png");

        // A failure of the set-up itself (no DICOM there) is said in the dialog too.
        const QString empty = m_dir.path() + "/nothing-here";
        QVERIFY(QDir().mkpath(empty));
        dialog->setFolder(empty);
        dialog->setProjectFile(m_dir.path() + "/fresh.sgdb");
        QVERIFY(!error()->isVisible());
        QVERIFY(create()->isEnabled());
        create()->click();
        QVERIFY(created.wait(60000));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY2(error()->text().contains("no DICOM study found"), qPrintable(error()->text()));
        QCOMPARE(dialog->options().leadName, std::string("nora"));
        QVERIFY(!window.labeling().isActive());

        // Corrected: created, opened, and the dialog goes.
        dialog->setFolder(m_dir.path());
        create()->click();
        QVERIFY(created.wait(60000));
        QCOMPARE(created.last().at(1).toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, sg::test::kHangBoundMs);
        QVERIFY(window.labeling().isActive());
        QCOMPARE(window.labeling().controller().projectPath(), m_dir.path() + "/fresh.sgdb");
    }

    void worklistFiltersAndDoubleClickJumps()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "ann"));
        LabelingController& c = window.labeling().controller();
        QTest::keyClick(&window, Qt::Key_A);
        QTest::keyClick(&window, Qt::Key_Return);
        sg::ui::WorklistPanel& list = window.labeling().worklist();
        QTableView* table = list.view();
        QCOMPARE(table->model()->rowCount(), 10);
        list.levelFilter()->setCurrentIndex(list.levelFilter()->findData("L4/L5"));
        QCOMPARE(table->model()->rowCount(), 2);
        for (int r = 0; r < 2; ++r)
            QCOMPARE(table->model()->index(r, 1).data().toString(), QString("L4/L5"));
        list.levelFilter()->setCurrentIndex(0);
        list.statusFilter()->setCurrentIndex(list.statusFilter()->findData(int(sg::ui::ItemStatus::Done)));
        QCOMPARE(table->model()->rowCount(), 1);
        list.statusFilter()->setCurrentIndex(list.statusFilter()->findData(int(sg::ui::ItemStatus::Todo)));
        QCOMPARE(table->model()->rowCount(), 9);
        list.statusFilter()->setCurrentIndex(0);

        // Double-click row 7 (position 7 in the order).
        const QModelIndex row = table->model()->index(6, 0);
        const QRect rect = table->visualRect(row);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QCOMPARE(c.position(), 6);
        QVERIFY(
            QTest::qWaitFor([&] { return window.labeling().cache().contains(c.item()->id); }, sg::test::kHangBoundMs));
    }

    void blindingInTheWindowAndTheLeadsTable()
    {
        {
            auto bob = LabelingSession::start(m_db, "bob");
            QVERIFY(bob);
            const auto order = (*bob)->order();
            QVERIFY(order);
            for (std::int64_t id : *order) {
                Label l;
                l.itemId = id;
                l.canal = Canal::Rootlet;
                l.grade = Grade::C;
                l.comment = "bob was here";
                QVERIFY((*bob)->save(l).ok());
            }
        }
        {
            sg::ui::MainWindow window;
            QVERIFY(sg::test::openWindow(window, m_db, "ann"));
            LabelingController& c = window.labeling().controller();
            QVERIFY(!window.labeling().panel().leadTable()->isVisibleTo(&window));
            QCOMPARE(window.labeling().worklist().progressBar()->value(), 0);
            QTableView* table = window.labeling().worklist().view();
            for (int r = 0; r < table->model()->rowCount(); ++r)
                QCOMPARE(table->model()->index(r, 2).data().toString(), QString("to do"));
            QVERIFY(!c.pending().grade);
            // The slice's corners name the level and the worklist position, never the file (a
            // path may name the patient, and the same file would mark a blinded re-read).
            QTRY_VERIFY_WITH_TIMEOUT(window.labeling().model().image(), sg::test::kHangBoundMs);
            const QString file = QFileInfo(QString::fromStdString(c.item()->file)).fileName();
            for (const QString& corner : window.labeling().model().cornerTexts())
                QVERIFY2(!corner.contains(file) && !corner.contains("Instance"), qPrintable(corner));
            // Nothing anywhere in ann's window shows bob's comment or his C.
            for (QWidget* w : window.findChildren<QWidget*>()) {
                if (auto* l = qobject_cast<QLabel*>(w))
                    QVERIFY2(!l->text().contains("bob"), qPrintable(l->text()));
            }
            QTest::keyClick(&window, Qt::Key_B);
            QTest::keyClick(&window, Qt::Key_Return);
        }
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "lead"));
        LabelingController& c = window.labeling().controller();
        QTableWidget* leadTable = window.labeling().panel().leadTable();
        QVERIFY(leadTable->isVisibleTo(&window));
        // The lead's first item is in ann's and bob's worklists too; bob labeled all of them.
        QVERIFY(leadTable->rowCount() >= 1);
        QStringList names;
        for (std::int64_t id : c.order()) {
            QVERIFY(c.jumpTo(id));
            for (int r = 0; r < leadTable->rowCount(); ++r)
                names << leadTable->item(r, 0)->text() + ":" + leadTable->item(r, 1)->text();
        }
        QVERIFY2(names.contains("ann:rootlet, grade B"), qPrintable(names.join(" | ")));
        QCOMPARE(names.filter("bob:rootlet, grade C").size(), 10);
        window.grab().save(sg::test::testOutputDir() + "/labeling_lead.png");
    }

    // QA: signing in to another project with a refused name ("consensus") closed the project
    // that was open, docks and all.
    void aRefusedSignInLeavesTheOpenProjectWorking()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "lead"));
        LabelingController& c = window.labeling().controller();
        const std::int64_t first = c.item()->id;
        const std::string other = sg::test::makeProjectOver(m_dir.path(), "otherProject.sgdb");
        QVERIFY(!other.empty());
        QVERIFY(!window.openLabelingProject(QString::fromStdString(other), "consensus"));
        QVERIFY(statusSays(window, "reserved"));
        QVERIFY(window.labeling().isActive());
        QCOMPARE(c.projectPath(), QString::fromStdString(m_db));
        QCOMPARE(QString::fromStdString(c.who().name), QString("lead"));
        QCOMPARE(c.item()->id, first);
        QVERIFY(window.findChild<QDockWidget*>("labelDock")->isVisible());
        QVERIFY(window.findChild<QDockWidget*>("worklistDock")->isVisible());
        QVERIFY(window.labeling().actions().commit->isEnabled());
        // And it still labels: O then Enter saves to the project that stayed open.
        window.sliceView().setFocus();
        QTest::keyClick(&window, Qt::Key_O);
        QTest::keyClick(&window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(sg::test::labelOnDisk(m_db, "lead", first).has_value(), 10000);
        QCOMPARE(sg::test::labelOnDisk(m_db, "lead", first)->canal, Canal::Cord);
    }

    // QA: "Not saved: ... needs rootlet (R) or cord (O) first" stayed after O lit the cord.
    void aNoticeGoesWhenTheLabelItWasAboutChanges()
    {
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, m_db, "notice"));
        QLabel* notice = window.labeling().panel().notice();
        QTest::keyClick(&window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            notice->isVisibleTo(&window) && notice->text().contains("rootlet (R) or cord (O)"), sg::test::kHangBoundMs);
        QTest::keyClick(&window, Qt::Key_O);
        QTRY_VERIFY_WITH_TIMEOUT(window.labeling().actions().cord->isChecked(), sg::test::kHangBoundMs);
        QVERIFY2(!notice->isVisibleTo(&window), qPrintable(notice->text()));
        // A notice about the change just made stays: A then O clears the grade and says so.
        QTest::keyClick(&window, Qt::Key_A);
        QTest::keyClick(&window, Qt::Key_O);
        QTRY_VERIFY_WITH_TIMEOUT(window.labeling().actions().cord->isChecked(), sg::test::kHangBoundMs);
        QVERIFY2(
            notice->isVisibleTo(&window) && notice->text().contains("grade was cleared"), qPrintable(notice->text()));
    }

    void everyLabelingKeyIsInTheShortcutsSheetAndABadProjectIsReported()
    {
        sg::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window, sg::test::kHangBoundMs));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window, sg::test::kHangBoundMs));
        QStringList rows;
        QTimer::singleShot(0, this, [&] {
            QWidget* dialog = QApplication::activeModalWidget();
            QVERIFY(dialog);
            auto* table = dialog->findChild<QTableWidget*>();
            for (int r = 0; r < table->rowCount(); ++r)
                rows << table->item(r, 0)->text() + "=" + table->item(r, 1)->text();
            dialog->close();
        });
        QTest::keyClick(&window, Qt::Key_F1);
        for (const char* row :
            {"Rootlet slice=R", "Cord slice=O", "Grade A=A", "Grade D=D", "Save and next=Return, Enter",
                "Previous item=Backspace", "Skip with a reason…=S", "Undo label change=Ctrl+Z",
                "Redo label change=Ctrl+Shift+Z", "Move patch left=Left", "Move patch up by 10=Shift+Up",
                "Enlarge patch=+, =", "Shrink patch=-", "Open labeling project…=Ctrl+Shift+O"})
            QVERIFY2(rows.contains(row), qPrintable(QString(row) + " not in " + rows.join(" | ")));

        // Until a project is open the labeling keys do nothing and arrows step slices.
        QVERIFY(!window.labeling().actions().commit->isEnabled());
        QVERIFY(!window.openLabelingProject(m_dir.path() + "/nothing.sgdb", "ann"));
        QVERIFY(!window.labeling().isActive());
        bool said = false;
        for (QLabel* l : window.statusBar()->findChildren<QLabel*>())
            said = said || l->text().contains("nothing.sgdb");
        QVERIFY(said);
    }

    // Not a check: the picture of a labeling session on a synthetic patient, to look at
    // (build/test-output/labeling_phantom.png; the README's screenshot comes from it).
    void screenshotOfAPhantomProject()
    {
        QTemporaryDir dir;
        sg::core::PhantomOptions options;
        options.seed = 7;
        options.size = 384;
        QVERIFY(generatePhantomStudy(options, dir.path().toStdString()).ok());
        std::string truthFile;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path().toStdString()))
            if (e.path().filename() == "ground_truth.json")
                truthFile = e.path().string();
        std::ifstream in(truthFile);
        std::stringstream text;
        text << in.rdbuf();
        const auto truth = groundTruthFromJson(text.str());
        QVERIFY(truth);
        const std::string db = sg::test::makeProjectOver(dir.path(), "phantom.sgdb");
        QVERIFY(!db.empty());
        {
            // A detector's proposals: the true patch, a little off, as a real one would be.
            auto store = ProjectStore::open(db);
            for (const auto& t : *truth) {
                auto item = (*store)->findItem(t.sopInstanceUid);
                QVERIFY(item && *item);
                Prediction p;
                p.itemId = (*item)->id;
                p.modelName = "canal-detector";
                p.modelVersion = "0.1";
                p.patch = Patch {double(t.patchX + 3), double(t.patchY - 2), double(t.patchW), double(t.patchH)};
                p.gradeProbabilities = {0.81, 0.12, 0.05, 0.02};
                QVERIFY((*store)->savePrediction(p).ok());
            }
        }
        sg::ui::MainWindow window;
        QVERIFY(sg::test::openWindow(window, db, "ann"));
        window.resize(1400, 900);
        LabelingController& c = window.labeling().controller();
        // A few items labeled, one skipped, then the current one being edited.
        for (int i = 0; i < 5; ++i) {
            QVERIFY(QTest::qWaitFor(
                [&] { return window.labeling().cache().contains(c.item()->id); }, sg::test::kHangBoundMs));
            QTest::keyClick(&window, i == 3 ? Qt::Key_O : Qt::Key_A);
            QTest::keyClick(&window, Qt::Key_Return);
        }
        QVERIFY(c.skip("motion artefact"));
        QVERIFY(
            QTest::qWaitFor([&] { return window.labeling().cache().contains(c.item()->id); }, sg::test::kHangBoundMs));
        QTest::keyClick(&window, Qt::Key_R);
        QTest::keyClick(&window, Qt::Key_B);
        QTest::keyClick(&window, Qt::Key_Left, Qt::ShiftModifier);
        QTest::keyClick(&window, Qt::Key_Up);
        QTest::qWait(300);
        window.sliceView().renderNow();
        const QImage shot = window.grab().toImage();
        QVERIFY(shot.save(sg::test::testOutputDir() + "/labeling_phantom.png"));
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    QApplication::setOrganizationName("SpineGradeTest");
    QStandardPaths::setTestModeEnabled(true); // the remembered name goes to a test settings file
    TestLabelingWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_LabelingWindow.moc"
