#pragma once
// Builds and writes a project's report on a worker thread (its own database connection),
// with progress and cancel; the outcome arrives on the GUI thread as a signal.
#include "ui/report/ReportExport.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace sg::ui {

class ReportExporter : public QObject {
    Q_OBJECT
public:
    explicit ReportExporter(QObject* parent = nullptr);
    ~ReportExporter() override; // cancels and waits: the worker never outlives its target

    // Refused (false) while an export runs.
    bool start(const QString& projectPath, const QString& outPath, ReportFormat format);
    void cancel();
    bool isRunning() const;

signals:
    void progress(int done, int total);
    // ok: the file is written; otherwise `message` says why not (cancelled, or the cause).
    void finished(bool ok, const QString& message);

private:
    QFutureWatcher<QString> m_watcher; // the worker's error message, empty on success
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace sg::ui
