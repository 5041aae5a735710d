#pragma once
// Review mode of the main window, for the study lead of an open project: the queue dock, the
// review panel, the strip of neighbouring slices, and a slice view model of its own with one
// patch overlay per rater (analyzers solid in their dashboard colour, models dashed) and the
// consensus patch, which a drag or click edits. Entering it suspends the labeling actions
// (the same keys mean the same things here), leaving it gives the view and keys back to
// labeling, so the lead's own labeling stays where it was.
#include <QObject>

#include <memory>
#include <utility>
#include <vector>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace sg::ui {

class ItemImageCache;
class LabelingMode;
class NeighbourStrip;
class PatchOverlay;
class ReviewActions;
class ReviewController;
class ReviewPanel;
class ReviewQueuePanel;
class SliceView;
class SliceViewModel;
struct ItemImage;

class ReviewMode : public QObject {
    Q_OBJECT
public:
    ReviewMode(QMainWindow* window, SliceView* view, QMenu* menu, LabelingMode& labeling);
    ~ReviewMode() override;

    // For the lead signed in to the labeling project; false with message() otherwise.
    bool enter();
    void leave();
    bool isActive() const { return m_active; }
    // Shows an item (Go to item…): a queue entry, or any item of the project.
    bool showItem(std::int64_t itemId);

    ReviewController& controller() { return *m_controller; }
    ReviewActions& actions() { return *m_actions; }
    ReviewPanel& panel() { return *m_panel; }
    ReviewQueuePanel& queue() { return *m_queue; }
    NeighbourStrip& strip() { return *m_strip; }
    SliceViewModel& model() { return *m_model; }
    // The rater overlays in rater order (rows of the panel's table), then the consensus'.
    const std::vector<PatchOverlay*>& raterOverlays() const { return m_overlays; }
    PatchOverlay& consensusOverlay() { return *m_consensusOverlay; }
    QDockWidget* queueDock() const { return m_queueDock; }
    QDockWidget* panelDock() const { return m_panelDock; }
    QDockWidget* stripDock() const { return m_stripDock; }

signals:
    void activeChanged(bool active);
    void aboutToArrangeDocks();
    void message(const QString& text);
    void itemShown(); // the view has the item's image (or says it is loading)
    void consensusRecorded(); // recorded, undone or redone

private:
    void connectActions();
    void onItemChanged();
    void showImage(const std::shared_ptr<const ItemImage>& image);
    void refreshRaters(); // overlays and the table
    void refreshDraft();
    void updateCorners();
    void prefetch();
    void askReason();
    void toggleOverlay(int number);

    QMainWindow* m_window;
    SliceView* m_view;
    LabelingMode& m_labeling;
    ReviewController* m_controller;
    ReviewActions* m_actions;
    ReviewPanel* m_panel;
    ReviewQueuePanel* m_queue;
    NeighbourStrip* m_strip;
    ItemImageCache* m_cache;
    SliceViewModel* m_model;
    std::vector<PatchOverlay*> m_overlays;
    std::vector<bool> m_hidden; // by rater number - 1: kept across items
    PatchOverlay* m_consensusOverlay;
    QDockWidget* m_queueDock;
    QDockWidget* m_panelDock;
    QDockWidget* m_stripDock;
    std::shared_ptr<const ItemImage> m_image;
    bool m_active = false;
    std::pair<Qt::DockWidgetArea, Qt::DockWidgetArea> m_corners; // bottom-left, bottom-right before review
};

} // namespace sg::ui
