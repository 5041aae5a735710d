// The project file under a crashing labeler and under two labelers at once. The labeler is
// a child process (sg_label_writer) that uses the same core API as the GUI.
#include "core/store/ProjectStore.h"
#include "core/store/SqliteConnection.h"
#include "tests/support/ProjectFixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace sg::core;
using namespace sg::test;

namespace {

struct Commit {
    std::int64_t item = 0;
    long long seq = 0;
};

// Complete lines only: a line cut by the kill was never a promise.
std::vector<Commit> parseCommits(const QByteArray& out)
{
    std::vector<Commit> commits;
    const QList<QByteArray> lines = out.split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].split(' ');
        if (f.size() == 3 && f[0] == "committed")
            commits.push_back({f[1].toLongLong(), f[2].toLongLong()});
    }
    return commits;
}

QString writerPath() { return qEnvironmentVariable("SG_LABEL_WRITER"); }

// seq -> item of every label value the analyzer's history ever held.
std::map<long long, std::int64_t> historySeqs(SqliteConnection& db, const std::string& analyzer)
{
    std::map<long long, std::int64_t> seqs;
    Statement st = db.prepare("SELECT h.item_id, json_extract(h.new_value, '$.comment') FROM label_history h "
                              "JOIN analyzer a ON a.id = h.analyzer_id WHERE a.name = ? AND h.new_value IS NOT NULL");
    st.bind(1, analyzer);
    while (st.step())
        seqs[std::stoll(st.text(1).substr(4))] = st.integer(0);
    return seqs;
}

} // namespace

class TestStoreReliability : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string newProject(const char* name)
    {
        std::string error;
        const std::string file = (m_dir.path() + "/" + name).toStdString();
        auto store = makeProject(file, syntheticScan("/data", 1, 20), error); // 100 items
        if (!store)
            qWarning("%s", error.c_str());
        return store ? file : std::string();
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo(writerPath()).isExecutable(), "SG_LABEL_WRITER is not set"); }

    void keepsEveryReportedLabelThroughKill9()
    {
        const std::string file = newProject("kill.sgdb");
        QVERIFY(!file.empty());
        const quint32 seed = qEnvironmentVariableIsSet("SG_TEST_SEED") ? qEnvironmentVariableIntValue("SG_TEST_SEED")
                                                                        : quint32(QDateTime::currentMSecsSinceEpoch());
        qInfo("random kill moments from seed %u (set SG_TEST_SEED to repeat)", seed);
        QRandomGenerator rng(seed);
        std::vector<Commit> reported;
        int roundsWithCommits = 0;
        for (int round = 0; round < 12; ++round) {
            QProcess writer;
            writer.start(writerPath(), {QString::fromStdString(file), "kim", "100000000",
                                        QString::number(qint64(round) * 100000000)});
            QVERIFY(writer.waitForStarted());
            // Even rounds count from the start, so some die while opening the project; odd rounds
            // count from the first commit, so a loaded machine still gets kills mid-stream. Read as
            // we go so the pipe never fills and stalls the writer at a predictable point.
            const int killAfterMs = rng.bounded(5, 600);
            QByteArray out;
            if (round % 2 == 1)
                while (!out.contains('\n') && writer.state() == QProcess::Running && writer.waitForReadyRead(30000))
                    out += writer.readAllStandardOutput();
            QElapsedTimer clock;
            clock.start();
            while (clock.elapsed() < killAfterMs && writer.state() == QProcess::Running) {
                writer.waitForReadyRead(std::max<qint64>(1, killAfterMs - clock.elapsed()));
                out += writer.readAllStandardOutput();
            }
            writer.kill(); // SIGKILL: no destructor, no rollback, no close
            QVERIFY(writer.waitForFinished(10000));
            out += writer.readAllStandardOutput();
            QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
            const QByteArray err = writer.readAllStandardError();
            QVERIFY2(err.isEmpty(), err.constData());
            const auto commits = parseCommits(out);
            roundsWithCommits += commits.empty() ? 0 : 1;
            reported.insert(reported.end(), commits.begin(), commits.end());
            QCOMPARE(integrityCheck(file), std::string("ok"));
        }
        qInfo("%zu labels reported committed over 12 kills", reported.size());
        QVERIFY2(roundsWithCommits >= 6, "the writer rarely got to commit: the test proves little");

        auto store = ProjectStore::open(file);
        QVERIFY2(store, store ? "" : store.error().c_str());
        const auto seqs = historySeqs((*store)->connection(), "kim");
        std::map<std::int64_t, long long> lastSeq;
        for (const Commit& c : reported) {
            const auto found = seqs.find(c.seq);
            QVERIFY2(found != seqs.end(),
                     qPrintable(QString("reported label seq %1 is not in the history").arg(c.seq)));
            QCOMPARE(found->second, c.item);
            lastSeq[c.item] = c.seq;
        }
        // The label itself is at least as new as the last one reported (a later save may have
        // committed just before the kill, without time to print).
        const Analyzer lead = *(*store)->addAnalyzer("lead", Role::Lead);
        const auto kim = *(*store)->findAnalyzer("kim");
        for (const auto& [item, seq] : lastSeq) {
            auto label = (*store)->label(lead, item, kim->id);
            QVERIFY(label && *label);
            QVERIFY(std::stoll((*label)->comment.substr(4)) >= seq);
        }
    }

    void losesNothingWithTwoLabelersAtOnce()
    {
        const std::string file = newProject("shared.sgdb");
        QVERIFY(!file.empty());
        const int count = 400;
        QProcess ann, bob;
        ann.start(writerPath(), {QString::fromStdString(file), "ann", QString::number(count), "0"});
        bob.start(writerPath(), {QString::fromStdString(file), "bob", QString::number(count), "1000000"});
        QVERIFY(ann.waitForStarted() && bob.waitForStarted());
        QVERIFY(ann.waitForFinished(300000) && bob.waitForFinished(300000));
        for (QProcess* p : {&ann, &bob}) {
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(err.isEmpty(), err.constData()); // "database is locked" must never surface
            QCOMPARE(p->exitStatus(), QProcess::NormalExit);
            QCOMPARE(p->exitCode(), 0);
            QCOMPARE(parseCommits(p->readAllStandardOutput()).size(), size_t(count));
        }
        QCOMPARE(integrityCheck(file), std::string("ok"));
        auto store = ProjectStore::open(file);
        QVERIFY(store);
        SqliteConnection& db = (*store)->connection();
        for (const char* name : {"ann", "bob"}) {
            const auto seqs = historySeqs(db, name);
            QCOMPARE(seqs.size(), size_t(count));
            Statement labels = db.prepare("SELECT COUNT(*) FROM label l JOIN analyzer a ON a.id = l.analyzer_id "
                                          "WHERE a.name = ?");
            labels.bind(1, std::string(name)).step();
            QCOMPARE(labels.integer(0), 100); // every item, each saved 4 times
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreReliability)
#include "tst_StoreReliability.moc"
