#pragma once
// A long task the user started from a menu (a report export, a reader kit sent or received),
// run on a worker (BackgroundTask) behind a progress dialog with Cancel: the dialog follows
// the task's progress, Cancel reaches the task through its Progress, and the dialog is gone
// before the outcome is handed over. A quick task shows no dialog at all.
#include "ui/common/BackgroundTask.h"

#include <QObject>
#include <QString>

#include <functional>
#include <utility>

class QProgressDialog;
class QWidget;

namespace sg::ui {

class ProgressDialogTask : public QObject {
    Q_OBJECT
public:
    // `window`: the dialog's parent; `parent`: this object's.
    ProgressDialogTask(QWidget* window, QObject* parent);

    BackgroundTask& task() { return *m_task; }
    bool isRunning() const { return m_task->isRunning(); }

    // As BackgroundTask::start, with a dialog titled `title` saying `text` while it runs.
    template <typename Outcome>
    bool start(const QString& title, const QString& text, std::function<Outcome(sg::core::Progress&)> work,
        std::function<void(Outcome)> done);

private:
    void showDialog(const QString& title, const QString& text);
    void closeDialog();

    QWidget* m_window;
    BackgroundTask* m_task;
    QProgressDialog* m_dialog = nullptr;
};

template <typename Outcome>
bool ProgressDialogTask::start(const QString& title, const QString& text,
    std::function<Outcome(sg::core::Progress&)> work, std::function<void(Outcome)> done)
{
    const bool started = m_task->start<Outcome>(std::move(work), [this, done = std::move(done)](Outcome outcome) {
        closeDialog();
        if (done)
            done(std::move(outcome));
    });
    if (started)
        showDialog(title, text);
    return started;
}

} // namespace sg::ui
