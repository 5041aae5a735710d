// De-identification of a project (README "De-identification"; issue 13): real DICOM written
// through ITK with a known patient, a real SQLite file, and its raw bytes and `sqlite3 .dump`
// searched for what must not be there.
#include "core/dicom/DicomScanner.h"
#include "core/labels/IdentityTokens.h"
#include "core/labels/LabelCsv.h"
#include "core/store/ConsensusStore.h"
#include "core/store/Deidentify.h"
#include "core/store/LabelTransfer.h"
#include "core/store/ProjectStore.h"
#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "core/store/Worklist.h"
#include "tests/support/ProjectFixture.h"
#include "tests/support/SeriesFactory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using namespace sg::test;

namespace {

// What the DICOM files say, none of which may be in the project.
const char* const kName = "DOE^JANE";
const char* const kId = "PID-4711";
const char* const kDate = "20240517";
const char* const kInstitution = "SAINT ELSEWHERE HOSPITAL";
const char* const kAccession = "ACC998877";
const char* const kPhysician = "HOUSE^GREGORY";
const char* const kStation = "MRSTATION7";
const char* const kSerial = "SN-55501";
const char* const kStudyUid = "1.2.826.0.1.3680043.10.1341.913";
const char* const kSeriesUid = "1.2.826.0.1.3680043.10.1341.913.1";

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The main file and any WAL beside it: everything of the project on disk.
QByteArray projectBytes(const std::string& file)
{
    const QString path = QString::fromStdString(file);
    return readAll(path) + readAll(path + "-wal");
}

QByteArray sqliteDump(const std::string& file)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {QString::fromStdString(file), QStringLiteral(".dump")});
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

} // namespace

