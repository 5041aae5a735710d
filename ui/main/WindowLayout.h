#pragma once
// Where the main window's panels are, per role: View > Panels shows and hides every dock
// (a closed one comes back from there), View > Reset layout puts the role's default back,
// and each role's arrangement is remembered (QSettings) for the next time that role works.
// Roles: "clinician" (viewing a study), "annotator" (an analyzer in a project), "lead".
#include <QHash>
#include <QObject>
#include <QString>

class QMainWindow;
class QMenu;

namespace sg::ui {

class WindowLayout : public QObject {
    Q_OBJECT
public:
    // Adds "Panels" and "Reset layout" to `viewMenu`.
    WindowLayout(QMainWindow* window, QMenu* viewMenu);

    // The window now works as `role`, its docks arranged by that mode's code: that arrangement
    // is the role's default; the role's remembered one, if any, replaces it. Call save()
    // before the mode's code rearranges the docks, so the role left keeps its own arrangement.
    void setRole(const QString& role);
    QString role() const { return m_role; }
    void resetLayout();
    void save(); // remembers the current role's arrangement
    QMenu* panelsMenu() const { return m_panels; }

    static QString settingsKey(const QString& role);

private:
    void fillPanels();

    QMainWindow* m_window;
    QMenu* m_panels;
    QString m_role;
    QHash<QString, QByteArray> m_defaults;
};

} // namespace sg::ui
