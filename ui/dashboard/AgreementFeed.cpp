#include "ui/dashboard/AgreementFeed.h"

#include "core/stats/ClusterBootstrap.h"
#include "core/stats/RatingTable.h"
#include "core/store/ProjectStore.h"
#include "core/store/RereadRatings.h"
#include "ui/common/ImportRoots.h"
#include "ui/common/ProgressPosting.h"

#include <QElapsedTimer>
#include <QPointer>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace sg::ui {
using namespace sg::core;

namespace {

std::vector<AnalyzerProgress> progressOf(const LiveRatings& live)
{
    std::vector<AnalyzerProgress> out;
    for (const AnalyzerCount& a : live.progress())
        out.push_back({QString::fromStdString(a.name), a.lead, a.done, a.total});
    return out;
}

} // namespace

// The polling loop on its own std::thread: opening the store, every query and the statistics
// run there, with the connection that thread owns.
class AgreementFeed::Worker {
public:
    Worker(AgreementFeed* feed, std::string path, int pollMs) : m_feed(feed), m_path(std::move(path)), m_pollMs(pollMs)
    {
        m_thread = std::thread([this] { run(); });
        m_bootThread = std::thread([this] { bootstrapLoop(); });
    }
    ~Worker()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_bootWake.notify_all();
        m_thread.join();
        m_bootThread.join();
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

private:
    // Waits one poll interval; false when asked to stop.
    bool sleep(int ms)
    {
        std::unique_lock lock(m_mutex);
        return !m_wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop; });
    }
    bool stopping()
    {
        std::lock_guard lock(m_mutex);
        return m_stop;
    }

    // Every message names the file, even when SQLite's own text does not.
    void fail(const QString& message)
    {
        const QString path = QString::fromStdString(m_path);
        const QString text = message.contains(path) ? message : QStringLiteral("%1: %2").arg(path, message);
        postIfAlive(m_feed, [text](AgreementFeed* feed) { emit feed->failed(text); });
    }

    void run()
    {
        std::unique_ptr<ProjectStore> store;
        std::unique_ptr<LiveRatings> live;
        std::optional<std::int64_t> seenVersion;
        QString lastError;
        while (!stopping()) {
            if (!store) {
                // The dashboard only reads: it never migrates or otherwise writes the file.
                auto opened = ProjectStore::open(m_path, projectOpenOptions(QString::fromStdString(m_path), true));
                if (!opened) {
                    const QString message = QString::fromStdString(opened.error());
                    if (message != lastError) // say it once, not four times a second
                        fail(message);
                    lastError = message;
                    if (!sleep(1000))
                        break;
                    continue;
                }
                store = std::move(*opened);
                live = std::make_unique<LiveRatings>(*store);
                lastError.clear();
            }
            auto version = store->dataVersion();
            if (!version) {
                fail(QString::fromStdString(version.error()));
                store.reset(); // reopen: the file may have been replaced
                live.reset();
                seenVersion.reset();
                if (!sleep(1000))
                    break;
                continue;
            }
            if (!seenVersion || *seenVersion != *version) {
                if (publish(*store, *live, *version))
                    seenVersion = *version;
            }
            if (!sleep(m_pollMs))
                break;
        }
    }

    bool publish(ProjectStore& store, LiveRatings& live, std::int64_t version)
    {
        QElapsedTimer timer;
        timer.start();
        auto refreshed = live.refresh();
        if (!refreshed) {
            fail(QString::fromStdString(refreshed.error()));
            return false;
        }
        auto snapshot = std::make_shared<DashboardSnapshot>();
        snapshot->report = computeAgreementReport(live.table());
        // Test-retest from the re-reads (a query over the scheduled re-reads only); a re-read
        // label moves data_version, so the table follows it though the figures above do not.
        if (const Status intra = addIntraRater(snapshot->report, store); !intra) {
            fail(QString::fromStdString(intra.error()));
            return false;
        }
        snapshot->raters = live.raters();
        auto analyzers = store.analyzers(); // in id order: as they joined
        if (!analyzers) {
            fail(QString::fromStdString(analyzers.error()));
            return false;
        }
        for (const Analyzer& a : *analyzers)
            if (!a.isLead())
                snapshot->analyzersJoined << QString::fromStdString(a.name);
        snapshot->progress = progressOf(live);
        snapshot->dataVersion = version;
        snapshot->lastHistoryId = live.lastHistoryId();
        snapshot->kind = refreshed->kind;
        snapshot->computeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        snapshot->computedAt = QDateTime::currentDateTimeUtc();
        std::shared_ptr<const DashboardSnapshot> done = std::move(snapshot);
        postIfAlive(m_feed, [done](AgreementFeed* feed) { emit feed->updated(done); });
        // The bootstrap's job: the snapshot and a copy of the counts (the live table moves on).
        auto table = std::make_shared<const RatingTable>(live.table());
        {
            std::lock_guard lock(m_mutex);
            m_bootJob = done;
            m_bootTable = std::move(table);
        }
        m_bootWake.notify_all();
        return true;
    }

    // The bootstrap thread: takes the latest job, adds the bootstrap to a copy of its snapshot
    // and posts it. Costs a fraction of a second per job, never on the polling thread.
    void bootstrapLoop()
    {
        while (true) {
            std::shared_ptr<const DashboardSnapshot> job;
            std::shared_ptr<const RatingTable> table;
            {
                std::unique_lock lock(m_mutex);
                m_bootWake.wait(lock, [this] { return m_stop || m_bootJob; });
                if (m_stop)
                    return;
                job = std::move(m_bootJob);
                table = std::move(m_bootTable);
                m_bootJob.reset();
                m_bootTable.reset();
            }
            auto withCis = std::make_shared<DashboardSnapshot>(*job);
            addBootstrap(withCis->report, *table, BootstrapOptions {});
            std::shared_ptr<const DashboardSnapshot> done = std::move(withCis);
            postIfAlive(m_feed, [done](AgreementFeed* feed) { emit feed->bootstrapped(done); });
        }
    }

    QPointer<AgreementFeed> m_feed;
    std::string m_path;
    int m_pollMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
    // The bootstrap's latest job (guarded by m_mutex) and its thread.
    std::condition_variable m_bootWake;
    std::shared_ptr<const DashboardSnapshot> m_bootJob;
    std::shared_ptr<const RatingTable> m_bootTable;
    std::thread m_bootThread;
};

AgreementFeed::AgreementFeed(QObject* parent) : QObject(parent) { }

AgreementFeed::~AgreementFeed()
{
    stop();
}

void AgreementFeed::start(const QString& projectPath, int pollMs)
{
    stop();
    m_path = projectPath;
    m_worker = std::make_unique<Worker>(this, projectPath.toStdString(), pollMs);
}

void AgreementFeed::stop()
{
    m_worker.reset(); // joins: at most one poll's work
}

bool AgreementFeed::isRunning() const
{
    return m_worker != nullptr;
}

} // namespace sg::ui
