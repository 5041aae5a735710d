// Work that crashes, hangs or answers garbage costs one item, not the process; the
// children are spawned helpers, reused across items; what they send is checked.
#include "core/util/IsolatedRunner.h"

#include <QFileInfo>
#include <QTest>

#include <cstdlib>
#include <set>
#include <thread>

using namespace sg::core;

namespace {

QString helper()
{
    return qEnvironmentVariable("SG_ISOLATED_CHILD");
}

struct Outcome {
    bool ok = false;
    std::string text; // the payload, or the failure reason
};

// Runs one command word per item through `pool`; answers larger than 1 MB are refused.
std::vector<Outcome> runCommands(IsolatedPool& pool, const std::vector<std::string>& commands, IsolatedOptions options,
    sg::core::Progress& progress = sg::core::Progress::none())
{
    std::vector<Outcome> out(commands.size());
    std::vector<std::string> buffers(commands.size());
    IsolatedHandler h;
    h.receive = [&](int i, uint32_t kind, uint64_t length) -> Result<char*> {
        if (length > (1u << 20))
            return Error {"an answer of " + std::to_string(length) + " bytes"};
        buffers[static_cast<size_t>(i)].assign(length, '\0');
        out[static_cast<size_t>(i)].ok = kind == 1;
        return buffers[static_cast<size_t>(i)].data();
    };
    h.complete = [&](int i) { out[static_cast<size_t>(i)].text = buffers[static_cast<size_t>(i)]; };
    h.fail = [&](int i, const std::string& reason) { out[static_cast<size_t>(i)] = {false, reason}; };
    pool.run(
        static_cast<int>(commands.size()),
        [&](int i) {
            return IsolatedJob {1, commands[static_cast<size_t>(i)]};
        },
        h, options, progress);
    return out;
}

} // namespace

class TestIsolatedRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFileInfo(helper()).isExecutable(), qPrintable(helper())); }

    void crashesHangsAndLiesCostOneItem_data()
    {
        QTest::addColumn<int>("processes");
        QTest::newRow("one process") << 1;
        QTest::newRow("two processes") << 2;
    }
    void crashesHangsAndLiesCostOneItem()
    {
        QFETCH(int, processes);
        IsolatedPool pool(helper().toStdString(), {}, processes);
        IsolatedOptions options;
        options.processes = processes;
        options.itemSeconds = 5; // generous: a loaded machine must not look hung
        options.crashMessage = "crashed";
        int64_t lastDone = 0;
        sg::core::Progress progress([&](int64_t done, int64_t total, const std::string&) {
            QCOMPARE(total, int64_t(14));
            QVERIFY(done > lastDone);
            lastDone = done;
        });
        const std::vector<std::string> commands {"one", "abort", "two", "segv", "hang", "error", "huge-length",
            "wrong-id", "bad-magic", "short", "exit", "big 300000", "three", "four"};
        const auto r = runCommands(pool, commands, options, progress);
        QCOMPARE(lastDone, int64_t(14));
        QCOMPARE(r[0].text, std::string("one"));
        QVERIFY(r[0].ok);
        QCOMPARE(r[1].text, std::string("crashed (killed by SIGABRT)"));
        QCOMPARE(r[2].text, std::string("two"));
        QCOMPARE(r[3].text, std::string("crashed (killed by SIGSEGV)"));
        QVERIFY2(r[4].text.find("no answer within 5 s") == 0, r[4].text.c_str());
        QVERIFY(!r[5].ok);
        QCOMPARE(r[5].text, std::string("bad item"));
        QCOMPARE(
            r[6].text, std::string("crashed (it sent a malformed answer: an answer of 4611686018427387904 bytes)"));
        QCOMPARE(r[7].text, std::string("crashed (it sent a malformed answer)"));
        QCOMPARE(r[8].text, std::string("crashed (it sent a malformed answer)"));
        QCOMPARE(r[9].text, std::string("crashed (exit status 0)"));
        QCOMPARE(r[10].text, std::string("crashed (exit status 0)"));
        QCOMPARE(r[11].text.size(), size_t(300000));
        QCOMPARE(r[12].text, std::string("three"));
        QCOMPARE(r[13].text, std::string("four"));
    }

    void childrenAreReusedAcrossItemsAndRuns()
    {
        IsolatedPool pool(helper().toStdString(), {}, 2);
        IsolatedOptions options;
        options.processes = 2;
        std::set<std::string> pids;
        for (int run = 0; run < 3; ++run)
            for (const Outcome& o : runCommands(pool, std::vector<std::string>(100, "pid"), options)) {
                QVERIFY(o.ok);
                pids.insert(o.text);
            }
        QCOMPARE(pool.spawnedCount(), 2); // 300 items, two processes: not one per item
        QCOMPARE(pids.size(), size_t(2));
    }

    void runsFromSeveralThreadsShareThePool()
    {
        IsolatedPool pool(helper().toStdString(), {}, 2);
        IsolatedOptions options;
        options.processes = 2;
        std::vector<Outcome> a, b;
        std::thread other([&] { b = runCommands(pool, std::vector<std::string>(50, "x"), options); });
        a = runCommands(pool, std::vector<std::string>(50, "y"), options);
        other.join();
        for (const Outcome& o : a)
            QCOMPARE(o.text, std::string("y"));
        for (const Outcome& o : b)
            QCOMPARE(o.text, std::string("x"));
        QVERIFY(pool.spawnedCount() <= 2);
    }

    void deadlineAndCancelFailTheRest()
    {
        IsolatedPool pool(helper().toStdString(), {}, 1);
        IsolatedOptions options;
        options.deadline = std::chrono::steady_clock::now(); // already passed
        options.deadlineMessage = "too late";
        for (const Outcome& o : runCommands(pool, {"a", "b", "c"}, options))
            QCOMPARE(o.text, std::string("too late"));

        sg::core::Progress progress;
        sg::core::Progress cancelAtThree(
            [&](int64_t done, int64_t, const std::string&) {
                if (done >= 3)
                    progress.cancel();
            },
            &progress);
        const auto r = runCommands(pool, std::vector<std::string>(200, "x"), {}, cancelAtThree);
        int finished = 0;
        for (const Outcome& o : r)
            finished += o.ok;
        QVERIFY(finished >= 3 && finished < 200);
        QCOMPARE(r.back().text, std::string("cancelled"));
    }

    void aMissingHelperIsAnErrorPerItem()
    {
        IsolatedPool pool("/nonexistent/spinegrade-helper", {}, 1);
        const auto r = runCommands(pool, {"a", "b"}, {});
        for (const Outcome& o : r) {
            QVERIFY(!o.ok);
            QVERIFY2(o.text.find("cannot start /nonexistent/spinegrade-helper") == 0, o.text.c_str());
        }
    }

    void zeroItemsIsFine()
    {
        IsolatedPool pool(helper().toStdString(), {}, 1);
        QVERIFY(runCommands(pool, {}, {}).empty());
        QCOMPARE(pool.spawnedCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestIsolatedRunner)
#include "tst_IsolatedRunner.moc"
