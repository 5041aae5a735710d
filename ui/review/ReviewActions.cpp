#include "ui/review/ReviewActions.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

namespace sg::ui {

ReviewActions::ReviewActions(QMenu* menu, QWidget* window) : QObject(menu)
{
    toggle = add(menu, window, tr("&Review disagreements"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}, true);
    toggle->setEnabled(false);
    menu->addSeparator();
    next = add(menu, window, tr("Next item"), {Qt::Key_PageDown, QKeySequence(Qt::CTRL | Qt::Key_Down)});
    previous = add(menu, window, tr("Previous item"), {Qt::Key_Backspace, Qt::Key_PageUp});
    record = add(menu, window, tr("Record consensus and next"), {Qt::Key_Return, Qt::Key_Enter});
    undo = add(menu, window, tr("Undo consensus change"), {QKeySequence::Undo});
    redo = add(menu, window, tr("Redo consensus change"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    menu->addSeparator();
    QMenu* consensus = menu->addMenu(tr("Consensus label"));
    rootlet = add(consensus, window, tr("Rootlet slice"), {Qt::Key_R}, true);
    cord = add(consensus, window, tr("Cord slice"), {Qt::Key_O}, true);
    const Qt::Key gradeKeys[4] = {Qt::Key_A, Qt::Key_B, Qt::Key_C, Qt::Key_D};
    for (int g = 0; g < 4; ++g)
        grades[g] = add(consensus, window, tr("Grade %1").arg(QChar('A' + g)), {gradeKeys[g]}, true);
    const Qt::Key digits[9] = {
        Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5, Qt::Key_6, Qt::Key_7, Qt::Key_8, Qt::Key_9};
    for (int s = 0; s < 4; ++s)
        subgrades[s] = add(consensus, window, tr("A%1").arg(s + 1), {QKeySequence(Qt::ALT | digits[s])}, true);
    reason = add(menu, window, tr("Reason…"), {Qt::Key_W});
    note = add(menu, window, tr("Edit note"), {Qt::Key_M});
    menu->addSeparator();
    QMenu* accept = menu->addMenu(tr("Accept analyzer's label"));
    QMenu* patch = menu->addMenu(tr("Take analyzer's patch"));
    QMenu* overlay = menu->addMenu(tr("Show overlay"));
    for (int n = 0; n < kRaterKeys; ++n) {
        acceptLabel[n] = add(accept, window, tr("Analyzer %1").arg(n + 1), {QKeySequence(Qt::SHIFT | digits[n])});
        acceptPatch[n] = add(patch, window, tr("Analyzer %1").arg(n + 1), {QKeySequence(Qt::CTRL | digits[n])});
        overlays[n] = add(overlay, window, tr("Rater %1").arg(n + 1), {digits[n]}, true);
        overlays[n]->setChecked(true);
    }
    strip = add(menu, window, tr("Neighbouring slices"), {Qt::Key_S}, true);
    strip->setChecked(true);
    setEnabled(false);
}

QAction* ReviewActions::add(
    QMenu* menu, QWidget* window, const QString& text, const QList<QKeySequence>& keys, bool checkable)
{
    QAction* a = menu->addAction(text);
    a->setShortcuts(keys);
    // Window-wide like the labeling actions; a focused line edit keeps the printable keys.
    a->setShortcutContext(Qt::WindowShortcut);
    a->setCheckable(checkable);
    window->addAction(a);
    return a;
}

void ReviewActions::setEnabled(bool on)
{
    for (QAction* a : {rootlet, cord, record, next, previous, undo, redo, reason, note, strip})
        a->setEnabled(on);
    for (auto* list : {&grades, &subgrades})
        for (QAction* a : *list)
            a->setEnabled(on);
    for (auto* list : {&overlays, &acceptLabel, &acceptPatch})
        for (QAction* a : *list)
            a->setEnabled(on);
}

void ReviewActions::setDecidingEnabled(bool on)
{
    for (QAction* a : {rootlet, cord, record, reason, note})
        a->setEnabled(on);
    for (auto* list : {&grades, &subgrades})
        for (QAction* a : *list)
            a->setEnabled(on);
    for (QAction* a : acceptPatch)
        a->setEnabled(on);
}

} // namespace sg::ui
