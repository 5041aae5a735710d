// Opening project files: creation, migration, and files that must be refused untouched.
#include "core/store/ProjectRaterNames.h"
#include "core/store/ProjectStore.h"
#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace sg::core;
using namespace sg::test;

class TestProjectStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char* name) { return (m_dir.path() + "/" + name).toStdString(); }

    // Runs SQL on a file outside the store, as another tool (or an older version) would.
    static void execOn(const std::string& file, const std::string& sql)
    {
        auto db = SqliteConnection::open(file, OpenMode::Create);
        QVERIFY2(db, db ? "" : db.error().c_str());
        (*db)->exec(sql);
    }

    // Opening must fail with `expected` in the message and leave every byte as it was.
    static void expectRefusedUnchanged(const std::string& file, const std::string& expected)
    {
        const QByteArray before = fileHash(QString::fromStdString(file));
        QVERIFY(!before.isEmpty() || QFileInfo(QString::fromStdString(file)).size() == 0);
        auto store = ProjectStore::open(file);
        QVERIFY(!store);
        QVERIFY2(store.error().find(expected) != std::string::npos, store.error().c_str());
        QCOMPARE(fileHash(QString::fromStdString(file)), before);
    }

private slots:
    void createsTheCurrentSchemaInWalMode()
    {
        const std::string file = path("new.sgdb");
        {
            auto store = ProjectStore::create(file);
            QVERIFY2(store, store ? "" : store.error().c_str());
            QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
            QCOMPARE((*store)->connection().queryText("PRAGMA journal_mode"), std::string("wal"));
            QCOMPARE((*store)->connection().queryInt("PRAGMA foreign_keys"), 1);
            QCOMPARE((*store)->connection().queryInt("PRAGMA synchronous"), 2); // FULL
            QCOMPARE(*(*store)->assisted(), false);
        }
        auto again = ProjectStore::create(file);
        QVERIFY(!again);
        QVERIFY(again.error().find("already exists") != std::string::npos);
        QVERIFY(ProjectStore::open(file));
    }

    void migratesAVersion1FileAndKeepsItsLabels()
    {
        const std::string file = path("v1.sgdb");
        {
            // A file as SpineGrade with schema version 1 left it, with one label in it.
            auto db = SqliteConnection::open(file, OpenMode::Create);
            QVERIFY(db);
            migrate(**db, 1);
            (*db)->exec("INSERT INTO import_root(id, path, imported_at) VALUES(1, '/data', '2024-01-01T00:00:00Z');"
                        "INSERT INTO study(id, study_uid) VALUES(1, '1.2.3');"
                        "INSERT INTO series(id, study_id, series_uid) VALUES(1, 1, '1.2.3.4');"
                        "INSERT INTO slice(id, series_id, root_id, rel_path, sop_uid, stack_index, slice_index, level)"
                        " VALUES(1, 1, 1, 'a/IM1', '1.2.3.4.1', 0, 0, 'L4/L5');"
                        "INSERT INTO item(id, slice_id) VALUES(1, 1);"
                        "INSERT INTO analyzer(id, name, role) VALUES(1, 'ann', 'analyzer');"
                        "INSERT INTO label(item_id, analyzer_id, grade, canal, updated_at)"
                        " VALUES(1, 1, 'B', 'rootlet', '2024-01-01T00:00:00Z');");
            QCOMPARE((*db)->queryInt("PRAGMA user_version"), 1);
            QCOMPARE((*db)->queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'prediction'"), 0);
        }
        auto store = ProjectStore::open(file);
        QVERIFY2(store, store ? "" : store.error().c_str());
        QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        const Analyzer ann {1, "ann", Role::Analyzer};
        auto label = (*store)->label(ann, 1, 1);
        QVERIFY(label && *label);
        QCOMPARE((*label)->grade, std::optional<Grade>(Grade::B));
        QCOMPARE((*(*store)->item(1)).file, std::string("/data/a/IM1"));
        QCOMPARE(*(*store)->assisted(), false); // the v2 settings table exists with its default
        const Prediction cnn {1, "vgg", "1.0", Patch {1, 2, 30, 30}, {0.9, 0.1}, {0.7, 0.2, 0.05, 0.05}, {}};
        QVERIFY((*store)->savePrediction(cnn)); // the v2 prediction table works
        const auto corrected = (*store)->correctStackLevel(ann, 1, Level::L3L4); // v3: level corrections
        QVERIFY2(corrected, corrected ? "" : corrected.error().c_str());
        QCOMPARE(*corrected, 1);
        QCOMPARE((*(*store)->item(1)).level, std::optional<Level>(Level::L3L4));
    }

    void readOnlyOpenNeverMigratesAnOlderFile()
    {
        const std::string file = path("old-ro.sgdb");
        QVERIFY(writeOldProjectFile(file, 2));
        const QByteArray before = fileHash(QString::fromStdString(file));
        {
            OpenOptions readOnly;
            readOnly.readOnly = true;
            auto store = ProjectStore::open(file, readOnly);
            QVERIFY2(store, store ? "" : store.error().c_str());
            QVERIFY((*store)->migrationBackup().empty());
            const Analyzer lead {0, "lead", Role::Lead};
            auto labels = (*store)->labels(lead);
            QVERIFY2(labels, labels ? "" : labels.error().c_str());
            QCOMPARE(labels->size(), size_t(1));
            QCOMPARE(labels->front().grade, std::optional<Grade>(Grade::B));
            // The v3 table is there to read (a migrated copy in memory), but nothing writes.
            const Analyzer ann {1, "ann", Role::Analyzer};
            auto corrected = (*store)->correctStackLevel(ann, 1, Level::L3L4);
            QVERIFY(!corrected);
            QVERIFY2(corrected.error().find("read-only") != std::string::npos, corrected.error().c_str());
        }
        QCOMPARE(fileHash(QString::fromStdString(file)), before);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(file + ".v2.bak")));
        auto version = inspectProjectFile(file);
        QVERIFY(version);
        QCOMPARE(*version, 2);
    }

    void readOnlyOpenOfACurrentFileRefusesWrites()
    {
        std::string error;
        const std::string file = path("current-ro.sgdb");
        QVERIFY2(makeProject(file, syntheticScan("/data", 1, 2), error), error.c_str());
        const QByteArray before = fileHash(QString::fromStdString(file));
        {
            OpenOptions readOnly;
            readOnly.readOnly = true;
            auto store = ProjectStore::open(file, readOnly);
            QVERIFY2(store, store ? "" : store.error().c_str());
            QCOMPARE((*store)->items()->size(), size_t(10));
            auto added = (*store)->addAnalyzer("zoe", Role::Analyzer);
            QVERIFY(!added);
            QVERIFY2(added.error().find("read-only") != std::string::npos, added.error().c_str());
        }
        QCOMPARE(fileHash(QString::fromStdString(file)), before);
    }

    void writeOpenBacksUpAnOlderFileBeforeMigrating()
    {
        const std::string file = path("old-rw.sgdb");
        QVERIFY(writeOldProjectFile(file, 2));
        const QByteArray before = fileHash(QString::fromStdString(file));
        {
            auto store = ProjectStore::open(file);
            QVERIFY2(store, store ? "" : store.error().c_str());
            QCOMPARE((*store)->migrationBackup(), file + ".v2.bak");
            QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
        }
        QVERIFY(fileHash(QString::fromStdString(file)) != before);
        // The backup is the old file's content, readable and still version 2.
        const std::string backup = file + ".v2.bak";
        QCOMPARE(integrityCheck(backup), std::string("ok"));
        auto old = SqliteConnection::open(backup, OpenMode::ReadOnly);
        QVERIFY(old);
        QCOMPARE((*old)->queryInt("PRAGMA user_version"), 2);
        QCOMPARE((*old)->queryText("SELECT grade FROM label"), std::string("B"));
        // Opening the migrated file again makes no second backup; another old file next to an
        // existing backup gets a new name instead of overwriting it.
        QVERIFY((*ProjectStore::open(file))->migrationBackup().empty());
        old.value().reset();
        QVERIFY(QFile::remove(QString::fromStdString(file)));
        QVERIFY(writeOldProjectFile(file, 2));
        auto again = ProjectStore::open(file);
        QVERIFY2(again, again ? "" : again.error().c_str());
        QCOMPARE((*again)->migrationBackup(), file + ".v2-2.bak");
    }

    void refusesRaterNamesThatPassForAnother()
    {
        std::string error;
        auto store = makeProject(path("names.sgdb"), syntheticScan("/data", 1, 2), error);
        QVERIFY2(store, error.c_str());
        QVERIFY(store->addAnalyzer("Ann", Role::Analyzer));
        Prediction p;
        p.itemId = (*store->items())[0].id;
        p.modelName = "cnn-bob";
        p.modelVersion = "1";
        p.canalProbabilities = {0.9, 0.1};
        QVERIFY(store->savePrediction(p));
        // What the sign-in dialog is told to judge a typed name by: analyzers and models.
        const auto raters = projectRaterNames(*store);
        QVERIFY2(raters, raters ? "" : raters.error().c_str());
        QVERIFY(std::find(raters->analyzers.begin(), raters->analyzers.end(), "Ann") != raters->analyzers.end());
        QCOMPARE(raters->models, std::vector<std::string> {"cnn-bob"});
        const std::vector<std::pair<std::string, std::string>> refused {{"ann", "only by case"},
            {"A nn", "only by case, spaces"}, {"consensus", "reserved"}, {"CONSENSUS", "reserved"},
            {"cnn-bob", "CNN model"}, {"Cnn-Bob", "CNN model"}};
        for (const auto& [name, reason] : refused) {
            auto added = store->addAnalyzer(name, Role::Analyzer);
            QVERIFY2(!added, name.c_str());
            QVERIFY2(added.error().find(reason) != std::string::npos, added.error().c_str());
        }
        // A model must not take an analyzer's name (or a look-alike) or the consensus's either.
        for (const std::string model : {"ann", "Consensus"}) {
            p.modelName = model;
            const Status saved = store->savePrediction(p);
            QVERIFY2(!saved, model.c_str());
        }
        p.modelName = "cnn-bob";
        p.patch = Patch {std::numeric_limits<double>::quiet_NaN(), 1, 10, 10};
        QVERIFY(!store->savePrediction(p));
    }

    void refusesNonFinitePatches()
    {
        std::string error;
        auto store = makeProject(path("nan.sgdb"), syntheticScan("/data", 1, 2), error);
        QVERIFY2(store, error.c_str());
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        for (const Patch& patch :
            {Patch {nan, 1, 10, 10}, Patch {1, inf, 10, 10}, Patch {1, 1, nan, 10}, Patch {1, 1, 10, -inf}}) {
            Label label;
            label.itemId = (*store->items())[0].id;
            label.analyzerId = ann.id;
            label.canal = Canal::Rootlet;
            label.patch = patch;
            auto saved = store->saveLabel(ann, label);
            QVERIFY(!saved);
            QVERIFY2(saved.error().find("canal patch") != std::string::npos, saved.error().c_str());
        }
        QCOMPARE(store->labels(ann)->size(), size_t(0));
    }

    void correctsTheLevelOfAWholeStackWithHistory()
    {
        std::string error;
        auto store = makeProject(path("levels.sgdb"), syntheticScan("/data", 2, 4), error);
        QVERIFY2(store, error.c_str());
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const std::vector<Item> items = *store->items();
        // The first item's stack: its series, scanned as one level.
        const Item target = items.front();
        const auto sameStack = [&](const Item& i) {
            return i.seriesUidHash == target.seriesUidHash && i.level == target.level;
        };
        const auto stackSize = std::count_if(items.begin(), items.end(), sameStack);
        QCOMPARE(stackSize, 4);
        const std::optional<Level> was = target.level;
        const std::optional<Level> now = was == Level::L1L2 ? Level::L2L3 : Level::L1L2;
        const auto changed = store->correctStackLevel(ann, target.id, now);
        QVERIFY2(changed, changed ? "" : changed.error().c_str());
        QCOMPARE(*changed, 4);
        int moved = 0, untouched = 0;
        const std::vector<Item> corrected = *store->items();
        for (const Item& after : corrected) {
            const Item& before =
                *std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == after.id; });
            if (sameStack(before)) {
                QCOMPARE(after.level, now);
                ++moved;
            } else {
                QCOMPARE(after.level, before.level);
                ++untouched;
            }
        }
        QCOMPARE(moved, 4);
        QCOMPARE(untouched, static_cast<int>(items.size()) - 4);
        // The same level again changes nothing and records nothing; unassigned is a level too.
        QCOMPARE(*store->correctStackLevel(ann, target.id, now), 0);
        QCOMPARE(*store->correctStackLevel(ann, target.id, std::nullopt), 4);
        QCOMPARE((*store->item(target.id)).level, std::optional<Level>());
        // Who, when, from what to what: append-only.
        SqliteConnection& db = store->connection();
        QCOMPARE(db.queryInt("SELECT COUNT(*) FROM level_change"), 2);
        QCOMPARE(db.queryText("SELECT old_level FROM level_change ORDER BY id LIMIT 1"), levelName(was));
        QCOMPARE(db.queryInt("SELECT changed_by FROM level_change ORDER BY id LIMIT 1"), ann.id);
        QVERIFY_THROWS_EXCEPTION(SqlError, db.exec("UPDATE level_change SET new_level = 'L5/S1'"));
        QVERIFY_THROWS_EXCEPTION(SqlError, db.exec("DELETE FROM level_change"));
        const auto unknown = store->correctStackLevel(ann, 999999, Level::L4L5);
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().find("999999") != std::string::npos, unknown.error().c_str());
    }

    void refusesANewerSchemaAndLeavesTheFileUnchanged()
    {
        const std::string file = path("newer.sgdb");
        QVERIFY(ProjectStore::create(file));
        execOn(file, "PRAGMA user_version = 99");
        expectRefusedUnchanged(file, "newer SpineGrade (schema version 99");
        expectRefusedUnchanged(file, "update SpineGrade to open it; it was not changed");
    }

    void reportsADamagedFileAndLeavesItUnchanged_data()
    {
        QTest::addColumn<int>("offset"); // where the junk goes; negative: from the end
        QTest::addColumn<int>("bytes");
        QTest::addColumn<QString>("expected");
        // Pages 3..6 (tables and indexes), as a bad disk or a stray write would leave them:
        // SQLite notices while reading the schema.
        QTest::newRow("schema pages") << 2 * 4096 << 4 * 4096 << "is damaged (";
        // Cells of the last b-tree page: only the integrity check finds it.
        QTest::newRow("last page cells") << -4096 + 8 << 200 << "is damaged (integrity check: ";
    }
    void reportsADamagedFileAndLeavesItUnchanged()
    {
        QFETCH(int, offset);
        QFETCH(int, bytes);
        QFETCH(QString, expected);
        const std::string file = path("damaged.sgdb");
        QFile::remove(QString::fromStdString(file));
        std::string error;
        QVERIFY2(makeProject(file, syntheticScan("/data", 4, 20), error), error.c_str());
        {
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.size() > 7 * 4096);
            QRandomGenerator rng(42);
            QByteArray junk(bytes, '\0');
            for (char& c : junk)
                c = static_cast<char>(rng.bounded(256));
            f.seek(offset >= 0 ? offset : f.size() + offset);
            f.write(junk);
        }
        expectRefusedUnchanged(file, expected.toStdString());
        expectRefusedUnchanged(file, "); it was not changed");
    }

    void refusesFilesThatAreNotProjects_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("item,rater,task,label\n") << "not an SQLite database";
        QTest::newRow("empty") << QByteArray() << "not an SQLite database";
        QTest::newRow("other program") << QByteArray("sqlite") << "another program";
    }
    void refusesFilesThatAreNotProjects()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const std::string file = path("foreign.db");
        QFile::remove(QString::fromStdString(file));
        if (content == "sqlite") {
            execOn(file, "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES('hello');");
        } else {
            QFile f(QString::fromStdString(file));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        expectRefusedUnchanged(file, expected.toStdString());
    }

    void importsTwiceWithoutDuplicatesAndRelinksAMovedFolder()
    {
        std::string error;
        auto store = makeProject(path("relink.sgdb"), syntheticScan("/old/place", 2, 3), error);
        QVERIFY2(store, error.c_str());
        auto again = store->importScan(syntheticScan("/old/place", 2, 3), "/old/place");
        QVERIFY(again);
        QCOMPARE(again->newSlices, 0);
        QCOMPARE(again->knownSlices, 30);
        QCOMPARE(*store->sliceCount(), 30);

        auto moved = store->relink(syntheticScan("/new/disk", 2, 3), "/new/disk");
        QVERIFY2(moved, moved ? "" : moved.error().c_str());
        QCOMPARE(moved->relinked, 30);
        QCOMPARE(moved->missing, 0);
        const auto items = store->items();
        QVERIFY(items);
        for (const Item& item : *items)
            QVERIFY2(item.file.rfind("/new/disk/study", 0) == 0, item.file.c_str());

        auto partial = store->relink(syntheticScan("/third", 1, 3), "/third");
        QVERIFY(partial);
        QCOMPARE(partial->relinked, 15);
        QCOMPARE(partial->missing, 15);
    }

    // `project import studies` from the folder that holds it: the scan names files relative
    // to the working folder. Every item must still point at its own file (it pointed at the
    // folder itself, so no slice of such a project could be read).
    void importsAFolderNamedRelativeToTheWorkingFolder_data()
    {
        QTest::addColumn<QString>("root");
        QTest::newRow("plain") << "place";
        QTest::newRow("trailing slash") << "place/";
        QTest::newRow("dot") << "./place";
    }

    void importsAFolderNamedRelativeToTheWorkingFolder()
    {
        QFETCH(QString, root);
        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QString before = QDir::currentPath();
        QVERIFY(QDir::setCurrent(work.path()));
        const auto restore = qScopeGuard([&] { QDir::setCurrent(before); });
        std::string error;
        auto store = makeProject("relative.sgdb", syntheticScan(root.toStdString(), 1, 2), error);
        QVERIFY2(store, error.c_str());
        const auto items = store->items();
        QVERIFY(items && !items->empty());
        const std::string expected = QDir(work.path()).filePath("place/study").toStdString();
        for (const Item& item : *items)
            QVERIFY2(item.file.rfind(expected, 0) == 0, item.file.c_str());
        // A file outside the folder is refused, and the transaction leaves nothing behind.
        ScanResult outside = syntheticScan("elsewhere", 1, 2);
        const auto refused = store->importScan(outside, root.toStdString());
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("is not inside the import folder") != std::string::npos, refused.error().c_str());
        QCOMPARE(*store->sliceCount(), static_cast<std::int64_t>(items->size()));
    }

    void savesAPredictionBatchWholeOrNotAtAll()
    {
        std::string error;
        auto store = makeProject(path("batch.sgdb"), syntheticScan("/data", 1, 2), error);
        QVERIFY2(store, error.c_str());
        const auto items = store->items();
        QVERIFY(items && items->size() == 10);
        std::vector<Prediction> batch;
        for (size_t i = 0; i < 4; ++i) {
            Prediction p;
            p.itemId = (*items)[i].id;
            p.modelName = "canal-cnn";
            p.modelVersion = "2";
            p.patch = Patch {10.0 + static_cast<double>(i), 20, 32, 32};
            p.canalProbabilities = {0.9, 0.1};
            p.gradeProbabilities = {0.1, 0.2, 0.3, 0.4};
            batch.push_back(p);
        }
        batch[3].patch.reset(); // no canal found: no patch, stored as NULLs
        batch[3].gradeProbabilities.clear();

        // One bad prediction refuses the whole batch: nothing is half-stored.
        auto bad = batch;
        bad[2].gradeProbabilities = {0.5, 0.5};
        const Status refused = store->savePredictions(bad);
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("grade") != std::string::npos, refused.error().c_str());
        QVERIFY(store->predictedItems("canal-cnn", "2")->empty());

        QVERIFY(store->savePredictions(batch));
        QVERIFY(store->savePredictions(batch)); // saving again replaces, never duplicates
        const auto done = store->predictedItems("canal-cnn", "2");
        QVERIFY(done);
        QCOMPARE(done->size(), size_t(4));
        QVERIFY(store->predictedItems("canal-cnn", "1")->empty()); // another version is another model

        const Analyzer lead = *store->addAnalyzer("lena", Role::Lead);
        const Analyzer analyzer = *store->addAnalyzer("ann", Role::Analyzer);
        auto seenByLead = store->predictions(lead, batch[1].itemId);
        QVERIFY(seenByLead && seenByLead->size() == 1);
        QCOMPARE(seenByLead->front().patch->x, 11.0);
        QCOMPARE(seenByLead->front().gradeProbabilities, (std::vector<double> {0.1, 0.2, 0.3, 0.4}));
        auto seenBlind = store->predictions(analyzer, batch[1].itemId);
        QVERIFY(seenBlind && seenBlind->size() == 1);
        // A blind project: the patch only, neither grade nor rootlet/cord (issue 13).
        QVERIFY(seenBlind->front().gradeProbabilities.empty());
        QVERIFY(seenBlind->front().canalProbabilities.empty());
        QCOMPARE(seenBlind->front().patch->x, 11.0);
        auto noCanal = store->predictions(lead, batch[3].itemId);
        QVERIFY(noCanal && noCanal->size() == 1);
        QVERIFY(!noCanal->front().patch);
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_ProjectStore.moc"
