#pragma once
// The CNN's proposals for the slices of the study open in the viewer (memory only), and what a
// clinician screening it wants first: each level's worst grade and the slice that shows it.
// No widgets: tests check it without a window.
#include "core/ml/ProposalModel.h"
#include "ui/proposals/ProposalOrder.h"
#include "ui/viewer/ViewerState.h"

#include <QString>

#include <optional>
#include <vector>

namespace sg::ui {

// One stack (one disc level) of the study, summarised.
struct LevelSummary {
    int series = 0;
    int stack = 0;
    std::optional<sg::core::Level> level; // nullopt: unassigned
    int slices = 0; // slices with pixels
    int proposed = 0; // of those, proposed so far
    int canalFound = 0; // of those, slices where the localizer found a canal
    int gradable = 0; // canal found on a rootlet slice: a grade can be read
    std::optional<sg::core::Grade> worstGrade; // the highest most-likely grade of its gradable slices
    double probability = 0; // that slice's probability of that grade
    std::optional<SlicePlace> worstSlice;
    QString notGraded; // no gradable slice and its slices out of distribution: why (else empty)
};

// The most likely grade of a proposal, if it may be read: canal found on a rootlet slice.
std::optional<sg::core::Grade> gradeOf(const sg::core::SliceProposal& proposal);

class StudyProposals {
public:
    // Every readable slice of the study, in study order; proposals are indexed the same way.
    void reset(const LoadedStudy* study);
    void clear() { reset(nullptr); }
    const std::vector<SlicePlace>& places() const { return m_places; }
    std::vector<const sg::core::SliceImage*> images() const { return m_images; }
    int indexOf(const SlicePlace& place) const; // -1: not a readable slice

    void set(int index, const sg::core::SliceProposal& proposal);
    const sg::core::SliceProposal* at(const SlicePlace& place) const;
    int proposedCount() const { return m_proposedCount; }
    int size() const { return static_cast<int>(m_places.size()); }

    // Stacks in study order with their worst grade so far (levels as the study now assigns them).
    std::vector<LevelSummary> levels(const LoadedStudy& study) const;

private:
    std::vector<SlicePlace> m_places;
    std::vector<const sg::core::SliceImage*> m_images;
    std::vector<std::optional<sg::core::SliceProposal>> m_proposals;
    int m_proposedCount = 0;
};

} // namespace sg::ui
