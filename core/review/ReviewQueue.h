#pragma once
// The study lead's review queue: every item on which the analyzers disagree, ranked by
// clinical weight, with filters, progress and next/previous. Plain data in, no store and
// no Qt: ReviewSnapshot.h reads the input from a project; tests build it by hand.
//
// Kinds of disagreement (an item may have several):
//  - Canal: two analyzers called rootlet vs cord.
//  - Grade: two analyzers gave different grades (or one graded and one did not, on rootlet).
//  - Patch: two analyzers' patches have centres more than 3 mm apart (pixel spacing of the
//    item's slice) or IoU under 0.5. Only pairs that both drew a patch are compared.
//  - Model: an analyzer and a CNN model differ on canal or grade. Off by default: an item
//    whose only disagreement is with a model is in the queue only when the filter asks.
//
// Rank (review --json uses the same): the largest grade distance between two analyzers
// first; among equals a grade pair involving C or D first; then items with a canal
// disagreement; then items whose analyzer disagreement is not patch-only; then patch-only;
// then model-only; then the item key (study, level L1/L2..L5/S1 then L?, ordinal).
#include "core/labels/ItemKey.h"
#include "core/labels/Label.h"
#include "core/study/Level.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sg::core {

enum class DisagreementKind : unsigned { Canal = 1, Grade = 2, Patch = 4, Model = 8 };
using KindMask = unsigned; // bits of DisagreementKind
inline constexpr KindMask kAnalyzerKinds = 1 | 2 | 4; // the default filter: Model is off
inline constexpr KindMask kAllKinds = 1 | 2 | 4 | 8;
inline constexpr KindMask kindBit(DisagreementKind kind)
{
    return static_cast<KindMask>(kind);
}
std::string_view disagreementKindName(DisagreementKind kind); // "canal", "grade", "patch", "model"
std::optional<DisagreementKind> parseDisagreementKind(std::string_view text);
std::vector<std::string> kindNames(KindMask kinds); // in the order canal, grade, patch, model

inline constexpr double kPatchCentreLimitMm = 3.0;
inline constexpr double kPatchIouLimit = 0.5;
double patchIou(const Patch& a, const Patch& b); // 0 for empty or disjoint patches

// One rater's judgment of one item, as the queue needs it.
struct ReviewJudgment {
    int rater = 0; // index into ReviewInput::raters
    std::optional<Canal> canal;
    std::optional<Grade> grade;
    std::optional<Patch> patch;
};

struct ReviewRater {
    std::string name;
    bool model = false; // a CNN model (else an analyzer; the lead counts only if also an analyzer)
};

struct ReviewInputItem {
    std::int64_t itemId = 0;
    std::string sopUidHash; // keyed hash of the SOP Instance UID (core/store/Deidentify.h)
    std::optional<Level> level;
    // mm per pixel: PixelSpacing[0] (between rows, for y) and [1] (between columns, for x).
    // nullopt: unknown (a slice imported before schema 4): only the IoU rule judges patches.
    std::optional<double> rowSpacing, columnSpacing;
    std::vector<ReviewJudgment> judgments; // analyzers and models; at most one per rater
    bool decided = false; // a consensus is recorded
    // Decided, but an analyzer's label changed after the decision: the lead decided on older
    // labels, so the item is open again (shown "decided, labels changed since").
    bool labelsChangedSince = false;
};

struct ReviewInput {
    std::vector<ReviewRater> raters;
    std::vector<ReviewInputItem> items;
    ItemKeys keys; // of the items (the project's keys: core/store/ProjectItemKeys.h)
};

// What one pair of raters disagrees on (a pair filter ranks and counts by it alone).
struct PairFinding {
    std::pair<int, int> raters; // rater indices, first < second
    KindMask kinds = 0;
    int gradeDistance = 0;
    bool severePair = false;
};

