#pragma once
// Scans a folder and reads every series' pixels on a worker thread, with progress and
// cancel; the result arrives on the GUI thread as a signal.
#include "ui/viewer/ViewerState.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace sg::ui {

// Runs on the calling (worker) thread; `progress(done, total, phase)` may be called from
// any thread. Exposed for tests and benchmarks.
std::shared_ptr<LoadedStudy> loadStudy(const QString& path, const std::atomic<bool>& cancel,
    const std::function<void(int, int, const QString&)>& progress = {});

class StudyLoader : public QObject {
    Q_OBJECT
public:
    explicit StudyLoader(QObject* parent = nullptr);
    ~StudyLoader() override;

    void start(const QString& path); // cancels a load in progress first
    void cancel();
    bool isRunning() const;

signals:
    void progress(int done, int total, const QString& phase);
    void finished(std::shared_ptr<sg::ui::LoadedStudy> study);

private:
    QFutureWatcher<std::shared_ptr<LoadedStudy>> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace sg::ui
