#include "ui/main/RecentFiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QToolButton>
#include <QWidgetAction>

namespace sg::ui {

RecentFiles::RecentFiles(QObject* parent, QString settingsKey) : QObject(parent), m_key(std::move(settingsKey)) { }

QStringList RecentFiles::paths() const
{
    return QSettings().value(m_key).toStringList();
}

void RecentFiles::store(const QStringList& paths)
{
    QSettings().setValue(m_key, paths);
    emit changed();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaximum)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = paths();
    if (list.removeAll(path) > 0)
        store(list);
}

void RecentFiles::removeMissing()
{
    QStringList list = paths();
    list.erase(
        std::remove_if(list.begin(), list.end(), [](const QString& p) { return !QFileInfo::exists(p); }), list.end());
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

// Greyed, with the whole path (the user sees which drive or folder went away), and a Remove
// button of its own: a disabled action could not be clicked to remove it.
QAction* RecentFiles::missingEntry(QMenu* menu, const QString& path)
{
    auto* row = new QWidget(menu);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(8, 2, 4, 2);
    auto* label = new QLabel(tr("%1 (missing: %2)").arg(QFileInfo(path).fileName(), path), row);
    label->setEnabled(false);
    auto* remove = new QToolButton(row);
    remove->setText(tr("Remove"));
    remove->setObjectName("recentRemoveEntry");
    remove->setToolTip(tr("Remove %1 from this list").arg(path));
    layout->addWidget(label, 1);
    layout->addWidget(remove);
    auto* action = new QWidgetAction(menu);
    action->setDefaultWidget(row);
    action->setText(label->text());
    connect(remove, &QToolButton::clicked, this, [this, menu, path] {
        this->remove(path);
        menu->close();
    });
    menu->addAction(action);
    return action;
}

void RecentFiles::fillMenu(QMenu* menu)
{
    menu->clear();
    const QStringList list = paths();
    bool missing = false;
    int number = 0;
    for (const QString& path : list) {
        const QFileInfo info(path);
        const QString kind = info.isDir() ? tr("study") : tr("project");
        ++number;
        QAction* a = nullptr;
        if (!info.exists()) {
            missing = true;
            a = missingEntry(menu, path);
        } else {
            a = menu->addAction(tr("&%1 %2 (%3)").arg(number % 10).arg(info.fileName(), kind));
            a->setToolTip(path);
            a->setStatusTip(path);
            connect(a, &QAction::triggered, this, [this, path] { emit openRequested(path); });
        }
        a->setData(path);
    }
    if (list.isEmpty())
        menu->addAction(tr("No recent projects or studies"))->setEnabled(false);
    menu->addSeparator();
    QAction* prune = menu->addAction(tr("&Remove missing entries"), this, &RecentFiles::removeMissing);
    prune->setObjectName("recentRemoveMissing");
    prune->setEnabled(missing);
    QAction* clearAll = menu->addAction(tr("&Clear"), this, &RecentFiles::clear);
    clearAll->setObjectName("recentClear");
    clearAll->setEnabled(!list.isEmpty());
    menu->setToolTipsVisible(true);
}

} // namespace sg::ui
