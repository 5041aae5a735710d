// Reader kits (core/store/ReaderKit.h) on real files: a phantom study written as DICOM, a
// project set up from it, kits exported, labeled, tampered with and received.
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SliceLoader.h"
#include "core/phantom/PhantomWriter.h"
#include "core/store/ProjectSetup.h"
#include "core/store/ProjectStore.h"
#include "core/store/ReaderKit.h"
#include "core/store/SqliteConnection.h"
#include "core/store/Worklist.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace sg::core;

namespace {

// Strings of the project that must never reach a kit for ann.
constexpr const char* kBobNote = "BOB-PRIVATE-NOTE-7731";
constexpr const char* kLeadNote = "LEAD-CONSENSUS-NOTE-4410";

struct Project {
    std::string path;
    std::unique_ptr<ProjectStore> store;
    Analyzer lead, ann, bob;
    std::vector<Item> items;
};

QByteArray fileBytes(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What anyone with sqlite3 sees.
QByteArray sqliteDump(const std::string& path)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {QString::fromStdString(path), QStringLiteral(".dump")});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

Label label(const Analyzer& who, std::int64_t item, Grade grade, const std::string& comment = {})
{
    Label l;
    l.itemId = item;
    l.analyzerId = who.id;
    l.canal = Canal::Rootlet;
    l.grade = grade;
    l.patch = Patch {10, 12, 20, 18};
    l.comment = comment;
    return l;
}

std::int64_t count(ProjectStore& store, const std::string& sql)
{
    return store.connection().queryInt(sql);
}

} // namespace

