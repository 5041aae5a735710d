#pragma once
// Finding a project's studies on this machine (README "De-identification"). Whenever a project
// (not a reader kit, which holds its pixels) opens, a few of its slice files are looked for on a
// worker; when none is where the project says, the lead is told where they were looked for and
// asked for the folder the studies were imported from (a folder chooser). A folder that holds
// them is remembered for this project on this machine (ui/common/ImportRoots.h) and the project
// is opened again with it; Cancel leaves it as it was (each missing slice says so). File >
// Locate studies… asks again at any time.
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include "ui/common/ImportRoots.h"

class QAction;
class QFileDialog;
class QMenu;
class QMessageBox;
class QWidget;

namespace sg::ui {

class LabelingMode;

class ImportRootPrompt : public QObject {
    Q_OBJECT
public:
    ImportRootPrompt(QWidget* window, QMenu* fileMenu, LabelingMode* labeling);

    QAction* locateAction() const { return m_locate; }

signals:
    void message(const QString& text);
    // The look after an open is done: `found`, the studies are where the project says (else
    // the question is up).
    void studiesChecked(bool found);
    // The project was opened again with `root` (remembered for it on this machine).
    void rootChanged(const QString& root);

private:
    void checkOpenProject(); // after every open: are the studies where the project says?
    void ask(const QString& why); // the message box, then the folder chooser
    void chooseFolder();
    void tryFolder(const QString& folder); // validated on a worker, then used or asked again
    void useFolder(const QString& folder);
    // Looks on a worker; `found` runs here unless a later look or another project came since.
    // Each look has its own task: the GUI never waits for an older one (a stuck network drive).
    void look(std::function<bool()> work, std::function<void(bool found)> found);
    RootSample sample() const;
    void updateEnabled();
    void dismiss(); // the question and the chooser go, saying nothing (another project, closed)
    void reopen(); // the labeling project opened again: its items' files resolved anew

    QWidget* m_window;
    LabelingMode* m_labeling;
    QAction* m_locate;
    bool m_reopenWhenBack = false; // chosen while review was in front: reopen when labeling is back
    int m_looks = 0; // the newest look; older answers are dropped
    QString m_project; // the project the check or question is about
    RootSample m_sample;
    QPointer<QMessageBox> m_box;
    QPointer<QFileDialog> m_dialog;
};

} // namespace sg::ui
