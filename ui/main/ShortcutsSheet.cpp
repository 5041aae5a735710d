#include "ui/main/ShortcutsSheet.h"

#include <QAction>
#include <QDialog>
#include <QHash>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

#include <functional>

namespace sg::ui {

void showShortcutsSheet(QMainWindow* window)
{
    QDialog dialog(window);
    dialog.setWindowTitle(QObject::tr("Keyboard shortcuts"));
    auto* table = new QTableWidget(&dialog);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({QObject::tr("Action"), QObject::tr("Keys")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setObjectName("shortcutsTable");
    // Grouped by the mode the keys work in (a key can mean one thing in labeling and another
    // in review): one heading row per menu, an empty second cell marks it.
    const QHash<QString, QString> modeOf {{QStringLiteral("File"), QObject::tr("Everywhere: files and projects")},
        {QStringLiteral("Navigate"), QObject::tr("Viewing a study (in labeling the arrows move the patch)")},
        {QStringLiteral("Label"), QObject::tr("Labeling (signed in to a project)")},
        {QStringLiteral("Review"), QObject::tr("Review (the study lead)")},
        {QStringLiteral("View"), QObject::tr("Every mode: the slice view (in review the presets are Ctrl+Alt+1..5)")},
        {QStringLiteral("Help"), QObject::tr("Everywhere: help")}};
    QList<QPair<QString, QString>> rows;
    // An action with the property "shortcutModes" (menu names) is listed under those modes
    // instead of under the menu it sits in (Go to item: Navigate, but it finds items).
    std::function<void(QMenu*)> list = [&](QMenu* menu) {
        for (QAction* a : menu->actions()) {
            if (a->menu())
                list(a->menu()); // sub-menus (Label > Patch)
            else if (!a->shortcuts().isEmpty() && !a->property("shortcutModes").isValid()) {
                QStringList keys;
                for (const QKeySequence& k : a->shortcuts())
                    keys << k.toString(QKeySequence::NativeText);
                rows.append({a->text().remove('&'), keys.join(QStringLiteral(", "))});
            }
        }
    };
    for (QAction* menuAction : window->menuBar()->actions()) {
        const QString menu = menuAction->text().remove('&');
        rows.append({modeOf.value(menu, menu), QString()});
        list(menuAction->menu());
        for (QAction* a : window->actions())
            if (a->property("shortcutModes").toStringList().contains(menu))
                rows.append({a->text().remove('&'), a->shortcut().toString(QKeySequence::NativeText)});
    }
    rows.append({QObject::tr("Mouse, on the slice"), QString()});
    rows.append(
        {QObject::tr("Place the canal patch (labeling and review)"), QObject::tr("Left click, or left-drag a square")});
    rows.append({QObject::tr("Window/level"), QObject::tr("Right-drag")});
    rows.append({QObject::tr("Zoom"), QObject::tr("Mouse wheel")});
    rows.append({QObject::tr("Pan"), QObject::tr("Middle-drag or Shift+drag")});
    table->setRowCount(static_cast<int>(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        auto* action = new QTableWidgetItem(rows[r].first);
        table->setItem(r, 0, action);
        table->setItem(r, 1, new QTableWidgetItem(rows[r].second));
        if (rows[r].second.isEmpty()) { // a mode's heading
            QFont bold = action->font();
            bold.setBold(true);
            action->setFont(bold);
            table->setSpan(r, 0, 1, 2);
        }
    }
    table->resizeColumnsToContents();
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    dialog.resize(520, 640);
    dialog.exec();
}

} // namespace sg::ui
