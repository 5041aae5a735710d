#include "ui/labeling/LabelingController.h"

#include "ui/labeling/LabelText.h"

#include <algorithm>
#include <cmath>

namespace sg::ui {

using namespace sg::core;

namespace {
constexpr double kMinPatch = 4;
} // namespace

LabelingController::LabelingController(QObject* parent) : QObject(parent) { }

LabelingController::~LabelingController() = default;

bool LabelingController::open(const QString& projectPath, const QString& name)
{
    close();
    auto session = LabelingSession::start(projectPath.toStdString(), name.trimmed().toStdString());
    if (!session) {
        fail(session.error());
        return false;
    }
    auto order = (*session)->order();
    auto items = (*session)->store().items();
    // The store answers with the signed-in user's own labels for an analyzer; a lead gets
    // everyone's, of which only their own make the worklist statuses.
    auto labels = (*session)->store().labels((*session)->who());
    if (!order || !items || !labels) {
        fail(!order ? order.error() : !items ? items.error() : labels.error());
        return false;
    }
    m_session = std::move(*session);
    m_projectPath = projectPath;
    m_order = std::move(*order);
    for (auto& item : *items)
        m_items.emplace(item.id, std::move(item));
    for (int i = 0; i < static_cast<int>(m_order.size()); ++i)
        m_positionOf[m_order[static_cast<size_t>(i)]] = i;
    for (auto& label : *labels)
        if (label.analyzerId == m_session->who().id)
            m_own[label.itemId] = std::move(label);
    refreshProgress();
    if (m_order.empty()) {
        emit message(tr("This project has no worklist yet (spinegrade-cli worklist --db FILE)."));
        emit itemChanged();
        return true;
    }
    const auto first = nextUnlabeledAfter(-1);
    show(first.value_or(0));
    return true;
}

void LabelingController::close()
{
    m_session.reset();
    m_order.clear();
    m_items.clear();
    m_positionOf.clear();
    m_own.clear();
    m_progress = {};
    m_position = -1;
    m_pending = {};
    m_proposal.reset();
}

const Item* LabelingController::item() const
{
    return m_position >= 0 ? itemById(m_order[static_cast<size_t>(m_position)]) : nullptr;
}

const Item* LabelingController::itemById(std::int64_t itemId) const
{
    const auto it = m_items.find(itemId);
    return it == m_items.end() ? nullptr : &it->second;
}

ItemStatus LabelingController::status(std::int64_t itemId) const
{
    const auto it = m_own.find(itemId);
    if (it == m_own.end())
        return ItemStatus::Todo;
    return isSkip(it->second) ? ItemStatus::Skipped : ItemStatus::Done;
}

const Label* LabelingController::savedLabel(std::int64_t itemId) const
{
    const auto it = m_own.find(itemId);
    return it == m_own.end() ? nullptr : &it->second;
}

std::vector<std::pair<QString, Label>> LabelingController::allLabels(std::int64_t itemId)
{
    std::vector<std::pair<QString, Label>> out;
    if (!isLead()) // blinding: an analyzer's view never asks for the others' labels
        return out;
    auto labels = m_session->store().labels(who());
    auto analyzers = m_session->store().analyzers();
    if (!labels || !analyzers) {
        fail(!labels ? labels.error() : analyzers.error());
        return out;
    }
    for (const Label& label : *labels)
        if (label.itemId == itemId) {
            const auto a = std::find_if(
                analyzers->begin(), analyzers->end(), [&](const Analyzer& x) { return x.id == label.analyzerId; });
            out.emplace_back(
                a == analyzers->end() ? QString::number(label.analyzerId) : QString::fromStdString(a->name), label);
        }
    return out;
}

void LabelingController::setCanal(Canal canal)
{
    m_pending.canal = canal;
    emit labelChanged();
}

void LabelingController::setGrade(Grade grade)
{
    // Only rootlet slices are graded: a grade on an unclassified slice says "rootlet".
    if (!m_pending.canal)
        m_pending.canal = Canal::Rootlet;
    m_pending.grade = grade;
    if (grade != Grade::A)
        m_pending.subgrade.reset();
    emit labelChanged();
}

void LabelingController::setSubgrade(std::optional<int> subgrade)
{
    // A sub-grade is a kind of grade A: choosing one grades the slice A (one key, not two).
    if (subgrade && m_pending.grade != Grade::A)
        setGrade(Grade::A);
    m_pending.subgrade = subgrade;
    emit labelChanged();
}

bool LabelingController::correctLevel(std::optional<Level> level)
{
    const Item* current = item();
    if (!current)
        return false;
    const auto changed = m_session->store().correctStackLevel(who(), current->id, level);
    if (!changed) {
        fail(changed.error());
        return false;
    }
    // Every item of that stack moved: re-read the records (a few thousand rows at most).
    const auto items = m_session->store().items();
    if (!items) {
        fail(items.error());
        return false;
    }
    for (const Item& i : *items)
        if (const auto it = m_items.find(i.id); it != m_items.end())
            it->second.level = i.level;
    refreshProgress();
    emit levelsChanged();
    emit itemChanged();
    const QString name = level ? QString::fromUtf8(levelName(*level).data()) : tr("unassigned");
    emit message(tr("Level of this stack set to %1 (%n slice(s)).", nullptr, *changed).arg(name));
    return true;
}

void LabelingController::setComment(const QString& comment)
{
    m_pending.comment = comment.toStdString();
}

void LabelingController::setPatch(const Patch& patch)
{
    m_pending.patch = patch;
    m_patchSize = std::max(patch.w, patch.h);
    emit labelChanged();
}

void LabelingController::placePatchAt(double column, double row)
{
    const double w = m_pending.patch ? m_pending.patch->w : m_patchSize;
    const double h = m_pending.patch ? m_pending.patch->h : m_patchSize;
    setPatch({std::round(column - 0.5 * w), std::round(row - 0.5 * h), w, h});
}

void LabelingController::nudgePatch(double dx, double dy)
{
    if (!m_pending.patch)
        return emit message(tr("No patch yet: click the canal to place one."));
    m_pending.patch->x += dx;
    m_pending.patch->y += dy;
    emit labelChanged();
}

void LabelingController::resizePatch(double delta)
{
    if (!m_pending.patch)
        return emit message(tr("No patch yet: click the canal to place one."));
    Patch& p = *m_pending.patch;
    const double w = std::max(kMinPatch, p.w + delta), h = std::max(kMinPatch, p.h + delta);
    // Centre kept; whole pixels on an even change, half a pixel otherwise is rounded down.
    p.x -= std::floor(0.5 * (w - p.w));
    p.y -= std::floor(0.5 * (h - p.h));
    p.w = w;
    p.h = h;
    m_patchSize = std::max(w, h);
    emit labelChanged();
}

bool LabelingController::commitAndNext()
{
    if (!item())
        return false;
    Label label = m_pending;
    label.secondsSpent = secondsOnItem();
    if (Status valid = validateLabel(label); !valid) {
        emit message(tr("Not saved: %1").arg(QString::fromStdString(valid.error)));
        return false;
    }
    if (!save(label))
        return false;
    emit message(tr("Item %1 saved: %2").arg(m_position + 1).arg(describe(label)));
    if (const auto next = nextUnlabeledAfter(m_position)) {
        show(*next);
    } else {
        emit message(tr("All %1 items are labeled.").arg(m_order.size()));
        show(m_position);
    }
    return true;
}

bool LabelingController::previous()
{
    if (m_position <= 0) {
        emit message(tr("This is the first item of your worklist."));
        return false;
    }
    show(m_position - 1);
    return true;
}

bool LabelingController::skip(const QString& reason)
{
    if (!item())
        return false;
    if (reason.trimmed().isEmpty()) {
        emit message(tr("A skip needs a reason."));
        return false;
    }
    Label label;
    label.itemId = m_pending.itemId;
    label.comment = skipComment(reason).toStdString();
    label.secondsSpent = secondsOnItem();
    if (!save(label))
        return false;
    emit message(tr("Item %1 skipped: %2").arg(m_position + 1).arg(reason.trimmed()));
    show(nextUnlabeledAfter(m_position).value_or(m_position));
    return true;
}

bool LabelingController::jumpTo(std::int64_t itemId)
{
    const auto it = m_positionOf.find(itemId);
    if (it == m_positionOf.end()) {
        emit message(tr("Item %1 is not in your worklist.").arg(itemId));
        return false;
    }
    show(it->second);
    return true;
}

bool LabelingController::undo()
{
    return revert(false);
}

bool LabelingController::redo()
{
    return revert(true);
}

bool LabelingController::revert(bool redo)
{
    if (!m_session)
        return false;
    auto outcome = redo ? m_session->redo() : m_session->undo();
    if (!outcome) {
        fail(outcome.error());
        return false;
    }
    if (!outcome->applied) {
        emit message(redo ? tr("Nothing to redo.") : tr("Nothing to undo."));
        return false;
    }
    if (outcome->label)
        m_own[outcome->itemId] = *outcome->label;
    else
        m_own.erase(outcome->itemId);
    refreshProgress();
    emit message(redo ? tr("Redone.") : tr("Undone."));
    if (const auto it = m_positionOf.find(outcome->itemId); it != m_positionOf.end())
        show(it->second);
    return true;
}

void LabelingController::show(int position)
{
    m_position = position;
    const std::int64_t id = m_order[static_cast<size_t>(position)];
    const auto own = m_own.find(id);
    m_pending = own != m_own.end() ? own->second : Label {};
    m_pending.itemId = id;
    readProposal();
    // The CNN's patch is where a new label starts; a saved label keeps its own patch.
    if (!m_pending.patch && m_proposal && own == m_own.end())
        m_pending.patch = m_proposal->patch;
    m_shownAt.start();
    emit itemChanged();
    emit labelChanged();
}

void LabelingController::readProposal()
{
    m_proposal.reset();
    auto predictions = m_session->predictions(m_pending.itemId);
    if (!predictions)
        return;
    // The newest prediction wins; one with a patch (a canal found) before one without.
    for (auto p = predictions->rbegin(); p != predictions->rend(); ++p)
        if (!m_proposal || (p->patch && !m_proposal->patch))
            m_proposal = *p;
}

void LabelingController::reloadProposal()
{
    if (!isOpen() || m_position < 0)
        return;
    readProposal();
    // It arrived while the item is on screen: a new label still starts from it.
    if (!m_pending.patch && m_proposal && !m_own.count(m_pending.itemId))
        m_pending.patch = m_proposal->patch;
    emit labelChanged();
}

bool LabelingController::save(Label label)
{
    auto saved = m_session->save(std::move(label));
    if (!saved) {
        fail(saved.error());
        return false;
    }
    m_own[saved->itemId] = *saved;
    refreshProgress();
    return true;
}

void LabelingController::refreshProgress()
{
    if (auto p = m_session->progress())
        m_progress = std::move(*p);
    emit progressChanged();
}

std::optional<int> LabelingController::nextUnlabeledAfter(int position) const
{
    const int n = static_cast<int>(m_order.size());
    for (int step = 1; step <= n; ++step) {
        const int p = ((position + step) % n + n) % n;
        if (!m_own.count(m_order[static_cast<size_t>(p)]))
            return p;
    }
    return std::nullopt;
}

double LabelingController::secondsOnItem() const
{
    // Re-editing adds to the time already spent on the item.
    const auto own = m_own.find(m_pending.itemId);
    const double before = own != m_own.end() ? own->second.secondsSpent : 0;
    return before + static_cast<double>(m_shownAt.elapsed()) / 1000.0;
}

void LabelingController::fail(const std::string& what)
{
    emit message(QString::fromStdString(what));
}

} // namespace sg::ui
