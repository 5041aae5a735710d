#pragma once
// The main window: study browser, slice view, log of skipped files, load progress.
#include <QMainWindow>

#include <memory>

class QDockWidget;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QToolButton;

namespace sg::ui {

class SliceView;
class StudyBrowser;
class BackgroundTask;
class ViewerState;
class LabelingMode;
class ReportExportAction;
class DashboardWidget;
class LabelingProposals;
class ProposalWorker;
class ScreeningPanel;
class ViewerProposals;
struct LoadedStudy;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openStudy(const QString& path);
    // The built-in synthetic study: generated on first use (with progress), then opened.
    void openDemo();
    ViewerState& state() { return *m_state; }
    SliceView& sliceView() { return *m_view; }
    LabelingMode& labeling() { return *m_labeling; }
    ReportExportAction& reportExport() { return *m_reportExport; }
    ProposalWorker& proposalWorker() { return *m_proposalWorker; }
    ViewerProposals& viewerProposals() { return *m_viewerProposals; }
    LabelingProposals& labelingProposals() { return *m_labelingProposals; }
    ScreeningPanel& screeningPanel() { return *m_screening; }
    QString statusText() const;
    bool isLoading() const;
    // Labeling mode without the dialogs (tests, scripts): false if the project cannot be opened.
    bool openLabelingProject(const QString& projectPath, const QString& name);
    // View > Agreement dashboard: only for a lead signed in to a project (analyzers stay blind
    // to each other's labels). False, with the reason in the status bar, otherwise.
    bool openDashboard();
    DashboardWidget* dashboard() const { return m_dashboard; }

signals:
    void studyLoaded(); // after a load finished and the view shows it

private:
    void createActions();
    void onLoaded(std::shared_ptr<LoadedStudy> study);
    void onDemoGenerated(const QString& error);
    void refreshView();
    void appendLog(const QString& line);
    void chooseFolder();
    void showShortcuts();
    void setLabelingActive(bool active);
    void createProposals();

    ViewerState* m_state;
    SliceView* m_view;
    StudyBrowser* m_browser;
    BackgroundTask* m_loader; // loadStudy()
    BackgroundTask* m_demo; // generateDemoStudy()
    QPlainTextEdit* m_log;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QLabel* m_status;
    LabelingMode* m_labeling = nullptr;
    ReportExportAction* m_reportExport = nullptr;
    DashboardWidget* m_dashboard = nullptr; // a window of its own, while a lead has a project open
    QAction* m_dashboardAction = nullptr;
    ProposalWorker* m_proposalWorker = nullptr; // one model on one thread, for both modes
    ScreeningPanel* m_screening = nullptr;
    QDockWidget* m_screeningDock = nullptr;
    ViewerProposals* m_viewerProposals = nullptr;
    LabelingProposals* m_labelingProposals = nullptr;
    QLabel* m_cnnStatus = nullptr; // "CNN 12 / 40" in the status bar
    QList<QAction*> m_navigation; // arrows step slices only outside labeling mode
};

} // namespace sg::ui
