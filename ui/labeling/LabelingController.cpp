#include "ui/labeling/LabelingController.h"

#include "core/store/ReaderKit.h"

#include "ui/common/ImportRoots.h"
#include "ui/labeling/LabelText.h"

#include <algorithm>

namespace sg::ui {

using namespace sg::core;

LabelingController::LabelingController(QObject* parent) : QObject(parent)
{
    connect(&m_editor, &LabelEditor::labelChanged, this, &LabelingController::labelChanged);
    connect(&m_editor, &LabelEditor::message, this, &LabelingController::message);
}

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
    m_worklist.reset(*entries, std::move(*items));
    setOwnLabels(ReadKind::First, std::move(*labels));
    setOwnLabels(ReadKind::Reread, std::move(*rereads));
    if (auto version = m_session->store().dataVersion())
        m_dataVersion = *version;
    refreshProgress();
    if (m_worklist.empty()) {
        emit message(tr("This project has no worklist yet (spinegrade-cli worklist --db FILE)."));
        emit itemChanged();
        return true;
    }
    const auto first = m_worklist.nextUnlabeledAfter(-1);
    show(first.value_or(0));
    return true;
}

void LabelingController::close()
{
    m_session.reset();
    m_readerKit = false;
    m_worklist.clear();
    m_progress = {};
    m_position = -1;
    m_editor.stop();
    m_proposal.reset();
    m_conflict.reset();
    m_dataVersion = -1;
}

const Item* LabelingController::item() const
{
    return m_position >= 0 ? itemById(m_worklist.itemIdAt(m_position)) : nullptr;
}

const Item* LabelingController::itemById(std::int64_t itemId) const
{
    return m_worklist.itemById(itemId);
}

void LabelingController::setOwnLabels(ReadKind read, std::vector<Label> labels)
{
    m_worklist.setOwnLabels(read, std::move(labels), who().id);
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
    m_worklist.updateLevels(*items);
    refreshProgress();
    emit levelsChanged();
    emit itemChanged();
    const QString name = level ? QString::fromUtf8(levelName(*level).data()) : tr("unassigned");
    emit message(tr("Level of this stack set to %1 (%n slice(s)).", nullptr, *changed).arg(name));
    return true;
}

