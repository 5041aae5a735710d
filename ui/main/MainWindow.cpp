#include "ui/main/MainWindow.h"

#include "core/util/PrintableText.h"

#include "ui/browser/StudyBrowser.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/ElidedLabel.h"
#include "ui/dashboard/DashboardWindow.h"
#include "ui/labeling/KitTransferAction.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/labeling/LabelingPanel.h"
#include "ui/main/AboutDialog.h"
#include "ui/main/ActivityLog.h"
#include "ui/main/DemoStudy.h"
#include "ui/main/RecentFiles.h"
#include "ui/main/ShortcutsSheet.h"
#include "ui/main/SkippedFiles.h"
#include "ui/main/StudyLoader.h"
#include "ui/main/StudyPrefetch.h"
#include "ui/main/UserGuide.h"
#include "ui/main/WindowLayout.h"
#include "ui/proposals/LabelingProposals.h"
#include "ui/proposals/ProposalWorker.h"
#include "ui/proposals/ScreeningPanel.h"
#include "ui/proposals/ViewerProposals.h"
#include "ui/report/ReportExportAction.h"
#include "ui/report/ScreeningExportAction.h"
#include "ui/review/GoToItemDialog.h"
#include "ui/review/ItemLookup.h"
#include "ui/review/ReviewMode.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"
#include "ui/viewer/ViewerState.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sg::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_state(new ViewerState(this)),
      m_view(new SliceView(this)),
      m_browser(new StudyBrowser(*m_state, this)),
      m_loader(new BackgroundTask(this)),
      m_demo(new BackgroundTask(this)),
      m_log(new ActivityLog(this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QToolButton(this)),
      m_status(new ElidedLabel(this)),
      m_dashboard(new DashboardWindow(this))
{
    setCentralWidget(m_view);
    setAcceptDrops(true); // a folder or a project dropped on the window opens

    m_studyDock = new QDockWidget(tr("Study"), this);
    m_studyDock->setObjectName("studyDock"); // the name is the key of its place in saved layouts
    m_studyDock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, m_studyDock);

    m_logDock = new QDockWidget(tr("Log"), this);
    m_logDock->setObjectName("logDock");
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    resizeDocks({m_studyDock}, {260}, Qt::Horizontal);
    resizeDocks({m_logDock}, {110}, Qt::Vertical);

    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setVisible(false);
    // A long message (a model path) never widens the window under the user's hands: what does
    // not fit ends in "…" with the whole message in the tooltip (and the log has the events whole).
    m_status->setObjectName("statusMessage");
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        m_loader->cancel();
        m_demo->cancel();
    });
    connect(m_demo, &BackgroundTask::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
        m_progress->setValue(static_cast<int>(done));
        setStatus(tr("Generating the demo study… %1 / %2 slices").arg(done).arg(total));
    });
    connect(m_loader, &BackgroundTask::progress, this, [this](qint64 done, qint64 total, const QString& phase) {
        m_progress->setMaximum(static_cast<int>(std::max<qint64>(total, 1)));
        m_progress->setValue(static_cast<int>(done));
        setStatus(QStringLiteral("%1… %2 / %3").arg(phase).arg(done).arg(total));
    });
    // The view shows the viewer's model until a project is open (setLabelingActive swaps it).
    m_view->setModel(&m_state->model());
    connect(m_state, &ViewerState::sliceChanged, this, &MainWindow::refreshView);

    createActions();
    createProposals();
    // 1280x900, or less on a small screen (a 1366x768 laptop): room for the frame and a task bar.
    QSize size(1280, 900);
    if (const QScreen* s = screen())
        size = size.boundedTo(s->availableGeometry().size() - QSize(16, 40));
    resize(size);
    // Every dock exists now: this is the viewing layout's default, the remembered one replaces it.
    m_layout->setRole(roleName());
    updateTitle();
    m_view->setFocus();
}

MainWindow::~MainWindow()
{
    m_layout->save();
    // Closing the window closes the study: the CNN stops before the pixels it reads go away.
    m_proposalWorker->cancel();
}

