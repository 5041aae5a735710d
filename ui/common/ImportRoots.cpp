#include "ui/common/ImportRoots.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSettings>

namespace sg::ui {

using namespace sg::core;

namespace {

QMutex g_mutex;
QHash<QString, QString> g_idOfPath; // absolute project path -> project id (ids never change)

QString absolute(const QString& path)
{
    return QFileInfo(path).absoluteFilePath();
}

} // namespace

// Read once per path: every later open of it costs nothing extra.
std::string projectIdOf(const QString& projectPath)
{
    const QString key = absolute(projectPath);
    {
        QMutexLocker lock(&g_mutex);
        if (const auto it = g_idOfPath.constFind(key); it != g_idOfPath.constEnd())
            return it->toStdString();
    }
    OpenOptions readOnly;
    readOnly.readOnly = true; // looking must not migrate or touch the file
    auto store = ProjectStore::open(projectPath.toStdString(), readOnly);
    if (!store || (*store)->projectId().empty())
        return {}; // the caller's own open says why
    const QString id = QString::fromStdString((*store)->projectId());
    QMutexLocker lock(&g_mutex);
    g_idOfPath.insert(key, id);
    return id.toStdString();
}

QString importRootKey(const std::string& projectId)
{
    return QStringLiteral("projects/%1/importRoot").arg(QString::fromStdString(projectId));
}

QString rememberedImportRoot(const std::string& projectId)
{
    if (projectId.empty())
        return {};
    return QSettings().value(importRootKey(projectId)).toString();
}

void rememberImportRoot(const std::string& projectId, const QString& projectPath, const QString& root)
{
    if (projectId.empty())
        return;
    QSettings().setValue(importRootKey(projectId), root);
    QMutexLocker lock(&g_mutex);
    g_idOfPath.insert(absolute(projectPath), QString::fromStdString(projectId));
}

OpenOptions projectOpenOptions(const QString& projectPath, bool readOnly)
{
    OpenOptions options;
    options.readOnly = readOnly;
    options.root = rememberedImportRoot(projectIdOf(projectPath)).toStdString();
    return options;
}

bool sampleFound(const RootSample& sample)
{
    for (const QString& file : sample.files)
        if (QFileInfo(file).isFile())
            return true;
    return false;
}

bool sampleFoundUnder(const RootSample& sample, const QString& root)
{
    if (root.isEmpty() || !QFileInfo(root).isDir())
        return false;
    const QDir dir(root);
    for (const QString& relative : sample.relative)
        if (QFileInfo(dir.filePath(relative)).isFile())
            return true;
    return false;
}

QString sampleRoot(const RootSample& sample)
{
    for (int i = 0; i < sample.files.size() && i < sample.relative.size(); ++i) {
        const QString file = QDir::cleanPath(sample.files[i]);
        const QString relative = QDir::cleanPath(sample.relative[i]);
        if (file.endsWith(QLatin1Char('/') + relative)) {
            const QString root = file.left(file.size() - relative.size() - 1);
            return root.isEmpty() ? QStringLiteral("/") : root;
        }
    }
    return {};
}

} // namespace sg::ui