bool LabelingController::commitAndNext()
{
    if (!item())
        return false;
    const Label& pending = m_editor.label();
    if (!pending.canal) {
        // A skip shown again, unchanged: it is handled already, Enter just moves on.
        const Label* saved = savedAt(m_position);
        if (saved && isSkip(*saved) && saved->sameValue(pending)) {
            advance();
            return true;
        }
        // Nothing judged is not a label: it must be said (R / O), or skipped with a reason.
        emit message(tr("Not saved: %1 needs rootlet (R) or cord (O) first, or skip it with a reason (S).")
                         .arg(positionKey(m_position)));
        return false;
    }
    if (m_sliceUnreadable) {
        // A grade given without the image would count in the agreement like any other.
        emit message(tr("Not saved: the slice of %1 cannot be read, so it cannot be judged. Skip it with a reason "
                        "(S), or find the studies (File > Locate studies…).")
                         .arg(positionKey(m_position)));
        return false;
    }
    Label label = pending;
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
    if (const auto next = m_worklist.nextUnlabeledAfter(m_position)) {
        show(*next);
    } else {
        emit message(tr("All %1 items are labeled.").arg(m_worklist.size()));
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
    label.itemId = m_editor.label().itemId;
    label.comment = skipComment(reason).toStdString();
    label.secondsSpent = secondsOnItem();
    if (!save(label))
        return false;
    emit message(tr("Skipped %1: %2").arg(positionKey(m_position), reason.trimmed()));
    show(m_worklist.nextUnlabeledAfter(m_position).value_or(m_position));
    return true;
}

bool LabelingController::jumpTo(std::int64_t itemId)
{
    const auto position = m_worklist.positionOf(itemId);
    if (!position) {
        emit message(tr("Item %1 is not in your worklist.").arg(itemId));
        return false;
    }
    show(*position);
    return true;
}

bool LabelingController::jumpToPosition(int position)
{
    if (!m_worklist.contains(position))
        return false;
    show(position);
    return true;
}

bool LabelingController::undo()
{
    if (m_editor.undo()) {
        emit labelChanged();
        emit message(!m_editor.hasEdits()
                ? tr("Undid your edit of %1: it is as it was shown.").arg(positionKey(m_position))
                : tr("Undid an edit of %1 (not saved).").arg(positionKey(m_position)));
        return true;
    }
    return revert(false);
}

bool LabelingController::redo()
{
    if (m_editor.redo()) {
        emit labelChanged();
        emit message(tr("Redid an edit of %1 (not saved).").arg(positionKey(m_position)));
        return true;
    }
    if (m_editor.hasEdits()) {
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
    m_worklist.setOwn(outcome->read, outcome->itemId, outcome->label);
    refreshProgress();
    // The entry whose label changed: the re-read's own place for a re-read.
    if (const auto position = m_worklist.positionOf(outcome->itemId, outcome->read))
        show(*position);
    // Beyond the item on screen: say which item this went back to, as the worklist names it.
    const QString key = m_worklist.itemKey(outcome->itemId, outcome->read);
    const QString now = outcome->label ? describe(*outcome->label) : tr("not labeled");
    emit message(redo ? tr("Redid your saved label of %1: %2.").arg(key, now)
                      : tr("Undid your saved label of %1: back to %2.").arg(key, now));
    return true;
}

bool LabelingController::keepMine()
{
    if (!m_conflict || !item() || m_conflict->itemId != m_editor.label().itemId)
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
    if (!m_conflict || !item() || m_conflict->itemId != m_editor.label().itemId)
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
    m_sliceUnreadable = false; // until this item's image says otherwise
    const std::int64_t id = m_worklist.itemIdAt(position);
    readOwnLabel(position);
    // The label of this entry only: a re-read starts empty, never from the first read.
    const Label* own = m_worklist.savedAt(position);
    Label shown = own ? *own : Label {};
    shown.itemId = id;
    m_editor.start(std::move(shown));
    m_conflict.reset();
    readProposal();
    // The CNN's patch is where a new label starts; a saved label keeps its own patch.
    if (m_proposal && !own)
        m_editor.startPatch(m_proposal->patch);
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
    if (m_dataVersion == before || m_editor.hasEdits())
        return;
    const auto version = m_session->version(m_editor.label().itemId, m_worklist.readAt(m_position));
    if (version && *version != m_shownVersion) {
        show(m_position);
        emit message(
            tr("%1 was changed in another window or program: shown as it is now.").arg(positionKey(m_position)));
    }
}

void LabelingController::readOwnLabel(int position)
{
    const std::int64_t itemId = m_worklist.itemIdAt(position);
    const ReadKind read = m_worklist.readAt(position);
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
    const bool had = m_worklist.own(read, itemId) != nullptr;
    m_worklist.setOwn(read, itemId, *label);
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
    auto predictions = m_session->predictions(m_editor.label().itemId);
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
    if (m_proposal && !savedAt(m_position))
        m_editor.startPatch(m_proposal->patch);
    emit labelChanged();
}

bool LabelingController::save(Label label)
{
    const ReadKind read = m_worklist.readAt(m_position);
    auto saved = m_session->saveIfUnchanged(std::move(label), m_shownVersion, read);
    if (!saved) {
        fail(saved.error());
        return false;
    }
    const std::int64_t id = saved->label.itemId;
    if (!saved->saved) {
        // Changed elsewhere since shown: nothing written. Say so, show what the file holds
        // ("Saved:" in the panel) and let the user choose.
        m_worklist.setOwn(read, id, saved->newer);
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
    m_worklist.setOwn(read, id, saved->label);
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