void MainWindow::startProposalsAfterTheFirstFrame()
{
    // LibTorch's start-up (~0.65 s of CPU, and dlopen holds the loader lock the first render's
    // GL libraries need) would share two cores with the study's first frame: the CNN starts
    // once that frame is on screen. A hidden view draws no frame: then it starts now.
    if (!m_view->isVisible()) {
        m_viewerProposals->resume();
        return;
    }
    const auto study = m_state->study();
    connect(
        m_view, &QOpenGLWidget::frameSwapped, this,
        [this, study] {
            if (m_state->study() == study && !m_labeling->isActive())
                m_viewerProposals->resume();
        },
        Qt::SingleShotConnection);
    m_view->update();
}

void MainWindow::createProposals()
{
    m_proposalWorker = new ProposalWorker(shippedModelLoader(), this);
    m_screening = new ScreeningPanel(this);
    m_screeningDock = new QDockWidget(tr("CNN"), this);
    m_screeningDock->setObjectName("cnnDock");
    m_screeningDock->setWidget(m_screening);
    addDockWidget(Qt::RightDockWidgetArea, m_screeningDock);
    // It shares its place with the label dock (one shows at a time): stacked, the two would
    // need more height than the window has and grow it when labeling starts.
    tabifyDockWidget(m_labeling->panelDock(), m_screeningDock);
    resizeDocks({m_screeningDock}, {290}, Qt::Horizontal);
    m_screening->setModelStatus(tr("CNN model: loads with the first study."), true);
    // LibTorch's start-up (~0.65 s of CPU) runs on the worker once the window has drawn its
    // first frame, so the window never waits for it; a study being opened loads it with its
    // model instead (no second thread competing with the load on a 2-core machine).
    connect(
        m_view, &QOpenGLWidget::frameSwapped, this,
        [this] {
            if (!isLoading())
                m_proposalWorker->preloadPlugin();
        },
        Qt::SingleShotConnection);
    m_viewerProposals = new ViewerProposals(*m_proposalWorker, *m_state, *m_screening, this);
    m_labelingProposals = new LabelingProposals(*m_proposalWorker, m_labeling->controller(), this);
    // File > Export screening… (the plain viewer's, no project): placed before Quit.
    m_screeningExport =
        new ScreeningExportAction(this, m_fileMenu, *m_state, *m_viewerProposals, *m_proposalWorker, *m_labeling);
    m_fileMenu->insertAction(m_quitSeparator, m_screeningExport->action());
    connect(m_screeningExport, &ScreeningExportAction::message, this, &MainWindow::setStatus);
    connect(m_screeningExport, &ScreeningExportAction::message, this, &MainWindow::appendLog);
    m_cnnStatus = new QLabel(this);
    statusBar()->addPermanentWidget(m_cnnStatus);
    connect(m_viewerProposals, &ViewerProposals::message, this, &MainWindow::setStatus);
    connect(m_labelingProposals, &LabelingProposals::message, this, &MainWindow::setStatus);
    connect(m_viewerProposals, &ViewerProposals::logLine, this, &MainWindow::appendLog);
    connect(m_labelingProposals, &LabelingProposals::logLine, this, &MainWindow::appendLog);
    connect(m_proposalWorker, &ProposalWorker::progress, this,
        [this](int done, int total) { m_cnnStatus->setText(tr("CNN %1 / %2").arg(done).arg(total)); });
    connect(m_labelingProposals, &LabelingProposals::progress, this, [this](int done, int total, bool) {
        m_cnnStatus->setText(total > 0 ? tr("CNN %1 / %2 stored").arg(done).arg(total) : QString());
    });
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open study folder…"), QKeySequence::Open, this, &MainWindow::chooseFolder);
    file->addAction(tr("Open the &demo study"), this, &MainWindow::openDemo);
    m_recent = new RecentFiles(this);
    m_openRecent = file->addMenu(tr("Open &Recent"));
    m_openRecent->setObjectName("openRecentMenu");
    connect(m_openRecent, &QMenu::aboutToShow, this, [this] { m_recent->fillMenu(m_openRecent); });
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openPath);
    m_recent->fillMenu(m_openRecent);
    file->addSeparator();
    // The labeling mode adds "Open labeling project…" and "Close" here and fills the Label menu.
    auto* label = new QMenu(tr("&Label"), this);
    m_labeling = new LabelingMode(this, m_view, file, label);
    m_labeling->setNeighbourDocks(m_studyDock, m_logDock);
    connect(m_labeling, &LabelingMode::message, this, &MainWindow::setStatus);
    connect(m_labeling, &LabelingMode::activeChanged, this, &MainWindow::setLabelingActive);
    connect(m_labeling, &LabelingMode::aboutToArrangeDocks, this, [this] { m_layout->save(); });
    m_reportExport = new ReportExportAction(this, file, m_labeling);
    connect(m_reportExport, &ReportExportAction::message, this, &MainWindow::setStatus);
    connect(m_reportExport, &ReportExportAction::message, this, &MainWindow::appendLog); // export written, or why not
    auto* kits = new KitTransferAction(this, file, m_labeling); // reader kits: File > Send to analyzer, Receive
    connect(kits, &KitTransferAction::message, this, &MainWindow::setStatus);
    connect(kits, &KitTransferAction::message, this, &MainWindow::appendLog);
    connect(&m_labeling->controller(), &LabelingController::labelSaved, m_log, &ActivityLog::countSavedLabel);
    m_fileMenu = file;
    m_quitSeparator = file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* nav = menuBar()->addMenu(tr("&Navigate"));
    auto addNav = [&](const QString& text, const QList<QKeySequence>& keys, auto fn) {
        QAction* a = nav->addAction(text, this, fn);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        addAction(a);
        m_navigation.append(a);
    };
    addNav(tr("Next slice"), {Qt::Key_Down, Qt::Key_Right}, [this] { m_state->stepSlice(+1); });
    addNav(tr("Previous slice"), {Qt::Key_Up, Qt::Key_Left}, [this] { m_state->stepSlice(-1); });
    addNav(tr("Level up (cranial)"), {Qt::Key_PageUp}, [this] { m_state->stepLevel(+1); });
    addNav(tr("Level down (caudal)"), {Qt::Key_PageDown}, [this] { m_state->stepLevel(-1); });
    QAction* goTo = nav->addAction(tr("&Go to item…"), this, &MainWindow::askGoToItem);
    goTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    goTo->setShortcutContext(Qt::WindowShortcut);
    goTo->setProperty("shortcutModes", QStringList {"Label", "Review"}); // the sheet's headings: it finds items
    addAction(goTo);
    menuBar()->addMenu(label);
    // Review mode (the lead's): its menu follows Label's; it takes the view and the keys.
    auto* reviewMenu = menuBar()->addMenu(tr("&Review"));
    m_review = new ReviewMode(this, m_view, reviewMenu, *m_labeling);
    connect(m_review, &ReviewMode::message, this, &MainWindow::setStatus);
    connect(m_review, &ReviewMode::activeChanged, this, &MainWindow::setReviewActive);
    connect(m_review, &ReviewMode::aboutToArrangeDocks, this, [this] { m_layout->save(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (const auto& p : sg::core::windowPresets()) {
        QAction* a = view->addAction(QString::fromStdString(p.name), this, [this, preset = p.preset] {
            const bool applied = m_view->model()->applyPreset(preset); // the mode shown
            if (!applied)
                setStatus(tr("This series has no valid window in its header."));
        });
        a->setShortcut(QKeySequence(QString::fromStdString(p.shortcut)));
        addAction(a);
        m_presets.append(a);
    }
    // The window set on a slice stays for the series' next slices until the user resets it.
    QAction* resetWindow = view->addAction(tr("Reset window/level"), this, [this] { m_view->model()->resetWindow(); });
    resetWindow->setShortcut(Qt::Key_0);
    addAction(resetWindow);
    view->addSeparator();
    QAction* fit = view->addAction(tr("Fit to window"), this, [this] { m_view->resetView(); });
    fit->setShortcut(Qt::Key_Home);
    addAction(fit);
    view->addSeparator();
    m_dashboardAction = view->addAction(tr("&Agreement dashboard"), this, &MainWindow::openDashboard);
    m_dashboardAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_dashboardAction->setEnabled(false);
    addAction(m_dashboardAction);
    view->addSeparator();
    m_layout = new WindowLayout(this, view); // Panels, Reset layout

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    help->addAction(tr("&User guide"), this, &MainWindow::showUserGuide)->setObjectName("userGuideAction");
    help->addSeparator();
    help->addAction(tr("&About SpineGrade"), this, &MainWindow::showAbout)->setObjectName("aboutAction");
}

void MainWindow::showAbout()
{
    auto* about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::showUserGuide()
{
    // One guide window; it opens on the page of the role the window works in.
    if (!m_guide)
        m_guide = new UserGuide(this);
    m_guide->showRole(roleName());
    m_guide->show();
    m_guide->raise();
}

QString MainWindow::roleName() const
{
    if (!m_labeling || !m_labeling->isActive())
        return QStringLiteral("clinician");
    return m_labeling->controller().isLead() ? QStringLiteral("lead") : QStringLiteral("annotator");
}

namespace {
// A title is one line, whatever the folder, project or study description it shows is named.
void setEscapedTitle(QWidget* window, const QString& title)
{
    window->setWindowTitle(QString::fromStdString(sg::core::printableLine(title.toStdString(), 160)));
}
} // namespace

void MainWindow::updateTitle()
{
    // What is open, by the name its user knows it by.
    if (m_labeling->isActive())
        setEscapedTitle(this,
            tr("SpineGrade - %1 (%2)")
                .arg(QFileInfo(m_labeling->controller().projectPath()).fileName(),
                    QString::fromStdString(m_labeling->controller().who().name)));
    else if (!m_studyTitle.isEmpty())
        setEscapedTitle(this, tr("SpineGrade - %1").arg(m_studyTitle));
    else
        setEscapedTitle(this, tr("SpineGrade"));
}

void MainWindow::setStatus(const QString& text)
{
    // One line, as the log: a quoted folder or file name may hold a line break.
    m_status->setText(QString::fromStdString(sg::core::printableText(text.toStdString())));
}

QString MainWindow::logText() const
{
    return m_log->toPlainText();
}

bool MainWindow::isProjectFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return false;
    // By content, not by name: a project renamed .db still opens, a folder named x.sgdb is a folder.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return info.suffix().compare(QStringLiteral("sgdb"), Qt::CaseInsensitive) == 0;
    return file.read(16) == QByteArray("SQLite format 3", 16);
}

bool MainWindow::openPath(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        setStatus(tr("%1 does not exist.").arg(path));
        appendLog(tr("Not opened: %1 does not exist.").arg(path));
        return false;
    }
    if (info.isDir()) {
        openStudy(info.absoluteFilePath());
        return true;
    }
    // A project, or a file named as one (.sgdb, .sgkit) that is not: the sign-in's own check
    // says what is wrong with it, instead of its folder being scanned as a study.
    const QString suffix = info.suffix().toLower();
    if (isProjectFile(path) || suffix == QLatin1String("sgdb") || suffix == QLatin1String("sgkit"))
        return m_labeling->chooseAndOpen(info.absoluteFilePath());
    // A single file: its folder is the study (a DICOM file dropped or double-clicked).
    openStudy(info.absolutePath());
    return true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    // After the drop returns: the sign-in dialog must not run inside the drag's event loop.
    QTimer::singleShot(0, this, [this, path = urls.first().toLocalFile()] { openPath(path); });
}

void MainWindow::showShortcuts()
{
    showShortcutsSheet(this);
}

void MainWindow::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a DICOM study folder"));
    if (!dir.isEmpty())
        openStudy(dir);
}