class TestDeidentify : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_dicom; // the study folder
    std::vector<std::string> m_sops; // its SOP Instance UIDs
    std::string path(const char* name) { return (m_dir.path() + "/" + name).toStdString(); }

    // A project of the study, every slice an item, analyzer "ann" and lead "lee".
    std::unique_ptr<ProjectStore> project(const char* name)
    {
        auto created = ProjectStore::create(path(name));
        if (!created)
            return nullptr;
        const ScanResult scan = scanPath(m_dicom);
        if (!(*created)->importScan(scan, m_dicom) || !buildWorklist(**created, {}))
            return nullptr;
        if (!(*created)->addAnalyzer("ann", Role::Analyzer) || !(*created)->addAnalyzer("lee", Role::Lead))
            return nullptr;
        return std::move(*created);
    }

    // The strings of the source files that identify the patient, the study or the slices.
    QList<QByteArray> identifying() const
    {
        QList<QByteArray> all {kName, "DOE", "JANE", kId, "4711", kDate, kInstitution, kAccession, kPhysician, "HOUSE",
            kStation, kSerial, kStudyUid, kSeriesUid};
        for (const std::string& sop : m_sops)
            all << QByteArray::fromStdString(sop);
        return all;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty())
            QFAIL("the sqlite3 command-line tool is needed (Debian package sqlite3)");
        // The lead's project keeps paths relative to this folder (a folder may name a patient:
        // such paths never leave the project). It does not name the patient here, so that a
        // name found in the project's bytes can only have come from the DICOM headers.
        m_dicom = path("folder_xq7");
        SeriesSpec spec = lumbarSeries(32, 32, 2);
        spec.studyUid = kStudyUid;
        spec.seriesUid = kSeriesUid;
        spec.patientName = kName;
        spec.patientId = kId;
        spec.studyDate = kDate;
        spec.institutionName = kInstitution;
        spec.accessionNumber = kAccession;
        spec.referringPhysician = kPhysician;
        spec.stationName = kStation;
        spec.deviceSerialNumber = kSerial;
        const Status written = writeSeries(m_dicom, spec);
        QVERIFY2(written, written ? "" : written.error().c_str());
        const ScanResult scan = scanPath(m_dicom);
        QCOMPARE(scan.studies.size(), size_t(1));
        QCOMPARE(scan.studies[0].patientName, std::string(kName)); // the files do carry them
        for (const Series& se : scan.studies[0].series)
            for (const Stack& st : se.stacks)
                for (const SliceRef& s : st.slices)
                    m_sops.push_back(s.sopInstanceUid);
        QCOMPARE(m_sops.size(), size_t(10));
        // The writer put every identifying attribute in the files (the test would prove nothing otherwise).
        QDir folder(QString::fromStdString(m_dicom));
        const QStringList files = folder.entryList(QDir::Files);
        QVERIFY(!files.isEmpty());
        const QByteArray dicom = readAll(folder.filePath(files.front()));
        for (const char* s : {kName, kId, kDate, kInstitution, kAccession, kPhysician, kStation, kSerial, kStudyUid})
            QVERIFY2(dicom.contains(s), s);
    }

    void anImportedProjectHoldsNoIdentity()
    {
        const std::string file = path("import.sgdb");
        {
            auto store = project("import.sgdb");
            QVERIFY(store);
            auto items = store->items();
            QVERIFY(items);
            QCOMPARE(items->size(), size_t(10));
            // Found by the UID in clear, stored only as its keyed hash.
            auto found = store->findItem(m_sops[3]);
            QVERIFY(found && *found);
            QCOMPARE((*found)->sopUidHash, store->uidHash(m_sops[3]));
            QCOMPARE((*found)->sopUidHash.size(), size_t(64));
            QVERIFY((*found)->sopUidHash != m_sops[3]);
        }
        const QByteArray bytes = projectBytes(file);
        const QByteArray dump = sqliteDump(file);
        QVERIFY(dump.contains("CREATE TABLE study")); // the dump ran
        for (const QByteArray& s : identifying()) {
            QVERIFY2(!bytes.contains(s), "in the raw bytes: " + s);
            QVERIFY2(!dump.contains(s), "in the dump: " + s);
        }
    }

    void labelsKeyedBySopUidStillMatchAndExportsUseKeys()
    {
        auto store = project("labels.sgdb");
        QVERIFY(store);
        const std::string csv = "item,rater,task,label,comment\n" + m_sops[0] + ",ann,grade,B,narrow\n" + m_sops[0] +
            ",ann,canal,rootlet,\n" + m_sops[5] + ",bob,grade,A,\n";
        auto rows = parseLabelCsv(csv, "labels.csv");
        QVERIFY2(rows, rows ? "" : rows.error().c_str());
        auto imported = importLabelRows(*store, **store->findAnalyzer("lee"), *rows, "labels.csv");
        QVERIFY2(imported, imported ? "" : imported.error().c_str());
        QCOMPARE(imported->changedLabels, 2);
        const Analyzer ann = **store->findAnalyzer("ann");
        auto item = store->findItem(m_sops[0]);
        QVERIFY(item && *item);
        auto label = store->label(ann, (*item)->id, ann.id);
        QVERIFY(label && *label);
        QCOMPARE((*label)->grade, std::optional<Grade>(Grade::B));

        auto exported = exportLabelRows(*store);
        QVERIFY(exported);
        QCOMPARE(exported->size(), size_t(4));
        const std::string text = formatLabelCsv(*exported, LabelColumns::all());
        auto json = exportLabelsJson(*store);
        QVERIFY(json);
        QVERIFY2(text.find("S001 L") != std::string::npos, text.c_str()); // items by key
        for (const std::string& out : {text, *json}) {
            for (const QByteArray& s : identifying())
                QVERIFY2(out.find(s.toStdString()) == std::string::npos, s + " in " + out.c_str());
            QVERIFY2(out.find(m_dir.path().toStdString()) == std::string::npos, out.c_str());
            QVERIFY2(out.find("folder_xq7") == std::string::npos, out.c_str()); // no path either
            QVERIFY2(out.find(".dcm") == std::string::npos, out.c_str());
        }
        // An export reads back: its keys name the same items.
        auto again = parseLabelCsv(text, "export.csv");
        QVERIFY2(again, again ? "" : again.error().c_str());
        auto reimported = importLabelRows(*store, **store->findAnalyzer("lee"), *again, "export.csv");
        QVERIFY2(reimported, reimported ? "" : reimported.error().c_str());
        QCOMPARE(reimported->changedLabels, 0);
    }

    void anOldProjectMigratesAndForgetsTheName()
    {
        const std::string file = path("old.sgdb");
        QVERIFY(writeOldProjectFile(file, 5));
        {
            auto db = SqliteConnection::open(file, OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec(std::string("UPDATE study SET patient_name = '") + kName + "', patient_id = '" + kId +
                "', study_date = '" + kDate + "', description = 'LUMBAR " + kInstitution +
                "' || replace(hex(zeroblob(4000)), '00', ' " + kName + "')");
            // (a long description: its overflow pages become free pages when the column goes)
        }
        QVERIFY(projectBytes(file).contains(kName)); // as an older SpineGrade left it
        {
            auto store = ProjectStore::open(file);
            QVERIFY2(store, store ? "" : store.error().c_str());
            QCOMPARE((*store)->schemaVersion(), kSchemaVersion);
            // Labels stay, and the item is still found by its old UID.
            auto item = (*store)->findItem("1.2.3.4.1");
            QVERIFY(item && *item);
            const Analyzer ann {1, "ann", Role::Analyzer};
            auto label = (*store)->label(ann, (*item)->id, 1);
            QVERIFY(label && *label);
            QCOMPARE((*label)->grade, std::optional<Grade>(Grade::B));
            // The name's words are kept as keyed hashes only: a comment with them is refused.
            Label commented = **label;
            commented.comment = "jane again";
            QVERIFY(!(*store)->saveLabel(ann, commented));
        }
        const QByteArray bytes = projectBytes(file);
        const QByteArray dump = sqliteDump(file);
        QVERIFY(dump.contains("CREATE TABLE study"));
        for (const QByteArray& s : QList<QByteArray> {kName, kId, kDate, kInstitution, "1.2.3.4.1", "1.2.3.4'"}) {
            QVERIFY2(!bytes.contains(s), "in the raw bytes: " + s);
            QVERIFY2(!dump.contains(s), "in the dump: " + s);
        }
        QCOMPARE(integrityCheck(file), std::string("ok"));
    }

    void aCommentNamingThePatientIsRefused()
    {
        auto store = project("comments.sgdb");
        QVERIFY(store);
        const Analyzer ann = **store->findAnalyzer("ann");
        const Analyzer lee = **store->findAnalyzer("lee");
        auto item = store->findItem(m_sops[1]);
        QVERIFY(item && *item);
        const std::int64_t itemId = (*item)->id;
        Label label;
        label.itemId = itemId;
        label.analyzerId = ann.id;
        label.canal = Canal::Rootlet;
        label.grade = Grade::B;
        for (const char* comment : {"same as Jane Doe's last scan", "DOE", "Jàne", "ｊａｎｅ", "patient pid 4711",
                 "id PID-4711", "PID4711?"}) {
            label.comment = comment;
            auto saved = store->saveLabel(ann, label);
            QVERIFY2(!saved, comment);
            QVERIFY2(saved.error().find("patient's name or ID") != std::string::npos, saved.error().c_str());
            for (const char* word : {"DOE", "Doe", "doe", "JANE", "Jane", "jane", "4711"})
                QVERIFY2(saved.error().find(word) == std::string::npos, saved.error().c_str()); // not echoed
        }
        // Other words pass, including ones that merely contain a name's letters.
        for (const char* comment : {"", "canal narrowed at L4/L5, grade B", "doesn't look like A", "janet's rule"}) {
            label.comment = comment;
            auto saved = store->saveLabel(ann, label);
            QVERIFY2(saved, saved ? comment : saved.error().c_str());
        }
        // The lead's consensus reason too.
        Consensus decision;
        decision.itemId = itemId;
        decision.canal = Canal::Rootlet;
        decision.grade = Grade::B;
        decision.reasonCode = ConsensusReason::Other;
        decision.reason = "ask Mrs Doe";
        auto refused = setConsensus(*store, lee, decision);
        QVERIFY(!refused);
        QVERIFY2(refused.error().find("patient's name or ID") != std::string::npos, refused.error().c_str());
        decision.reason = "borderline";
        QVERIFY(setConsensus(*store, lee, decision));
        // And a label file's comment, with its line named.
        auto rows = parseLabelCsv("item,rater,task,label,comment\n" + m_sops[2] + ",ann,grade,C,jane doe\n", "in.csv");
        QVERIFY(rows);
        auto imported = importLabelRows(*store, **store->findAnalyzer("lee"), *rows, "in.csv");
        QVERIFY(!imported);
        QVERIFY2(imported.error().find("in.csv line 2") != std::string::npos, imported.error().c_str());
        QVERIFY2(imported.error().find("patient's name or ID") != std::string::npos, imported.error().c_str());
    }

    void theImportRootIsChosenAtOpen()
    {
        const std::string file = path("root.sgdb");
        {
            auto store = project("root.sgdb");
            QVERIFY(store);
        }
        // The folder moved: the lead names where it is now; files resolve under it.
        const std::string moved = path("moved");
        QVERIFY(QDir().rename(QString::fromStdString(m_dicom), QString::fromStdString(moved)));
        OpenOptions options;
        options.root = moved;
        auto store = ProjectStore::open(file, options);
        QDir().rename(QString::fromStdString(moved), QString::fromStdString(m_dicom)); // put it back first
        QVERIFY(store);
        auto items = (*store)->items();
        QVERIFY(items && !items->empty());
        for (const Item& item : *items) {
            QVERIFY2(item.file.rfind(moved + "/", 0) == 0, item.file.c_str());
            QCOMPARE(item.file, moved + "/" + item.relativePath);
        }
        // Without a root: where it was imported from.
        auto plain = ProjectStore::open(file);
        QVERIFY(plain);
        QCOMPARE((*(*plain)->items()).front().file.rfind(m_dicom + "/", 0), size_t(0));
    }

    void identityTokensFoldCaseAndAccents()
    {
        QCOMPARE(identityTokens("DOE^JANE"), (std::vector<std::string> {"doe", "jane"}));
        QCOMPARE(identityTokens("Ｄóé, Jäne-Marie"), (std::vector<std::string> {"doe", "jane", "marie"}));
        QCOMPARE(identityTokens(""), std::vector<std::string> {});
    }
};

QTEST_GUILESS_MAIN(TestDeidentify)
#include "tst_Deidentify.moc"
