#pragma once
// What the slice view shows, as one model (the GUI model tier, in the manner of ITK-SNAP's
// GenericSliceModel): the image, its window/level, the corner texts and the overlays. Each
// mode (viewer, labeling, review) drives a model of its own; the view draws the one it is
// given and sends the user's input (window drag, clicks, drawn rectangles) back to that model
// only, so a mode never needs to ask whether the view is "its" view. No widgets, no VTK.
#include "core/imaging/WindowPresets.h"
#include "core/study/SliceImage.h"
#include "ui/viewer/SliceOverlay.h"

#include <QObject>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sg::ui {

class SliceViewModel : public QObject {
    Q_OBJECT
public:
    explicit SliceViewModel(QObject* parent = nullptr);
    ~SliceViewModel() override;

    // ---- The image
    // Where a new image's window comes from: its series (the window set on one slice stays for
    // the next slices of the same series), the intensities and header window its presets use.
    struct Windowing {
        std::string series; // empty: no series, the image starts from its own default window
        sg::core::IntensityStats stats;
        std::optional<sg::core::WindowLevel> header;
    };
    // nullptr or an empty image: nothing drawn (the corners may still say why). The model
    // shares ownership, so the pixels live as long as they are shown.
    void setImage(std::shared_ptr<const sg::core::SliceImage> image, const Windowing& windowing);
    void clearImage();
    const sg::core::SliceImage* image() const { return m_image.get(); }
    const Windowing& windowing() const { return m_windowing; }

    // ---- Window/level (output units)
    sg::core::WindowLevel window() const { return m_window; }
    void setWindow(const sg::core::WindowLevel& window); // invalid ones are ignored
    // Right-drag: width and centre change in proportion to the current width.
    void dragWindow(int dx, int dy);
    static sg::core::WindowLevel draggedWindow(const sg::core::WindowLevel& window, int dx, int dy);
    bool applyPreset(sg::core::WindowPreset preset); // false: the preset has no value here
    // The header's window, else automatic: what every new series starts from (View > Reset).
    void resetWindow();
    sg::core::WindowLevel defaultWindow() const;

    // ---- Corner texts: the mode gives three; the bottom-right is the window, kept here.
    void setCornerTexts(const QString& topLeft, const QString& topRight, const QString& bottomLeft);
    // Top-left, top-right, bottom-left, bottom-right.
    std::array<QString, 4> cornerTexts() const;

    // ---- Overlays, in order of importance: the first is drawn on top and leads the legend.
    // The model owns them (reparented); each one's changed() reaches the view as overlayChanged.
    void addOverlay(SliceOverlay* overlay);
    PatchOverlay* addPatchOverlay(const QColor& colour, bool dashed, const QString& legend);
    void removeOverlay(SliceOverlay* overlay); // deletes it
    void clearOverlays();
    const std::vector<SliceOverlay*>& overlays() const { return m_overlays; }

    // ---- Patch editing (labeling, consensus): a left click or drag on the image edits this
    // overlay's patch; nullptr (the default) leaves clicks alone.
    void setEditedPatch(PatchOverlay* overlay);
    PatchOverlay* editedPatch() const { return m_edited; }
    // The view reports, in stored pixel coordinates; the driving mode decides (signals below).
    void reportClick(QPointF pixel) { emit pixelClicked(pixel); }
    void reportRect(QRectF rect) { emit pixelRectDrawn(rect); }

signals:
    void imageChanged();
    void windowChanged();
    void cornersChanged(); // also after windowChanged (the bottom-right corner)
    void overlaysChanged(); // one was added or removed
    void overlayChanged(sg::ui::SliceOverlay* overlay); // its content or style changed
    void editingChanged();
    void pixelClicked(QPointF pixel);
    void pixelRectDrawn(QRectF pixelRect);

private:
    std::shared_ptr<const sg::core::SliceImage> m_image;
    Windowing m_windowing;
    sg::core::WindowLevel m_window {0, 0};
    std::array<QString, 3> m_corners;
    std::vector<SliceOverlay*> m_overlays;
    PatchOverlay* m_edited = nullptr;
};

} // namespace sg::ui
