#pragma once
// Help > Keyboard shortcuts: the sheet of every key the window's menus and actions answer to,
// grouped by the mode the keys work in. Built from the actions themselves at the moment it is
// shown, so it cannot drift from what the keys do (labeling and review add and change theirs).
class QMainWindow;

namespace sg::ui {

// Modal: returns when the user closes the sheet.
void showShortcutsSheet(QMainWindow* window);

} // namespace sg::ui
