#pragma once
// Draws a report's plots with the dashboard's chart painters into images: a QImage needs no
// window and no GUI thread, so the report is rendered in a worker and by the command line.
#include "core/report/ReportPlots.h"

#include <QImage>
#include <QSize>

namespace sg::ui {

// The size the plot is shown at in the report, in CSS pixels (1/96 inch).
QSize reportPlotSize(const sg::core::ProjectReport& report, const sg::core::PlotSpec& spec);

// The plot at `scale` times its shown size (2: sharp on paper and on high-density screens).
// A null image when the spec does not match the report (a pair or task it does not hold).
QImage renderReportPlot(const sg::core::ProjectReport& report, const sg::core::PlotSpec& spec, double scale = 2.0);

} // namespace sg::ui
