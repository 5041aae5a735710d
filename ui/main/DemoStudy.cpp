#include "ui/main/DemoStudy.h"

#include "core/phantom/PhantomWriter.h"

#include <QDir>
#include <QObject>
#include <QStandardPaths>

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

sg::core::Status generateDemoStudy(sg::core::Progress& progress)
{
    const QString target = demoStudyFolder();
    const QString temp = target + ".partial";
    QDir(temp).removeRecursively();
    if (!QDir().mkpath(temp))
        return sg::core::Status::failure(QObject::tr("cannot create %1").arg(temp).toStdString());
    sg::core::PhantomOptions options;
    options.seed = kDemoSeed;
    const sg::core::Status written =
        sg::core::generatePhantomStudy(options, temp.toStdString(), kDemoPatient, progress);
    if (!written) {
        QDir(temp).removeRecursively();
        return written;
    }
    QDir(target).removeRecursively();
    if (!QDir().rename(temp, target))
        return sg::core::Status::failure(QObject::tr("cannot move %1 to %2").arg(temp, target).toStdString());
    return sg::core::Status::success();
}

} // namespace sg::ui
