#include "ui/common/BackgroundTask.h"

namespace sg::ui {

// The listener runs on the worker (under the progress's lock): it only decides whether to
// post, and the post does the rest on the GUI thread if the task is still the current one.
BackgroundTask::Run::Run(BackgroundTask* owner, quint64 runId)
    : id(runId),
      progress(
          [this, self = QPointer<BackgroundTask>(owner), runId](int64_t done, int64_t total, const std::string& text) {
              if (!throttle.shouldPost(done, total))
                  return;
              postIfAlive(self, [runId, done, total, text = QString::fromStdString(text)](BackgroundTask* t) {
                  if (t->isCurrent(runId))
                      emit t->progress(done, total, text);
              });
          })
{
}

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) { }

BackgroundTask::~BackgroundTask()
{
    abandon();
}

void BackgroundTask::cancel()
{
    if (m_run)
        m_run->progress.cancel();
}

void BackgroundTask::abandon()
{
    cancel();
    m_future.waitForFinished();
    m_run.reset();
}

void BackgroundTask::waitForFinished()
{
    m_future.waitForFinished();
}

} // namespace sg::ui
