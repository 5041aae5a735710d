#include "ui/review/ReviewMode.h"

#include "core/store/ProjectStore.h"
#include "core/store/SliceNeighbours.h"
#include "ui/charts/RaterColors.h"
#include "ui/labeling/ItemImageCache.h"
#include "ui/labeling/LabelText.h"
#include "ui/labeling/LabelingActions.h"
#include "ui/labeling/LabelingController.h"
#include "ui/labeling/LabelingMode.h"
#include "ui/review/NeighbourStrip.h"
#include "ui/review/ReviewActions.h"
#include "ui/review/ReviewController.h"
#include "ui/review/ReviewPanel.h"
#include "ui/review/ReviewQueueModel.h"
#include "ui/review/ReviewQueuePanel.h"
#include "ui/viewer/SliceOverlay.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>

namespace sg::ui {

using namespace sg::core;

namespace {
constexpr int kPrefetch = 3; // queue entries ahead: the next one is what Enter shows
const QColor kConsensusColour(255, 255, 255);
} // namespace

ReviewMode::ReviewMode(QMainWindow* window, SliceView* view, QMenu* menu, LabelingMode& labeling)
    : QObject(window),
      m_window(window),
      m_view(view),
      m_labeling(labeling),
      m_controller(new ReviewController(this)),
      m_actions(new ReviewActions(menu, window)),
      m_panel(new ReviewPanel(*m_actions)),
      m_queue(new ReviewQueuePanel(*m_controller)),
      m_strip(new NeighbourStrip),
      m_cache(new ItemImageCache(this, 16)),
      m_model(new SliceViewModel(this)),
      m_queueDock(new QDockWidget(tr("Review queue"), window)),
      m_panelDock(new QDockWidget(tr("Review"), window)),
      m_stripDock(new QDockWidget(tr("Neighbouring slices"), window))
{
    m_consensusOverlay = m_model->addPatchOverlay(kConsensusColour, false, tr("consensus"));
    m_model->setEditedPatch(m_consensusOverlay);
    m_queueDock->setObjectName("reviewQueueDock");
    m_queueDock->setWidget(m_queue);
    m_panelDock->setObjectName("reviewDock");
    m_panelDock->setWidget(m_panel);
    m_stripDock->setObjectName("neighbourDock");
    m_stripDock->setWidget(m_strip);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_queueDock);
    // The neighbouring slices sit above the panel: three thumbnails fit its width, and the
    // bottom keeps the log (a 1366x768 screen has no height to spare).
    window->addDockWidget(Qt::RightDockWidgetArea, m_stripDock);
    window->splitDockWidget(m_stripDock, m_panelDock, Qt::Vertical);
    for (QDockWidget* d : {m_queueDock, m_panelDock, m_stripDock})
        d->hide();

    connectActions();
    connect(m_controller, &ReviewController::message, this, &ReviewMode::message);
    connect(m_controller, &ReviewController::message, m_panel, &ReviewPanel::showNotice);
    connect(m_controller, &ReviewController::itemChanged, this, &ReviewMode::onItemChanged);
    connect(m_controller, &ReviewController::draftChanged, this, &ReviewMode::refreshDraft);
    connect(m_controller, &ReviewController::recordedChanged, this, &ReviewMode::consensusRecorded);
    connect(m_controller, &ReviewController::queueChanged, this,
        [this] { m_panel->setProgress(m_controller->decidedCount(), static_cast<int>(m_controller->queue().size())); });
    connect(m_panel, &ReviewPanel::noteEdited, m_controller, &ReviewController::setNote);
    connect(m_cache, &ItemImageCache::loaded, this, [this](std::int64_t id) {
        const Item* item = m_controller->item();
        if (m_active && item && item->id == id && !m_image)
            showImage(m_cache->get(id, QString::fromStdString(item->file)));
    });
    connect(m_model, &SliceViewModel::pixelRectDrawn, m_controller, [c = m_controller](QRectF r) {
        c->setPatch(Patch {r.x(), r.y(), r.width(), r.height()});
    });
    connect(m_model, &SliceViewModel::pixelClicked, m_controller, [this](QPointF p) {
        // A click centres a patch of the size on screen (an analyzer's, else 64 px).
        double size = 64;
        if (const auto& d = m_controller->draft(); d.patch)
            size = d.patch->w;
        else if (const RaterRead* r = m_controller->analyzer(1); r && r->label && r->label->patch)
            size = r->label->patch->w;
        m_controller->setPatch(Patch {p.x() - size / 2, p.y() - size / 2, size, size});
    });
    connect(m_model, &SliceViewModel::windowChanged, this, [this] { m_strip->setWindow(m_model->window()); });
    connect(&m_labeling, &LabelingMode::activeChanged, this, [this](bool active) {
        // A project closed or another sign-in (also another project opened while reviewing,
        // which emits only `true`): review of the old one ends and gives the keys back.
        if (m_active)
            leave();
        const bool lead = active && m_labeling.controller().isLead();
        m_actions->toggle->setEnabled(lead);
    });
}

