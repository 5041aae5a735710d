// Labels: save, change, undo/redo through the audit history; append-only audit; blinding.
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using namespace sg::test;

namespace {

Label gradeLabel(const Analyzer& who, std::int64_t item, Grade grade)
{
    Label l;
    l.itemId = item;
    l.analyzerId = who.id;
    l.canal = Canal::Rootlet;
    l.grade = grade;
    l.patch = Patch {10, 12, 32, 32};
    l.secondsSpent = 2.5;
    return l;
}

std::optional<Grade> currentGrade(ProjectStore& store, const Analyzer& who, std::int64_t item)
{
    auto l = store.label(who, item, who.id);
    return l && *l ? (*l)->grade : std::nullopt;
}

} // namespace

class TestLabelHistory : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<ProjectStore> m_store;
    Analyzer m_ann, m_bob, m_lead;
    std::vector<std::int64_t> m_items;
    int m_count = 0;

private slots:
    void init()
    {
        std::string error;
        const std::string file = (m_dir.path() + "/" + QString::number(++m_count) + ".sgdb").toStdString();
        m_store = makeProject(file, syntheticScan("/data", 1, 2), error);
        QVERIFY2(m_store, error.c_str());
        m_ann = *m_store->addAnalyzer("ann", Role::Analyzer);
        m_bob = *m_store->addAnalyzer("bob", Role::Analyzer);
        m_lead = *m_store->addAnalyzer("lena", Role::Lead);
        m_items.clear();
        const auto items = m_store->items();
        QVERIFY(items);
        for (const Item& item : *items)
            m_items.push_back(item.id);
    }

    void savesChangesAndUndoesAndRedoesThroughTheHistory()
    {
        const std::int64_t item = m_items[0];
        auto saved = m_store->saveLabel(m_ann, gradeLabel(m_ann, item, Grade::B));
        QVERIFY2(saved, saved ? "" : saved.error().c_str());
        QVERIFY(saved->timestamp.size() == 24 && saved->timestamp.back() == 'Z');
        QVERIFY(m_store->saveLabel(m_ann, gradeLabel(m_ann, item, Grade::C)));
        QVERIFY(m_store->saveLabel(m_ann, gradeLabel(m_ann, item, Grade::C))); // same value: no new row
        auto history = *m_store->history(m_ann, item);
        QCOMPARE(history.size(), size_t(2));
        QVERIFY(!history[0].oldValue);
        QCOMPARE(history[0].newValue->grade, std::optional<Grade>(Grade::B));
        QCOMPARE(history[1].oldValue->grade, std::optional<Grade>(Grade::B));
        QCOMPARE(history[1].newValue->grade, std::optional<Grade>(Grade::C));
        QCOMPARE(history[1].changedBy, m_ann.id);
        QCOMPARE(history[1].newValue->patch, std::optional<Patch>(Patch {10, 12, 32, 32}));

        auto undone = m_store->undo(m_ann);
        QVERIFY(undone && undone->applied);
        QCOMPARE(undone->itemId, item);
        QCOMPARE(currentGrade(*m_store, m_ann, item), std::optional<Grade>(Grade::B));
        QVERIFY(m_store->undo(m_ann)->applied);
        QVERIFY(!*m_store->label(m_ann, item, m_ann.id)); // back to no label at all
        QVERIFY(!m_store->undo(m_ann)->applied); // nothing older
        QVERIFY(m_store->redo(m_ann)->applied);
        QCOMPARE(currentGrade(*m_store, m_ann, item), std::optional<Grade>(Grade::B));

        // Undo survives closing the project: its stacks are replayed from the history.
        const std::string file = m_store->path();
        m_store.reset();
        m_store = std::move(*ProjectStore::open(file));
        QVERIFY(m_store->redo(m_ann)->applied);
        QCOMPARE(currentGrade(*m_store, m_ann, item), std::optional<Grade>(Grade::C));
        QVERIFY(!m_store->redo(m_ann)->applied);

        // A new change after an undo drops what could have been redone.
        QVERIFY(m_store->undo(m_ann)->applied);
        QVERIFY(m_store->saveLabel(m_ann, gradeLabel(m_ann, item, Grade::D)));
        QVERIFY(!m_store->redo(m_ann)->applied);

        history = *m_store->history(m_ann, item);
        const std::vector<std::string> actions {"set", "set", "undo", "undo", "redo", "redo", "undo", "set"};
        QCOMPARE(history.size(), actions.size());
        for (size_t i = 0; i < actions.size(); ++i)
            QCOMPARE(history[i].action, actions[i]);
        QCOMPARE(history[2].target, std::optional<std::int64_t>(history[1].id));
    }

    void keepsTheHistoryAppendOnly()
    {
        QVERIFY(m_store->saveLabel(m_ann, gradeLabel(m_ann, m_items[0], Grade::A)));
        SqliteConnection& db = m_store->connection();
        const auto rows = db.queryInt("SELECT COUNT(*) FROM label_history");
        QCOMPARE(rows, 1);
        for (const char* sql : {"UPDATE label_history SET new_value = NULL", "DELETE FROM label_history",
                 "UPDATE label_history SET changed_by = 3 WHERE id = 1"}) {
            try {
                db.exec(sql);
                QFAIL(qPrintable(QString("the history accepted: %1").arg(sql)));
            } catch (const SqlError& e) {
                QVERIFY2(std::string(e.what()).find("append-only") != std::string::npos, e.what());
            }
        }
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM label_history WHERE new_value IS NOT NULL"), rows);
    }

    void refusesLabelsThatBreakTheRules_data()
    {
        QTest::addColumn<int>("canal");
        QTest::addColumn<int>("grade");
        QTest::addColumn<int>("subgrade");
        QTest::addColumn<QString>("message");
        QTest::newRow("graded cord") << int(Canal::Cord) << int(Grade::B) << 0 << "cord slice cannot be graded";
        QTest::newRow("A2 with B") << int(Canal::Rootlet) << int(Grade::B) << 2 << "sub-grade A2 needs grade A";
        QTest::newRow("A5") << int(Canal::Rootlet) << int(Grade::A) << 5 << "A1, A2, A3 or A4";
    }
    void refusesLabelsThatBreakTheRules()
    {
        QFETCH(int, canal);
        QFETCH(int, grade);
        QFETCH(int, subgrade);
        QFETCH(QString, message);
        Label l = gradeLabel(m_ann, m_items[0], static_cast<Grade>(grade));
        l.canal = static_cast<Canal>(canal);
        if (subgrade)
            l.subgrade = subgrade;
        auto saved = m_store->saveLabel(m_ann, l);
        QVERIFY(!saved);
        QVERIFY2(saved.error().find(message.toStdString()) != std::string::npos, saved.error().c_str());
        QCOMPARE(m_store->connection().queryInt("SELECT COUNT(*) FROM label_history"), 0);
        l.subgrade.reset();
        l.grade = Grade::A;
        l.subgrade = 3;
        l.canal = Canal::Rootlet;
        QVERIFY(m_store->saveLabel(m_ann, l)); // A3 on a rootlet slice is fine
    }

    void blindsAnalyzersToEachOther()
    {
        QVERIFY(m_store->saveLabel(m_ann, gradeLabel(m_ann, m_items[0], Grade::A)));
        QVERIFY(m_store->saveLabel(m_bob, gradeLabel(m_bob, m_items[0], Grade::D)));
        QVERIFY(!m_store->label(m_bob, m_items[0], m_ann.id)); // refused, not empty
        QVERIFY(!m_store->saveLabel(m_bob, gradeLabel(m_ann, m_items[1], Grade::C)));
        QVERIFY(!m_store->saveLabel(m_lead, gradeLabel(m_ann, m_items[1], Grade::C)));
        auto bobs = *m_store->labels(m_bob);
        QCOMPARE(bobs.size(), size_t(1));
        QCOMPARE(bobs[0].analyzerId, m_bob.id);
        QCOMPARE(m_store->history(m_bob, m_items[0])->size(), size_t(1));
        QCOMPARE(m_store->labels(m_lead)->size(), size_t(2));
        QCOMPARE(m_store->history(m_lead, m_items[0])->size(), size_t(2));
        QCOMPARE(*m_store->label(m_lead, m_items[0], m_ann.id).value()->grade, Grade::A);
        // Bob's undo touches Bob's change only.
        QVERIFY(m_store->undo(m_bob)->applied);
        QCOMPARE(currentGrade(*m_store, m_ann, m_items[0]), std::optional<Grade>(Grade::A));
    }

    void hidesTheCnnGradeUnlessAssistedAndKeepsConsensusForLeads()
    {
        const Prediction cnn {m_items[0], "vgg", "2", Patch {1, 1, 30, 30}, {0.8, 0.2}, {0.1, 0.2, 0.3, 0.4}, {}};
        QVERIFY(m_store->savePrediction(cnn));
        auto seen = *m_store->predictions(m_ann, m_items[0]);
        QCOMPARE(seen.size(), size_t(1));
        QVERIFY(seen[0].patch); // the CNN patch may always be shown
        QVERIFY(seen[0].gradeProbabilities.empty()); // its grade only in assisted mode
        QVERIFY(seen[0].canalProbabilities.empty()); // nor its rootlet/cord: the patch only
        QCOMPARE(m_store->predictions(m_lead, m_items[0])->at(0).gradeProbabilities.size(), size_t(4));
        QVERIFY(m_store->setAssisted(true));
        QCOMPARE(m_store->predictions(m_ann, m_items[0])->at(0).gradeProbabilities.at(3), 0.4);
        QVERIFY(!m_store->savePrediction({m_items[0], "vgg", "2", {}, {0.8}, {}, {}}));

        Consensus c {m_items[0], Canal::Rootlet, Grade::B, std::nullopt, "rootlets still apart", 0, {}};
        QVERIFY(!m_store->saveConsensus(m_ann, c));
        QVERIFY(m_store->saveConsensus(m_lead, c));
        QVERIFY(!m_store->consensus(m_ann, m_items[0]));
        auto stored = m_store->consensus(m_lead, m_items[0]);
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->grade, std::optional<Grade>(Grade::B));
        QCOMPARE((*stored)->decidedBy, m_lead.id);
    }
};

QTEST_GUILESS_MAIN(TestLabelHistory)
#include "tst_LabelHistory.moc"
