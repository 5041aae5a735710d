#pragma once
// The one way the GUI runs work off its thread, in the manner of MITK's QFutureWatcher use:
// a task is a plain function `Outcome(core::Progress&)` (Outcome a core::Result<T> or a
// core::Status), so it is tested without a window and runs the same in the command-line
// tool. BackgroundTask runs it on Qt's thread pool and brings back to this object's
// (the GUI) thread what it says: progress, coalesced to about ten reports a second (each
// one re-composes the window), then its outcome. An exception the task lets out becomes a
// failed outcome, never a crash of the worker.
#include "core/util/Progress.h"
#include "core/util/Result.h"
#include "core/util/Status.h"
#include "ui/common/ProgressPosting.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace sg::ui {

class BackgroundTask : public QObject {
    Q_OBJECT
public:
    explicit BackgroundTask(QObject* parent = nullptr);
    ~BackgroundTask() override; // abandons the task: it never outlives its receivers

    // Runs `task` on a worker thread; `done(outcome)` runs later on this object's thread,
    // after every progress signal of the task. Refused (false) while a task is running.
    template <typename Outcome>
    bool start(std::function<Outcome(sg::core::Progress&)> task, std::function<void(Outcome)> done);

    // The running task's progress says cancelled(); its done() still comes.
    void cancel();
    // Cancels, waits for the worker to end and drops its outcome: done() does not come.
    // What a task that is replaced or whose receiver goes away needs.
    void abandon();
    // From start() until done() has run.
    bool isRunning() const { return m_run != nullptr; }
    // Blocks until the worker has ended; done() is still delivered by the event loop.
    void waitForFinished();

signals:
    // As the task reported it; `text` is the task's own (e.g. the step it is on).
    void progress(qint64 done, qint64 total, const QString& text);

private:
    struct Run {
        Run(BackgroundTask* owner, quint64 id);
        quint64 id; // posts of a task that is no longer m_run are dropped
        ProgressThrottle throttle;
        sg::core::Progress progress; // after the throttle its listener uses
    };

    template <typename Outcome>
    static Outcome failed(const std::string& why)
    {
        if constexpr (std::is_same_v<Outcome, sg::core::Status>)
            return sg::core::Status::failure(why);
        else
            return Outcome(sg::core::Error {why});
    }

    bool isCurrent(quint64 id) const { return m_run && m_run->id == id; }

    std::shared_ptr<Run> m_run; // the task whose done() has not run yet
    quint64 m_nextId = 1;
    QFuture<void> m_future;
};

template <typename Outcome>
bool BackgroundTask::start(std::function<Outcome(sg::core::Progress&)> task, std::function<void(Outcome)> done)
{
    if (isRunning())
        return false;
    auto run = std::make_shared<Run>(this, m_nextId++);
    m_run = run;
    QPointer<BackgroundTask> self(this);
    m_future = QtConcurrent::run([self, run, task = std::move(task), done = std::move(done)] {
        auto outcome = std::make_shared<Outcome>(failed<Outcome>("the task did not run"));
        try {
            *outcome = task(run->progress);
        } catch (const std::exception& e) {
            *outcome = failed<Outcome>(std::string("unexpected error: ") + e.what());
        } catch (...) {
            *outcome = failed<Outcome>("unexpected error");
        }
        // Queued after every progress post of this task, so done() comes last.
        postIfAlive(self, [id = run->id, done, outcome](BackgroundTask* t) {
            if (!t->isCurrent(id))
                return; // abandoned, or replaced by a later start()
            t->m_run.reset();
            if (done)
                done(std::move(*outcome));
        });
    });
    return true;
}

} // namespace sg::ui