ReviewMode::~ReviewMode() = default;

void ReviewMode::connectActions()
{
    ReviewActions& a = *m_actions;
    ReviewController* c = m_controller;
    connect(a.toggle, &QAction::triggered, this, [this](bool on) {
        if (on && !m_active)
            enter();
        else if (!on && m_active)
            leave();
        m_actions->toggle->setChecked(m_active);
    });
    connect(a.rootlet, &QAction::triggered, c, [c] { c->setCanal(Canal::Rootlet); });
    connect(a.cord, &QAction::triggered, c, [c] { c->setCanal(Canal::Cord); });
    for (int g = 0; g < 4; ++g)
        connect(a.grades[g], &QAction::triggered, c, [c, g] { c->setGrade(static_cast<Grade>(g)); });
    for (int s = 0; s < 4; ++s)
        connect(a.subgrades[s], &QAction::triggered, c,
            [c, s](bool on) { c->setSubgrade(on ? std::optional<int>(s + 1) : std::nullopt); });
    connect(a.record, &QAction::triggered, c, &ReviewController::record);
    connect(a.next, &QAction::triggered, c, &ReviewController::next);
    connect(a.previous, &QAction::triggered, c, &ReviewController::previous);
    connect(a.undo, &QAction::triggered, c, &ReviewController::undo);
    connect(a.redo, &QAction::triggered, c, &ReviewController::redo);
    connect(a.reason, &QAction::triggered, this, &ReviewMode::askReason);
    connect(a.note, &QAction::triggered, this, [this] {
        m_panel->noteField()->setFocus();
        m_panel->noteField()->selectAll();
    });
    connect(a.strip, &QAction::toggled, this, [this](bool on) {
        if (m_active)
            m_stripDock->setVisible(on);
    });
    for (int n = 0; n < ReviewActions::kRaterKeys; ++n) {
        connect(a.overlays[n], &QAction::triggered, this, [this, n] { toggleOverlay(n + 1); });
        connect(a.acceptLabel[n], &QAction::triggered, c, [c, n] { c->acceptLabel(n + 1); });
        connect(a.acceptPatch[n], &QAction::triggered, c, [c, n] { c->acceptPatch(n + 1); });
    }
}

bool ReviewMode::enter()
{
    if (m_active)
        return true;
    LabelingController& labeling = m_labeling.controller();
    if (!m_labeling.isActive() || !labeling.isLead()) {
        emit message(tr("Review is for the study lead: open the project as its lead first."));
        return false;
    }
    if (!m_controller->open(labeling.projectPath(), QString::fromStdString(labeling.who().name)))
        return false;
    emit aboutToArrangeDocks();
    m_active = true;
    // The labeling keys are the review's now (same keys, same meaning, other target).
    m_labeling.actions().setEnabled(false);
    m_labeling.actions().close->setEnabled(true);
    m_actions->setEnabled(true);
    m_actions->toggle->setChecked(true);
    // The queue takes the worklist's place (a tab beside the study browser): it needs the height.
    if (m_window->tabifiedDockWidgets(m_queueDock).isEmpty())
        m_window->tabifyDockWidget(m_labeling.worklistDock(), m_queueDock);
    m_labeling.panelDock()->hide();
    m_labeling.worklistDock()->hide();
    m_queueDock->show();
    m_queueDock->raise();
    m_panelDock->show();
    m_stripDock->setVisible(m_actions->strip->isChecked());
    // The side columns take the full height and the log only the width under the slice, so
    // the window fits a 1366x768 screen with its status bar (labeling's corners come back).
    m_corners = {m_window->corner(Qt::BottomLeftCorner), m_window->corner(Qt::BottomRightCorner)};
    m_window->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    m_window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_window->resizeDocks({m_queueDock, m_panelDock}, {330, 360}, Qt::Horizontal);
    m_window->resizeDocks({m_stripDock}, {130}, Qt::Vertical);
    m_view->setModel(m_model);
    // Labeling's docks may have grown the window past the screen; review fits it again so the
    // status bar and the record button stay in sight.
    if (const QScreen* screen = m_window->screen()) {
        const int room =
            screen->availableGeometry().height() - (m_window->frameGeometry().height() - m_window->height());
        if (m_window->height() > room)
            m_window->resize(m_window->width(), std::max(room, m_window->minimumSizeHint().height()));
    }
    m_cache->clear();
    m_panel->setProgress(m_controller->decidedCount(), static_cast<int>(m_controller->queue().size()));
    emit activeChanged(true);
    // An empty queue is said plainly (no labels yet, or the analyzers agree), not "0 of 0".
    const QString empty = m_controller->emptyQueueText();
    emit message(!empty.isEmpty() ? empty
                                  : tr("Reviewing %1: %2 of %3 decided.")
                                        .arg(QFileInfo(labeling.projectPath()).fileName())
                                        .arg(m_controller->decidedCount())
                                        .arg(m_controller->queue().size()));
    onItemChanged();
    return true;
}

