#pragma once
// How workers report progress to the GUI thread. Each report re-composes the window, which
// costs tens of milliseconds in software GL, so reports are coalesced to ~10 a second.
#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>

#include <mutex>

namespace sg::ui {

// Thread-safe: says whether a report should be posted (the first, the last, or one at
// least `intervalMs` after the previous post).
class ProgressThrottle {
public:
    explicit ProgressThrottle(qint64 intervalMs = 100) : m_interval(intervalMs) { }

    bool shouldPost(qint64 done, qint64 total)
    {
        std::lock_guard lock(m_mutex);
        if (m_timer.isValid() && done != 0 && done != total && m_timer.elapsed() < m_interval)
            return false;
        m_timer.start();
        return true;
    }

private:
    std::mutex m_mutex;
    QElapsedTimer m_timer;
    qint64 m_interval;
};

// Runs `fn(target)` later on `target`'s thread, unless `target` is gone by then.
template <typename Target, typename Fn>
void postIfAlive(const QPointer<Target>& target, Fn fn)
{
    if (!target)
        return;
    QMetaObject::invokeMethod(
        target.data(),
        [target, fn = std::move(fn)] {
            if (target)
                fn(target.data());
        },
        Qt::QueuedConnection);
}

} // namespace sg::ui
