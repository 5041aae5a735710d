#include "core/review/ReviewQueue.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace sg::core {
namespace {

double centreDistanceMm(const Patch& a, const Patch& b, double rowSpacing, double columnSpacing)
{
    const double dx = (a.x + a.w / 2 - (b.x + b.w / 2)) * columnSpacing; // x runs along a row: column spacing
    const double dy = (a.y + a.h / 2 - (b.y + b.h / 2)) * rowSpacing;
    return std::hypot(dx, dy);
}

bool patchesDisagree(const Patch& a, const Patch& b, const ReviewInputItem& item)
{
    if (patchIou(a, b) < kPatchIouLimit)
        return true;
    if (!item.rowSpacing || !item.columnSpacing)
        return false; // spacing unknown: the IoU rule alone (never a guessed millimetre)
    return centreDistanceMm(a, b, *item.rowSpacing, *item.columnSpacing) > kPatchCentreLimitMm;
}

// A graded rootlet call against a rootlet call without a grade is a grade disagreement too;
// a missing label is not (that rater has not labeled the item yet).
bool gradeMissingOnRootlet(const ReviewJudgment& j)
{
    return !j.grade && j.canal == Canal::Rootlet;
}

// Severity tiers among equal grade distances (ReviewQueue.h).
auto rankKey(const ReviewEntry& e)
{
    const KindMask analyzerKinds = e.kinds & kAnalyzerKinds;
    const int tier = (analyzerKinds & kindBit(DisagreementKind::Canal)) ? 0
        : analyzerKinds == kindBit(DisagreementKind::Patch)             ? 2
        : analyzerKinds == 0                                            ? 3
                                                                        : 1;
    return std::make_tuple(-e.gradeDistance, e.severePair ? 0 : 1, tier, e.keyRank, e.itemId);
}

void rank(std::vector<ReviewEntry>& entries, std::unordered_map<std::int64_t, size_t>& position)
{
    std::sort(entries.begin(), entries.end(),
        [](const ReviewEntry& a, const ReviewEntry& b) { return rankKey(a) < rankKey(b); });
    position.clear();
    position.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i)
        position.emplace(entries[i].itemId, i);
}

} // namespace

std::string_view disagreementKindName(DisagreementKind kind)
{
    switch (kind) {
    case DisagreementKind::Canal: return "canal";
    case DisagreementKind::Grade: return "grade";
    case DisagreementKind::Patch: return "patch";
    case DisagreementKind::Model: return "model";
    }
    return "";
}

std::optional<DisagreementKind> parseDisagreementKind(std::string_view text)
{
    for (DisagreementKind k :
        {DisagreementKind::Canal, DisagreementKind::Grade, DisagreementKind::Patch, DisagreementKind::Model})
        if (text == disagreementKindName(k))
            return k;
    return std::nullopt;
}

std::vector<std::string> kindNames(KindMask kinds)
{
    std::vector<std::string> out;
    for (DisagreementKind k :
        {DisagreementKind::Canal, DisagreementKind::Grade, DisagreementKind::Patch, DisagreementKind::Model})
        if (kinds & kindBit(k))
            out.emplace_back(disagreementKindName(k));
    return out;
}

double patchIou(const Patch& a, const Patch& b)
{
    const double ix = std::max(0.0, std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x));
    const double iy = std::max(0.0, std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y));
    const double inter = ix * iy;
    const double uni = a.w * a.h + b.w * b.h - inter;
    return uni > 0 ? inter / uni : 0.0;
}

std::string ReviewProgress::text() const
{
    return std::to_string(decided) + " of " + std::to_string(total) + " decided";
}

ReviewQueue::ReviewQueue(const ReviewInput& input) : m_raters(input.raters)
{
    m_entries.reserve(input.items.size() / 4);
    for (const ReviewInputItem& item : input.items) {
        ReviewEntry e;
        const auto& js = item.judgments;
        for (size_t a = 0; a < js.size(); ++a) {
            const bool aModel = m_raters[static_cast<size_t>(js[a].rater)].model;
            for (size_t b = a + 1; b < js.size(); ++b) {
                const ReviewJudgment& x = js[a];
                const ReviewJudgment& y = js[b];
                const bool bModel = m_raters[static_cast<size_t>(y.rater)].model;
                if (aModel && bModel)
                    continue; // two models disagreeing is not the lead's business
                KindMask found = 0;
                const bool canal = x.canal && y.canal && *x.canal != *y.canal;
                const bool grade = (x.grade && y.grade && *x.grade != *y.grade) ||
                    (x.grade && gradeMissingOnRootlet(y)) || (y.grade && gradeMissingOnRootlet(x));
                if (aModel || bModel) {
                    if (canal || (x.grade && y.grade && *x.grade != *y.grade))
                        found = kindBit(DisagreementKind::Model);
                } else {
                    if (canal)
                        found |= kindBit(DisagreementKind::Canal);
                    if (grade)
                        found |= kindBit(DisagreementKind::Grade);
                    if (x.grade && y.grade && *x.grade != *y.grade) {
                        const int gx = static_cast<int>(*x.grade), gy = static_cast<int>(*y.grade);
                        e.gradeDistance = std::max(e.gradeDistance, std::abs(gx - gy));
                        e.severePair = e.severePair || std::max(gx, gy) >= static_cast<int>(Grade::C);
                    }
                    if (x.patch && y.patch && patchesDisagree(*x.patch, *y.patch, item))
                        found |= kindBit(DisagreementKind::Patch);
                }
                if (found) {
                    PairFinding f;
                    f.raters = {std::min(x.rater, y.rater), std::max(x.rater, y.rater)};
                    f.kinds = found;
                    if (!aModel && !bModel && x.grade && y.grade && *x.grade != *y.grade) {
                        const int gx = static_cast<int>(*x.grade), gy = static_cast<int>(*y.grade);
                        f.gradeDistance = std::abs(gx - gy);
                        f.severePair = std::max(gx, gy) >= static_cast<int>(Grade::C);
                    }
                    e.kinds |= found;
                    e.pairs.push_back(f.raters);
                    e.findings.push_back(f);
                }
            }
        }
        if (!e.kinds)
            continue;
        e.itemId = item.itemId;
        e.key = input.keys.key(item.itemId);
        e.keyRank = input.keys.rank(item.itemId);
        e.level = item.level;
        e.decided = item.decided;
        e.reopened = item.decided && item.labelsChangedSince;
        m_entries.push_back(std::move(e));
    }
    rank(m_entries, m_position);
}

