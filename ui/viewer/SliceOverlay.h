#pragma once
// Overlays: what is drawn over the slice, as objects a SliceViewModel holds and the slice view
// draws (delegates, in the manner of ITK-SNAP's slice renderer delegates). A mode changes an
// overlay; the view redraws it. No VTK here: the renderer turns each kind into actors.
#include "core/labels/Label.h"

#include <QColor>
#include <QObject>
#include <QString>

#include <optional>

namespace sg::ui {

// Every overlay: shown or hidden (a rater's overlay toggled in review), and its line in the
// legend (empty: none). changed() tells the view to redraw it.
class SliceOverlay : public QObject {
    Q_OBJECT
public:
    explicit SliceOverlay(QObject* parent = nullptr);
    ~SliceOverlay() override;

    bool isVisible() const { return m_visible; }
    void setVisible(bool visible);
    // The legend's text ("analyzer patch (solid)", "R2", "CNN"); the view prefixes the line style.
    const QString& legend() const { return m_legend; }
    void setLegend(const QString& text);

signals:
    void changed();

protected:
    void notify() { emit changed(); }

private:
    bool m_visible = true;
    QString m_legend;
};

// A rectangle in STORED pixel coordinates (x = column, y = row of the file, edges at whole
// numbers), drawn through the display flip: an analyzer's patch, the CNN's proposal, a
// reviewed rater's patch. Solid or dashed, in its own colour, with an optional caption above
// the box (the CNN's probabilities; without a box the caption stands under the anterior
// marker, e.g. "no canal found").
class PatchOverlay : public SliceOverlay {
    Q_OBJECT
public:
    PatchOverlay(const QColor& colour, bool dashed, const QString& legend = {}, QObject* parent = nullptr);

    const std::optional<sg::core::Patch>& patch() const { return m_patch; }
    void setPatch(const std::optional<sg::core::Patch>& patch);
    const QColor& colour() const { return m_colour; }
    void setColour(const QColor& colour);
    bool dashed() const { return m_dashed; }
    void setDashed(bool dashed);
    const QString& caption() const { return m_caption; }
    void setCaption(const QString& text);
    // Drawn: visible, with a box (the caption alone needs no box).
    bool drawsBox() const { return isVisible() && m_patch.has_value(); }

private:
    std::optional<sg::core::Patch> m_patch;
    QColor m_colour;
    bool m_dashed;
    QString m_caption;
};

// The colours the modes use: an analyzer's own patch, and the CNN's.
QColor analyzerPatchColour();
QColor proposalColour();
// Distinct colours for the raters of a review, by rater index (0..): cycles after eight.
QColor raterColour(int index);

} // namespace sg::ui