void ReviewMode::leave()
{
    if (!m_active)
        return;
    emit aboutToArrangeDocks();
    m_active = false;
    m_controller->close();
    m_actions->setEnabled(false);
    m_actions->toggle->setChecked(false);
    m_image.reset();
    m_cache->clear();
    m_strip->clear();
    for (QDockWidget* d : {m_queueDock, m_panelDock, m_stripDock})
        d->hide();
    m_window->setCorner(Qt::BottomLeftCorner, m_corners.first);
    m_window->setCorner(Qt::BottomRightCorner, m_corners.second);
    if (m_labeling.isActive()) {
        m_labeling.actions().setEnabled(true);
        m_labeling.panelDock()->show();
        m_labeling.worklistDock()->show();
        m_view->setModel(&m_labeling.model());
    }
    emit activeChanged(false);
}

bool ReviewMode::showItem(std::int64_t itemId)
{
    if (!m_active)
        return false;
    return m_controller->goTo(itemId);
}

void ReviewMode::onItemChanged()
{
    if (!m_active)
        return;
    if (m_panel->noteField()->hasFocus())
        m_view->setFocus(); // the keys belong to the review actions again
    const Item* item = m_controller->item();
    m_image.reset();
    refreshRaters();
    refreshDraft();
    m_actions->setDecidingEnabled(m_active && item);
    if (!item) {
        m_model->clearImage();
        const QString why = m_controller->emptyQueueText();
        m_panel->setItem(tr("Nothing to review"),
            why.isEmpty() ? tr("The analyzers agree on every item these filters select.") : why);
        m_strip->clear();
        updateCorners();
        emit itemShown();
        return;
    }
    const QString level = item->level ? QString::fromUtf8(levelName(*item->level).data()) : tr("level unassigned");
    const int at = m_controller->position();
    const ReviewEntry* entry = at >= 0 ? m_controller->queue()[static_cast<size_t>(at)] : nullptr;
    m_panel->setItem(m_controller->currentKey(),
        entry ? tr("Disagree on: %1%2")
                    .arg(ReviewQueueModel::kindsText(entry->kinds))
                    .arg(entry->kinds & kindBit(DisagreementKind::Grade)
                            ? tr(" (grades %1 apart)").arg(entry->gradeDistance)
                            : QString())
              : tr("Not in the queue with these filters (%1).").arg(level));
    if (auto neighbours = neighbourSlices(m_controller->store(), item->id, 1))
        m_strip->setSlices(*neighbours);
    else
        m_strip->clear();
    if (auto image = m_cache->get(item->id, QString::fromStdString(item->file)))
        showImage(image);
    else if (!m_image) { // shown already if it arrived meanwhile: "loading" must not cover it
        m_model->setImage(nullptr, m_model->windowing()); // loading: the series' window stays
        updateCorners();
        emit itemShown();
    }
    prefetch();
}

void ReviewMode::showImage(const std::shared_ptr<const ItemImage>& image)
{
    m_image = image;
    const Item* item = m_controller->item();
    SliceViewModel::Windowing windowing;
    windowing.series = item && !image->image.empty() ? item->seriesUidHash : std::string();
    windowing.stats = image->stats;
    windowing.header = image->image.headerWindow;
    m_model->setImage(
        image->image.empty() ? nullptr : std::shared_ptr<const SliceImage>(image, &image->image), windowing);
    m_strip->setWindow(m_model->window());
    if (!image->error.isEmpty())
        emit message(tr("This item's slice cannot be read: %1").arg(image->error));
    updateCorners();
    emit itemShown();
}

