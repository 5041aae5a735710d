#include "ui/report/ScreeningExportAction.h"

#include "core/ml/ScreeningFindings.h"
#include "ui/common/BackgroundTask.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/proposals/ProposalWorker.h"
#include "ui/proposals/ViewerProposals.h"
#include "ui/report/ScreeningReportExport.h"
#include "ui/viewer/ViewerState.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>

namespace sg::ui {

ScreeningExportAction::ScreeningExportAction(QWidget* window, QMenu* fileMenu, ViewerState& state,
    ViewerProposals& proposals, ProposalWorker& worker, LabelingMode& labeling)
    : QObject(window),
      m_window(window),
      m_state(state),
      m_proposals(proposals),
      m_worker(worker),
      m_labeling(labeling),
      m_action(new QAction(tr("Export &screening…"), this)),
      m_task(new BackgroundTask(this))
{
    m_action->setObjectName("exportScreeningAction");
    m_action->setStatusTip(tr("The CNN's screening of the open study as a one-page PDF or HTML report"));
    fileMenu->addAction(m_action);
    connect(m_action, &QAction::triggered, this, &ScreeningExportAction::chooseAndExport);
    connect(&m_proposals, &ViewerProposals::currentProposed, this, &ScreeningExportAction::updateEnabled);
    connect(&m_proposals, &ViewerProposals::allProposed, this, &ScreeningExportAction::updateEnabled);
    connect(&m_state, &ViewerState::studyChanged, this, &ScreeningExportAction::updateEnabled);
    connect(&m_labeling, &LabelingMode::activeChanged, this, &ScreeningExportAction::updateEnabled);
    updateEnabled();
}

void ScreeningExportAction::updateEnabled()
{
    m_action->setEnabled(!m_labeling.isActive() && m_state.study() && m_proposals.proposals().proposedCount() > 0 &&
        !m_task->isRunning());
}

bool ScreeningExportAction::currentReport(sg::core::ScreeningReport& report) const
{
    const auto& study = m_state.study();
    const StudyProposals& proposals = m_proposals.proposals();
    if (m_labeling.isActive() || !study || proposals.proposedCount() == 0 || !m_worker.model())
        return false;
    std::vector<sg::core::ScreenedSlice> slices;
    const std::vector<const sg::core::SliceImage*> images = proposals.images();
    const int studyIndex = study->series.empty() ? 0 : study->series.front().study;
    for (size_t k = 0; k < proposals.places().size(); ++k) {
        const SlicePlace& place = proposals.places()[k];
        const sg::core::SliceProposal* p = proposals.at(place);
        if (!p)
            continue; // not proposed yet
        const sg::core::Series& series = study->seriesAt(place.series);
        sg::core::ScreenedSlice s;
        s.stack = &series.stacks.at(static_cast<size_t>(place.stack));
        s.index = place.slice;
        s.image = images[k];
        s.seriesDescription = series.description;
        s.modality = series.modality;
        s.proposal = *p;
        slices.push_back(std::move(s));
    }
    // Levels as the user has them now (a corrected level counts).
    report = sg::core::buildScreeningReport(study->scan.studies.at(static_cast<size_t>(studyIndex)), *m_worker.model(),
        sg::core::modelStatusBanner(*m_worker.model()), slices);
    return true;
}

bool ScreeningExportAction::exportTo(const QString& outPath)
{
    const auto format = screeningFormatFromPath(outPath);
    if (!format) {
        emit message(tr("Not exported: name the file .pdf or .html (%1).").arg(outPath));
        return false;
    }
    auto report = std::make_shared<sg::core::ScreeningReport>();
    if (!currentReport(*report)) {
        emit message(tr("Not exported: open a study and let the CNN propose first."));
        return false;
    }
    if (m_task->isRunning()) {
        emit message(tr("Not exported: an export is running."));
        return false;
    }
    // The key images point into the study's pixels: the task keeps the study alive.
    const std::shared_ptr<LoadedStudy> keep = m_state.study();
    const bool started = m_task->start<sg::core::Status>(
        [report, keep, outPath, format = *format](
            sg::core::Progress&) { return writeScreeningReport(*report, outPath, format); },
        [this, outPath](const sg::core::Status& written) {
            if (written)
                emit message(tr("Screening report written to %1").arg(outPath));
            else
                emit message(tr("Screening report not written: %1").arg(QString::fromStdString(written.error())));
            updateEnabled();
            emit finished(written.ok(), QString::fromStdString(written.error()));
        });
    updateEnabled();
    return started;
}

void ScreeningExportAction::chooseAndExport()
{
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export screening"), QStringLiteral("screening.pdf"), tr("PDF (*.pdf);;HTML (*.html)"));
    if (!path.isEmpty())
        exportTo(path);
}

} // namespace sg::ui
