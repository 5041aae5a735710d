#include "ui/labeling/LabelingActions.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

namespace sg::ui {

LabelingActions::LabelingActions(QMenu* fileMenu, QMenu* menu, QWidget* window) : QObject(menu)
{
    create = add(fileMenu, window, tr("&New labeling project…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N)});
    open = add(fileMenu, window, tr("Open &labeling project…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)});
    close = add(fileMenu, window, tr("&Close labeling project"), {});
    rootlet = add(menu, window, tr("Rootlet slice"), {Qt::Key_R}, true);
    cord = add(menu, window, tr("Cord slice"), {Qt::Key_O}, true);
    menu->addSeparator();
    const Qt::Key gradeKeys[4] = {Qt::Key_A, Qt::Key_B, Qt::Key_C, Qt::Key_D};
    for (int g = 0; g < 4; ++g)
        grades[g] = add(menu, window, tr("Grade %1").arg(QChar('A' + g)), {gradeKeys[g]}, true);
    QMenu* sub = menu->addMenu(tr("Sub-grade of A"));
    // Alt+1..4: the plain digits choose the window/level presets, in labeling too.
    const Qt::Key subgradeKeys[4] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (int s = 0; s < 4; ++s)
        subgrades[s] = add(sub, window, tr("A%1").arg(s + 1), {QKeySequence(Qt::ALT | subgradeKeys[s])}, true);
    menu->addSeparator();
    commit = add(menu, window, tr("Save and next"), {Qt::Key_Return, Qt::Key_Enter});
    previous = add(menu, window, tr("Previous item"), {Qt::Key_Backspace});
    skip = add(menu, window, tr("Skip with a reason…"), {Qt::Key_S});
    undo = add(menu, window, tr("Undo label change"), {QKeySequence::Undo});
    redo = add(menu, window, tr("Redo label change"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
    menu->addSeparator();
    QMenu* patch = menu->addMenu(tr("Patch"));
    const Qt::Key arrows[4] = {Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down};
    const QString names[4] = {tr("left"), tr("right"), tr("up"), tr("down")};
    for (int i = 0; i < 4; ++i)
        nudge[i] = add(patch, window, tr("Move patch %1").arg(names[i]), {arrows[i]});
    for (int i = 0; i < 4; ++i)
        nudgeFar[i] =
            add(patch, window, tr("Move patch %1 by 10").arg(names[i]), {QKeySequence(Qt::SHIFT | arrows[i])});
    grow = add(patch, window, tr("Enlarge patch"), {Qt::Key_Plus, Qt::Key_Equal});
    shrink = add(patch, window, tr("Shrink patch"), {Qt::Key_Minus});
    focusComment = add(menu, window, tr("Edit comment"), {Qt::Key_M});
    correctLevel = add(menu, window, tr("Correct this stack's level…"), {Qt::Key_L});
    setEnabled(false);
    open->setEnabled(true);
    create->setEnabled(true);
}

QAction* LabelingActions::add(
    QMenu* menu, QWidget* window, const QString& text, const QList<QKeySequence>& keys, bool checkable)
{
    QAction* a = menu->addAction(text);
    a->setShortcuts(keys);
    // Window-wide, but a focused line edit claims the printable keys (ShortcutOverride),
    // so typing a comment never grades the slice.
    a->setShortcutContext(Qt::WindowShortcut);
    a->setCheckable(checkable);
    window->addAction(a);
    return a;
}

void LabelingActions::setEnabled(bool on)
{
    for (QAction* a :
        {close, rootlet, cord, commit, previous, skip, undo, redo, grow, shrink, focusComment, correctLevel})
        a->setEnabled(on);
    for (auto* list : {&grades, &subgrades, &nudge, &nudgeFar})
        for (QAction* a : *list)
            a->setEnabled(on);
}

} // namespace sg::ui