void ReviewMode::refreshRaters()
{
    const RaterColors colours(m_controller->analyzersJoined()); // as the dashboard and the report give them
    const auto& raters = m_controller->raters();
    // One overlay per rater, in the table's order; the consensus overlay stays first (on top).
    while (m_overlays.size() > raters.size()) {
        m_model->removeOverlay(m_overlays.back());
        m_overlays.pop_back();
    }
    while (m_overlays.size() < raters.size())
        m_overlays.push_back(m_model->addPatchOverlay(Qt::white, false, {}));
    if (m_hidden.size() < raters.size())
        m_hidden.resize(raters.size(), false);
    std::vector<RaterRow> rows;
    for (size_t i = 0; i < raters.size(); ++i) {
        const RaterRead& r = raters[i];
        const int number = i < ReviewActions::kRaterKeys ? static_cast<int>(i) + 1 : 0;
        const QColor colour = colours.color(r.name);
        PatchOverlay* o = m_overlays[i];
        o->setColour(colour);
        o->setDashed(r.model);
        o->setLegend(number ? QStringLiteral("%1 %2").arg(number).arg(r.name) : r.name);
        o->setPatch(r.label ? r.label->patch : std::nullopt);
        o->setVisible(!m_hidden[i]);
        RaterRow row;
        row.number = number;
        row.name = r.name;
        row.color = colour;
        row.model = r.model;
        row.shown = !m_hidden[i];
        row.hasPatch = r.label && r.label->patch;
        if (r.label) {
            row.canal = r.label->canal;
            row.grade = r.label->grade;
            row.subgrade = r.label->subgrade;
            row.comment = QString::fromStdString(r.label->comment);
            if (!r.model)
                row.seconds = r.label->secondsSpent;
        }
        rows.push_back(row);
    }
    for (size_t n = 0; n < m_actions->overlays.size(); ++n) {
        m_actions->overlays[n]->setChecked(n < raters.size() && !m_hidden[n]);
        m_actions->acceptLabel[n]->setEnabled(m_active && m_controller->analyzer(static_cast<int>(n) + 1));
    }
    m_panel->setRaters(rows);
}

void ReviewMode::toggleOverlay(int number)
{
    const size_t i = static_cast<size_t>(number - 1);
    if (i >= m_controller->raters().size()) {
        emit message(tr("There is no rater %1 on this item.").arg(number));
        refreshRaters();
        return;
    }
    m_hidden[i] = !m_hidden[i];
    refreshRaters();
}

void ReviewMode::refreshDraft()
{
    const ConsensusDraft& d = m_controller->draft();
    m_consensusOverlay->setPatch(d.patch);
    const double cs = m_image && !m_image->image.empty() ? m_image->image.columnSpacing : 0;
    const double rs = m_image && !m_image->image.empty() ? m_image->image.rowSpacing : 0;
    m_panel->setConsensus(d.canal, d.grade, d.subgrade, patchText(d.patch, cs, rs),
        d.reason ? ReviewController::reasonTitle(*d.reason) : QString(), d.note,
        m_controller->decidedText() +
            (m_controller->recorded() && !m_controller->isDraftRecorded() ? tr("  ·  edited, not recorded")
                                                                          : QString()));
}

void ReviewMode::updateCorners()
{
    const Item* item = m_controller->item();
    if (!item) // the empty view says why there is nothing on it
        return m_model->setCornerTexts(
            m_controller->emptyQueueText().replace(QStringLiteral(": "), QStringLiteral(":\n")), {}, {});
    const int at = m_controller->position();
    const QString where = at >= 0
        ? tr("%1\n%2 of %3 in the queue").arg(m_controller->currentKey()).arg(at + 1).arg(m_controller->queue().size())
        : tr("%1\nnot in the queue").arg(m_controller->currentKey());
    const QString state = !m_image ? tr("Loading…") : m_image->error.isEmpty() ? QString() : tr("Slice unreadable");
    m_model->setCornerTexts(where, state, tr("Instance %1").arg(item->instanceNumber));
}

void ReviewMode::prefetch()
{
    const auto& queue = m_controller->queue();
    const int at = m_controller->position();
    std::vector<std::pair<std::int64_t, QString>> ahead;
    for (int k = 1; k <= kPrefetch; ++k)
        for (int p : {at + k, at - k})
            if (p >= 0 && p < static_cast<int>(queue.size()) && (p > at || k == 1))
                if (auto item = m_controller->store().item(queue[static_cast<size_t>(p)]->itemId))
                    ahead.emplace_back(item->id, QString::fromStdString(item->file));
    m_cache->prefetch(ahead);
}

void ReviewMode::askReason()
{
    if (!m_controller->item())
        return;
    // A non-blocking menu over the slice, as the labeling's level menu: 1..6 or arrows + Enter.
    auto* menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName("reasonMenu");
    const auto& reasons = allConsensusReasons();
    for (size_t i = 0; i < reasons.size(); ++i) {
        const ConsensusReason r = reasons[i];
        QAction* a = menu->addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(ReviewController::reasonTitle(r)),
            [c = m_controller, r] { c->setReason(r); });
        a->setCheckable(true);
        a->setChecked(m_controller->draft().reason == r);
    }
    menu->popup(m_view->mapToGlobal(m_view->rect().center()));
}

} // namespace sg::ui