void MainWindow::openStudy(const QString& path)
{
    // Opening a study is a switch to plain viewing, but only once the folder turned out to hold
    // images (onLoaded): a folder without DICOM leaves the open project or study as it was.
    if (!m_labeling->isActive())
        m_viewerProposals->stop(); // its slices may be replaced
    appendLog(tr("Opening %1").arg(path));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    setStatus(tr("Scanning %1…").arg(path));
    m_loader->abandon(); // a load in progress gives way to this one
    using Loaded = sg::core::Result<std::shared_ptr<LoadedStudy>>;
    m_loader->start<Loaded>([path](sg::core::Progress& progress) -> Loaded { return loadOrTakeStudy(path, progress); },
        [this, path](Loaded loaded) {
            if (loaded) {
                onLoaded(*loaded);
                return;
            }
            // Only an exception inside the load gets here; the study still open goes on.
            m_progress->setVisible(false);
            m_cancel->setVisible(false);
            setStatus(tr("%1 could not be loaded: %2").arg(path, QString::fromStdString(loaded.error())));
            appendLog(m_status->text());
            m_viewerProposals->resume();
        });
}

void MainWindow::openDemo()
{
    if (demoStudyReady()) {
        openStudy(demoStudyFolder());
        return;
    }
    appendLog(tr("Generating the demo study in %1 (once)").arg(demoStudyFolder()));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    setStatus(tr("Generating the demo study…"));
    m_demo->start<sg::core::Status>([](sg::core::Progress& progress) { return generateDemoStudy(progress); },
        [this](const sg::core::Status& generated) { onDemoGenerated(QString::fromStdString(generated.error())); });
}

