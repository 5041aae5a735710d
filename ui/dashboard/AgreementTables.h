#pragma once
// The dashboard's tables, filled from an agreement report: the paper's table (task x pair:
// percent agreement and macro-F1), the kappa table of one scale, and analyzer progress.
// Undefined figures read "undefined", as everywhere.
#include "core/stats/AgreementReport.h"
#include "ui/dashboard/DashboardSnapshot.h"

#include <QString>

class QTableWidget;

namespace sg::ui {

// The task's name as the paper writes it: "stenosis grade", "rootlet vs cord".
QString paperTaskName(sg::core::Task task);

// Rows: rootlet vs cord, then grade; one per unordered pair of raters.
// Columns: task, rater 1, rater 2, n, agreement [95% CI], macro-F1.
void fillPaperTable(QTableWidget& table, const sg::core::AgreementReport& report);

// One row per unordered pair of the scale: n, dropped, kappa unweighted / linear / quadratic
// with CI (and the Landis-Koch band of the unweighted), PABAK, Gwet's AC1, weighted-F1.
void fillKappaTable(QTableWidget& table, const sg::core::ScaleReport& scale);

// Intra-rater (test-retest): per analyzer and task, their first read against their blinded
// re-read: n (of the re-reads scheduled), agreement [95% CI], kappa with CI (linear and
// quadratic too for the grade). No rows when the project has no re-reads.
void fillIntraRaterTable(QTableWidget& table, const sg::core::AgreementReport& report);

// Analyzer, done / total, percent. A lead with nothing labeled is left out.
void fillProgressTable(QTableWidget& table, const std::vector<AnalyzerProgress>& progress);

} // namespace sg::ui
