// Blinded re-reads (intra-rater reliability): the schedule (share, gap, seed), a re-read's
// label kept apart from the first read (with undo), test-retest kappa against sklearn on the
// stored labels, the CLI's settings and JSON, and an older project opening unchanged.
#include "core/report/ProjectReport.h"
#include "core/report/ReportHtml.h"
#include "core/stats/AgreementJson.h"
#include "core/stats/AgreementReport.h"
#include "core/stats/AgreementText.h"
#include "core/store/LabelingSession.h"
#include "core/store/ProjectRatings.h"
#include "core/store/RereadRatings.h"
#include "core/store/RereadSchedule.h"
#include "core/store/Schema.h"
#include "core/store/SqliteConnection.h"
#include "core/store/Worklist.h"
#include "tests/support/CliRun.h"
#include "tests/support/Passphrases.h"
#include "tests/support/ProjectFixture.h"
#include "tests/support/TestData.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>
#include <numeric>
#include <random>
#include <set>

using namespace sg::core;
using namespace sg::test;

namespace {

// Checks every rule of a schedule; returns the re-reads' gaps (entries after the first read).
std::vector<int> checkSchedule(const std::vector<WorklistEntry>& entries, const std::vector<std::int64_t>& firstReads)
{
    std::vector<std::int64_t> firsts;
    std::map<std::int64_t, int> firstAt, againAt;
    for (int i = 0; i < static_cast<int>(entries.size()); ++i) {
        const WorklistEntry& e = entries[static_cast<size_t>(i)];
        if (e.read == ReadKind::First) {
            firsts.push_back(e.itemId);
            firstAt[e.itemId] = i;
        } else {
            if (againAt.count(e.itemId))
                qWarning("item %lld re-read twice", static_cast<long long>(e.itemId));
            againAt[e.itemId] = i;
        }
    }
    std::vector<int> gaps;
    if (firsts != firstReads)
        qWarning("the first reads lost their order");
    for (const auto& [item, at] : againAt) {
        const auto first = firstAt.find(item);
        gaps.push_back(first == firstAt.end() ? -1 : at - first->second); // -1: no first read before it
    }
    if (againAt.size() + firsts.size() != entries.size())
        gaps.push_back(-2); // a duplicate re-read
    return gaps;
}

Label graded(std::int64_t item, std::int64_t owner, std::optional<Canal> canal, std::optional<Grade> grade)
{
    Label l;
    l.itemId = item;
    l.analyzerId = owner;
    l.canal = canal;
    l.grade = grade;
    return l;
}

} // namespace

class TestRereads : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_count = 0;

    // A project of `studies` x 5 levels x `slices` items with the re-read settings, the
    // worklist built with them; the file's path.
    std::string project(int studies, int slices, RereadSettings rereads, std::uint64_t seed = 1)
    {
        std::string error;
        const std::string file = (m_dir.path() + "/p" + QString::number(++m_count) + ".sgdb").toStdString();
        auto store = makeProject(file, syntheticScan("/data", studies, slices), error);
        if (!store) {
            qWarning("%s", error.c_str());
            return {};
        }
        if (const Status set = store->setRereadSettings(rereads); !set)
            qWarning("%s", set.error().c_str());
        if (auto built = buildWorklist(*store, {0, seed}); !built)
            qWarning("%s", built.error().c_str());
        return file;
    }

