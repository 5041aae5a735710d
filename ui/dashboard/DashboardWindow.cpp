#include "ui/dashboard/DashboardWindow.h"

#include "ui/dashboard/DashboardWidget.h"

#include <QShortcut>
#include <QWidget>

namespace sg::ui {

DashboardWindow::DashboardWindow(QWidget* window) : QObject(window), m_window(window) { }

void DashboardWindow::show(const QString& projectPath)
{
    if (m_dashboard && m_dashboard->property("projectPath").toString() != projectPath)
        close();
    if (!m_dashboard) {
        m_dashboard = new DashboardWidget(m_window);
        m_dashboard->setWindowFlag(Qt::Window);
        m_dashboard->setProperty("projectPath", projectPath);
        m_dashboard->follow(projectPath);
        // A window of its own closes from the keyboard too (without a window manager's Alt+F4).
        for (const QKeySequence& keys : {QKeySequence(QKeySequence::Close), QKeySequence(Qt::Key_Escape)}) {
            auto* close = new QShortcut(keys, m_dashboard);
            connect(close, &QShortcut::activated, m_dashboard, &QWidget::close);
        }
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void DashboardWindow::closeUnless(bool lead, const QString& projectPath)
{
    if (m_dashboard && (!lead || m_dashboard->property("projectPath").toString() != projectPath))
        close();
}

void DashboardWindow::close()
{
    m_dashboard->stop();
    m_dashboard->close();
    m_dashboard->deleteLater();
    m_dashboard = nullptr;
}

} // namespace sg::ui
