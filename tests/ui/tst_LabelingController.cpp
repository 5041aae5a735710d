// The labeling workflow without a window: commits reach the project file before the next
// item shows, refusals save nothing, previous/skip/undo/redo, blinding, patch editing.
#include "core/store/LabelingSession.h"
#include "core/store/ProjectStore.h"
#include "tests/support/ProjectFixture.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/labeling/LabelingController.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using sg::ui::ItemStatus;
using sg::ui::LabelingController;

using sg::test::labelOnDisk;

class TestLabelingController : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::string m_db;

private slots:
    void init()
    {
        m_db = (m_dir.path() + "/" + QTest::currentTestFunction() + ".sgdb").toStdString();
        std::string error;
        auto store = sg::test::makeProject(m_db, sg::test::syntheticScan("/data", 1, 2), error);
        QVERIFY2(store, error.c_str());
        QVERIFY((*store).addAnalyzer("lead", Role::Lead).ok());
    }

    void commitsEachLabelBeforeTheNextItemShows()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        QCOMPARE(c.order().size(), size_t(10));
        QCOMPARE(c.position(), 0);
        std::vector<std::int64_t> checked;
        std::int64_t shown = c.item()->id;
        // Whenever a new item appears, the label of the one before must already be in the file.
        connect(&c, &LabelingController::itemChanged, this, [&] {
            const auto onDisk = labelOnDisk(m_db, "ann", shown);
            QVERIFY(onDisk);
            checked.push_back(shown);
            shown = c.item()->id;
        });
        for (int i = 0; i < 3; ++i) {
            c.setCanal(Canal::Rootlet);
            c.setGrade(static_cast<Grade>(i));
            c.placePatchAt(30, 40);
            QVERIFY(c.commitAndNext());
        }
        QCOMPARE(checked.size(), size_t(3));
        QCOMPARE(c.position(), 3);
        const auto first = labelOnDisk(m_db, "ann", checked[0]);
        QCOMPARE(first->grade, std::optional<Grade>(Grade::A));
        QCOMPARE(first->canal, std::optional<Canal>(Canal::Rootlet));
        QCOMPARE(*first->patch, (Patch {-2, 8, 64, 64}));
        QVERIFY(first->secondsSpent >= 0);
        QCOMPARE(labelOnDisk(m_db, "ann", checked[2])->grade, std::optional<Grade>(Grade::C));
        QCOMPARE(c.progress().done, 3);
        QCOMPARE(c.status(checked[1]), ItemStatus::Done);
    }

    void aGradeMakesACordSliceRootletAndCordClearsTheGrade()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        QSignalSpy messages(&c, &LabelingController::message);
        const std::int64_t first = c.item()->id;
        // O then A: the README's rule, a grade marks the slice rootlet; what is shown can be saved.
        c.setCanal(Canal::Cord);
        c.setGrade(Grade::A);
        QCOMPARE(c.pending().canal, std::optional<Canal>(Canal::Rootlet));
        QCOMPARE(c.pending().grade, std::optional<Grade>(Grade::A));
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.last().at(0).toString().contains("now a rootlet slice"),
            qPrintable(messages.last().at(0).toString()));
        // O on a graded slice clears the grade and the sub-grade.
        c.setSubgrade(2);
        c.setCanal(Canal::Cord);
        QCOMPARE(c.pending().canal, std::optional<Canal>(Canal::Cord));
        QVERIFY(!c.pending().grade);
        QVERIFY(!c.pending().subgrade);
        QVERIFY(c.commitAndNext());
        const auto saved = labelOnDisk(m_db, "ann", first);
        QVERIFY(saved);
        QCOMPARE(saved->canal, std::optional<Canal>(Canal::Cord));
        QVERIFY(!saved->grade);
        // A sub-grade needs grade A; choosing B drops it, so the label stays valid.
        c.setGrade(Grade::A);
        c.setSubgrade(3);
        c.setGrade(Grade::B);
        QVERIFY(!c.pending().subgrade);
        QVERIFY(c.commitAndNext());
    }

    void enterWithNothingSetSavesNothingAndSkipIsExplicit()
    {
        LabelingController probe;
        QVERIFY(probe.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t id = probe.item()->id;
        probe.close();
        {
            // The CNN's box is where a new label starts; alone it is not a label.
            auto store = ProjectStore::open(m_db);
            Prediction p;
            p.itemId = id;
            p.modelName = "detector";
            p.modelVersion = "1";
            p.patch = Patch {10, 12, 40, 40};
            QVERIFY((*store)->savePrediction(p).ok());
        }
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        QCOMPARE(c.item()->id, id);
        QVERIFY(c.pending().patch);
        QSignalSpy messages(&c, &LabelingController::message);
        QVERIFY(!c.commitAndNext());
        QCOMPARE(c.item()->id, id);
        QVERIFY(!labelOnDisk(m_db, "ann", id));
        QCOMPARE(c.status(id), ItemStatus::Todo);
        QCOMPARE(c.progress().done, 0);
        QVERIFY(!messages.isEmpty());
        const QString said = messages.last().at(0).toString();
        QVERIFY2(said.contains("rootlet (R) or cord (O)") && said.contains("(S)"), qPrintable(said));
        // A comment alone is not a label either.
        c.setComment("looks odd");
        QVERIFY(!c.commitAndNext());
        QVERIFY(!labelOnDisk(m_db, "ann", id));
        // The explicit skip is recorded as a skip, and Enter on it again just moves on.
        QVERIFY(c.skip("canal not visible"));
        QCOMPARE(c.status(id), ItemStatus::Skipped);
        QVERIFY(c.jumpTo(id));
        QVERIFY(c.commitAndNext());
        QVERIFY(c.item()->id != id);
        QCOMPARE(QString::fromStdString(labelOnDisk(m_db, "ann", id)->comment), QString("skipped: canal not visible"));
        // Canal alone is enough.
        const std::int64_t next = c.item()->id;
        c.setCanal(Canal::Rootlet);
        QVERIFY(c.commitAndNext());
        QCOMPARE(labelOnDisk(m_db, "ann", next)->canal, std::optional<Canal>(Canal::Rootlet));
    }

    void undoTakesBackTheEditsOnScreenBeforeASavedLabel()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t first = c.item()->id;
        const QString firstKey = c.itemKey(first);
        QVERIFY2(firstKey.startsWith("item 1 / 10"), qPrintable(firstKey));
        c.setGrade(Grade::A);
        QVERIFY(c.commitAndNext());
        const std::int64_t second = c.item()->id;
        // Edits of the item on screen, not saved.
        c.setGrade(Grade::C);
        c.placePatchAt(30, 30);
        c.nudgePatch(1, 0);
        c.nudgePatch(1, 0); // one run of arrows: one step
        c.setComment("o");
        c.setComment("ok"); // typing: one step
        QVERIFY(c.hasUnsavedEdits());
        QSignalSpy messages(&c, &LabelingController::message);
        QVERIFY(c.undo()); // the comment
        QCOMPARE(c.item()->id, second);
        QCOMPARE(c.pending().comment, std::string());
        QCOMPARE(c.pending().patch->x, 0.0); // 30 - 32 + 2
        QVERIFY(c.undo()); // the arrows
        QCOMPARE(c.pending().patch->x, -2.0);
        QVERIFY(c.undo()); // the click
        QVERIFY(!c.pending().patch);
        QVERIFY(c.redo()); // the click comes back
        QCOMPARE(c.pending().patch->x, -2.0);
        c.resizePatch(2); // a new edit: nothing left to redo on this item
        QVERIFY(!c.redo());
        QVERIFY(c.undo()); // the resize
        QVERIFY(c.undo()); // the click
        QVERIFY(c.undo()); // the grade
        QVERIFY(!c.pending().grade);
        QVERIFY(!c.hasUnsavedEdits());
        // The previous item's label was never touched by any of that.
        QCOMPARE(labelOnDisk(m_db, "ann", first)->grade, std::optional<Grade>(Grade::A));
        QCOMPARE(c.item()->id, second);

        // Beyond them: the saved label of the item before, which is shown and named.
        messages.clear();
        QVERIFY(c.undo());
        QCOMPARE(c.item()->id, first);
        QVERIFY(!labelOnDisk(m_db, "ann", first));
        QVERIFY(!messages.isEmpty());
        const QString said = messages.last().at(0).toString();
        QVERIFY2(said.contains(firstKey) && said.contains("Undid your saved label"), qPrintable(said));
        QVERIFY(c.redo());
        QCOMPARE(labelOnDisk(m_db, "ann", first)->grade, std::optional<Grade>(Grade::A));
        QVERIFY2(messages.last().at(0).toString().contains(firstKey), qPrintable(messages.last().at(0).toString()));
    }

    void aLabelChangedInAnotherWindowIsNeverOverwrittenUnseen()
    {
        // The same analyzer in two windows: two controllers, two connections, one file.
        LabelingController one, two;
        QVERIFY(one.open(QString::fromStdString(m_db), "ann"));
        QVERIFY(two.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t id = one.item()->id;
        QCOMPARE(two.item()->id, id);
        two.setGrade(Grade::C);
        QVERIFY(two.commitAndNext());

        QSignalSpy conflicts(&one, &LabelingController::conflictFound);
        QSignalSpy messages(&one, &LabelingController::message);
        one.setGrade(Grade::A);
        QVERIFY(!one.commitAndNext());
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(one.item()->id, id);
        QCOMPARE(labelOnDisk(m_db, "ann", id)->grade, std::optional<Grade>(Grade::C)); // theirs is kept
        QVERIFY(one.conflict());
        QCOMPARE(one.conflict()->newer->grade, std::optional<Grade>(Grade::C));
        QCOMPARE(one.savedLabel(id)->grade, std::optional<Grade>(Grade::C)); // the panel's "Saved:"
        QVERIFY2(messages.last().at(0).toString().contains("changed in another window"),
            qPrintable(messages.last().at(0).toString()));
        // Keep mine: saved over it, on purpose.
        QVERIFY(one.keepMine());
        QCOMPARE(labelOnDisk(m_db, "ann", id)->grade, std::optional<Grade>(Grade::A));
        QVERIFY(one.item()->id != id);

        // Take the newer one: window two changes it again while one shows it.
        QVERIFY(one.jumpTo(id));
        QCOMPARE(one.pending().grade, std::optional<Grade>(Grade::A));
        QVERIFY(two.jumpTo(id));
        two.setCanal(Canal::Cord);
        QVERIFY(two.commitAndNext());
        one.setGrade(Grade::B);
        QVERIFY(!one.commitAndNext());
        QCOMPARE(conflicts.size(), 2);
        QVERIFY(one.takeNewer());
        QCOMPARE(one.item()->id, id);
        QCOMPARE(one.pending().canal, std::optional<Canal>(Canal::Cord));
        QVERIFY(!one.pending().grade);
        QVERIFY(!one.conflict());
        QCOMPARE(labelOnDisk(m_db, "ann", id)->canal, std::optional<Canal>(Canal::Cord));
        // Now current: a change saves without asking.
        one.setGrade(Grade::D);
        QVERIFY(one.commitAndNext());
        QCOMPARE(labelOnDisk(m_db, "ann", id)->grade, std::optional<Grade>(Grade::D));
        QCOMPARE(conflicts.size(), 2);

        // Back to the front: a label given elsewhere shows at once when nothing is edited here...
        QVERIFY(one.jumpTo(id));
        QVERIFY(two.jumpTo(id));
        two.setGrade(Grade::B);
        QVERIFY(two.commitAndNext());
        one.followFile();
        QCOMPARE(one.pending().grade, std::optional<Grade>(Grade::B));
        QCOMPARE(one.item()->id, id);
        // ...while edits here stay, and are asked about when saved.
        one.setGrade(Grade::C);
        QVERIFY(two.jumpTo(id));
        two.setCanal(Canal::Cord);
        QVERIFY(two.commitAndNext());
        one.followFile();
        QCOMPARE(one.pending().grade, std::optional<Grade>(Grade::C));
        QVERIFY(!one.commitAndNext());
        QCOMPARE(conflicts.size(), 3);
        QCOMPARE(labelOnDisk(m_db, "ann", id)->canal, std::optional<Canal>(Canal::Cord));
    }

    void aLabelCommittedByAnotherProcessIsNeverOverwrittenUnseen()
    {
        const QByteArray writer = qgetenv("SG_LABEL_WRITER");
        QVERIFY2(!writer.isEmpty(), "SG_LABEL_WRITER is not set (CTest sets it)");
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t id = c.item()->id; // order[0]: the writer's first item too
        QCOMPARE(id, c.order().front());
        QProcess other;
        other.start(QString::fromLocal8Bit(writer), {QString::fromStdString(m_db), "ann", "1", "7"});
        QVERIFY(other.waitForFinished(60000));
        QCOMPARE(other.exitCode(), 0);
        QVERIFY(QString::fromLatin1(other.readAllStandardOutput()).contains("committed"));
        c.setCanal(Canal::Cord);
        QVERIFY(!c.commitAndNext());
        QVERIFY(c.conflict());
        QCOMPARE(QString::fromStdString(c.conflict()->newer->comment), QString("seq 7"));
        QCOMPARE(QString::fromStdString(labelOnDisk(m_db, "ann", id)->comment), QString("seq 7"));
        QVERIFY(c.takeNewer());
        QCOMPARE(c.pending().grade, std::optional<Grade>(Grade::A));
    }

    void previousSkipUndoRedo()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t first = c.item()->id;
        c.setGrade(Grade::A); // implies rootlet
        QVERIFY(c.commitAndNext());
        const std::int64_t second = c.item()->id;
        QVERIFY(c.skip("artefact"));
        const auto skipped = labelOnDisk(m_db, "ann", second);
        QVERIFY(skipped);
        QCOMPARE(QString::fromStdString(skipped->comment), QString("skipped: artefact"));
        QVERIFY(!skipped->grade && !skipped->canal);
        QCOMPARE(c.status(second), ItemStatus::Skipped);
        QCOMPARE(c.progress().done, 2);
        QVERIFY(!c.skip("  ")); // a reason is required

        QVERIFY(c.previous());
        QCOMPARE(c.item()->id, second);
        QVERIFY(c.previous());
        QCOMPARE(c.item()->id, first);
        QCOMPARE(c.pending().grade, std::optional<Grade>(Grade::A)); // the saved label is shown
        QVERIFY(!c.previous()); // first of the order

        QVERIFY(c.undo()); // the skip goes, and its item is shown
        QCOMPARE(c.item()->id, second);
        QVERIFY(!labelOnDisk(m_db, "ann", second));
        QCOMPARE(c.status(second), ItemStatus::Todo);
        QCOMPARE(c.progress().done, 1);
        QVERIFY(c.redo());
        QCOMPARE(c.status(second), ItemStatus::Skipped);
        QVERIFY(labelOnDisk(m_db, "ann", second));
        QVERIFY(!c.redo()); // nothing left to redo

        QVERIFY(c.jumpTo(c.order().back()));
        QCOMPARE(c.position(), 9);
        QVERIFY(!c.jumpTo(123456));
    }

    void blindingAnAnalyzerNeverSeesAnotherAnalyzersLabels()
    {
        std::int64_t bobsItem = 0;
        {
            auto bob = LabelingSession::start(m_db, "bob");
            QVERIFY(bob);
            auto next = (*bob)->nextItem();
            bobsItem = (**next).id;
            Label l;
            l.itemId = bobsItem;
            l.canal = Canal::Rootlet;
            l.grade = Grade::D;
            QVERIFY((*bob)->save(l).ok());
        }
        LabelingController ann;
        QVERIFY(ann.open(QString::fromStdString(m_db), "ann"));
        QVERIFY(!ann.isLead());
        QCOMPARE(ann.status(bobsItem), ItemStatus::Todo);
        QCOMPARE(ann.progress().done, 0);
        QVERIFY(ann.allLabels(bobsItem).empty());
        QVERIFY(ann.jumpTo(bobsItem));
        QVERIFY(!ann.pending().grade); // not bob's D
        ann.setGrade(Grade::B);
        QVERIFY(ann.commitAndNext());

        LabelingController lead;
        QVERIFY(lead.open(QString::fromStdString(m_db), "lead"));
        QVERIFY(lead.isLead());
        QCOMPARE(lead.status(bobsItem), ItemStatus::Todo); // the lead's own worklist
        const auto all = lead.allLabels(bobsItem);
        QCOMPARE(all.size(), size_t(2));
        QStringList who;
        for (const auto& [name, label] : all)
            who << name + ":" + QString::fromStdString(std::string(gradeName(*label.grade)));
        who.sort();
        QCOMPARE(who, QStringList({"ann:B", "bob:D"}));
    }

    void patchPlacementNudgeAndResize()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        c.nudgePatch(1, 0); // no patch yet: nothing happens
        QVERIFY(!c.pending().patch);
        c.placePatchAt(100.4, 50.6);
        QCOMPARE(*c.pending().patch, (Patch {68, 19, 64, 64}));
        c.nudgePatch(-10, 1);
        QCOMPARE(*c.pending().patch, (Patch {58, 20, 64, 64}));
        c.resizePatch(-4);
        QCOMPARE(*c.pending().patch, (Patch {60, 22, 60, 60}));
        c.resizePatch(-100); // never below 4 pixels
        QCOMPARE(c.pending().patch->w, 4.0);
        // The next item's click uses the last size.
        c.setGrade(Grade::A);
        QVERIFY(c.commitAndNext());
        c.placePatchAt(10, 10);
        QCOMPARE(*c.pending().patch, (Patch {8, 8, 4, 4}));
    }

    void theCnnPatchIsTheStartAndItsGradeStaysHiddenWhenBlind()
    {
        LabelingController probe;
        QVERIFY(probe.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t id = probe.item()->id;
        probe.close();
        {
            auto store = ProjectStore::open(m_db);
            Prediction p;
            p.itemId = id;
            p.modelName = "detector";
            p.modelVersion = "1";
            p.patch = Patch {10, 12, 40, 40};
            p.gradeProbabilities = {0.7, 0.2, 0.05, 0.05};
            QVERIFY((*store)->savePrediction(p).ok());
        }
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        QCOMPARE(c.item()->id, id);
        QVERIFY(c.proposal());
        QCOMPARE(*c.pending().patch, (Patch {10, 12, 40, 40}));
        QVERIFY(c.proposal()->gradeProbabilities.empty()); // blind project
        LabelingController lead;
        QVERIFY(lead.open(QString::fromStdString(m_db), "lead"));
        QVERIFY(lead.jumpTo(id));
        QCOMPARE(lead.proposal()->gradeProbabilities.size(), size_t(4));
        c.close();
        // Assisted mode: the analyzer gets the CNN's grade as well.
        QVERIFY((*ProjectStore::open(m_db))->setAssisted(true).ok());
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        QCOMPARE(c.proposal()->gradeProbabilities.size(), size_t(4));
    }

    // QA: a refused sign-in closed the project that was open. It stays open, as it was; a
    // sign-in that works replaces it (also on the same file, as another analyzer).
    void aRefusedSignInKeepsTheOpenProject()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        const std::int64_t shown = c.item()->id;
        QSignalSpy messages(&c, &LabelingController::message);
        QVERIFY(!c.open(QString::fromStdString(m_db), "consensus"));
        QVERIFY(!messages.isEmpty());
        QVERIFY(c.isOpen());
        QCOMPARE(c.who().name, std::string("ann"));
        QCOMPARE(c.item()->id, shown);
        QVERIFY(!c.open(m_dir.path() + "/missing.sgdb", "ann"));
        QVERIFY(c.isOpen());
        QCOMPARE(c.projectPath(), QString::fromStdString(m_db));
        QVERIFY(c.open(QString::fromStdString(m_db), "lead"));
        QCOMPARE(c.who().name, std::string("lead"));
    }

    void aProjectThatCannotBeOpenedIsReported()
    {
        LabelingController c;
        QSignalSpy messages(&c, &LabelingController::message);
        QVERIFY(!c.open(m_dir.path() + "/missing.sgdb", "ann"));
        QVERIFY(!c.isOpen());
        QVERIFY(!messages.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLabelingController)
#include "tst_LabelingController.moc"
