#pragma once
// View > Agreement dashboard as a window of its own: one at a time, following the project the
// lead has open. Whoever is not that lead of that project must not keep its figures on screen
// (blinding), so the main window closes it on every change of who is signed in where.
#include <QObject>
#include <QString>

namespace sg::ui {

class DashboardWidget;

class DashboardWindow : public QObject {
public:
    explicit DashboardWindow(QWidget* window);

    // Shows and raises the dashboard of `projectPath`, made anew if another project's was open.
    void show(const QString& projectPath);
    // Closes it unless `lead` is signed in to the project it shows.
    void closeUnless(bool lead, const QString& projectPath);
    DashboardWidget* widget() const { return m_dashboard; }

private:
    void close();

    QWidget* m_window;
    DashboardWidget* m_dashboard = nullptr;
};

} // namespace sg::ui
