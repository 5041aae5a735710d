#include "ui/viewer/SliceViewModel.h"

#include <algorithm>

namespace sg::ui {

using sg::core::WindowLevel;
using sg::core::WindowPreset;

SliceViewModel::SliceViewModel(QObject* parent) : QObject(parent) { }

SliceViewModel::~SliceViewModel() = default;

void SliceViewModel::setImage(std::shared_ptr<const sg::core::SliceImage> image, const Windowing& windowing)
{
    if (image && image->empty())
        image.reset();
    // The same series keeps the window the user set on its last slice (readers compare slices
    // at one window); another series, or none, starts from its own.
    const bool sameSeries = !windowing.series.empty() && windowing.series == m_windowing.series && m_window.valid();
    m_image = std::move(image);
    m_windowing = windowing;
    emit imageChanged();
    if (!sameSeries)
        resetWindow();
}

void SliceViewModel::clearImage()
{
    m_image.reset();
    m_windowing = {};
    emit imageChanged();
    emit cornersChanged();
}

void SliceViewModel::setWindow(const WindowLevel& window)
{
    if (!window.valid())
        return;
    m_window = window;
    emit windowChanged();
    emit cornersChanged();
}

void SliceViewModel::dragWindow(int dx, int dy)
{
    if (m_window.valid())
        setWindow(draggedWindow(m_window, dx, dy));
}

WindowLevel SliceViewModel::draggedWindow(const WindowLevel& window, int dx, int dy)
{
    // One screen pixel moves the window by 0.5% of its width: fine control at any scale.
    const double step = std::max(window.width, 1e-3) * 0.005;
    WindowLevel w = window;
    w.width = std::max(1e-3, w.width + dx * step);
    w.center = w.center - dy * step; // drag up: brighter
    return w;
}

bool SliceViewModel::applyPreset(WindowPreset preset)
{
    const auto w = sg::core::presetWindow(preset, m_windowing.stats, m_windowing.header);
    if (!w || !w->valid())
        return false;
    setWindow(*w);
    return true;
}

WindowLevel SliceViewModel::defaultWindow() const
{
    if (const auto header = sg::core::presetWindow(WindowPreset::Header, m_windowing.stats, m_windowing.header))
        return *header;
    return sg::core::presetWindow(WindowPreset::Automatic, m_windowing.stats, std::nullopt).value_or(WindowLevel {});
}

void SliceViewModel::resetWindow()
{
    setWindow(defaultWindow());
}

void SliceViewModel::setCornerTexts(const QString& topLeft, const QString& topRight, const QString& bottomLeft)
{
    m_corners = {topLeft, topRight, bottomLeft};
    emit cornersChanged();
}

std::array<QString, 4> SliceViewModel::cornerTexts() const
{
    // The window is named whenever something is shown, so the reader knows what they compare.
    const bool showing = m_image || !m_corners[0].isEmpty() || !m_corners[1].isEmpty() || !m_corners[2].isEmpty();
    const QString window = showing && m_window.valid()
        ? tr("W %1  L %2").arg(m_window.width, 0, 'f', 0).arg(m_window.center, 0, 'f', 0)
        : QString();
    return {m_corners[0], m_corners[1], m_corners[2], window};
}

void SliceViewModel::addOverlay(SliceOverlay* overlay)
{
    if (!overlay || std::find(m_overlays.begin(), m_overlays.end(), overlay) != m_overlays.end())
        return;
    overlay->setParent(this);
    m_overlays.push_back(overlay);
    connect(overlay, &SliceOverlay::changed, this, [this, overlay] { emit overlayChanged(overlay); });
    emit overlaysChanged();
}

PatchOverlay* SliceViewModel::addPatchOverlay(const QColor& colour, bool dashed, const QString& legend)
{
    auto* overlay = new PatchOverlay(colour, dashed, legend, this);
    addOverlay(overlay);
    return overlay;
}

void SliceViewModel::removeOverlay(SliceOverlay* overlay)
{
    const auto it = std::find(m_overlays.begin(), m_overlays.end(), overlay);
    if (it == m_overlays.end())
        return;
    m_overlays.erase(it);
    if (overlay == m_edited)
        setEditedPatch(nullptr);
    disconnect(overlay, nullptr, this, nullptr);
    emit overlaysChanged();
    delete overlay;
}

void SliceViewModel::clearOverlays()
{
    while (!m_overlays.empty())
        removeOverlay(m_overlays.back());
}

void SliceViewModel::setEditedPatch(PatchOverlay* overlay)
{
    if (overlay == m_edited)
        return;
    m_edited = overlay;
    emit editingChanged();
}

} // namespace sg::ui
