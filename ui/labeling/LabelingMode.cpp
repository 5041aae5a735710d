#include "ui/labeling/LabelingMode.h"

#include "core/store/ProjectRaterNames.h"
#include "core/store/ProjectStore.h"
#include "ui/common/BackgroundTask.h"
#include "ui/common/ImportRoots.h"
#include "ui/common/ProposalText.h"
#include "ui/labeling/IdentityDialog.h"
#include "ui/labeling/ImportRootPrompt.h"
#include "ui/labeling/ItemImageCache.h"
#include "ui/labeling/LabelText.h"
#include "ui/labeling/LabelingActions.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingPanel.h"
#include "ui/labeling/NewProjectDialog.h"
#include "ui/labeling/WorklistPanel.h"
#include "ui/viewer/DisplayOrientation.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>

namespace sg::ui {

using namespace sg::core;

namespace {
constexpr int kPrefetch = 4; // items ahead in the order; a commit needs only the next one

// Scrolls its widget vertically only and is always as wide as the widget needs, also when the
// widget's content (a longer patch text) asks for more width later.
class VerticalScrollArea : public QScrollArea {
public:
    explicit VerticalScrollArea(QWidget* widget, QWidget* parent) : QScrollArea(parent)
    {
        setWidget(widget);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        widget->installEventFilter(this);
    }
    QSize minimumSizeHint() const override
    {
        QSize size = QScrollArea::minimumSizeHint();
        if (widget())
            size.setWidth(widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width());
        return size;
    }
    QSize sizeHint() const override
    {
        QSize size = QScrollArea::sizeHint();
        size.setWidth(std::max(size.width(), minimumSizeHint().width()));
        return size;
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            updateGeometry(); // the dock learns the new width
        return QScrollArea::eventFilter(watched, event);
    }
};
} // namespace

LabelingMode::LabelingMode(QMainWindow* window, SliceView* view, QMenu* fileMenu, QMenu* labelMenu)
    : QObject(window),
      m_window(window),
      m_view(view),
      m_controller(new LabelingController(this)),
      m_cache(new ItemImageCache(this)),
      m_actions(new LabelingActions(fileMenu, labelMenu, window)),
      m_panel(new LabelingPanel(*m_controller, *m_actions)),
      m_worklist(new WorklistPanel(*m_controller)),
      m_setup(new BackgroundTask(this)),
      m_panelDock(new QDockWidget(tr("Label"), window)),
      m_worklistDock(new QDockWidget(tr("Worklist"), window)),
      m_model(new SliceViewModel(this)),
      // The analyzer's own patch leads (drawn on top, first in the legend); clicks edit it.
      m_patchOverlay(m_model->addPatchOverlay(analyzerPatchColour(), false, tr("analyzer patch (solid)"))),
      m_proposalOverlay(m_model->addPatchOverlay(proposalColour(), true, tr("CNN patch (dashed)")))
{
    m_model->setEditedPatch(m_patchOverlay);
    m_panelDock->setObjectName("labelDock");
    // In a scroll area: the lead's panel (raters' table, CNN, comment) is taller than a 1366x768
    // screen leaves; without it the dock's minimum grew the window past the screen.
    auto* scroll = new VerticalScrollArea(m_panel, m_panelDock);
    m_panelDock->setWidget(scroll);
    window->addDockWidget(Qt::RightDockWidgetArea, m_panelDock);
    m_worklistDock->setObjectName("worklistDock");
    m_worklistDock->setWidget(m_worklist);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_worklistDock);
    m_panelDock->hide();
    m_worklistDock->hide();