class TestReaderKit : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_study;
    int m_count = 0;

    std::string file(const QString& name) { return (m_dir.path() + "/" + name).toStdString(); }

    // A blind project: lead lena, analyzers ann and bob; bob labeled every item (with a private
    // note), ann two; a consensus and CNN predictions with probabilities.
    bool makeProject(Project& p)
    {
        p.path = file(QStringLiteral("p%1.sgdb").arg(++m_count));
        ProjectSetupOptions o;
        o.dicomFolder = m_study;
        o.projectFile = p.path;
        o.leadName = "lenalead";
        o.leadPassphrase = "the kit test lead's passphrase";
        o.worklist.perLevel = 2;
        auto setUp = setUpProject(o);
        if (!setUp)
            return false;
        auto store = ProjectStore::open(p.path);
        if (!store)
            return false;
        p.store = std::move(*store);
        p.lead = **p.store->findAnalyzer("lenalead");
        p.ann = *p.store->ensureAnalyzer("ann");
        p.bob = *p.store->ensureAnalyzer("robertbrown");
        p.items = *p.store->items();
        for (const Item& item : p.items)
            if (!p.store->saveLabel(p.bob, label(p.bob, item.id, Grade::C, kBobNote)))
                return false;
        if (!p.store->saveLabel(p.ann, label(p.ann, p.items[0].id, Grade::A)) ||
            !p.store->saveLabel(p.ann, label(p.ann, p.items[1].id, Grade::B)))
            return false;
        Consensus c;
        c.itemId = p.items[0].id;
        c.canal = Canal::Rootlet;
        c.grade = Grade::B;
        c.reason = kLeadNote;
        if (!p.store->saveConsensus(p.lead, c))
            return false;
        for (const Item& item : p.items) {
            Prediction cnn;
            cnn.itemId = item.id;
            cnn.modelName = "sgcnn";
            cnn.modelVersion = "1";
            cnn.patch = Patch {8, 8, 30, 30};
            cnn.canalProbabilities = {0.8671875, 0.1328125};
            cnn.gradeProbabilities = {0.0390625, 0.1171875, 0.7890625, 0.0546875};
            if (!p.store->savePrediction(cnn))
                return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_study = file("study");
        PhantomOptions phantom;
        phantom.size = 128;
        phantom.seed = 11;
        const Status written = generatePhantomStudy(phantom, m_study);
        QVERIFY2(written, written.error().c_str());
    }

    void kitHoldsOnlyTheAnalyzersOwn()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty())
            QSKIP("sqlite3 is not installed (packaging/setup.sh installs it)");
        Project p;
        QVERIFY(makeProject(p));
        const std::string kit = file("ann.sgkit");
        auto exported = exportReaderKit(*p.store, "ann", kit);
        QVERIFY2(exported, exported ? "" : exported.error().c_str());
        QCOMPARE(exported->labels, 2);
        QVERIFY(!std::filesystem::exists(kit + ".part"));
        QVERIFY(!std::filesystem::exists(kit + "-wal"));

        // What must stay home: names and identities from the DICOM files, paths, UIDs, the
        // other analyzer and the lead, their labels, the consensus, the CNN's grade.
        std::vector<std::string> secret {
            kBobNote, kLeadNote, "robertbrown", "lenalead", m_study, "0.7890625", "0.8671875"};
        {
            // The project keeps UIDs only as keyed hashes (de-identification): those too stay home.
            Statement uids =
                p.store->connection().prepare("SELECT sop_uid FROM slice UNION SELECT series_uid FROM series");
            while (uids.step())
                secret.push_back(uids.text(0));
        }
        QVERIFY(secret.size() > 10);
        // Who the patient is and the original UIDs, as the DICOM files say: neither the project
        // nor a kit keeps them.
        std::vector<std::string> identity;
        const ScanResult scan = scanPath(m_study);
        QVERIFY(!scan.studies.empty());
        for (const Study& study : scan.studies) {
            for (const std::string& s : {study.patientName, study.patientId, study.studyInstanceUid, study.studyDate})
                if (s.size() >= 6) // shorter strings turn up in any compressed pixels
                    identity.push_back(s);
            for (const Series& series : study.series)
                identity.push_back(series.seriesInstanceUid);
        }
        QVERIFY(std::any_of(
            identity.begin(), identity.end(), [](const std::string& s) { return s.find("SYNTHETIC") == 0; }));
        p.store.reset(); // the project's WAL into the file: its bytes hold everything now
        const QByteArray projectDump = sqliteDump(p.path);
        const QByteArray kitDump = sqliteDump(kit);
        const QByteArray kitBytes = fileBytes(kit);
        QVERIFY(!kitDump.isEmpty());
        QVERIFY(kitDump.contains("CREATE TABLE kit_image"));
        for (const std::string& s : secret) {
            const QByteArray needle = QByteArray::fromStdString(s);
            QVERIFY2(projectDump.contains(needle), s.c_str()); // the check can fail: the project has it
            QVERIFY2(!kitDump.contains(needle), ("in the kit's dump: " + s).c_str());
            QVERIFY2(!kitBytes.contains(needle), ("in the kit's bytes: " + s).c_str());
        }
        for (const std::string& s : identity) {
            const QByteArray needle = QByteArray::fromStdString(s);
            QVERIFY2(!kitDump.contains(needle), ("in the kit's dump: " + s).c_str());
            QVERIFY2(!kitBytes.contains(needle), ("in the kit's bytes: " + s).c_str());
        }
    }

    void kitOpensLikeAProjectWithoutTheSourceFiles()
    {
        Project p;
        QVERIFY(makeProject(p));
        const std::string kit = file("ann-open.sgkit");
        QVERIFY(exportReaderKit(*p.store, "ann", kit));
        auto ownOrder = worklistOrder(*p.store, p.ann);
        QVERIFY(ownOrder);
        const Item first = p.items[0];
        auto fromDicom = readSliceFile(first.file);
        QVERIFY(fromDicom);

        auto opened = ProjectStore::open(kit);
        QVERIFY2(opened, opened ? "" : opened.error().c_str());
        ProjectStore& k = **opened;
        auto people = k.analyzers();
        QVERIFY(people);
        QCOMPARE(people->size(), size_t(1));
        QCOMPARE(people->front().name, std::string("ann"));
        auto order = worklistOrder(k, people->front());
        QVERIFY(order);
        QCOMPARE(*order, *ownOrder);
        auto labels = k.labels(people->front());
        QVERIFY(labels);
        QCOMPARE(labels->size(), size_t(2));
        auto info = readKitInfo(k);
        QVERIFY(info && *info);
        QCOMPARE((*info)->analyzerName, std::string("ann"));
        QVERIFY(!(*info)->assisted);
        // Blind: the CNN's patch, no probabilities.
        auto predictions = k.predictions(people->front(), first.id);
        QVERIFY(predictions && predictions->size() == 1);
        QVERIFY(predictions->front().patch);
        QVERIFY(predictions->front().canalProbabilities.empty());
        QCOMPARE(count(k, "SELECT COUNT(*) FROM prediction WHERE canal_probs <> '' OR grade_probs <> ''"), 0);

        // The pixels come from the kit, the same as the DICOM file's, with the source gone.
        std::filesystem::rename(m_study, m_study + ".moved");
        auto image = readKitImage(kit, first.id);
        std::filesystem::rename(m_study + ".moved", m_study);
        QVERIFY2(image, image ? "" : image.error().c_str());
        QCOMPARE(image->rows, fromDicom->rows);
        QCOMPARE(image->columns, fromDicom->columns);
        QVERIFY(image->stored == fromDicom->stored);
        QCOMPARE(image->type, fromDicom->type);
        QCOMPARE(image->rowSpacing, fromDicom->rowSpacing);
        QVERIFY(image->origin == fromDicom->origin);
        // The analyzer labels in the kit with the same store.
        QVERIFY(k.saveLabel(people->front(), label(people->front(), p.items[2].id, Grade::D)));
    }

    void receivesLabelsWithTheirHistoryOnce()
    {
        Project p;
        QVERIFY(makeProject(p));
        const std::string kit = file("ann-receive.sgkit");
        QVERIFY(exportReaderKit(*p.store, "ann", kit));
        {
            auto k = ProjectStore::open(kit);
            QVERIFY(k);
            const Analyzer ann = **(*k)->findAnalyzer("ann");
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[2].id, Grade::D, "ann's own note")));
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[0].id, Grade::C))); // changes a label sent
            QVERIFY((*k)->undo(ann));
        }
        const std::int64_t historyBefore = count(*p.store, "SELECT COUNT(*) FROM label_history");
        auto received = importReaderKit(*p.store, kit, p.lead);
        QVERIFY2(received, received ? "" : received.error().c_str());
        QCOMPARE(received->mergedRows, 3);
        QCOMPARE(received->changedLabels, 2);
        auto got = p.store->label(p.lead, p.items[2].id, p.ann.id);
        QVERIFY(got && *got);
        QCOMPARE((*got)->grade, std::optional<Grade>(Grade::D));
        QCOMPARE((*got)->comment, std::string("ann's own note"));
        got = p.store->label(p.lead, p.items[0].id, p.ann.id); // the undo came back too
        QCOMPARE((*got)->grade, std::optional<Grade>(Grade::A));
        auto history = p.store->history(p.lead, p.items[0].id);
        QVERIFY(history);
        QCOMPARE(history->back().action, std::string("undo"));
        QCOMPARE(history->back().changedBy, p.ann.id);
        QVERIFY(history->back().target); // points at the merged row it reverted
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM label_history"), historyBefore + 3);
        // Bob's labels are untouched.
        QCOMPARE(count(*p.store,
                     "SELECT COUNT(*) FROM label WHERE grade = 'C' AND analyzer_id = " + std::to_string(p.bob.id)),
            static_cast<std::int64_t>(p.items.size()));

        // Again: nothing changes.
        const std::int64_t version = *p.store->dataVersion();
        const std::int64_t rows = count(*p.store, "SELECT COUNT(*) FROM label_history");
        auto again = importReaderKit(*p.store, kit, p.lead);
        QVERIFY2(again, again ? "" : again.error().c_str());
        QCOMPARE(again->mergedRows, 0);
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM label_history"), rows);
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM kit_import"), 1);
        QCOMPARE(*p.store->dataVersion(), version);

        // More labeling in the same kit: only the new change comes in.
        {
            auto k = ProjectStore::open(kit);
            QVERIFY(k);
            const Analyzer ann = **(*k)->findAnalyzer("ann");
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[3].id, Grade::B)));
        }
        auto more = importReaderKit(*p.store, kit, p.lead);
        QVERIFY2(more, more ? "" : more.error().c_str());
        QCOMPARE(more->mergedRows, 1);
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM label_history"), rows + 1);
    }

    void refusesATamperedKit()
    {
        Project p;
        QVERIFY(makeProject(p));
        const std::string kit = file("ann-tampered.sgkit");
        QVERIFY(exportReaderKit(*p.store, "ann", kit));
        {
            auto k = ProjectStore::open(kit);
            QVERIFY(k);
            const Analyzer ann = **(*k)->findAnalyzer("ann");
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[2].id, Grade::B)));
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[2].id, Grade::C)));
        }
        const std::string edited = file("ann-edited.sgkit");
        std::filesystem::copy_file(kit, edited);
        {
            // Someone with sqlite3 rewrites what was given first, the triggers dropped.
            auto db = SqliteConnection::open(edited, OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("DROP TRIGGER label_history_no_update");
            (*db)->exec("UPDATE label_history SET new_value = replace(new_value, '\"grade\":\"B\"', '\"grade\":\"D\"') "
                        "WHERE id = (SELECT MAX(id) - 1 FROM label_history)");
            QCOMPARE((*db)->changes(), 1);
        }
        const std::int64_t rows = count(*p.store, "SELECT COUNT(*) FROM label_history");
        auto refused = importReaderKit(*p.store, edited, p.lead);
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.error()).contains("history"), refused.error().c_str());
        QVERIFY(QString::fromStdString(refused.error()).contains(QString::fromStdString(edited)));
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM label_history"), rows);

        // A label changed without its history, and a row the project sent rewritten.
        const std::string relabeled = file("ann-relabeled.sgkit");
        std::filesystem::copy_file(kit, relabeled);
        {
            auto db = SqliteConnection::open(relabeled, OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("UPDATE label SET grade = 'D' WHERE item_id = " + std::to_string(p.items[2].id));
        }
        QVERIFY(!importReaderKit(*p.store, relabeled, p.lead));
        const std::string rewritten = file("ann-rewritten.sgkit");
        std::filesystem::copy_file(kit, rewritten);
        {
            auto db = SqliteConnection::open(rewritten, OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("DROP TRIGGER label_history_no_update");
            (*db)->exec("UPDATE label_history SET changed_at = '2020-01-01T00:00:00.000Z' WHERE id = "
                        "(SELECT MIN(id) FROM label_history)");
        }
        QVERIFY(!importReaderKit(*p.store, rewritten, p.lead));
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM label_history"), rows);
        QVERIFY(importReaderKit(*p.store, kit, p.lead)); // the kit as it was is fine
    }

    void refusesLabelsOutsideTheWorklist()
    {
        Project p;
        QVERIFY(makeProject(p));
        const std::string kit = file("ann-outside.sgkit");
        QVERIFY(exportReaderKit(*p.store, "ann", kit));
        {
            auto k = ProjectStore::open(kit);
            QVERIFY(k);
            const Analyzer ann = **(*k)->findAnalyzer("ann");
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[4].id, Grade::B)));
            QVERIFY((*k)->saveLabel(ann, label(ann, p.items[5].id, Grade::B)));
        }
        // The lead took item 5 out of ann's worklist since the kit was sent.
        p.store->connection().exec("DELETE FROM worklist_entry WHERE analyzer_id = " + std::to_string(p.ann.id) +
            " AND item_id = " + std::to_string(p.items[5].id));
        const std::int64_t rows = count(*p.store, "SELECT COUNT(*) FROM label_history");
        auto refused = importReaderKit(*p.store, kit, p.lead);
        QVERIFY(!refused);
        QVERIFY2(QString::fromStdString(refused.error()).contains("not in ann's worklist"), refused.error().c_str());
        QCOMPARE(count(*p.store, "SELECT COUNT(*) FROM label_history"), rows); // item 4 did not come in either
    }

    void refusesForeignAndHostileKits()
    {
        Project p, other;
        QVERIFY(makeProject(p));
        QVERIFY(makeProject(other));
        const std::string kit = file("ann-hostile.sgkit");
        QVERIFY(exportReaderKit(*p.store, "ann", kit));
        const auto refusedWith = [&](ProjectStore& store, const std::string& path, const QString& why) {
            auto r = importReaderKit(store, path, std::nullopt);
            if (r)
                return std::string("accepted");
            const QString message = QString::fromStdString(r.error());
            if (!message.contains(QString::fromStdString(path)) || !message.contains(why))
                return r.error();
            return std::string();
        };
        // Another project's kit.
        std::string why = refusedWith(*other.store, kit, QStringLiteral("another project"));
        QVERIFY2(why.empty(), why.c_str());
        // A project instead of a kit; a file that is no database at all.
        why = refusedWith(*p.store, other.path, QStringLiteral("not a reader kit"));
        QVERIFY2(why.empty(), why.c_str());
        const std::string junk = file("junk.sgkit");
        {
            QFile f(QString::fromStdString(junk));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(5000, 'x'));
        }
        why = refusedWith(*p.store, junk, QStringLiteral("not"));
        QVERIFY2(why.empty(), why.c_str());
        // A kit that smuggles in another analyzer's rows.
        const auto variant = [&](const QString& name, const std::string& sql) {
            const std::string path = file(name);
            std::filesystem::copy_file(kit, path);
            auto db = SqliteConnection::open(path, OpenMode::ReadWrite);
            if (db)
                (*db)->exec(sql);
            return path;
        };
        why = refusedWith(*p.store,
            variant("extra.sgkit", "INSERT INTO analyzer(id, name, role) VALUES(999, 'eve', 'analyzer')"),
            QStringLiteral("other analyzers"));
        QVERIFY2(why.empty(), why.c_str());
        // Absurd and truncated images: an error naming the kit, never a crash.
        const auto firstItem = std::to_string(p.items[0].id);
        const std::string huge =
            variant("huge.sgkit", "UPDATE kit_image SET rows = 1000000 WHERE item_id = " + firstItem);
        auto image = readKitImage(huge, p.items[0].id);
        QVERIFY(!image);
        QVERIFY2(QString::fromStdString(image.error()).contains(QString::fromStdString(huge)), image.error().c_str());
        const std::string cut = variant("cut.sgkit",
            "UPDATE kit_image SET pixels = substr(pixels, 1, length(pixels) / 2) WHERE item_id = " + firstItem);
        image = readKitImage(cut, p.items[0].id);
        QVERIFY(!image);
        const std::string raw = variant(
            "raw.sgkit", "UPDATE kit_image SET encoding = 'raw', pixels = zeroblob(100) WHERE item_id = " + firstItem);
        image = readKitImage(raw, p.items[0].id);
        QVERIFY(!image);
        QVERIFY2(QString::fromStdString(image.error()).contains("truncated"), image.error().c_str());
        QVERIFY(readKitImage(kit, p.items[0].id));
    }
};

QTEST_GUILESS_MAIN(TestReaderKit)
#include "tst_ReaderKit.moc"
