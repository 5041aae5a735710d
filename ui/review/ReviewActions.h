#pragma once
// Every review action as a QAction in the "Review" menu, with the labeling mode's keys where
// the meaning is the same (R/O, A-D, Alt+1..4, Return, Backspace, Ctrl+Z, M), so a lead who
// labels already knows them. They are window-wide and enabled only while review is active;
// the labeling actions are disabled meanwhile, so no key is claimed twice.
//
// Keys of review's own (docs: README "Reviewing disagreements"):
//   1..9         show/hide rater N's overlay (the legend numbers the raters)
//   Shift+1..9   accept analyzer N's label (canal, grade, sub-grade and patch) and record it
//   Ctrl+1..9    take analyzer N's patch into the consensus (or draw one with the mouse)
//   W            reason code menu (then 1..6), M the free-text note
//   S            show/hide the strip of neighbouring slices
//   Ctrl+Shift+R enter/leave review (a lead with a project open)
#include <QObject>

#include <array>

class QAction;
class QMenu;
class QWidget;

namespace sg::ui {

class ReviewActions : public QObject {
    Q_OBJECT
public:
    static constexpr int kRaterKeys = 9;
    ReviewActions(QMenu* menu, QWidget* window);

    void setEnabled(bool on); // every action but `toggle`
    // The keys that decide an item (labels, patches, reason, note, record): off while no item
    // is on screen (an empty queue), so they do not light up choices that go nowhere.
    void setDecidingEnabled(bool on);

    QAction* toggle; // enter/leave review mode
    QAction* rootlet;
    QAction* cord;
    std::array<QAction*, 4> grades;
    std::array<QAction*, 4> subgrades;
    QAction* record; // record the consensus and go to the next open item
    QAction* next; // next item in the queue without recording
    QAction* previous;
    QAction* undo;
    QAction* redo;
    QAction* reason; // the reason code menu
    QAction* note; // focus the free text
    QAction* strip; // neighbouring slices
    std::array<QAction*, kRaterKeys> overlays; // toggle rater N's overlay
    std::array<QAction*, kRaterKeys> acceptLabel; // accept analyzer N's label
    std::array<QAction*, kRaterKeys> acceptPatch; // take analyzer N's patch

private:
    QAction* add(
        QMenu* menu, QWidget* window, const QString& text, const QList<QKeySequence>& keys, bool checkable = false);
};

} // namespace sg::ui