void MainWindow::onDemoGenerated(const QString& error)
{
    const QString folder = demoStudyFolder();
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    if (!error.isEmpty()) {
        setStatus(tr("The demo study could not be generated: %1").arg(error));
        appendLog(tr("Demo study not generated in %1: %2").arg(folder, error));
        return;
    }
    appendLog(tr("Demo study generated in %1").arg(folder));
    openStudy(folder);
}

bool MainWindow::isLoading() const
{
    return m_loader->isRunning();
}

void MainWindow::onLoaded(std::shared_ptr<LoadedStudy> study)
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
    if (study->cancelled) {
        setStatus(tr("Loading cancelled."));
        appendLog(tr("Loading of %1 cancelled.").arg(study->path));
        if (!m_labeling->isActive())
            m_viewerProposals->resume(); // the study still open goes on
        emit loadFinished();
        return;
    }
    const QString skipped = reportSkippedFiles(*study, [this](const QString& line) { appendLog(line); });
    if (study->series.empty()) {
        // Nothing to show: what was open stays open, and the user is told.
        appendLog(tr("No image series found in %1.").arg(study->path));
        const QString open =
            m_labeling->isActive() ? QFileInfo(m_labeling->controller().projectPath()).fileName() : m_studyTitle;
        setStatus((open.isEmpty()
                ? tr("No DICOM images were found in %1%2.").arg(study->path, skipped)
                : tr("No DICOM images were found in %1%2. %3 stays open.").arg(study->path, skipped, open)));
        if (!m_labeling->isActive())
            m_viewerProposals->resume();
        emit loadFinished();
        return;
    }
    // Images found: now the project (if one is open) gives way to the study.
    if (m_labeling->isActive()) {
        m_labeling->close();
        m_viewerProposals->stop();
    }
    const int slices = study->scan.sliceCount();
    setStatus(tr("%1: %2 series, %3 slices%4").arg(study->path).arg(study->series.size()).arg(slices).arg(skipped));
    appendLog(tr("Opened study %1: %2 series, %3 slices").arg(study->path).arg(study->series.size()).arg(slices));
    m_recent->add(study->path);
    m_studyTitle.clear();
    if (!study->scan.studies.empty())
        m_studyTitle = QString::fromStdString(study->scan.studies.front().description);
    if (m_studyTitle.isEmpty())
        m_studyTitle = QFileInfo(study->path).fileName();
    updateTitle();
    m_state->setStudy(std::move(study));
    m_view->resetView();
    m_viewerProposals->studyOpened();
    startProposalsAfterTheFirstFrame();
    emit studyLoaded();
    emit loadFinished();
}

