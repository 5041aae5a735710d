// spinegrade-cli review and consensus: the queue's JSON order checked by an independent
// script (tests/cli/review_order.py) over a project with a tie at every rule; consensus
// import is atomic (one bad row changes nothing), refuses anyone but a lead, and round-trips
// through export; stats then counts the consensus rater; a lead's own label is not an analyzer's.
#include "core/store/ConsensusStore.h"
#include "core/store/Identity.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"

#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace sg::core;
using sg::test::CliRun;
using sg::test::runCli;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

} // namespace

class TestReviewCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    std::vector<Item> m_items;
    ItemKeys m_keys;
    std::map<std::int64_t, std::string> m_sopUids; // item id -> SOP Instance UID in clear (the project keeps a hash)

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QByteArray key(size_t item) const { return QByteArray::fromStdString(m_keys.key(m_items[item].id)); }

    // A project with three analyzers, a lead who also labels, and disagreements that tie at
    // every rule of the order (so only the later rule can order them).
    bool makeReviewProject(const QString& file, std::string& error)
    {
        const ScanResult scan = sg::test::syntheticScan("/data/rv", 2, 3);
        auto store = sg::test::makeProject(file.toStdString(), scan, error);
        if (!store)
            return false;
        m_items = *store->items();
        for (const Study& study : scan.studies)
            for (const Series& series : study.series)
                for (const Stack& stack : series.stacks)
                    for (const SliceRef& slice : stack.slices)
                        if (auto found = store->findItem(slice.sopInstanceUid); found && *found)
                            m_sopUids[(*found)->id] = slice.sopInstanceUid;
        m_keys = makeItemKeys(m_items);
        const Analyzer ann = *store->addAnalyzer("ann", Role::Analyzer);
        const Analyzer ben = *store->addAnalyzer("ben", Role::Analyzer);
        const Analyzer cy = *store->addAnalyzer("cy", Role::Analyzer);
        const Analyzer lena = *addLead(*store, sg::test::kLeadName, sg::test::kLeadPassphrase);
        const auto label = [&](const Analyzer& who, size_t item, std::optional<Canal> canal, std::optional<Grade> grade,
                               std::optional<Patch> patch = {}) {
            Label l;
            l.itemId = m_items[item].id;
            l.analyzerId = who.id;
            l.canal = canal;
            l.grade = grade;
            l.patch = patch;
            if (auto saved = store->saveLabel(who, l); !saved)
                error = saved.error();
        };
        const auto R = Canal::Rootlet;
        label(ann, 25, R, Grade::A), label(ben, 25, R, Grade::D); // distance 3
        label(ann, 20, R, Grade::B), label(ben, 20, R, Grade::D); // distance 2, tie with 15 on key
        label(ann, 15, R, Grade::A), label(ben, 15, R, Grade::C);
        label(ann, 10, R, Grade::A), label(ben, 10, R, Grade::B); // distance 1, not severe
        label(ann, 5, R, Grade::B), label(ben, 5, R, Grade::C); // distance 1, severe
        label(ann, 2, R, Grade::A), label(ben, 2, R, Grade::B), label(cy, 2, Canal::Cord, {}); // + canal
        label(ann, 1, R, {}), label(ben, 1, Canal::Cord, {}); // canal only
        label(ann, 29, R, Grade::A), label(ben, 29, R, {}); // grade given vs not, distance 0
        label(ann, 0, R, Grade::A, Patch {10, 10, 20, 20}), label(ben, 0, R, Grade::A, Patch {40, 40, 20, 20});
        label(ann, 28, R, Grade::B, Patch {10, 10, 20, 20}), label(ben, 28, R, Grade::B, Patch {14, 10, 20, 20});
        label(ann, 3, R, Grade::B), label(ben, 3, R, Grade::B), label(lena, 3, R, Grade::D); // the lead differs
        return error.empty();
    }

    QJsonArray reviewJson(const QStringList& extra = {})
    {
        const CliRun r = runCli(QStringList {"review", "--db", m_db, "--json", "--as", "lena"} + extra);
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.err));
        return QJsonDocument::fromJson(r.out.toUtf8()).object().value("items").toArray();
    }

    int consensusCount()
    {
        OpenOptions readOnly;
        readOnly.readOnly = true;
        auto store = ProjectStore::open(m_db.toStdString(), readOnly);
        return store ? static_cast<int>((*store)->connection().queryInt("SELECT COUNT(*) FROM consensus")) : -1;
    }