    connectActions();
    connect(m_controller, &LabelingController::message, this, &LabelingMode::message);
    connect(m_controller, &LabelingController::conflictFound, this, &LabelingMode::askConflict);
    connect(m_controller, &LabelingController::itemChanged, this, &LabelingMode::onItemChanged);
    connect(m_controller, &LabelingController::labelChanged, this, [this] {
        m_patchOverlay->setPatch(m_controller->pending().patch);
        const auto& proposal = m_controller->proposal();
        m_proposalOverlay->setPatch(proposal ? proposal->patch : std::nullopt);
        m_proposalOverlay->setCaption(proposal ? predictionOverlayText(*proposal) : QString());
        m_panel->refreshLabel();
        m_panel->refreshProposal();
    });
    connect(m_controller, &LabelingController::progressChanged, m_worklist, &WorklistPanel::refreshProgress);
    connect(m_controller, &LabelingController::levelsChanged, m_worklist, &WorklistPanel::reset);
    connect(m_cache, &ItemImageCache::loaded, this, [this](std::int64_t id) {
        const Item* item = m_controller->item();
        if (item && item->id == id && !m_image)
            showImage(m_cache->get(id, QString::fromStdString(item->file)));
    });
    // Only this mode's model hears these: the view reports to the model it shows.
    connect(m_model, &SliceViewModel::pixelClicked, m_controller,
        [c = m_controller](QPointF p) { c->placePatchAt(p.x(), p.y()); });
    connect(m_model, &SliceViewModel::pixelRectDrawn, m_controller, [c = m_controller](QRectF r) {
        c->setPatch({r.x(), r.y(), r.width(), r.height()});
    });
    m_window->installEventFilter(this);
    // File > Locate studies…, and the question when a project's studies are not where it says.
    auto* roots = new ImportRootPrompt(window, fileMenu, this);
    connect(roots, &ImportRootPrompt::message, this, &LabelingMode::message);
}

bool LabelingMode::eventFilter(QObject* watched, QEvent* event)
{
    // Back from another window (maybe one labeling the same project as the same name): what
    // was given there shows here before the next key, not only when a save is refused.
    if (watched == m_window && event->type() == QEvent::WindowActivate && isActive())
        m_controller->followFile();
    return QObject::eventFilter(watched, event);
}

LabelingMode::~LabelingMode() = default;

void LabelingMode::connectActions()
{
    LabelingActions& a = *m_actions;
    LabelingController* c = m_controller;
    connect(a.open, &QAction::triggered, this, [this] { chooseAndOpen(); });
    connect(a.create, &QAction::triggered, this, &LabelingMode::askNewProject);
    connect(a.close, &QAction::triggered, this, &LabelingMode::close);
    connect(a.rootlet, &QAction::triggered, c, [c] { c->setCanal(Canal::Rootlet); });
    connect(a.cord, &QAction::triggered, c, [c] { c->setCanal(Canal::Cord); });
    for (int g = 0; g < 4; ++g)
        connect(a.grades[g], &QAction::triggered, c, [c, g] { c->setGrade(static_cast<Grade>(g)); });
    for (int s = 0; s < 4; ++s)
        connect(a.subgrades[s], &QAction::triggered, c,
            [c, s](bool on) { c->setSubgrade(on ? std::optional<int>(s + 1) : std::nullopt); });
    connect(a.commit, &QAction::triggered, c, &LabelingController::commitAndNext);
    connect(a.previous, &QAction::triggered, c, &LabelingController::previous);
    connect(a.skip, &QAction::triggered, this, &LabelingMode::askSkip);
    connect(a.undo, &QAction::triggered, c, &LabelingController::undo);
    connect(a.correctLevel, &QAction::triggered, this, &LabelingMode::askLevel);
    connect(a.redo, &QAction::triggered, c, &LabelingController::redo);
    const int dx[4] = {-1, 1, 0, 0}, dy[4] = {0, 0, -1, 1};
    for (int i = 0; i < 4; ++i) {
        connect(a.nudge[i], &QAction::triggered, this, [this, x = dx[i], y = dy[i]] { nudgeOnScreen(x, y); });
        connect(
            a.nudgeFar[i], &QAction::triggered, this, [this, x = dx[i], y = dy[i]] { nudgeOnScreen(10 * x, 10 * y); });
    }
    connect(a.grow, &QAction::triggered, c, [c] { c->resizePatch(+2); });
    connect(a.shrink, &QAction::triggered, c, [c] { c->resizePatch(-2); });
    connect(a.focusComment, &QAction::triggered, this, [this] {
        m_panel->commentField()->setFocus();
        m_panel->commentField()->selectAll();
    });
}

