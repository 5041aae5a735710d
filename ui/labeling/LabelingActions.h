#pragma once
// Every labeling action as a QAction in the "Label" menu, so each is reachable by mouse,
// has its key, and appears in the shortcuts sheet (built from the menus). The labeling
// mode connects them; the panel's buttons show them (QToolButton::setDefaultAction).
#include <QObject>

#include <array>

class QAction;
class QActionGroup;
class QMenu;
class QWidget;

namespace sg::ui {

class LabelingActions : public QObject {
    Q_OBJECT
public:
    // Creates open/close in `fileMenu`, the rest in `menu`, and adds them to `window` so their
    // keys work anywhere in it while the menus are closed.
    LabelingActions(QMenu* fileMenu, QMenu* menu, QWidget* window);

    void setEnabled(bool on);

    QAction* open;
    QAction* create; // a new project from a DICOM folder
    QAction* close;
    QAction* rootlet;
    QAction* cord;
    std::array<QAction*, 4> grades; // A, B, C, D
    std::array<QAction*, 4> subgrades; // A1..A4 (mouse: they only refine grade A)
    QAction* commit;
    QAction* previous;
    QAction* skip;
    QAction* undo;
    QAction* redo;
    std::array<QAction*, 4> nudge; // left, right, up, down (1 pixel)
    std::array<QAction*, 4> nudgeFar; // with Shift (10 pixels)
    QAction* grow;
    QAction* shrink;
    QAction* focusComment;
    QAction* correctLevel; // opens a menu of levels for the current item's stack

private:
    QAction* add(
        QMenu* menu, QWidget* window, const QString& text, const QList<QKeySequence>& keys, bool checkable = false);
};

} // namespace sg::ui