bool MainWindow::openLabelingProject(const QString& projectPath, const QString& name)
{
    return m_labeling->open(projectPath, name);
}

bool MainWindow::openDashboard()
{
    if (!m_labeling->isActive() || !m_labeling->controller().isLead()) {
        setStatus(tr("The agreement dashboard is for the study lead: open the project as a lead."));
        return false;
    }
    m_dashboard->show(m_labeling->controller().projectPath());
    return true;
}

void MainWindow::logProjectOpened()
{
    const auto& c = m_labeling->controller();
    const QString key = c.projectPath() + QLatin1Char('|') + QString::fromStdString(c.who().name);
    if (key == m_signedIn)
        return;
    m_signedIn = key;
    appendLog(tr("Opened project %1").arg(c.projectPath()));
    appendLog(tr("Signed in as %1 (%2): %3 / %4 done")
                  .arg(QString::fromStdString(c.who().name), c.isLead() ? tr("lead") : tr("analyzer"))
                  .arg(c.progress().done)
                  .arg(c.progress().total));
    m_recent->add(c.projectPath());
}

void MainWindow::setLabelingActive(bool active)
{
    // The study tree stays empty while labeling: it says why instead of a blank tab.
    m_browser->setPlaceholder(active ? tr("Labeling shows the worklist only: its items are read one by one, not "
                                          "as a study. Close the project (File) to browse a study folder.")
                                     : QString());
    // Saves counted so far belong to the session that made them.
    m_log->flushSavedLabels();
    if (active)
        logProjectOpened();
    else if (!m_signedIn.isEmpty()) {
        appendLog(tr("Closed project %1").arg(m_signedIn.section(QLatin1Char('|'), 0, 0)));
        m_signedIn.clear();
    }
    // Arrows nudge the patch while labeling; outside it they step slices.
    for (QAction* a : m_navigation)
        a->setEnabled(!active);
    const bool lead = active && m_labeling->controller().isLead();
    m_dashboardAction->setEnabled(lead);
    // A closed project, another project, or an analyzer signed in instead of the lead: the
    // figures must not stay on screen (blinding).
    m_dashboard->closeUnless(lead, m_labeling->controller().projectPath());
    // One CNN worker: it serves the project while labeling, the open study otherwise.
    m_screeningDock->setVisible(!active);
    if (active) {
        m_viewerProposals->stop();
        m_labelingProposals->start();
    } else {
        m_labelingProposals->stop();
        m_viewerProposals->resume();
        refreshView();
    }
    m_view->setModel(active ? &m_labeling->model() : &m_state->model());
    updateTitle();
    // The docks are arranged for the mode now; the role's remembered layout replaces that.
    m_layout->setRole(roleName());
}

