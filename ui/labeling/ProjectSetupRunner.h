#pragma once
// Runs core::setUpProject on a worker thread (a scan of a big folder takes a while), with
// progress and cancel; the GUI thread only hears about progress and the outcome.
#include "core/store/ProjectSetup.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace sg::ui {

class ProjectSetupRunner : public QObject {
    Q_OBJECT
public:
    explicit ProjectSetupRunner(QObject* parent = nullptr);
    ~ProjectSetupRunner() override;

    void start(const sg::core::ProjectSetupOptions& options);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }

signals:
    void progress(const QString& step, int done, int total);
    // error empty on success; `summary` says what was imported.
    void finished(const QString& projectFile, const QString& error, const QString& summary);

private:
    struct Outcome {
        QString error;
        QString summary;
    };
    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QString m_file;
};

} // namespace sg::ui
