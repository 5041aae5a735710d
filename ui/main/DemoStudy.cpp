#include "ui/main/DemoStudy.h"

#include "core/phantom/PhantomWriter.h"
#include "ui/main/ProgressPosting.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrent>

namespace sg::ui {
namespace {

// A seed and prevalence that put several grades in the demo patient (A at most levels,
// worse grades low in the spine), so a first look shows what the grades mean.
constexpr uint64_t kDemoSeed = 2024;
constexpr int kDemoPatient = 0;

} // namespace

QString demoStudyFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/spinegrade/demo-study";
}

// The folder appears only by the rename that ends a complete generation.
bool demoStudyReady()
{
    return QDir(demoStudyFolder()).exists();
}

DemoGenerator::DemoGenerator(QObject* parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const QString error = m_watcher.future().resultCount() > 0 ? m_watcher.result() : tr("cancelled");
        emit finished(demoStudyFolder(), error);
    });
}

DemoGenerator::~DemoGenerator()
{
    cancel();
    m_watcher.waitForFinished();
}

void DemoGenerator::start()
{
    if (isRunning())
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto cancelFlag = m_cancel;
    QPointer<DemoGenerator> self(this);
    m_watcher.setFuture(QtConcurrent::run([cancelFlag, self]() -> QString {
        const QString target = demoStudyFolder();
        const QString temp = target + ".partial";
        QDir(temp).removeRecursively();
        if (!QDir().mkpath(temp))
            return QObject::tr("cannot create %1").arg(temp);
        sg::core::PhantomOptions options;
        options.seed = kDemoSeed;
        ProgressThrottle throttle;
        const sg::core::Status st = sg::core::generatePhantomStudy(
            options, temp.toStdString(),
            [&](int done, int total) {
                if (throttle.shouldPost(done, total))
                    postIfAlive(self, [=](DemoGenerator* generator) { emit generator->progress(done, total); });
                return !cancelFlag->load();
            },
            kDemoPatient);
        if (!st) {
            QDir(temp).removeRecursively();
            return QString::fromStdString(st.error);
        }
        QDir(target).removeRecursively();
        if (!QDir().rename(temp, target))
            return QObject::tr("cannot move %1 to %2").arg(temp, target);
        return {};
    }));
}

void DemoGenerator::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

bool DemoGenerator::isRunning() const
{
    return m_watcher.isRunning();
}

} // namespace sg::ui
