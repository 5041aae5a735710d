#include "ui/main/WindowLayout.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>

namespace sg::ui {

namespace {
constexpr int kStateVersion = 1; // raise when the docks change so old arrangements are ignored
}

WindowLayout::WindowLayout(QMainWindow* window, QMenu* viewMenu)
    : QObject(window), m_window(window), m_panels(viewMenu->addMenu(tr("&Panels")))
{
    m_panels->setObjectName("panelsMenu");
    // Rebuilt each time: the labeling docks exist only once the labeling mode made them.
    connect(m_panels, &QMenu::aboutToShow, this, &WindowLayout::fillPanels);
    fillPanels();
    QAction* reset = viewMenu->addAction(tr("&Reset layout"), this, &WindowLayout::resetLayout);
    reset->setObjectName("resetLayout");
}

QString WindowLayout::settingsKey(const QString& role)
{
    return QStringLiteral("layout/%1").arg(role);
}

void WindowLayout::fillPanels()
{
    m_panels->clear();
    for (QDockWidget* dock : m_window->findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        m_panels->addAction(dock->toggleViewAction()); // checked while shown; unchecking closes it
}

void WindowLayout::setRole(const QString& role)
{
    if (role == m_role)
        return;
    m_role = role;
    if (!m_defaults.contains(role))
        m_defaults.insert(role, m_window->saveState(kStateVersion));
    const QByteArray saved = QSettings().value(settingsKey(role)).toByteArray();
    if (!saved.isEmpty())
        m_window->restoreState(saved, kStateVersion);
    fillPanels();
}

void WindowLayout::resetLayout()
{
    if (m_defaults.contains(m_role))
        m_window->restoreState(m_defaults.value(m_role), kStateVersion);
    save();
}

void WindowLayout::save()
{
    if (!m_role.isEmpty())
        QSettings().setValue(settingsKey(m_role), m_window->saveState(kStateVersion));
}

} // namespace sg::ui