// One item of the queue.
struct ReviewEntry {
    std::int64_t itemId = 0;
    std::string key; // "S001 L4/L5 #3"
    std::optional<Level> level;
    KindMask kinds = 0; // every kind this item has (Model included when present)
    int gradeDistance = 0; // largest |grade_i - grade_j| between two analyzers (A=0..D=3)
    bool severePair = false; // a disagreeing analyzer grade pair involves C or D
    bool decided = false;
    bool reopened = false; // decided, labels changed since: open again (counts as open)
    std::vector<std::pair<int, int>> pairs; // analyzer pairs (rater indices, i < j) that disagree
    std::vector<PairFinding> findings; // per pair in `pairs`, same order
    std::int64_t keyRank = 0; // ItemKeys::rank
    bool settled() const { return decided && !reopened; } // decided on the labels as they are
};

struct ReviewFilter {
    std::optional<Level> level; // nullopt: every level
    bool unassignedLevelOnly = false; // only items with no level (L?)
    // The task under review: Canal, Grade or Patch (the CLI's --task); nullopt: any. An entry
    // passes when it has that kind (and one of `kinds`).
    std::optional<DisagreementKind> task;
    KindMask kinds = kAnalyzerKinds; // an entry passes when it has any of these kinds
    enum class Status { Any, Open, Decided } status = Status::Any;
    // Only items where these two raters (names) disagree with each other; empty: any pair.
    // With a pair, every entry's kinds, grade distance, rank and the progress are that pair's.
    std::optional<std::pair<std::string, std::string>> pair;
};

struct ReviewProgress {
    int decided = 0;
    int total = 0;
    std::string text() const; // "12 of 148 decided"
};

class ReviewQueue {
public:
    ReviewQueue() = default;
    // Classifies and ranks every item; O(items x raters^2) plus one sort.
    explicit ReviewQueue(const ReviewInput& input);

    const std::vector<ReviewRater>& raters() const { return m_raters; }
    // Every item with any disagreement (model-only ones too), ranked.
    const std::vector<ReviewEntry>& all() const { return m_entries; }
    // The entries as the filter sees them: all(), or with a pair filter each item restricted to
    // that pair (its kinds, distance) and ranked by it. Valid until the next call with another pair.
    const std::vector<ReviewEntry>& entriesFor(const ReviewFilter& filter) const;
    // The ranked entries that pass the filter.
    std::vector<const ReviewEntry*> filtered(const ReviewFilter& filter) const;
    bool passes(const ReviewEntry& entry, const ReviewFilter& filter) const;
    // Over the entries that pass the filter.
    ReviewProgress progress(const ReviewFilter& filter) const;

    // Next/previous entry under the filter after/before the item `from` (by rank; `from` need
    // not pass the filter itself). nullopt `from`: the first/last. nullopt: none left.
    // `openOnly` skips decided items (the lead's "next undecided").
    std::optional<std::int64_t> next(
        const ReviewFilter& filter, std::optional<std::int64_t> from, bool openOnly = false) const;
    std::optional<std::int64_t> previous(
        const ReviewFilter& filter, std::optional<std::int64_t> from, bool openOnly = false) const;

    const ReviewEntry* entry(std::int64_t itemId) const; // null: not in the queue
    // Marks an item decided or open (after the lead records or clears a consensus) without
    // building the queue again; a new decision is on the labels as they are (not reopened).
    void setDecided(std::int64_t itemId, bool decided);

private:
    struct PairView {
        std::pair<int, int> raters {-1, -1};
        std::vector<ReviewEntry> entries;
        std::unordered_map<std::int64_t, size_t> position;
    };
    const PairView* pairView(const ReviewFilter& filter) const; // null: no pair filter

    std::optional<std::int64_t> step(
        const ReviewFilter& filter, std::optional<std::int64_t> from, bool openOnly, int direction) const;

    std::vector<ReviewRater> m_raters;
    std::vector<ReviewEntry> m_entries; // ranked
    std::unordered_map<std::int64_t, size_t> m_position; // item id -> index in m_entries
    mutable PairView m_pairView; // the last pair asked for (the lead looks at one at a time)
};

} // namespace sg::core