const ReviewQueue::PairView* ReviewQueue::pairView(const ReviewFilter& f) const
{
    if (!f.pair)
        return nullptr;
    int a = -1, b = -1;
    for (size_t i = 0; i < m_raters.size(); ++i) {
        if (m_raters[i].name == f.pair->first)
            a = static_cast<int>(i);
        if (m_raters[i].name == f.pair->second)
            b = static_cast<int>(i);
    }
    const std::pair<int, int> wanted {std::min(a, b), std::max(a, b)};
    if (m_pairView.raters == wanted && (a >= 0 && b >= 0))
        return &m_pairView;
    m_pairView = {};
    m_pairView.raters = wanted;
    if (a < 0 || b < 0)
        return &m_pairView; // an unknown rater: nothing passes
    // Each item as that pair alone sees it: its kinds, its grade distance, its rank.
    for (const ReviewEntry& e : m_entries)
        for (const PairFinding& f : e.findings)
            if (f.raters == wanted) {
                ReviewEntry one = e;
                one.kinds = f.kinds;
                one.gradeDistance = f.gradeDistance;
                one.severePair = f.severePair;
                one.pairs = {f.raters};
                one.findings = {f};
                m_pairView.entries.push_back(std::move(one));
            }
    rank(m_pairView.entries, m_pairView.position);
    return &m_pairView;
}

const std::vector<ReviewEntry>& ReviewQueue::entriesFor(const ReviewFilter& filter) const
{
    const PairView* view = pairView(filter);
    return view ? view->entries : m_entries;
}

bool ReviewQueue::passes(const ReviewEntry& e, const ReviewFilter& f) const
{
    if (!(e.kinds & f.kinds))
        return false;
    if (f.task && !(e.kinds & kindBit(*f.task)))
        return false;
    if (f.unassignedLevelOnly ? e.level.has_value() : (f.level && e.level != f.level))
        return false;
    // Reopened (labels changed since the decision) is open: the decision needs a look again.
    if ((f.status == ReviewFilter::Status::Open && e.settled()) ||
        (f.status == ReviewFilter::Status::Decided && !e.settled()))
        return false;
    if (f.pair) {
        const PairView* view = pairView(f);
        if (std::find(e.pairs.begin(), e.pairs.end(), view->raters) == e.pairs.end())
            return false;
    }
    return true;
}

std::vector<const ReviewEntry*> ReviewQueue::filtered(const ReviewFilter& filter) const
{
    std::vector<const ReviewEntry*> out;
    for (const ReviewEntry& e : entriesFor(filter))
        if (passes(e, filter))
            out.push_back(&e);
    return out;
}

ReviewProgress ReviewQueue::progress(const ReviewFilter& filter) const
{
    ReviewProgress p;
    for (const ReviewEntry& e : entriesFor(filter))
        if (passes(e, filter)) {
            ++p.total;
            p.decided += e.settled() ? 1 : 0;
        }
    return p;
}

const ReviewEntry* ReviewQueue::entry(std::int64_t itemId) const
{
    const auto it = m_position.find(itemId);
    return it == m_position.end() ? nullptr : &m_entries[it->second];
}

void ReviewQueue::setDecided(std::int64_t itemId, bool decided)
{
    if (const auto it = m_position.find(itemId); it != m_position.end()) {
        m_entries[it->second].decided = decided;
        m_entries[it->second].reopened = false;
    }
    if (const auto it = m_pairView.position.find(itemId); it != m_pairView.position.end()) {
        m_pairView.entries[it->second].decided = decided;
        m_pairView.entries[it->second].reopened = false;
    }
}

std::optional<std::int64_t> ReviewQueue::step(
    const ReviewFilter& filter, std::optional<std::int64_t> from, bool openOnly, int direction) const
{
    const PairView* view = pairView(filter);
    const std::vector<ReviewEntry>& entries = view ? view->entries : m_entries;
    const auto& position = view ? view->position : m_position;
    const auto n = static_cast<std::int64_t>(entries.size());
    std::int64_t i = direction > 0 ? 0 : n - 1;
    if (from)
        if (const auto it = position.find(*from); it != position.end())
            i = static_cast<std::int64_t>(it->second) + direction;
    for (; i >= 0 && i < n; i += direction) {
        const ReviewEntry& e = entries[static_cast<size_t>(i)];
        if ((!openOnly || !e.settled()) && passes(e, filter))
            return e.itemId;
    }
    return std::nullopt;
}

std::optional<std::int64_t> ReviewQueue::next(
    const ReviewFilter& filter, std::optional<std::int64_t> from, bool openOnly) const
{
    return step(filter, from, openOnly, +1);
}

std::optional<std::int64_t> ReviewQueue::previous(
    const ReviewFilter& filter, std::optional<std::int64_t> from, bool openOnly) const
{
    return step(filter, from, openOnly, -1);
}

} // namespace sg::core
