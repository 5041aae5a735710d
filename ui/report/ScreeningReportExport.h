#pragma once
// The screening report (core/screening/ScreeningReport.h) on paper and screen: one A4 PDF page,
// or one self-contained HTML file (key images as PNG data: URIs), and the key images alone
// (the slice, windowed, with the CNN's patch burned in) for the DICOM Secondary Captures.
// QPainter on QImage and QPdfWriter only (Qt Gui): spinegrade-cli links this without Widgets.
// Needs a QGuiApplication (fonts); runs on any thread.
#include "core/screening/ScreeningReport.h"
#include "core/util/Status.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <optional>

namespace sg::ui {

enum class ScreeningFormat { Pdf, Html };

// From the file's extension (.pdf, .html/.htm); nullopt for any other.
std::optional<ScreeningFormat> screeningFormatFromPath(const QString& path);

// The level's key image: its slice in the header's window (else the 1st-99th percentile of
// its intensities), rows top to bottom as stored, the patch drawn `lineWidth` pixels wide,
// scaled by `scale` (nearest pixel: no invented detail). RGB888; null without an image.
QImage screeningKeyImage(const sg::core::ScreeningLevel& level, int scale = 1, int lineWidth = 2);

QByteArray screeningPdf(const sg::core::ScreeningReport& report); // one A4 page
QByteArray screeningHtml(const sg::core::ScreeningReport& report);

// Writes `path` whole or not at all; the failure names the file and the cause.
sg::core::Status writeScreeningReport(
    const sg::core::ScreeningReport& report, const QString& path, ScreeningFormat format);

} // namespace sg::ui
