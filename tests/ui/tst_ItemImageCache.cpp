// The labeling and review image cache: every item asked for resolves (an image or an error),
// whenever its load finishes, whatever clear() and eviction do meanwhile. Loads here are
// finished by the test (a manual executor) or at once (a load done before the cache listens,
// as a busy GUI thread sees it), so each order is reproduced, not waited for by luck.
#include "ui/labeling/ItemImageCache.h"

#include <QPromise>
#include <QSignalSpy>
#include <QTest>

#include <stdexcept>

using sg::ui::ItemImage;
using sg::ui::ItemImageCache;
using ImagePtr = ItemImageCache::ImagePtr;

namespace {

constexpr int kWait = 120000; // a bound on a hang, not a time the test expects

// An item's "pixels" are its file name in the error text: enough to tell images apart.
ItemImage fakeLoad(const QString& file)
{
    ItemImage out;
    out.error = file;
    return out;
}

// Jobs that run when the test says so.
struct ManualJobs {
    struct Job {
        std::function<ImagePtr()> run;
        std::shared_ptr<QPromise<ImagePtr>> promise;
    };
    std::vector<Job> jobs;

    ItemImageCache::Executor executor()
    {
        return [this](std::function<ImagePtr()> run) {
            auto promise = std::make_shared<QPromise<ImagePtr>>();
            promise->start();
            jobs.push_back({std::move(run), promise});
            return promise->future();
        };
    }
    void finish(size_t i)
    {
        jobs[i].promise->addResult(jobs[i].run());
        jobs[i].promise->finish();
    }
};

} // namespace

class TestItemImageCache : public QObject {
    Q_OBJECT

private slots:
    // The sign-in bug: under load the reader finished before the cache attached its
    // continuation, so loaded() was emitted inside get(). The mode showed the image from its
    // loaded() handler, then get() returned nullptr and the mode set "loading" over it: the
    // image was in the cache and never on screen again.
    void aLoadDoneBeforeTheCacheListensArrivesAfterGetReturns()
    {
        ItemImageCache cache(
            nullptr, 8, [](std::function<ImagePtr()> run) { return QtFuture::makeReadyFuture(run()); }, fakeLoad);
        QSignalSpy loaded(&cache, &ItemImageCache::loaded);
        ImagePtr shown;
        bool loading = false;
        connect(&cache, &ItemImageCache::loaded, this, [&](std::int64_t id) {
            shown = cache.get(id, "a");
            loading = false;
        });
        // As LabelingMode::onItemChanged does: nothing in memory, so it shows "loading".
        if (!cache.get(1, "a"))
            loading = true;
        QCOMPARE(loaded.count(), 0); // nothing arrives while get() runs
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QVERIFY(!loading);
        QVERIFY(shown && shown->error == "a");
        QVERIFY(cache.idle());
    }

    // clear() while loads are queued, then the same item again: the new load resolves, the
    // old one (finished late, or never) neither shows nor blocks it.
    void clearWhileLoadsAreQueuedLosesNoItem()
    {
        ManualJobs jobs;
        ItemImageCache cache(nullptr, 8, jobs.executor(), fakeLoad);
        QSignalSpy loaded(&cache, &ItemImageCache::loaded);
        QVERIFY(!cache.get(1, "old"));
        cache.prefetch({{2, "b"}});
        QCOMPARE(jobs.jobs.size(), size_t {2});
        cache.clear();
        QVERIFY(!cache.get(1, "new"));
        QCOMPARE(jobs.jobs.size(), size_t {3}); // asked again, not waiting on the dropped load
        jobs.finish(2);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QCOMPARE(loaded.at(0).at(0).value<std::int64_t>(), std::int64_t {1});
        QCOMPARE(cache.get(1, "new")->error, QString("new"));
        jobs.finish(0); // the load from before clear() finishes late: dropped
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(cache.get(1, "new")->error, QString("new"));
        QVERIFY(cache.idle()); // job 1 never finishes: it was before clear(), nobody waits for it
    }

    // The item on screen stays while the prefetch fills the cache past its capacity.
    void theItemAskedForLastIsNotEvicted()
    {
        ManualJobs jobs;
        ItemImageCache cache(nullptr, 2, jobs.executor(), fakeLoad);
        QSignalSpy loaded(&cache, &ItemImageCache::loaded);
        QVERIFY(!cache.get(1, "a"));
        cache.prefetch({{2, "b"}, {3, "c"}, {4, "d"}});
        for (size_t i = 0; i < jobs.jobs.size(); ++i)
            jobs.finish(i);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 4, kWait);
        QVERIFY(cache.contains(1));
    }

    // A load that throws (out of memory, a bug in a reader) is an error value, not a load
    // that never ends.
    void aLoadThatThrowsResolvesWithItsError()
    {
        ItemImageCache cache(nullptr, 8, {}, [](const QString& file) -> ItemImage {
            throw std::runtime_error("reader broke on " + file.toStdString());
        });
        QSignalSpy loaded(&cache, &ItemImageCache::loaded);
        QVERIFY(!cache.get(1, "x.dcm"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kWait);
        QVERIFY2(
            cache.get(1, "x.dcm")->error.contains("reader broke on x.dcm"), qPrintable(cache.get(1, "x.dcm")->error));
        QVERIFY(cache.idle());
    }
};

QTEST_GUILESS_MAIN(TestItemImageCache)
#include "tst_ItemImageCache.moc"
