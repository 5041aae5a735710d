#include "ui/report/ReportExporter.h"

#include "ui/main/ProgressPosting.h"

#include <QPointer>
#include <QtConcurrent>

namespace sg::ui {

ReportExporter::ReportExporter(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_watcher.result();
        emit finished(error.isEmpty(), error);
    });
}

ReportExporter::~ReportExporter()
{
    cancel();
    m_watcher.waitForFinished();
}

bool ReportExporter::start(const QString& projectPath, const QString& outPath, ReportFormat format)
{
    if (isRunning())
        return false;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto throttle = std::make_shared<ProgressThrottle>();
    QPointer<ReportExporter> self(this);
    m_watcher.setFuture(QtConcurrent::run([projectPath, outPath, format, cancel = m_cancel, throttle, self] {
        // Reading is the first of the steps: report it before the plots are counted.
        postIfAlive(self, [](ReportExporter* e) { emit e->progress(0, 1); });
        const auto report = readProjectReport(projectPath);
        if (!report)
            return QString::fromStdString(report.error());
        if (*cancel)
            return QStringLiteral("The report was cancelled; nothing was written.");
        const ReportProgress onStep = [&](int done, int total) {
            if (throttle->shouldPost(done, total))
                postIfAlive(self, [done, total](ReportExporter* e) { emit e->progress(done, total); });
            return !*cancel;
        };
        const sg::core::Status written = writeReport(*report, outPath, format, onStep);
        return written ? QString() : QString::fromStdString(written.error);
    }));
    return true;
}

void ReportExporter::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

bool ReportExporter::isRunning() const
{
    return m_watcher.isRunning();
}

} // namespace sg::ui
