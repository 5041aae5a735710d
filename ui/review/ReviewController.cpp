#include "ui/review/ReviewController.h"

#include "core/labels/ItemKey.h"
#include "core/review/ReviewSnapshot.h"
#include "core/store/ConsensusStore.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "ui/common/ImportRoots.h"
#include "ui/review/ReviewQueueSource.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>

namespace sg::ui {

using namespace sg::core;

ReviewController::ReviewController(QObject* parent) : QObject(parent) { }

ReviewController::~ReviewController() = default;

QString ReviewController::reasonTitle(ConsensusReason reason)
{
    const std::string_view title = consensusReasonTitle(reason);
    return QString::fromUtf8(title.data(), static_cast<qsizetype>(title.size()));
}

bool ReviewController::fail(const std::string& what)
{
    emit message(QString::fromStdString(what));
    return false;
}

bool ReviewController::open(const QString& projectPath, const QString& leadName)
{
    auto store = ProjectStore::open(projectPath.toStdString(), projectOpenOptions(projectPath));
    if (!store)
        return fail(store.error());
    auto who = (*store)->findAnalyzer(leadName.toStdString());
    if (!who)
        return fail(who.error());
    if (!*who || !(*who)->isLead())
        return fail(tr("Review is for the study lead: %1 is not a lead of %2.")
                        .arg(leadName, QFileInfo(projectPath).fileName())
                        .toStdString());
    auto keys = readItemKeys(**store);
    if (!keys)
        return fail(keys.error());
    m_store = std::move(*store);
    m_keys = std::make_unique<ItemKeys>(std::move(*keys));
    m_lead = **who;
    m_projectPath = projectPath;
    m_itemId = 0;
    m_position = -1;
    rebuildQueue();
    if (!m_visible.empty())
        goTo(m_visible.front()->itemId);
    else {
        m_item.reset();
        emit itemChanged();
    }
    return true;
}

void ReviewController::close()
{
    m_store.reset();
    m_keys.reset();
    m_queue = ReviewQueue();
    m_visible.clear();
    m_analyzersJoined.clear();
    m_itemsCompared = 0;
    m_raters.clear();
    m_item.reset();
    m_itemId = 0;
    m_position = -1;
    m_draft = {};
    m_recorded.reset();
    emit queueChanged();
    emit itemChanged();
}

QString ReviewController::leadName() const
{
    return QString::fromStdString(m_lead.name);
}

QString ReviewController::pairName(const std::pair<int, int>& pair) const
{
    const auto& raters = m_queue.raters();
    auto name = [&](int i) {
        return i >= 0 && i < static_cast<int>(raters.size())
            ? QString::fromStdString(raters[static_cast<size_t>(i)].name)
            : QString::number(i);
    };
    return name(pair.first) + QStringLiteral(" / ") + name(pair.second);
}

QStringList ReviewController::pairs() const
{
    QStringList out;
    for (const ReviewEntry& e : m_queue.all())
        for (const auto& p : e.pairs)
            if (const QString n = pairName(p); !out.contains(n))
                out << n;
    out.sort();
    return out;
}

void ReviewController::rebuildQueue()
{
    auto snapshot = readReviewSnapshot(*m_store);
    if (!snapshot) {
        fail(snapshot.error());
        return;
    }
    m_queue = ReviewQueue(snapshot->input);
    m_itemsCompared = 0;
    for (const ReviewInputItem& item : snapshot->input.items) {
        int analyzers = 0;
        for (const ReviewJudgment& j : item.judgments)
            analyzers += snapshot->input.raters[static_cast<size_t>(j.rater)].model ? 0 : 1;
        m_itemsCompared += analyzers >= 2 ? 1 : 0;
    }
    m_analyzersJoined.clear();
    if (auto analyzers = m_store->analyzers()) // in id order: as they joined
        for (const Analyzer& a : *analyzers)
            if (!a.isLead())
                m_analyzersJoined << QString::fromStdString(a.name);
    applyFilter();
}

void ReviewController::applyFilter()
{
    m_visible = m_queue.filtered(m_filter);
    m_position = -1;
    for (int i = 0; i < static_cast<int>(m_visible.size()); ++i)
        if (m_visible[static_cast<size_t>(i)]->itemId == m_itemId)
            m_position = i;
    emit queueChanged();
}

void ReviewController::setFilter(const ReviewFilter& filter)
{
    m_filter = filter;
    applyFilter();
    // The item on screen stays while it passes the filter; otherwise the first one shows.
    if (m_position < 0 && !m_visible.empty())
        goTo(m_visible.front()->itemId);
}

int ReviewController::decidedCount() const
{
    return m_queue.progress(m_filter).decided;
}

QString ReviewController::emptyQueueText() const
{
    if (!m_store || !m_visible.empty())
        return {};
    QStringList analyzers;
    for (const ReviewRater& r : m_queue.raters())
        if (!r.model)
            analyzers << QString::fromStdString(r.name);
    if (analyzers.isEmpty())
        return tr("No labels yet: no analyzer has labeled an item of this project, so there is nothing to review.");
    if (analyzers.size() == 1)
        return tr("No disagreements to review: only %1 has labeled items so far; review compares two analyzers.")
            .arg(analyzers.front());
    if (m_itemsCompared == 0)
        return tr("No disagreements to review: no item has been labeled by two analyzers yet.");
    const auto items = [](int n) { return n == 1 ? tr("1 item") : tr("%1 items").arg(n); };
    const auto queued = static_cast<int>(m_queue.filtered(ReviewFilter {}).size());
    if (queued == 0)
        return tr("No disagreements to review: %1 labeled by two analyzers or more, and they agree on all.")
            .arg(items(m_itemsCompared));
    return tr("No disagreement matches these filters: change them to see the %1 of the queue.").arg(items(queued));
}

QString ReviewController::currentKey() const
{
    return m_keys && m_itemId ? QString::fromStdString(m_keys->key(m_itemId)) : QString();
}

bool ReviewController::next()
{
    if (m_visible.empty())
        return fail(tr("The review queue is empty with these filters.").toStdString());
    if (m_position + 1 >= static_cast<int>(m_visible.size()))
        return fail(tr("This is the last item of the queue.").toStdString());
    return goTo(m_visible[static_cast<size_t>(m_position + 1)]->itemId);
}

bool ReviewController::previous()
{
    if (m_position <= 0)
        return fail(tr("This is the first item of the queue.").toStdString());
    return goTo(m_visible[static_cast<size_t>(m_position - 1)]->itemId);
}

bool ReviewController::nextOpen()
{
    const int n = static_cast<int>(m_visible.size());
    for (int k = 1; k <= n; ++k) {
        const int p = (std::max(m_position, -1) + k) % n;
        if (!m_visible[static_cast<size_t>(p)]->settled()) // reopened items need a look again
            return goTo(m_visible[static_cast<size_t>(p)]->itemId);
    }
    emit message(tr("Every item in the queue is decided (%1 of %1).").arg(n));
    return false;
}

bool ReviewController::goTo(std::int64_t itemId)
{
    if (!m_store)
        return false;
    auto item = m_store->item(itemId);
    if (!item)
        return fail(item.error());
    // Moving on drops an edit that was not recorded: say so, so it is never lost unnoticed.
    const ConsensusDraft shown = m_recorded ? draftOf(*m_recorded) : ConsensusDraft {};
    const QString left = itemId != m_itemId && m_itemId && !(m_draft == shown) ? currentKey() : QString();
    m_item = *item;
    m_itemId = itemId;
    m_position = -1;
    for (int i = 0; i < static_cast<int>(m_visible.size()); ++i)
        if (m_visible[static_cast<size_t>(i)]->itemId == itemId)
            m_position = i;
    load(itemId);
    emit itemChanged();
    if (!left.isEmpty())
        emit message(
            tr("Left %1 without recording it: the consensus being set there was not saved (Enter records).").arg(left));
    return true;
}

void ReviewController::load(std::int64_t itemId)
{
    m_raters.clear();
    auto reads = readRaterReads(*m_store, m_lead, itemId);
    if (!reads)
        fail(reads.error());
    else
        m_raters = std::move(*reads);
    auto recorded = readConsensus(*m_store, m_lead, itemId);
    if (!recorded)
        fail(recorded.error());
    m_recorded = recorded ? *recorded : std::nullopt;
    m_draft = m_recorded ? draftOf(*m_recorded) : ConsensusDraft {};
    emit draftChanged();
}

const RaterRead* ReviewController::analyzer(int number) const
{
    int n = 0;
    for (const RaterRead& r : m_raters)
        if (!r.model && ++n == number)
            return &r;
    return nullptr;
}

QString ReviewController::decidedText() const
{
    if (!m_recorded)
        return {};
    QString by = QString::fromStdString(m_recorded->decidedByName);
    if (by.isEmpty())
        by = m_recorded->decidedBy == m_lead.id ? leadName() : QString::number(m_recorded->decidedBy);
    const QDateTime at = QDateTime::fromString(QString::fromStdString(m_recorded->decidedAt), Qt::ISODateWithMs);
    return tr("Decided by %1 at %2 (UTC)")
        .arg(by,
            at.isValid() ? at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                         : QString::fromStdString(m_recorded->decidedAt));
}

bool ReviewController::isDraftRecorded() const
{
    if (!m_recorded)
        return false;
    return m_draft == draftOf(*m_recorded);
}

void ReviewController::edit(const std::function<void(ConsensusDraft&)>& change)
{
    if (!m_item)
        return;
    change(m_draft);
    emit draftChanged();
}

void ReviewController::setCanal(Canal canal)
{
    edit([canal](ConsensusDraft& d) {
        d.canal = canal;
        if (canal == Canal::Cord) {
            d.grade.reset();
            d.subgrade.reset();
        }
    });
}

void ReviewController::setGrade(Grade grade)
{
    edit([grade](ConsensusDraft& d) {
        d.canal = Canal::Rootlet;
        d.grade = grade;
        if (grade != Grade::A)
            d.subgrade.reset();
    });
}

void ReviewController::setSubgrade(std::optional<int> subgrade)
{
    edit([subgrade](ConsensusDraft& d) {
        d.subgrade = subgrade;
        if (subgrade) {
            d.canal = Canal::Rootlet;
            d.grade = Grade::A;
        }
    });
}

void ReviewController::setPatch(const std::optional<Patch>& patch)
{
    edit([patch](ConsensusDraft& d) { d.patch = patch; });
}

void ReviewController::setReason(ConsensusReason reason)
{
    edit([reason](ConsensusDraft& d) { d.reason = reason; });
}

void ReviewController::setNote(const QString& note)
{
    edit([note](ConsensusDraft& d) { d.note = note; });
}

bool ReviewController::acceptPatch(int number)
{
    const RaterRead* r = analyzer(number);
    if (!r || !r->label || !r->label->patch)
        return fail(tr("Analyzer %1 has no patch on this item.").arg(number).toStdString());
    setPatch(r->label->patch);
    return true;
}

bool ReviewController::acceptLabel(int number)
{
    const RaterRead* r = analyzer(number);
    if (!m_item || !r || !r->label)
        return fail(tr("There is no analyzer %1 with a label on this item.").arg(number).toStdString());
    const ConsensusReason reason = m_draft.reason.value_or(ConsensusReason::ReaderError);
    edit([&](ConsensusDraft& d) {
        d.canal = r->label->canal;
        d.grade = r->label->grade;
        d.subgrade = r->label->subgrade;
        d.patch = r->label->patch;
        d.reason = reason;
    });
    return record();
}

bool ReviewController::record()
{
    if (!m_item)
        return false;
    if (!m_draft.canal)
        return fail(
            tr("Choose rootlet (R) or cord (O) first, or accept an analyzer's label (Shift+1..9).").toStdString());
    if (!m_draft.reason)
        return fail(tr("Choose a reason (W) before recording.").toStdString());
    const auto saved = setConsensus(*m_store, m_lead, consensusOf(m_itemId, m_draft));
    if (!saved)
        return fail(saved.error());
    const std::int64_t decided = m_itemId;
    rebuildQueue();
    load(decided);
    emit recordedChanged();
    emit message(tr("Consensus recorded for %1.").arg(currentKey()));
    if (!nextOpen()) {
        // Nothing open is left: stay on the item just decided.
        goTo(decided);
    }
    return true;
}

bool ReviewController::undo()
{
    if (!m_store)
        return false;
    auto undone = undoConsensus(*m_store, m_lead);
    if (!undone)
        return fail(undone.error());
    if (!undone->applied)
        return fail(tr("Nothing to undo.").toStdString());
    rebuildQueue();
    goTo(undone->itemId);
    emit recordedChanged();
    emit message(tr("Undone: the consensus of %1.").arg(currentKey()));
    return true;
}

bool ReviewController::redo()
{
    if (!m_store)
        return false;
    auto redone = redoConsensus(*m_store, m_lead);
    if (!redone)
        return fail(redone.error());
    if (!redone->applied)
        return fail(tr("Nothing to redo.").toStdString());
    rebuildQueue();
    goTo(redone->itemId);
    emit recordedChanged();
    emit message(tr("Redone: the consensus of %1.").arg(currentKey()));
    return true;
}

} // namespace sg::ui
