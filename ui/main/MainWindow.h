#pragma once
// The main window: study browser, slice view, log of skipped files, load progress.
#include <QMainWindow>
#include <QPointer>

#include <memory>

class QDockWidget;
class QDragEnterEvent;
class QDropEvent;
class QMenu;
class QLabel;
class QProgressBar;
class QToolButton;

namespace sg::ui {

class ElidedLabel;
class SliceView;
class UserGuide;
class StudyBrowser;
class BackgroundTask;
class ViewerState;
class LabelingMode;
class ReviewMode;
class ReportExportAction;
class ScreeningExportAction;
class DashboardWidget;
class DashboardWindow;
class ActivityLog;
class LabelingProposals;
class ProposalWorker;
class ScreeningPanel;
class ViewerProposals;
class RecentFiles;
class WindowLayout;
struct LoadedStudy;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openStudy(const QString& path);
    // A folder opens as a study, a project file (SQLite: .sgdb) asks who you are and opens it
    // for labeling: the command line, File > Open Recent and a drop on the window come here.
    // False when nothing could be opened (the reason is in the status bar and the log).
    bool openPath(const QString& path);
    // True for a file that is a SpineGrade project (an SQLite database), false for a folder.
    static bool isProjectFile(const QString& path);
    // The built-in synthetic study: generated on first use (with progress), then opened.
    void openDemo();
    ViewerState& state() { return *m_state; }
    SliceView& sliceView() { return *m_view; }
    LabelingMode& labeling() { return *m_labeling; }
    ReviewMode& review() { return *m_review; }
    // Navigate > Go to item… (Ctrl+G): an item key ("S001 L4/L5 #3") or a SOP instance UID, in
    // the current mode (review: that item; labeling: the signed-in user's worklist entry).
    // Empty when shown; otherwise why not (also in the status bar).
    QString goToItem(const QString& text);
    ReportExportAction& reportExport() { return *m_reportExport; }
    ScreeningExportAction& screeningExport() { return *m_screeningExport; } // File > Export screening…
    ProposalWorker& proposalWorker() { return *m_proposalWorker; }
    ViewerProposals& viewerProposals() { return *m_viewerProposals; }
    LabelingProposals& labelingProposals() { return *m_labelingProposals; }
    ScreeningPanel& screeningPanel() { return *m_screening; }
    // The window's own docks (the labeling mode's are labeling().panelDock() / worklistDock()).
    QDockWidget* studyDock() const { return m_studyDock; }
    QDockWidget* logDock() const { return m_logDock; }
    QDockWidget* cnnDock() const { return m_screeningDock; }
    QString statusText() const; // the whole message (the bar may show it cut, with a tooltip)
    ElidedLabel& statusMessage() { return *m_status; }
    bool isLoading() const;
    // Labeling mode without the dialogs (tests, scripts): false if the project cannot be opened.
    bool openLabelingProject(const QString& projectPath, const QString& name);
    // View > Agreement dashboard: only for a lead signed in to a project (analyzers stay blind
    // to each other's labels). False, with the reason in the status bar, otherwise.
    bool openDashboard();
    DashboardWidget* dashboard() const;
    RecentFiles& recentFiles() { return *m_recent; }
    WindowLayout& windowLayout() { return *m_layout; }
    QMenu* openRecentMenu() const { return m_openRecent; }
    QString logText() const;
    void showAbout();
    void showUserGuide();

signals:
    void studyLoaded(); // after a load finished and the view shows it
    void loadFinished(); // after any load ended: shown, empty (what was open stays) or cancelled

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void onLoaded(std::shared_ptr<LoadedStudy> study);
    void onDemoGenerated(const QString& error);
    void refreshView();
    void appendLog(const QString& line);
    void chooseFolder();
    void showShortcuts();
    void setLabelingActive(bool active);
    void setReviewActive(bool active);
    void askGoToItem();
    void createProposals();
    void startProposalsAfterTheFirstFrame();
    void updateTitle();
    void setStatus(const QString& text);
    QString roleName() const; // the layout's role: clinician, annotator or lead
    void logProjectOpened();

    ViewerState* m_state;
    SliceView* m_view;
    StudyBrowser* m_browser;
    BackgroundTask* m_loader; // loadStudy()
    BackgroundTask* m_demo; // generateDemoStudy()
    ActivityLog* m_log;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    ElidedLabel* m_status;
    DashboardWindow* m_dashboard; // View > Agreement dashboard, while a lead has a project open
    QDockWidget* m_studyDock = nullptr;
    QDockWidget* m_logDock = nullptr;
    QPointer<UserGuide> m_guide; // one guide window
    LabelingMode* m_labeling = nullptr;
    ReviewMode* m_review = nullptr;
    QList<QAction*> m_presets; // window presets: digits, or Ctrl+Alt+digits while reviewing
    ReportExportAction* m_reportExport = nullptr;
    ScreeningExportAction* m_screeningExport = nullptr;
    QMenu* m_fileMenu = nullptr;
    QAction* m_quitSeparator = nullptr; // File menu: the export of the screening goes before it
    QAction* m_dashboardAction = nullptr;
    ProposalWorker* m_proposalWorker = nullptr; // one model on one thread, for both modes
    ScreeningPanel* m_screening = nullptr;
    QDockWidget* m_screeningDock = nullptr;
    ViewerProposals* m_viewerProposals = nullptr;
    LabelingProposals* m_labelingProposals = nullptr;
    QLabel* m_cnnStatus = nullptr; // "CNN 12 / 40" in the status bar
    QList<QAction*> m_navigation; // arrows step slices only outside labeling mode
    RecentFiles* m_recent = nullptr;
    QMenu* m_openRecent = nullptr;
    WindowLayout* m_layout = nullptr;
    QString m_studyTitle; // the open study's description (the window title), empty when none
    QString m_signedIn; // "path|name" of the project signed in to, to log only a new sign-in
};

} // namespace sg::ui