void MainWindow::setReviewActive(bool active)
{
    // The digits show and hide the raters' overlays while reviewing; the presets step aside.
    for (int i = 0; i < m_presets.size(); ++i)
        m_presets[i]->setShortcut(
            active ? QKeySequence(Qt::CTRL | Qt::ALT | (Qt::Key_1 + i)) : QKeySequence(Qt::Key_1 + i));
    // Review has docks of its own: its arrangement is remembered apart from labeling's.
    m_layout->setRole(active ? QStringLiteral("review") : roleName());
}

void MainWindow::askGoToItem()
{
    auto* dialog = new GoToItemDialog([this](const QString& text) { return goToItem(text); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString MainWindow::goToItem(const QString& text)
{
    QString why;
    if (!m_labeling->isActive())
        why = tr("Open a project first: item keys name the items of a project.");
    else if (auto found = findItemByKey(m_labeling->controller().projectPath(), text); !found)
        why = QString::fromStdString(found.error());
    else if (m_review->isActive()) {
        if (!m_review->showItem(found->itemId))
            why = tr("%1 cannot be shown.").arg(found->key);
    } else if (!m_labeling->controller().jumpTo(found->itemId))
        // An analyzer never sees keys: the answer does not echo one back.
        why = tr("That item is not on your worklist.");
    if (!why.isEmpty())
        setStatus(why);
    return why;
}

DashboardWidget* MainWindow::dashboard() const
{
    return m_dashboard->widget();
}

void MainWindow::refreshView()
{
    // The viewer's model follows its state by itself; the CNN's overlay follows the slice.
    if (m_viewerProposals)
        m_viewerProposals->showCurrent();
}

void MainWindow::appendLog(const QString& line)
{
    m_log->append(line);
}

} // namespace sg::ui
