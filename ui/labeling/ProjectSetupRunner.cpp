#include "ui/labeling/ProjectSetupRunner.h"

#include "ui/main/ProgressPosting.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrent>

namespace sg::ui {

ProjectSetupRunner::ProjectSetupRunner(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Outcome outcome =
            m_watcher.future().resultCount() > 0 ? m_watcher.result() : Outcome {tr("cancelled"), {}};
        emit finished(m_file, outcome.error, outcome.summary);
    });
}

ProjectSetupRunner::~ProjectSetupRunner()
{
    cancel();
    m_watcher.waitForFinished();
}

void ProjectSetupRunner::start(const sg::core::ProjectSetupOptions& options)
{
    if (isRunning())
        return;
    m_file = QString::fromStdString(options.projectFile);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<ProjectSetupRunner> self(this);
    m_watcher.setFuture(QtConcurrent::run([options, cancelFlag, self]() -> Outcome {
        auto throttle = std::make_shared<ProgressThrottle>();
        const auto result = sg::core::setUpProject(options, [&](const std::string& step, int done, int total) {
            if (throttle->shouldPost(done, total))
                postIfAlive(self, [step = QString::fromStdString(step), done, total](ProjectSetupRunner* r) {
                    emit r->progress(step, done, total);
                });
            return !cancelFlag->load();
        });
        if (!result)
            return {QString::fromStdString(result.error()), {}};
        const sg::core::ProjectSetupSummary& s = *result;
        return {{},
            QObject::tr("%1 slice(s) of %2 stud(ies) imported, %3 item(s) in the worklist, %4 file(s) skipped")
                .arg(s.import.newSlices)
                .arg(s.import.studies)
                .arg(s.worklist.items)
                .arg(s.skippedFiles)};
    }));
}

void ProjectSetupRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

} // namespace sg::ui
