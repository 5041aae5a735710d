#include "ui/viewer/SliceOverlay.h"

#include <algorithm>
#include <array>

namespace sg::ui {

SliceOverlay::SliceOverlay(QObject* parent) : QObject(parent) { }

SliceOverlay::~SliceOverlay() = default;

void SliceOverlay::setVisible(bool visible)
{
    if (visible == m_visible)
        return;
    m_visible = visible;
    notify();
}

void SliceOverlay::setLegend(const QString& text)
{
    if (text == m_legend)
        return;
    m_legend = text;
    notify();
}

PatchOverlay::PatchOverlay(const QColor& colour, bool dashed, const QString& legend, QObject* parent)
    : SliceOverlay(parent), m_colour(colour), m_dashed(dashed)
{
    setLegend(legend);
}

void PatchOverlay::setPatch(const std::optional<sg::core::Patch>& patch)
{
    if (patch == m_patch)
        return;
    m_patch = patch;
    notify();
}

void PatchOverlay::setColour(const QColor& colour)
{
    if (colour == m_colour)
        return;
    m_colour = colour;
    notify();
}

void PatchOverlay::setDashed(bool dashed)
{
    if (dashed == m_dashed)
        return;
    m_dashed = dashed;
    notify();
}

void PatchOverlay::setCaption(const QString& text)
{
    if (text == m_caption)
        return;
    m_caption = text;
    notify();
}

QColor analyzerPatchColour()
{
    return QColor::fromRgbF(1.0f, 0.55f, 0.1f);
}

QColor proposalColour()
{
    return QColor::fromRgbF(0.35f, 0.8f, 1.0f);
}

QColor raterColour(int index)
{
    // Apart on the hue circle and bright on a grey MR slice; the CNN's light blue is not among them.
    static const std::array<QColor, 8> colours = {QColor(255, 140, 26), QColor(80, 220, 100), QColor(255, 80, 200),
        QColor(255, 235, 60), QColor(170, 120, 255), QColor(255, 90, 80), QColor(40, 200, 190), QColor(220, 220, 220)};
    return colours[static_cast<size_t>(std::max(index, 0)) % colours.size()];
}

} // namespace sg::ui
