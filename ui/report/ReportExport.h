#pragma once
// Writes a report in one of its four formats. The HTML is one self-contained file (styles
// inline, plots as PNG data: URIs, nothing fetched); the PDF is the same document laid out
// by Qt's rich text on A4 pages with the same plots; CSV and JSON hold every figure.
// Files are written whole or not at all (QSaveFile), so a failure never leaves half a report.
// Needs a QGuiApplication (fonts); runs on any thread.
#include "core/report/ProjectReport.h"
#include "core/util/Progress.h"
#include "core/util/Status.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace sg::ui {

enum class ReportFormat { Html, Pdf, Csv, Json };

// "html", "pdf", "csv", "json" (any case); nullopt otherwise.
std::optional<ReportFormat> reportFormatFromName(const QString& name);
// From the file's extension (.html/.htm, .pdf, .csv, .json); nullopt for any other.
std::optional<ReportFormat> reportFormatFromPath(const QString& path);

// `progress` hears (steps done, steps total): a step per plot, and the document.

// The bytes of the report in `format`; empty when `progress` was cancelled.
QByteArray renderReport(const sg::core::ProjectReport& report, ReportFormat format,
    sg::core::Progress& progress = sg::core::Progress::none());

// Renders and writes `path`; the message of a failure names the file and the cause.
// Cancelled, nothing is written.
sg::core::Status writeReport(const sg::core::ProjectReport& report, const QString& path, ReportFormat format,
    sg::core::Progress& progress = sg::core::Progress::none());

// Opens the project read-only in spirit (nothing is written), builds its report.
sg::core::Result<sg::core::ProjectReport> readProjectReport(const QString& projectPath);

// The whole export the GUI runs in the background: reads the project, writes the report.
// Reading counts as the first step (0 of 1) before the plots are counted.
sg::core::Status exportReport(const QString& projectPath, const QString& outPath, ReportFormat format,
    sg::core::Progress& progress = sg::core::Progress::none());

} // namespace sg::ui