private slots:
    void initTestCase()
    {
        // Every spinegrade-cli this test starts has the lead's passphrase (issue 13).
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase);
        m_db = path("review.sgdb");
        std::string error;
        QVERIFY2(makeReviewProject(m_db, error), error.c_str());
    }

    void reviewJsonFollowsTheStatedOrder()
    {
        const CliRun r = runCli({"review", "--db", m_db, "--json", "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QProcess check;
        check.start(qEnvironmentVariable("SG_PYTHON3", "python3"), {QFINDTESTDATA("review_order.py")});
        QVERIFY(check.waitForStarted());
        check.write(r.out.toUtf8());
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(60000));
        QVERIFY2(check.exitCode() == 0, check.readAllStandardOutput().constData());

        const QJsonArray items = QJsonDocument::fromJson(r.out.toUtf8()).object().value("items").toArray();
        QStringList keys;
        for (const QJsonValue& v : items)
            keys << v.toObject().value("key").toString();
        // Every disagreement, and only those: the lead's D on item 3 is not an analyzer's.
        QStringList expected;
        for (size_t i : {25, 20, 15, 5, 2, 10, 1, 29, 0, 28})
            expected << QString::fromUtf8(key(i));
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()), QSet<QString>(expected.begin(), expected.end()));
        QCOMPARE(keys.first(), QString::fromUtf8(key(25)));
        const QJsonObject first = items.first().toObject();
        QVERIFY(!first.contains("sop_uid")); // items by key only: no UID leaves the project
        QCOMPARE(first.value("level").toString(), QString::fromStdString(levelName(m_items[25].level)));
        QCOMPARE(first.value("kinds").toArray(), QJsonArray({"grade"}));
        QCOMPARE(first.value("grade_distance").toInt(), 3);
        QCOMPARE(first.value("labels").toObject().keys(), (QStringList {"ann", "ben"}));
        QCOMPARE(first.value("labels").toObject().value("ben").toObject().value("grade").toString(), QString("D"));
        QVERIFY(first.value("consensus").isNull());
        for (const QJsonValue& v : items)
            QVERIFY(!v.toObject().value("labels").toObject().contains("lena"));
    }

    void reviewFiltersByTaskAndPrintsATable()
    {
        const QJsonArray canal = reviewJson({"--task", "canal"});
        QCOMPARE(canal.size(), 2);
        QCOMPARE(canal[0].toObject().value("key").toString(), QString::fromUtf8(key(2)));
        const QJsonArray patch = reviewJson({"--task", "patch"});
        // Item 0 by IoU; item 28 (IoU 0.67) because its centres are 4 pixels = 4 mm apart.
        QCOMPARE(patch.size(), 2);
        for (const QJsonValue& v : patch)
            QCOMPARE(v.toObject().value("kinds").toArray(), QJsonArray({"patch"}));
        QVERIFY(runCli({"review", "--db", m_db, "--task", "model", "--as", "lena"}).exitCode != 0);
        const CliRun table = runCli({"review", "--db", m_db, "--as", "lena"});
        QVERIFY2(table.exitCode == 0, qPrintable(table.err));
        const QStringList lines = table.out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines.first().startsWith("KEY"));
        QVERIFY2(lines[1].startsWith(QString::fromUtf8(key(25))), qPrintable(table.out));
        QCOMPARE(lines.last(), QString("0 of 10 decided"));
        // Aligned: the LEVEL column starts at the same place on every line.
        const int at = static_cast<int>(lines.first().indexOf("LEVEL"));
        for (int i = 1; i < lines.size() - 1; ++i)
            QVERIFY2(lines[i].mid(at, 1) == "L" && lines[i][at - 1] == ' ', qPrintable(lines[i]));
    }

    void consensusImportIsAtomicAndOnlyForALead()
    {
        const QByteArray good = "item,task,label,reason\n" + key(25) + ",grade,B,borderline_grade: both close\n" +
            QByteArray::fromStdString(m_sopUids.at(m_items[25].id)) + ",canal,rootlet,borderline_grade: both close\n";
        const struct {
            QByteArray tail;
            const char* message;
        } bad[] = {
            {key(20) + ",grade,E,reader_error\n", "line 4"},
            {"S099 L4/L5 #1,grade,B,reader_error\n", "no item 'S099 L4/L5 #1'"},
            {key(20) + ",grade,B,tired\n", "reason 'tired'"},
            {key(1) + ",canal,cord,other\n" + key(1) + ",grade,B,other\n", "cord"},
            {key(25) + ",grade,C,borderline_grade: both close\n", "given twice"},
        };
        for (const auto& b : bad) {
            writeText(path("bad.csv"), good + b.tail);
            const CliRun r = runCli({"consensus", "import", "--db", m_db, "--csv", path("bad.csv"), "--as", "lena"});
            QVERIFY(r.exitCode != 0);
            QVERIFY2(r.err.contains(b.message) && r.err.contains("bad.csv"), qPrintable(r.err));
            QCOMPARE(consensusCount(), 0); // the good rows before it were not imported either
        }
        writeText(path("good.csv"), good);
        CliRun r = runCli({"consensus", "import", "--db", m_db, "--csv", path("good.csv"), "--as", "ann"});
        QCOMPARE(r.exitCode, 2); // ann has no passphrase, and lena's is not hers
        QVERIFY2(r.err.contains("refused"), qPrintable(r.err));
        r = runCli({"consensus", "import", "--db", m_db, "--csv", path("good.csv"), "--as", "nobody"});
        QVERIFY(r.exitCode != 0);
        QCOMPARE(consensusCount(), 0);
        r = runCli({"consensus", "import", "--db", m_db, "--csv", path("good.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(consensusCount(), 1);
        const QJsonObject decided = reviewJson().first().toObject().value("consensus").toObject();
        QCOMPARE(decided.value("grade").toString(), QString("B"));
        QCOMPARE(decided.value("canal").toString(), QString("rootlet"));
        QCOMPARE(decided.value("reason").toString(), QString("borderline_grade: both close"));
        QCOMPARE(decided.value("by").toString(), QString("lena"));
        QVERIFY(!decided.value("at").toString().isEmpty());
    }

    void exportImportRoundTripsAndStatsCountTheConsensus()
    {
        // With the optional columns: the decided patch on the canal row, the sub-grade on the grade row.
        writeText(path("more.csv"),
            "item,task,label,reason,subgrade,patch_x,patch_y,patch_w,patch_h\n" + key(1) +
                ",canal,cord,anatomical_variation,,10,12,20.5,20.5\n" + key(20) +
                ",grade,A,\"reader_error: ben, on a second look\",3,,,,\n" + key(20) +
                ",canal,rootlet,\"reader_error: ben, on a second look\",,30,31,24,24\n");
        CliRun r = runCli({"consensus", "import", "--db", m_db, "--csv", path("more.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"consensus", "export", "--db", m_db, "--csv", path("out1.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray out1 = readAll(path("out1.csv"));
        // The four columns first, then the rest of a decision and who decided.
        QVERIFY2(
            out1.startsWith("item,task,label,reason,subgrade,patch_x,patch_y,patch_w,patch_h,decided_by,decided_at\n"),
            out1.constData());
        QCOMPARE(out1.count('\n'), 7); // header + two rows per decision
        QVERIFY2(out1.contains(key(20) + ",grade,A,\"reader_error: ben, on a second look\",3,,,,,lena,20"),
            out1.constData());
        QVERIFY2(out1.contains(key(20) + ",canal,rootlet,\"reader_error: ben, on a second look\",,30,31,24,24,lena,20"),
            out1.constData());
        QVERIFY2(out1.contains(key(1) + ",canal,cord,anatomical_variation,,10,12,20.5,20.5,lena,20"), out1.constData());
        QVERIFY(runCli({"consensus", "export", "--db", m_db, "--csv", path("x.csv"), "--as", "ben"}).exitCode != 0);

        // Importing the export again changes nothing; into a fresh project of the same studies it
        // gives the same decisions.
        r = runCli({"consensus", "import", "--db", m_db, "--csv", path("out1.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0 && r.out.contains("0 decision(s) created or changed, 3 unchanged"), qPrintable(r.out));
        const QString other = path("other.sgdb");
        std::string error;
        QVERIFY2(makeReviewProject(other, error), error.c_str());
        r = runCli({"consensus", "import", "--db", other, "--csv", path("out1.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({"consensus", "export", "--db", other, "--csv", path("out2.csv"), "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The same decisions, patch and sub-grade included; only when they were decided differs.
        const auto decisions = [](const QByteArray& csv) {
            QList<QByteArray> lines = csv.split('\n');
            for (QByteArray& line : lines)
                line.truncate(line.lastIndexOf(','));
            return lines;
        };
        QCOMPARE(decisions(readAll(path("out2.csv"))), decisions(out1));

        // The statistics count the consensus rater from these decisions, and not the lead's label.
        r = runCli({"stats", "--db", m_db, "--json", "--as", "lena"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject raters = QJsonDocument::fromJson(r.out.toUtf8())
                                       .object()
                                       .value("tasks")
                                       .toObject()
                                       .value("grade")
                                       .toObject()
                                       .value("raters")
                                       .toObject();
        QVERIFY2(raters.contains("consensus"), qPrintable(r.out.left(400)));
        QCOMPARE(raters.value("consensus").toObject().value("n").toInt(), 2);
        QVERIFY(!raters.contains("lena"));
        QCOMPARE(reviewJson().size(), 10);
        const CliRun table = runCli({"review", "--db", m_db, "--as", "lena"});
        QVERIFY(table.out.trimmed().endsWith("3 of 10 decided"));
    }
};

QTEST_GUILESS_MAIN(TestReviewCli)
#include "tst_ReviewCli.moc"
