// The labeling workflow without a window: commits reach the project file before the next
// item shows, refusals save nothing, previous/skip/undo/redo, blinding, patch editing.
#include "core/store/LabelingSession.h"
#include "core/store/ProjectStore.h"
#include "tests/support/ProjectFixture.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/labeling/LabelingController.h"

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

    void refusesAGradeOnACordSliceAndSavesNothing()
    {
        LabelingController c;
        QVERIFY(c.open(QString::fromStdString(m_db), "ann"));
        QSignalSpy messages(&c, &LabelingController::message);
        const std::int64_t id = c.item()->id;
        c.setCanal(Canal::Cord);
        c.setGrade(Grade::B);
        QVERIFY(!c.commitAndNext());
        QCOMPARE(c.item()->id, id);
        QVERIFY(!labelOnDisk(m_db, "ann", id));
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.last().at(0).toString().contains("cord slice cannot be graded"),
            qPrintable(messages.last().at(0).toString()));
        // A sub-grade needs grade A; choosing B drops it, so the label stays valid.
        c.setCanal(Canal::Rootlet);
        c.setGrade(Grade::A);
        c.setSubgrade(3);
        c.setGrade(Grade::B);
        QVERIFY(!c.pending().subgrade);
        QVERIFY(c.commitAndNext());
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