private slots:
    void scheduleKeepsShareGapAndSeed()
    {
        std::vector<std::int64_t> ids(110);
        std::iota(ids.begin(), ids.end(), 1000);
        const auto a = scheduleRereads(ids, {0.1, 20}, 7);
        QCOMPARE(a.size(), size_t(121)); // 11 re-reads (10% of 110)
        const auto gaps = checkSchedule(a, ids);
        QCOMPARE(gaps.size(), size_t(11));
        for (int g : gaps)
            QVERIFY2(g >= 20, qPrintable(QString("gap %1").arg(g)));
        QCOMPARE(scheduleRereads(ids, {0.1, 20}, 7), a); // seeded: the same schedule again
        QVERIFY(scheduleRereads(ids, {0.1, 20}, 8) != a);
        // Off: the order as it was.
        const auto off = scheduleRereads(ids, {0, 20}, 7);
        QCOMPARE(off.size(), ids.size());
        QCOMPARE(checkSchedule(off, ids).size(), size_t(0));
        // Many seeds, shares and lengths: every rule holds, and the gap shrinks only as far as
        // the length forces it.
        for (std::uint64_t seed = 1; seed < 200; ++seed)
            for (int n : {1, 2, 9, 30, 57}) {
                std::vector<std::int64_t> order(static_cast<size_t>(n));
                std::iota(order.begin(), order.end(), 1);
                const double share = 0.05 * static_cast<double>(seed % 11);
                const int wanted = 1 + static_cast<int>(seed % 40);
                const auto s = scheduleRereads(order, {share, wanted}, seed);
                const int k = rereadCount(n, share);
                const int gap = effectiveRereadGap(n, k, wanted);
                QVERIFY(gap <= wanted && gap >= 1);
                QVERIFY(gap == wanted || gap == n - k + 1);
                const auto gaps = checkSchedule(s, order);
                QCOMPARE(static_cast<int>(gaps.size()), k);
                for (int g : gaps)
                    QVERIFY2(
                        g >= gap, qPrintable(QString("n %1 share %2 gap %3 < %4").arg(n).arg(share).arg(g).arg(gap)));
            }
        QCOMPARE(rereadCount(110, 0.9), 55); // at most half
        QCOMPARE(effectiveRereadGap(30, 15, 100), 16);
    }

    void projectSchedulesEachAnalyzerReproducibly()
    {
        const std::string file = project(2, 11, {0.1, 20}); // 110 items
        auto ann = LabelingSession::start(file, "ann");
        auto bob = LabelingSession::start(file, "bob"); // analyzers added after the worklist was built
        QVERIFY(ann && bob);
        const auto a = (*ann)->entries(), b = (*bob)->entries();
        QCOMPARE(a->size(), size_t(121));
        QCOMPARE(b->size(), size_t(121));
        QVERIFY(*a != *b); // each analyzer their own order and re-reads
        std::vector<std::int64_t> firsts;
        for (const WorklistEntry& e : *a)
            if (e.read == ReadKind::First)
                firsts.push_back(e.itemId);
        const auto gaps = checkSchedule(*a, firsts);
        QCOMPARE(gaps.size(), size_t(11));
        for (int g : gaps)
            QVERIFY(g >= 20);
        QCOMPARE(std::set<std::int64_t>(firsts.begin(), firsts.end()).size(), size_t(110));
        const auto p = (*ann)->progress();
        QCOMPARE(p->total, 121); // progress counts entries
        QCOMPARE(p->done, 0);
        // The same project again with the same seed: the same schedule.
        const std::string again = project(2, 11, {0.1, 20});
        auto ann2 = LabelingSession::start(again, "ann");
        QCOMPARE(*(*ann2)->entries(), *a);
        // Settings are fixed once labeling starts.
        QVERIFY((*ann)->save(graded(a->front().itemId, 0, Canal::Cord, std::nullopt)));
        QVERIFY(!(*ann)->store().setRereadSettings({0.2, 20}));
        QCOMPARE((*ann)->store().rereadSettings()->share, 0.1);
    }

    void rereadStartsEmptyAndNeverOverwritesTheFirstRead()
    {
        const std::string file = project(1, 8, {0.25, 5}); // 40 items, 10 re-reads
        auto opened = LabelingSession::start(file, "ann");
        QVERIFY(opened);
        LabelingSession& s = **opened;
        // Work through the order until the first re-read comes up.
        std::optional<WorklistEntry> next;
        int labeled = 0;
        while ((next = *s.nextEntry()) && next->read == ReadKind::First) {
            QVERIFY(s.save(graded(next->itemId, 0, Canal::Rootlet, Grade::B)));
            ++labeled;
        }
        QVERIFY(next);
        const std::int64_t item = next->itemId;
        QCOMPARE((*s.label(item))->grade, std::optional<Grade>(Grade::B)); // read once already
        QVERIFY(!*s.label(item, ReadKind::Reread)); // the re-read starts empty
        QCOMPARE(*s.version(item, ReadKind::Reread), std::int64_t(0));
        auto saved = s.saveIfUnchanged(graded(item, 0, Canal::Rootlet, Grade::C), 0, ReadKind::Reread);
        QVERIFY(saved && saved->saved);
        QCOMPARE((*s.label(item, ReadKind::Reread))->grade, std::optional<Grade>(Grade::C));
        QCOMPARE((*s.label(item))->grade, std::optional<Grade>(Grade::B)); // the first read stays
        QCOMPARE(s.progress()->done, labeled + 1);
        QVERIFY(*s.nextEntry() != next);
        // The statistics between raters see the first read only.
        const auto ratings = readProjectRatings(s.store());
        for (const Rating& r : ratings->ratings)
            if (r.itemId == item)
                QCOMPARE(r.grade, std::optional<Grade>(Grade::B));
        // Undo takes the re-read back, not the first read; redo brings it again.
        const auto undone = s.undo();
        QVERIFY(undone && undone->applied);
        QCOMPARE(undone->itemId, item);
        QCOMPARE(undone->read, ReadKind::Reread);
        QVERIFY(!*s.label(item, ReadKind::Reread));
        QCOMPARE((*s.label(item))->grade, std::optional<Grade>(Grade::B));
        QCOMPARE(*s.nextEntry(), next);
        const auto redone = s.redo();
        QVERIFY(redone && redone->applied && redone->read == ReadKind::Reread);
        QCOMPARE((*s.label(item, ReadKind::Reread))->grade, std::optional<Grade>(Grade::C));
        QCOMPARE((*s.label(item))->grade, std::optional<Grade>(Grade::B));
        // The history is append-only and says which read each change was.
        const auto history = s.store().history(s.who(), item);
        int rereadRows = 0;
        for (const HistoryEntry& h : *history)
            rereadRows += h.read == ReadKind::Reread ? 1 : 0;
        QCOMPARE(rereadRows, 3); // set, undo, redo
        QCOMPARE(s.store().connection().queryInt("SELECT COUNT(*) FROM label_history WHERE reread = 1"), 3);
    }

    void testRetestKappaMatchesSklearn()
    {
        const std::string file = project(3, 10, {0.5, 5}); // 150 items, 75 re-reads each
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(0, 1);
        // What the test saved, per analyzer: first read and re-read of each re-read item.
        std::map<std::string, std::map<std::int64_t, std::pair<Label, Label>>> saved;
        OpenOptions fast;
        fast.fullDurability = false;
        for (const char* name : {"ann", "bob"}) {
            auto session = LabelingSession::start(file, name, fast);
            QVERIFY(session);
            LabelingSession& s = **session;
            const auto entries = s.entries();
            std::map<std::int64_t, Label> first;
            for (const WorklistEntry& e : *entries) {
                Label l;
                l.itemId = e.itemId;
                const bool again = e.read == ReadKind::Reread;
                if (again && u(rng) < 0.7) {
                    l = first[e.itemId]; // the same judgment again, mostly
                } else if (u(rng) < 0.15) {
                    l.canal = Canal::Cord;
                } else {
                    l.canal = Canal::Rootlet;
                    const double g = u(rng);
                    l.grade = g < 0.7 ? Grade::A : g < 0.85 ? Grade::B : g < 0.95 ? Grade::C : Grade::D;
                }
                if (again && u(rng) < 0.05)
                    continue; // a re-read not reached yet: dropped
                QVERIFY(s.save(l, e.read));
                if (again)
                    saved[name][e.itemId] = {first[e.itemId], l};
                else
                    first[e.itemId] = l;
            }
            QCOMPARE(static_cast<int>(saved[name].size()) > 60, true);
        }

        auto store = ProjectStore::open(file);
        QVERIFY(store);
        AgreementReport report;
        QVERIFY(addIntraRater(report, **store));
        QVERIFY(report.intraRater);
        QCOMPARE(report.intraRater->size(), size_t(2));

        // The reference: sklearn's cohen_kappa_score on the pairs the test saved.
        QStringList lines;
        for (const auto& [name, pairs] : saved)
            for (const Task task : {Task::Canal, Task::Grade}) {
                QStringList a, b;
                for (const auto& [item, reads] : pairs) {
                    const auto cls = [task](const Label& l) -> std::optional<int> {
                        if (task == Task::Canal)
                            return l.canal ? std::optional<int>(static_cast<int>(*l.canal)) : std::nullopt;
                        return l.grade ? std::optional<int>(static_cast<int>(*l.grade)) : std::nullopt;
                    };
                    if (cls(reads.first) && cls(reads.second)) {
                        a << QString::number(*cls(reads.first));
                        b << QString::number(*cls(reads.second));
                    }
                }
                lines << QString("%1 %2 %3").arg(task == Task::Grade ? 4 : 2).arg(a.join(','), b.join(','));
            }
        QTemporaryDir dir;
        QFile input(dir.filePath("pairs.txt"));
        QVERIFY(input.open(QIODevice::WriteOnly));
        input.write((lines.join('\n') + '\n').toUtf8());
        input.close();
        QProcess ref;
        ref.start(qEnvironmentVariable("SG_PYTHON3", "python3"),
            {sourceDir() + "/tests/core/intra_rater_reference.py", input.fileName()});
        QVERIFY(ref.waitForFinished(-1));
        QVERIFY2(ref.exitCode() == 0, ref.readAllStandardError().constData());
        const QList<QByteArray> answers = ref.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(answers.size(), 4);

        int line = 0;
        for (const IntraRaterEntry& a : *report.intraRater) {
            QCOMPARE(a.tasks.size(), size_t(2));
            for (const IntraRaterTask& t : a.tasks) {
                const QList<QByteArray> f = answers[line++].split(' ');
                QCOMPARE(t.scheduled, std::int64_t(75));
                QCOMPARE(t.stats.n, f[0].toLongLong());
                QCOMPARE(t.stats.nDropped, 75 - t.stats.n);
                QVERIFY(std::abs(*t.stats.percentAgreement - f[1].toDouble()) < 1e-12);
                const KappaEstimate* kappas[3] = {
                    &t.stats.kappaUnweighted, &t.stats.kappaLinear, &t.stats.kappaQuadratic};
                for (int k = 0; k < 3; ++k) {
                    QVERIFY2(kappas[k]->value && std::abs(*kappas[k]->value - f[2 + k].toDouble()) < 1e-9,
                        qPrintable(QString("%1 %2 kappa %3: %4 vs sklearn %5")
                                       .arg(QString::fromStdString(a.analyzer))
                                       .arg(t.task == Task::Grade ? "grade" : "canal")
                                       .arg(k)
                                       .arg(kappas[k]->value.value_or(-9))
                                       .arg(QString(f[2 + k]))));
                    QVERIFY(kappas[k]->ci95);
                }
            }
        }

        // The same figures in `stats --db --json` under "intra_rater", and in its text.
        // `stats --db` needs the lead (issue 13), added after the figures above were read.
        QVERIFY(sg::test::addTestLead(**store));
        qputenv("SPINEGRADE_PASSPHRASE", sg::test::kLeadPassphrase);
        const CliRun json =
            runCli({"stats", "--db", QString::fromStdString(file), "--as", "lena", "--json", "--bootstrap", "0"});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const auto j = nlohmann::json::parse(json.out.toStdString());
        QVERIFY(j.contains("intra_rater"));
        for (const IntraRaterEntry& a : *report.intraRater)
            for (const IntraRaterTask& t : a.tasks) {
                const auto& pair = j["intra_rater"][a.analyzer][std::string(taskName(t.task))];
                QCOMPARE(pair["n"].get<std::int64_t>(), t.stats.n);
                QCOMPARE(pair["rereads_scheduled"].get<std::int64_t>(), t.scheduled);
                QCOMPARE(pair["kappa"]["unweighted"]["value"].get<double>(), *t.stats.kappaUnweighted.value);
                QCOMPARE(pair["kappa"]["quadratic"]["value"].get<double>(), *t.stats.kappaQuadratic.value);
            }
        const CliRun text = runCli({"stats", "--db", QString::fromStdString(file), "--as", "lena", "--bootstrap", "0"});
        QVERIFY2(text.out.contains("Intra-rater (test-retest"), qPrintable(text.out));

        // The HTML report has the small table: a row per analyzer and task with n / re-reads.
        const auto built = buildProjectReport(**store);
        QVERIFY2(built, built ? "" : built.error().c_str());
        const std::string html = projectReportToHtml(*built, {}, [](const PlotSpec&) { return std::nullopt; });
        QVERIFY(html.find("Intra-rater reliability (test-retest)") != std::string::npos);
        for (const IntraRaterEntry& a : *report.intraRater)
            for (const IntraRaterTask& t : a.tasks)
                QVERIFY(html.find(std::to_string(t.stats.n) + " / 75") != std::string::npos);
    }

    void cliSetsTheScheduleAtCreation()
    {
        const QString file = m_dir.filePath("cli.sgdb");
        CliRun r = runCli({"project", "create", "--db", file, "--reread-share", "0.1", "--reread-gap", "12"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("re-reads"), qPrintable(r.out));
        auto store = ProjectStore::open(file.toStdString());
        QCOMPARE((*store)->rereadSettings()->share, 0.1);
        QCOMPARE((*store)->rereadSettings()->gap, 12);
        const QString bad = m_dir.filePath("bad.sgdb");
        r = runCli({"project", "create", "--db", bad, "--reread-share", "0.7"});
        QVERIFY(r.exitCode != 0);
        QVERIFY(!QFileInfo::exists(bad));
        // Without the options, re-reads are off.
        const QString plain = m_dir.filePath("plain.sgdb");
        QCOMPARE(runCli({"project", "create", "--db", plain}).exitCode, 0);
        QCOMPARE((*ProjectStore::open(plain.toStdString()))->rereadSettings()->share, 0.0);
    }

    void olderProjectOpensWithRereadsOff()
    {
        const std::string file = (m_dir.path() + "/v3.sgdb").toStdString();
        QVERIFY(writeOldProjectFile(file, 3));
        {
            auto db = SqliteConnection::open(file, OpenMode::ReadWrite);
            QVERIFY(db);
            (*db)->exec("INSERT INTO worklist_entry(analyzer_id, item_id, position) VALUES(1, 1, 0)");
        }
        // Read-only: nothing changes, no re-reads, the first read as it was. (`stats --db`
        // needs a lead, which a file this old does not have: read in-process.)
        {
            OpenOptions readOnly;
            readOnly.readOnly = true;
            auto old = ProjectStore::open(file, readOnly);
            QVERIFY(old);
            const auto built = buildProjectReport(**old);
            QVERIFY(built);
            const std::string html = projectReportToHtml(*built, {}, [](const PlotSpec&) { return std::nullopt; });
            QVERIFY(html.find("Intra-rater") == std::string::npos); // no re-reads, no section
        }
        auto session = LabelingSession::start(file, "ann");
        QVERIFY2(session, session ? "" : session.error().c_str());
        QCOMPARE((*session)->store().schemaVersion(), kSchemaVersion);
        QCOMPARE((*session)->store().rereadSettings()->share, 0.0);
        QCOMPARE((*session)->store().rereadSettings()->gap, 20);
        QCOMPARE(*(*session)->entries(), (std::vector<WorklistEntry> {{1, ReadKind::First}}));
        QCOMPARE((*(*session)->label(1))->grade, std::optional<Grade>(Grade::B));
        QCOMPARE((*session)->progress()->done, 1);
        QCOMPARE((*session)->progress()->total, 1);
        QVERIFY(!*(*session)->nextEntry());
        // The old label's history rows (none here) and new ones are first reads.
        QVERIFY((*session)->save(graded(1, 0, Canal::Rootlet, Grade::C)));
        QCOMPARE((*session)->store().connection().queryInt("SELECT COUNT(*) FROM label_history WHERE reread = 0"), 1);
    }
};

QTEST_GUILESS_MAIN(TestRereads)
#include "tst_Rereads.moc"
