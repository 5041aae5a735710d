#pragma once
// Labeling mode of the main window: wires the controller to its own slice view model (item
// images, window, corners, the patch and proposal overlays, clicks), the Label menu's actions,
// the labeling panel and the worklist dock. The main window shows that model while a project
// is open; the viewer's model is untouched meanwhile.
#include "core/imaging/WindowPresets.h"
#include "core/store/ProjectSetup.h"

#include <QObject>

#include <memory>

class QDockWidget;
class QEvent;
class QMainWindow;
class QMenu;
class QWidget;

namespace sg::ui {

class ItemImageCache;
class LabelingActions;
class LabelingController;
class LabelingPanel;
class BackgroundTask;
class PatchOverlay;
class SliceView;
class SliceViewModel;
class WorklistPanel;
struct ItemImage;

class LabelingMode : public QObject {
    Q_OBJECT
public:
    LabelingMode(QMainWindow* window, SliceView* view, QMenu* fileMenu, QMenu* labelMenu);
    ~LabelingMode() override;

    // Asks for the project file (unless `path` names it: the command line, Open Recent, a
    // drop) and who you are, then opens it. False when it was not opened.
    bool chooseAndOpen(const QString& path = {});
    // File > New labeling project: the dialog, then createProject. The dialog stays open with
    // the reason when the project cannot be created (an existing file, no DICOM), so nothing
    // typed is lost; it closes once the project is open.
    void askNewProject();
    // Sets the project up on a worker (progress dialog, cancel), then opens it as its lead;
    // projectCreated tells the outcome (also what tests call).
    // `over`: the window the progress shows over (default: the main window).
    void createProject(const sg::core::ProjectSetupOptions& options, QWidget* over = nullptr);
    // Opens without dialogs (also what tests call). False: the reason went to message().
    bool open(const QString& projectPath, const QString& name);
    void close();
    bool isActive() const;

    // What the slice view shows while labeling.
    SliceViewModel& model() { return *m_model; }
    PatchOverlay& patchOverlay() { return *m_patchOverlay; } // the analyzer's patch
    PatchOverlay& proposalOverlay() { return *m_proposalOverlay; } // the CNN's, dashed
    // The docks this mode adds to the window.
    QDockWidget* panelDock() const { return m_panelDock; }
    QDockWidget* worklistDock() const { return m_worklistDock; }
    // The study browser's dock, which the worklist shares a tab with, and the log's, kept low.
    void setNeighbourDocks(QDockWidget* study, QDockWidget* log);

    LabelingController& controller() { return *m_controller; }
    LabelingActions& actions() { return *m_actions; }
    LabelingPanel& panel() { return *m_panel; }
    WorklistPanel& worklist() { return *m_worklist; }
    ItemImageCache& cache() { return *m_cache; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override; // the window comes to the front

signals:
    void activeChanged(bool active);
    // The docks are about to be rearranged for labeling or for viewing (the window remembers
    // the layout of the role it leaves).
    void aboutToArrangeDocks();
    void message(const QString& text);
    void itemShown(); // the view has the current item's image (or says it is loading)
    void projectCreated(const QString& projectFile, const QString& error); // error empty: created and opened

private:
    void connectActions();
    void onItemChanged();
    void showImage(const std::shared_ptr<const ItemImage>& image);
    void updateCorners();
    void prefetchAhead();
    void nudgeOnScreen(int dx, int dy);
    void askSkip();
    void askLevel(); // the level menu for the current stack (key L)
    void askConflict(); // the label was changed elsewhere: keep mine or take the newer one

    QMainWindow* m_window;
    SliceView* m_view;
    LabelingController* m_controller;
    ItemImageCache* m_cache;
    LabelingActions* m_actions;
    LabelingPanel* m_panel;
    WorklistPanel* m_worklist;
    BackgroundTask* m_setup; // core::setUpProject
    QDockWidget* m_panelDock;
    QDockWidget* m_worklistDock;
    QDockWidget* m_studyDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    SliceViewModel* m_model;
    PatchOverlay* m_patchOverlay;
    PatchOverlay* m_proposalOverlay;
    std::shared_ptr<const ItemImage> m_image; // the current item's
};

} // namespace sg::ui
