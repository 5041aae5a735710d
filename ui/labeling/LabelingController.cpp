#include "ui/labeling/LabelingController.h"

#include "core/store/ReaderKit.h"

#include "ui/common/ImportRoots.h"
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
    // The project that is open stays open until the new one is fully read: a refused name
    // or an unreadable file must not leave the window with nothing (or half of each).
    auto session = LabelingSession::start(
        projectPath.toStdString(), name.trimmed().toStdString(), projectOpenOptions(projectPath));
    if (!session) {
        fail(session.error());
        return false;
    }
    auto entries = (*session)->entries();
    auto items = (*session)->store().items();
    // The store answers with the signed-in user's own labels for an analyzer; a lead gets
    // everyone's, of which only their own make the worklist statuses.
    auto labels = (*session)->store().labels((*session)->who());
    auto rereads = (*session)->store().labels((*session)->who(), ReadKind::Reread);
    if (!entries || !items || !labels || !rereads) {
        fail(!entries ? entries.error() : !items ? items.error() : !labels ? labels.error() : rereads.error());
        return false;
    }
    close();
    m_session = std::move(*session);
    m_projectPath = projectPath;
    const auto kit = readKitInfo(m_session->store());
    m_readerKit = kit && *kit;
    for (const WorklistEntry& e : *entries) {
        const int position = static_cast<int>(m_order.size());
        (e.read == ReadKind::Reread ? m_rereadPositionOf : m_positionOf)[e.itemId] = position;
        m_order.push_back(e.itemId);
        m_reads.push_back(e.read);
    }
    for (auto& item : *items)
        m_items.emplace(item.id, std::move(item));
    setOwnLabels(ReadKind::First, std::move(*labels));
    setOwnLabels(ReadKind::Reread, std::move(*rereads));
    if (auto version = m_session->store().dataVersion())
        m_dataVersion = *version;
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
    m_readerKit = false;
    m_order.clear();
    m_reads.clear();
    m_items.clear();
    m_positionOf.clear();
    m_rereadPositionOf.clear();
    m_own.clear();
    m_ownRereads.clear();
    m_progress = {};
    m_position = -1;
    m_pending = {};
    m_proposal.reset();
    m_edits.clear();
    m_redoEdits.clear();
    m_conflict.reset();
    m_dataVersion = -1;
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

ReadKind LabelingController::readAt(int position) const
{
    return position >= 0 && position < static_cast<int>(m_reads.size()) ? m_reads[static_cast<size_t>(position)]
                                                                        : ReadKind::First;
}

std::map<std::int64_t, Label>& LabelingController::ownOf(ReadKind read)
{
    return read == ReadKind::Reread ? m_ownRereads : m_own;
}

void LabelingController::setOwnLabels(ReadKind read, std::vector<Label> labels)
{
    auto& own = ownOf(read);
    own.clear();
    for (auto& label : labels)
        if (label.analyzerId == who().id)
            own[label.itemId] = std::move(label);
}

const Label* LabelingController::savedAt(int position) const
{
    if (position < 0 || position >= static_cast<int>(m_order.size()))
        return nullptr;
    const auto& own = readAt(position) == ReadKind::Reread ? m_ownRereads : m_own;
    const auto it = own.find(m_order[static_cast<size_t>(position)]);
    return it == own.end() ? nullptr : &it->second;
}

