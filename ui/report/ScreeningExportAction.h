#pragma once
// File > Export screening…: the clinician's one-page screening report (PDF or HTML) of the
// study open in the plain viewer, no project needed. Enabled once the CNN has proposed a slice
// of the open study (and never while a project is open: labeling and review show no identity).
// The report is painted and written on a worker (BackgroundTask); the outcome goes to the
// status line and the log.
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace sg::core {
struct ScreeningReport;
}

namespace sg::ui {

class BackgroundTask;
class LabelingMode;
class ProposalWorker;
class ViewerProposals;
class ViewerState;

class ScreeningExportAction : public QObject {
    Q_OBJECT
public:
    ScreeningExportAction(QWidget* window, QMenu* fileMenu, ViewerState& state, ViewerProposals& proposals,
        ProposalWorker& worker, LabelingMode& labeling);

    QAction* action() const { return m_action; }
    BackgroundTask& task() { return *m_task; }
    // Exports without the file dialog (tests, scripts); false when refused (the message says why).
    bool exportTo(const QString& outPath);
    // The report as it would be written now (what was proposed so far).
    bool currentReport(sg::core::ScreeningReport& report) const;

signals:
    void message(const QString& text);
    void finished(bool ok, const QString& error);

public slots:
    void updateEnabled();

private:
    void chooseAndExport();

    QWidget* m_window;
    ViewerState& m_state;
    ViewerProposals& m_proposals;
    ProposalWorker& m_worker;
    LabelingMode& m_labeling;
    QAction* m_action;
    BackgroundTask* m_task;
};

} // namespace sg::ui