bool LabelingMode::chooseAndOpen(const QString& given)
{
    const QString path = !given.isEmpty()
        ? given
        : QFileDialog::getOpenFileName(m_window, tr("Open a labeling project"), QString(),
              tr("SpineGrade projects and reader kits (*.sgdb *.sgkit);;All files (*)"));
    if (path.isEmpty())
        return false;
    {
        // A file that is no project is said before anyone types a passphrase for it.
        // Read-only: looking must not migrate or touch the file.
        if (auto store = ProjectStore::open(path.toStdString(), projectOpenOptions(path, true)); !store) {
            emit message(QString::fromStdString(store.error()));
            return false;
        }
    }
    // The sign-in checks the passphrase on a worker with its own connection; the session
    // opens its own afterwards. No list of names is read: the dialog shows none.
    IdentityDialog dialog(path, m_window);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    IdentityDialog::remember(dialog.name());
    return open(path, dialog.name());
}

void LabelingMode::askNewProject()
{
    if (auto* open = m_window->findChild<NewProjectDialog*>(); open && open->isVisible()) {
        open->raise();
        return open->activateWindow();
    }
    auto* dialog = new NewProjectDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Create keeps the dialog up: it closes once the project is open, and otherwise says why
    // with everything typed still there.
    connect(dialog, &NewProjectDialog::createRequested, this, [this, dialog] {
        if (m_setup->isRunning())
            return;
        dialog->setBusy(true);
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(
            this, &LabelingMode::projectCreated, dialog, [dialog, connection](const QString&, const QString& error) {
                disconnect(*connection);
                dialog->setBusy(false);
                if (error.isEmpty())
                    dialog->accept();
                else
                    dialog->showError(error);
            });
        createProject(dialog->options(), dialog);
    });
    dialog->open();
}

void LabelingMode::createProject(const ProjectSetupOptions& options, QWidget* over)
{
    if (m_setup->isRunning())
        return;
    // Over the new-project dialog when it is up: a window-modal dialog blocks its siblings.
    auto* progress = new QProgressDialog(tr("Scanning the DICOM folder…"), tr("Cancel"), 0, 0, over ? over : m_window);
    progress->setWindowTitle(tr("New labeling project"));
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    const QString lead = QString::fromStdString(options.leadName);
    const QString file = QString::fromStdString(options.projectFile);
    connect(progress, &QProgressDialog::canceled, m_setup, &BackgroundTask::cancel);
    connect(m_setup, &BackgroundTask::progress, progress, [progress](qint64 done, qint64 total, const QString& step) {
        progress->setLabelText(step == "scan" ? tr("Scanning the DICOM folder… %1 of %2 files").arg(done).arg(total)
                                              : tr("Importing the studies and building the worklist…"));
        progress->setMaximum(static_cast<int>(total));
        progress->setValue(static_cast<int>(done));
    });
    using SetUp = Result<ProjectSetupSummary>;
    m_setup->start<SetUp>([options](sg::core::Progress& p) { return setUpProject(options, p); },
        [this, progress = QPointer<QProgressDialog>(progress), lead, file](const SetUp& setUp) {
            if (progress) // it may have gone with the window it showed over
                progress->close();
            if (!setUp) {
                const QString error = QString::fromStdString(setUp.error());
                emit message(tr("No project was created: %1").arg(error));
                emit projectCreated(file, error);
                return;
            }
            const ProjectSetupSummary& s = *setUp;
            const QString summary =
                tr("%1 slice(s) of %2 stud(ies) imported, %3 item(s) in the worklist, %4 file(s) skipped")
                    .arg(s.import.newSlices)
                    .arg(s.import.studies)
                    .arg(s.worklist.items)
                    .arg(s.skippedFiles);
            IdentityDialog::remember(lead);
            const bool opened = open(file, lead);
            emit message(tr("Created %1: %2").arg(file, summary));
            emit projectCreated(file, opened ? QString() : tr("created, but it could not be opened"));
        });
}

