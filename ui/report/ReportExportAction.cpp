#include "ui/report/ReportExportAction.h"

#include "ui/common/ProgressDialogTask.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/report/ReportExport.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

namespace sg::ui {

namespace {

const QString kFilters = QStringLiteral("HTML report, self-contained (*.html);;PDF report (*.pdf);;Every figure as CSV "
                                        "(*.csv);;Every figure as JSON (*.json)");

// The extension of the filter the user chose, added when the name has none of ours.
QString withExtension(const QString& path, const QString& filter)
{
    if (reportFormatFromPath(path))
        return path;
    const int star = filter.indexOf(QLatin1String("*."));
    return star < 0 ? path : path + filter.mid(star + 1, filter.indexOf(')', star) - star - 1);
}

} // namespace

ReportExportAction::ReportExportAction(QWidget* window, QMenu* fileMenu, LabelingMode* labeling)
    : LeadProjectAction(window, labeling)
{
    m_action = fileMenu->addAction(tr("&Export report…"), this, &ReportExportAction::chooseAndExport);
    m_action->setStatusTip(tr("The agreement report of the open project (HTML, PDF, CSV or JSON); leads only"));
    updateEnabled();
}

void ReportExportAction::updateEnabled()
{
    m_action->setEnabled(leadIsFree());
}

void ReportExportAction::chooseAndExport()
{
    QString filter;
    const QString chosen = QFileDialog::getSaveFileName(m_window, tr("Export report"),
        QFileInfo(m_labeling->controller().projectPath()).absolutePath() + QStringLiteral("/report.html"), kFilters,
        &filter);
    if (!chosen.isEmpty())
        exportTo(withExtension(chosen, filter));
}

bool ReportExportAction::exportTo(const QString& outPath)
{
    const auto format = reportFormatFromPath(outPath);
    if (!format) {
        emit message(tr("Report not written: name the file .html, .pdf, .csv or .json (%1)").arg(outPath));
        return false;
    }
    if (!m_action->isEnabled())
        return false;
    const QString project = m_labeling->controller().projectPath();
    const bool started = m_task->start<sg::core::Status>(
        tr("Export report"), tr("Writing the report…"),
        [project, outPath, format = *format](
            sg::core::Progress& p) { return exportReport(project, outPath, format, p); },
        [this, outPath](const sg::core::Status& written) {
            const QString error = QString::fromStdString(written.error());
            emit message(written ? tr("Report written to %1").arg(outPath) : tr("Report not written: %1").arg(error));
            updateEnabled();
            emit finished(written.ok(), error);
        });
    if (!started)
        return false;
    m_action->setEnabled(false);
    return true;
}

} // namespace sg::ui
