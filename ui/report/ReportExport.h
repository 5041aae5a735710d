#pragma once
// Writes a report in one of its four formats. The HTML is one self-contained file (styles
// inline, plots as PNG data: URIs, nothing fetched); the PDF is the same document laid out
// by Qt's rich text on A4 pages with the same plots; CSV and JSON hold every figure.
// Files are written whole or not at all (QSaveFile), so a failure never leaves half a report.
// Needs a QGuiApplication (fonts); runs on any thread.
#include "core/report/ProjectReport.h"
#include "core/util/Status.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace sg::ui {

enum class ReportFormat { Html, Pdf, Csv, Json };

// "html", "pdf", "csv", "json" (any case); nullopt otherwise.
std::optional<ReportFormat> reportFormatFromName(const QString& name);
// From the file's extension (.html/.htm, .pdf, .csv, .json); nullopt for any other.
std::optional<ReportFormat> reportFormatFromPath(const QString& path);

// Reports steps done of total; returns false to cancel.
using ReportProgress = std::function<bool(int done, int total)>;

// The bytes of the report in `format`. Empty with `cancelled` set when progress said stop.
QByteArray renderReport(const sg::core::ProjectReport& report, ReportFormat format, const ReportProgress& progress = {},
    bool* cancelled = nullptr);

// Renders and writes `path`; the message of a failure names the file and the cause.
sg::core::Status writeReport(const sg::core::ProjectReport& report, const QString& path, ReportFormat format,
    const ReportProgress& progress = {});

// Opens the project read-only in spirit (nothing is written), builds its report.
sg::core::Result<sg::core::ProjectReport> readProjectReport(const QString& projectPath);

} // namespace sg::ui