bool LabelingMode::open(const QString& projectPath, const QString& name)
{
    // The controller opens the new project fully before it lets the open one go: a refused
    // sign-in leaves the project that was open working, as it was.
    if (!m_controller->open(projectPath, name)) {
        if (!isActive())
            close();
        return false;
    }
    // A reader kit holds its slices: the analyzer needs no DICOM folder (File > Send to analyzer).
    m_cache->setKitFile(m_controller->isReaderKit() ? projectPath : QString());
    m_image.reset();
    emit aboutToArrangeDocks();
    m_actions->setEnabled(true);
    m_worklist->reset();
    m_panelDock->show();
    m_worklistDock->show();
    // The worklist shares the study browser's place (a tab): it needs the height.
    if (m_studyDock && m_window->tabifiedDockWidgets(m_studyDock).isEmpty())
        m_window->tabifyDockWidget(m_studyDock, m_worklistDock);
    m_worklistDock->raise();
    m_window->resizeDocks({m_panelDock}, {330}, Qt::Horizontal);
    if (m_logDock)
        m_window->resizeDocks({m_logDock}, {70}, Qt::Vertical);
    m_model->clearImage(); // a new sign-in starts from each series' own window
    emit activeChanged(true);
    emit message(tr("Labeling %1 as %2: %3 / %4 done.")
                     .arg(QFileInfo(projectPath).fileName(), QString::fromStdString(m_controller->who().name))
                     .arg(m_controller->progress().done)
                     .arg(m_controller->progress().total));
    onItemChanged();
    return true;
}

void LabelingMode::close()
{
    const bool wasActive = isActive();
    if (wasActive)
        emit aboutToArrangeDocks();
    m_controller->close();
    m_cache->clear();
    m_image.reset();
    m_actions->setEnabled(false);
    m_model->clearImage();
    m_model->setCornerTexts({}, {}, {});
    m_patchOverlay->setPatch(std::nullopt);
    m_proposalOverlay->setPatch(std::nullopt);
    m_proposalOverlay->setCaption({});
    m_worklist->reset();
    m_panelDock->hide();
    m_worklistDock->hide();
    if (wasActive)
        emit activeChanged(false);
}

bool LabelingMode::isActive() const
{
    return m_controller->isOpen();
}

void LabelingMode::onItemChanged()
{
    if (!isActive())
        return;
    m_panel->refreshItem();
    m_worklist->refreshCurrent();
    // Keys belong to the labeling actions again once an item is committed from the comment.
    if (m_panel->commentField()->hasFocus())
        m_view->setFocus();
    const Item* item = m_controller->item();
    m_image.reset();
    if (item) {
        if (auto image = m_cache->get(item->id, QString::fromStdString(item->file)))
            showImage(image);
        else if (!m_image) { // shown already if it arrived meanwhile: "loading" must not cover it
            m_model->setImage(nullptr, m_model->windowing()); // loading: the series' window stays
            updateCorners();
            emit itemShown();
        }
    }
    prefetchAhead();
}

void LabelingMode::showImage(const std::shared_ptr<const ItemImage>& image)
{
    m_image = image;
    // The model keeps the window set on a slice for the next slices of the same series (the
    // reader compares them); another series, or an unreadable slice, starts from its own.
    const Item* item = m_controller->item();
    SliceViewModel::Windowing windowing;
    if (item && !image->image.empty())
        windowing.series = item->seriesUidHash;
    windowing.stats = image->stats;
    windowing.header = image->image.headerWindow;
    m_model->setImage(
        image->image.empty() ? nullptr : std::shared_ptr<const SliceImage>(image, &image->image), windowing);
    if (image->image.empty())
        m_panel->setPixelSpacing(0, 0);
    else
        m_panel->setPixelSpacing(image->image.columnSpacing, image->image.rowSpacing);
    m_controller->setSliceUnreadable(!image->error.isEmpty());
    if (!image->error.isEmpty())
        emit message(tr("This item's slice cannot be read: %1").arg(image->error));
    updateCorners();
    emit itemShown();
}