ItemStatus LabelingController::statusAt(int position) const
{
    const Label* saved = savedAt(position);
    if (!saved)
        return ItemStatus::Todo;
    return isSkip(*saved) ? ItemStatus::Skipped : ItemStatus::Done;
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

QString LabelingController::itemKey(std::int64_t itemId) const
{
    const auto at = m_positionOf.find(itemId);
    if (at == m_positionOf.end())
        return tr("item #%1 (not in your worklist)").arg(itemId);
    return positionKey(at->second);
}

QString LabelingController::positionKey(int position) const
{
    if (position < 0 || position >= static_cast<int>(m_order.size()))
        return tr("no item");
    const Item* i = itemById(m_order[static_cast<size_t>(position)]);
    const std::string level = i ? levelName(i->level) : std::string();
    const QString key = tr("item %1 / %2").arg(position + 1).arg(m_order.size());
    return level.empty() ? key : QStringLiteral("%1 (%2)").arg(key, QString::fromStdString(level));
}

void LabelingController::edit(EditKind kind, const std::function<void(Label&)>& change)
{
    if (!item())
        return;
    const Label before = m_pending;
    change(m_pending);
    if (!m_pending.sameValue(before)) {
        // Typing a comment or holding an arrow is one step to undo, not one per key.
        if (kind == EditKind::Other || kind != m_lastEdit || m_edits.empty())
            m_edits.push_back(before);
        m_redoEdits.clear();
        m_lastEdit = kind;
    }
    // Also when nothing changed: a checkable button toggled itself and must show the label again.
    if (kind != EditKind::Typing)
        emit labelChanged();
}

void LabelingController::setCanal(Canal canal)
{
    const bool dropsGrade = canal == Canal::Cord && m_pending.grade;
    edit(EditKind::Other, [canal](Label& l) {
        l.canal = canal;
        if (canal == Canal::Cord) { // cord slices are not graded: the grade cannot stay behind
            l.grade.reset();
            l.subgrade.reset();
        }
    });
    if (dropsGrade)
        emit message(tr("Cord slice: its grade was cleared (only rootlet slices are graded)."));
}

void LabelingController::setGrade(Grade grade)
{
    // Only rootlet slices are graded: a grade says "rootlet", also over cord.
    const bool wasCord = m_pending.canal == Canal::Cord;
    edit(EditKind::Other, [grade](Label& l) {
        l.canal = Canal::Rootlet;
        l.grade = grade;
        if (grade != Grade::A)
            l.subgrade.reset();
    });
    if (wasCord)
        emit message(tr("Grade %1: the slice is now a rootlet slice (cord slices are not graded).")
                         .arg(QString::fromUtf8(gradeName(grade).data(), 1)));
}

void LabelingController::setSubgrade(std::optional<int> subgrade)
{
    // A sub-grade is a kind of grade A: choosing one grades the slice A (one key, not two).
    if (subgrade && m_pending.canal == Canal::Cord)
        emit message(tr("Sub-grade: the slice is now a rootlet slice (cord slices are not graded)."));
    edit(EditKind::Other, [subgrade](Label& l) {
        if (subgrade) {
            l.canal = Canal::Rootlet;
            l.grade = Grade::A;
        }
        l.subgrade = subgrade;
    });
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
    edit(EditKind::Typing, [text = comment.toStdString()](Label& l) { l.comment = text; });
}

void LabelingController::setPatch(const Patch& patch)
{
    m_patchSize = std::max(patch.w, patch.h);
    edit(EditKind::Other, [&patch](Label& l) { l.patch = patch; });
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
    edit(EditKind::Move, [dx, dy](Label& l) {
        l.patch->x += dx;
        l.patch->y += dy;
    });
}

void LabelingController::resizePatch(double delta)
{
    if (!m_pending.patch)
        return emit message(tr("No patch yet: click the canal to place one."));
    const Patch& old = *m_pending.patch;
    const double w = std::max(kMinPatch, old.w + delta), h = std::max(kMinPatch, old.h + delta);
    m_patchSize = std::max(w, h);
    edit(EditKind::Resize, [w, h](Label& l) {
        Patch& p = *l.patch;
        // Centre kept; whole pixels on an even change, half a pixel otherwise is rounded down.
        p.x -= std::floor(0.5 * (w - p.w));
        p.y -= std::floor(0.5 * (h - p.h));
        p.w = w;
        p.h = h;
    });
}

bool LabelingController::commitAndNext()
{
    if (!item())
        return false;
    if (!m_pending.canal) {
        // A skip shown again, unchanged: it is handled already, Enter just moves on.
        const Label* saved = savedAt(m_position);
        if (saved && isSkip(*saved) && saved->sameValue(m_pending)) {
            advance();
            return true;
        }
        // Nothing judged is not a label: it must be said (R / O), or skipped with a reason.
        emit message(tr("Not saved: %1 needs rootlet (R) or cord (O) first, or skip it with a reason (S).")
                         .arg(positionKey(m_position)));
        return false;
    }
    Label label = m_pending;
    label.secondsSpent = secondsOnItem();
    if (Status valid = validateLabel(label); !valid) {
        emit message(tr("Not saved: %1").arg(QString::fromStdString(valid.error())));
        return false;
    }
    if (!save(label))
        return false;
    emit message(tr("Saved %1: %2").arg(positionKey(m_position), describe(label)));
    advance();
    return true;
}

void LabelingController::advance()
{
    if (const auto next = nextUnlabeledAfter(m_position)) {
        show(*next);
    } else {
        emit message(tr("All %1 items are labeled.").arg(m_order.size()));
        show(m_position);
    }
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
    emit message(tr("Skipped %1: %2").arg(positionKey(m_position), reason.trimmed()));
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

bool LabelingController::jumpToPosition(int position)
{
    if (position < 0 || position >= static_cast<int>(m_order.size()))
        return false;
    show(position);
    return true;
}

bool LabelingController::undo()
{
    if (!m_edits.empty()) {
        m_redoEdits.push_back(m_pending);
        m_pending = m_edits.back();
        m_edits.pop_back();
        m_lastEdit = EditKind::Other;
        emit labelChanged();
        emit message(m_edits.empty() ? tr("Undid your edit of %1: it is as it was shown.").arg(positionKey(m_position))
                                     : tr("Undid an edit of %1 (not saved).").arg(positionKey(m_position)));
        return true;
    }
    return revert(false);
}

bool LabelingController::redo()
{
    if (!m_redoEdits.empty()) {
        m_edits.push_back(m_pending);
        m_pending = m_redoEdits.back();
        m_redoEdits.pop_back();
        m_lastEdit = EditKind::Other;
        emit labelChanged();
        emit message(tr("Redid an edit of %1 (not saved).").arg(positionKey(m_position)));
        return true;
    }
    if (!m_edits.empty()) {
        // A saved change redone would show its item and drop these edits unseen.
        emit message(tr("%1 has edits that are not saved: save them (Enter) or undo them (Ctrl+Z) first.")
                         .arg(positionKey(m_position)));
        return false;
    }
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
        ownOf(outcome->read)[outcome->itemId] = *outcome->label;
    else
        ownOf(outcome->read).erase(outcome->itemId);
    refreshProgress();
    // The entry whose label changed: the re-read's own place for a re-read.
    const auto& positions = outcome->read == ReadKind::Reread ? m_rereadPositionOf : m_positionOf;
    const auto it = positions.find(outcome->itemId);
    if (it != positions.end())
        show(it->second);
    // Beyond the item on screen: say which item this went back to, as the worklist names it.
    const QString key =
        it != positions.end() ? positionKey(it->second) : tr("item #%1 (not in your worklist)").arg(outcome->itemId);
    const QString now = outcome->label ? describe(*outcome->label) : tr("not labeled");
    emit message(redo ? tr("Redid your saved label of %1: %2.").arg(key, now)
                      : tr("Undid your saved label of %1: back to %2.").arg(key, now));
    return true;
}

bool LabelingController::keepMine()
{
    if (!m_conflict || !item() || m_conflict->itemId != m_pending.itemId)
        return false;
    // The user saw the newer label and chose theirs over it: save against that version.
    m_shownVersion = m_conflict->version;
    const Label mine = m_conflict->mine;
    m_conflict.reset();
    if (!save(mine))
        return false;
    emit message(tr("Saved %1 over the newer label: %2").arg(positionKey(m_position), describe(mine)));
    advance();
    return true;
}

bool LabelingController::takeNewer()
{
    if (!m_conflict || !item() || m_conflict->itemId != m_pending.itemId)
        return false;
    const LabelConflict c = *m_conflict;
    m_conflict.reset();
    show(m_position); // reads the label and its version from the file again
    emit message(tr("Took the newer label of %1: %2")
                     .arg(positionKey(c.position), c.newer ? describe(*c.newer) : tr("not labeled")));
    return true;
}

void LabelingController::show(int position)
{
    followChangesElsewhere();
    m_position = position;
    const std::int64_t id = m_order[static_cast<size_t>(position)];
    readOwnLabel(position);
    // The label of this entry only: a re-read starts empty, never from the first read.
    const auto& labels = ownOf(readAt(position));
    const auto own = labels.find(id);
    m_pending = own != labels.end() ? own->second : Label {};
    m_pending.itemId = id;
    m_edits.clear();
    m_redoEdits.clear();
    m_lastEdit = EditKind::Other;
    m_conflict.reset();
    readProposal();
    // The CNN's patch is where a new label starts; a saved label keeps its own patch.
    if (!m_pending.patch && m_proposal && own == labels.end())
        m_pending.patch = m_proposal->patch;
    m_shownAt.start();
    emit itemChanged();
    emit labelChanged();
}

void LabelingController::followFile()
{
    if (!isOpen() || m_position < 0)
        return;
    const std::int64_t before = m_dataVersion;
    followChangesElsewhere();
    if (m_dataVersion == before || !m_edits.empty())
        return;
    const auto version = m_session->version(m_pending.itemId, readAt(m_position));
    if (version && *version != m_shownVersion) {
        show(m_position);
        emit message(
            tr("%1 was changed in another window or program: shown as it is now.").arg(positionKey(m_position)));
    }
}

void LabelingController::readOwnLabel(int position)
{
    const std::int64_t itemId = m_order[static_cast<size_t>(position)];
    const ReadKind read = readAt(position);
    auto& own = ownOf(read);
    // The version first: a change landing between the two reads then looks newer than what
    // is shown, and the save asks (never the reverse, which would overwrite it unseen).
    auto version = m_session->version(itemId, read);
    auto label = m_session->label(itemId, read);
    if (!version || !label) {
        m_shownVersion = -1; // unknown: a save will ask before overwriting anything
        fail(!version ? version.error() : label.error());
        return;
    }
    m_shownVersion = *version;
    const bool had = own.count(itemId) > 0;
    if (*label)
        own[itemId] = **label;
    else
        own.erase(itemId);
    if (had != label->has_value())
        refreshProgress();
}

void LabelingController::followChangesElsewhere()
{
    // data_version moves only when another connection committed: then re-read the own
    // labels (the same analyzer in another window), so statuses and "next" are current.
    const auto version = m_session->store().dataVersion();
    if (!version || *version == m_dataVersion)
        return;
    m_dataVersion = *version;
    // Asked as an analyzer: a lead's own labels only, not every analyzer's.
    Analyzer self = who();
    self.role = Role::Analyzer;
    auto labels = m_session->store().labels(self);
    auto rereads = m_session->store().labels(self, ReadKind::Reread);
    if (!labels || !rereads)
        return fail(!labels ? labels.error() : rereads.error());
    setOwnLabels(ReadKind::First, std::move(*labels));
    setOwnLabels(ReadKind::Reread, std::move(*rereads));
    refreshProgress();
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
    if (!m_pending.patch && m_proposal && !savedAt(m_position))
        m_pending.patch = m_proposal->patch;
    emit labelChanged();
}

bool LabelingController::save(Label label)
{
    const ReadKind read = readAt(m_position);
    auto& own = ownOf(read);
    auto saved = m_session->saveIfUnchanged(std::move(label), m_shownVersion, read);
    if (!saved) {
        fail(saved.error());
        return false;
    }
    const std::int64_t id = saved->label.itemId;
    if (!saved->saved) {
        // Changed elsewhere since shown: nothing written. Say so, show what the file holds
        // ("Saved:" in the panel) and let the user choose.
        if (saved->newer)
            own[id] = *saved->newer;
        else
            own.erase(id);
        refreshProgress();
        m_conflict = LabelConflict {id, m_position, saved->label, saved->newer, saved->version};
        emit labelChanged();
        emit message(tr("Not saved: %1 was changed in another window or program since it was shown; it now reads "
                        "\"%2\", yours \"%3\". Keep yours or take the newer one.")
                         .arg(positionKey(m_position), saved->newer ? describe(*saved->newer) : tr("not labeled"),
                             describe(saved->label)));
        emit conflictFound();
        return false;
    }
    own[id] = saved->label;
    m_shownVersion = saved->version;
    m_conflict.reset();
    refreshProgress();
    emit labelSaved();
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
        if (!savedAt(p))
            return p;
    }
    return std::nullopt;
}

double LabelingController::secondsOnItem() const
{
    // Re-editing adds to the time already spent on the item.
    const Label* own = savedAt(m_position);
    const double before = own ? own->secondsSpent : 0;
    return before + static_cast<double>(m_shownAt.elapsed()) / 1000.0;
}

void LabelingController::fail(const std::string& what)
{
    emit message(QString::fromStdString(what));
}

} // namespace sg::ui
