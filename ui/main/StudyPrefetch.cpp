#include "ui/main/StudyPrefetch.h"

#include "ui/common/StartupTrace.h"
#include "ui/main/StudyLoader.h"
#include "ui/viewer/ViewerState.h"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>

namespace sg::ui {
namespace {

// One prefetched load. Lock order: the load's progress (it calls the listener under its
// own lock), then `mutex`, then the taker's progress.
struct Prefetch {
    explicit Prefetch(QString p) : path(std::move(p)) { }
    ~Prefetch()
    {
        progress.cancel(); // nobody took it (the program ends): stop reading
        if (thread.joinable())
            thread.join();
    }

    void report(int64_t done, int64_t total, const std::string& text)
    {
        std::lock_guard lock(mutex);
        if (taker) {
            taker->report(done, total, text);
            return;
        }
        latest = {true, done, total, text};
    }

    const QString path;
    std::mutex mutex;
    std::condition_variable finishedChanged;
    sg::core::Progress* taker = nullptr;
    struct {
        bool any = false;
        int64_t done = 0, total = 0;
        std::string text;
    } latest; // the last report before anyone took the load
    bool finished = false;
    std::shared_ptr<LoadedStudy> study;
    std::exception_ptr error;
    sg::core::Progress progress {
        [this](int64_t done, int64_t total, const std::string& text) { report(done, total, text); }};
    std::thread thread;
};

std::mutex slotMutex;
std::unique_ptr<Prefetch>& slot()
{
    // Destroyed at exit after main() returned: a load nobody took is cancelled and joined.
    static std::unique_ptr<Prefetch> prefetch;
    return prefetch;
}

} // namespace

void prefetchStudy(const QString& path, StudyLoadFunction load)
{
    if (!load)
        load = [](const QString& p, sg::core::Progress& progress) { return loadStudy(p, progress); };
    auto next = std::make_unique<Prefetch>(path);
    Prefetch* p = next.get();
    startupMark("study load started early");
    p->thread = std::thread([p, load = std::move(load)] {
        std::shared_ptr<LoadedStudy> study;
        std::exception_ptr error;
        try {
            study = load(p->path, p->progress);
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard lock(p->mutex);
        p->study = std::move(study);
        p->error = error;
        p->finished = true;
        p->finishedChanged.notify_all();
    });
    std::unique_ptr<Prefetch> old;
    {
        std::lock_guard lock(slotMutex);
        old = std::move(slot());
        slot() = std::move(next);
    }
    // `old` (untaken) is cancelled and joined here, outside the lock.
}

bool studyPrefetchPending()
{
    std::lock_guard lock(slotMutex);
    return slot() != nullptr;
}

std::shared_ptr<LoadedStudy> loadOrTakeStudy(const QString& path, sg::core::Progress& progress)
{
    std::unique_ptr<Prefetch> p;
    {
        std::lock_guard lock(slotMutex);
        if (slot() && slot()->path == path)
            p = std::move(slot());
    }
    if (!p)
        return loadStudy(path, progress);
    {
        std::unique_lock lock(p->mutex);
        p->taker = &progress;
        if (p->latest.any)
            progress.report(p->latest.done, p->latest.total, p->latest.text);
        // A cancel reaches the load within one wait: the load polls its own progress.
        while (!p->finished) {
            if (progress.cancelled())
                p->progress.cancel();
            p->finishedChanged.wait_for(lock, std::chrono::milliseconds(20));
        }
        p->taker = nullptr;
    }
    p->thread.join();
    if (p->error)
        std::rethrow_exception(p->error);
    // Cancelled before the load ended, or before anyone took it: the caller asked to stop, so
    // the study says so (with what was read), as a load it had started itself would.
    if (p->study && progress.cancelled())
        p->study->cancelled = true;
    return p->study;
}

} // namespace sg::ui