void LabelingMode::updateCorners()
{
    const Item* item = m_controller->item();
    if (!item)
        return m_model->setCornerTexts({}, {}, {});
    const std::string level = levelName(item->level);
    const QString where = tr("%1\nItem %2 / %3")
                              .arg(level.empty() ? tr("Level unassigned") : QString::fromStdString(level))
                              .arg(m_controller->position() + 1)
                              .arg(m_controller->order().size());
    const QString state = !m_image ? tr("Loading…") : m_image->error.isEmpty() ? QString() : tr("Slice unreadable");
    // No file name or instance number: a path may name the patient, and the same name would
    // mark a blinded re-read as the slice seen before.
    m_model->setCornerTexts(where, state, {}); // the window's corner is the model's
}

void LabelingMode::prefetchAhead()
{
    const auto& order = m_controller->order();
    const int n = static_cast<int>(order.size());
    std::vector<std::pair<std::int64_t, QString>> ahead;
    for (int k = 1; k <= kPrefetch && k < n; ++k)
        for (int p : {m_controller->position() + k, m_controller->position() - k})
            if (p >= 0 && p < n && (p > m_controller->position() || k == 1)) // forward, and the previous one
                if (const Item* item = m_controller->itemById(order[static_cast<size_t>(p)]))
                    ahead.emplace_back(item->id, QString::fromStdString(item->file));
    m_cache->prefetch(ahead);
}

void LabelingMode::nudgeOnScreen(int dx, int dy)
{
    // Arrows move the patch on the screen; the stored image may be mirrored for display.
    const SliceImage* image = m_model->image();
    const DisplayFlip flip = image ? radiologicalFlip(image->orientation) : DisplayFlip {};
    m_controller->nudgePatch(flip.horizontal ? -dx : dx, flip.vertical ? -dy : dy);
}

void LabelingMode::askSkip()
{
    if (!m_controller->item())
        return;
    const QStringList reasons = {
        tr("artefact"), tr("not at a disc level"), tr("canal not visible"), tr("wrong sequence")};
    bool ok = false;
    const QString reason = QInputDialog::getItem(m_window, tr("Skip this item"), tr("Reason:"), reasons, 0, true, &ok);
    if (ok)
        m_controller->skip(reason);
}

void LabelingMode::askConflict()
{
    const auto& conflict = m_controller->conflict();
    if (!conflict)
        return;
    // Window-modal and non-blocking: the choice comes back through the buttons.
    QString key = m_controller->positionKey(conflict->position);
    key[0] = key[0].toUpper(); // it starts the sentence
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Label changed elsewhere"),
        tr("%1 was changed in another window or program after it appeared here.\n\n"
           "Now in the project: %2\nYours (not saved): %3")
            .arg(key)
            .arg(conflict->newer ? describe(*conflict->newer) : tr("not labeled"))
            .arg(describe(conflict->mine)),
        QMessageBox::NoButton, m_window);
    box->setObjectName("labelConflict");
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* keep = box->addButton(tr("Keep mine"), QMessageBox::AcceptRole);
    QPushButton* take = box->addButton(tr("Take the newer one"), QMessageBox::RejectRole);
    keep->setObjectName("keepMine");
    take->setObjectName("takeNewer");
    box->setDefaultButton(take); // Enter never overwrites someone's newer work by reflex
    connect(box, &QMessageBox::buttonClicked, m_controller, [c = m_controller, keep, take](QAbstractButton* b) {
        if (b == keep)
            c->keepMine();
        else if (b == take)
            c->takeNewer();
    });
    box->open();
}

void LabelingMode::askLevel()
{
    const Item* item = m_controller->item();
    if (!item)
        return;
    // A non-blocking menu over the slice: arrows + Enter choose, Escape leaves it.
    auto* menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName("levelMenu");
    for (Level level : kAllLevels) {
        QAction* a = menu->addAction(
            QString::fromUtf8(levelName(level).data()), [c = m_controller, level] { c->correctLevel(level); });
        a->setCheckable(true);
        a->setChecked(item->level == level);
    }
    menu->addSeparator();
    menu->addAction(tr("Unassigned"), [c = m_controller] { c->correctLevel(std::nullopt); });
    menu->popup(m_view->mapToGlobal(m_view->rect().center()));
}

void LabelingMode::setNeighbourDocks(QDockWidget* study, QDockWidget* log)
{
    m_studyDock = study;
    m_logDock = log;
}

} // namespace sg::ui
