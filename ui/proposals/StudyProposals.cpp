#include "ui/proposals/StudyProposals.h"

#include "core/ml/OutOfDistribution.h"

#include <algorithm>

namespace sg::ui {

using namespace sg::core;

std::optional<Grade> gradeOf(const SliceProposal& proposal)
{
    return proposedGrade(proposal);
}

void StudyProposals::reset(const LoadedStudy* study)
{
    m_places.clear();
    m_images.clear();
    m_proposals.clear();
    m_proposedCount = 0;
    if (!study)
        return;
    for (size_t s = 0; s < study->series.size(); ++s) {
        const auto& stacks = study->series[s].pixels.stacks;
        for (size_t k = 0; k < stacks.size(); ++k)
            for (size_t i = 0; i < stacks[k].slices.size(); ++i)
                if (!stacks[k].slices[i].empty()) {
                    m_places.push_back({static_cast<int>(s), static_cast<int>(k), static_cast<int>(i)});
                    m_images.push_back(&stacks[k].slices[i]);
                }
    }
    m_proposals.resize(m_places.size());
}

int StudyProposals::indexOf(const SlicePlace& place) const
{
    const auto it = std::find(m_places.begin(), m_places.end(), place);
    return it == m_places.end() ? -1 : static_cast<int>(it - m_places.begin());
}

void StudyProposals::set(int index, const SliceProposal& proposal)
{
    if (index < 0 || index >= size())
        return;
    auto& slot = m_proposals[static_cast<size_t>(index)];
    if (!slot)
        ++m_proposedCount;
    slot = proposal;
}

const SliceProposal* StudyProposals::at(const SlicePlace& place) const
{
    const int index = indexOf(place);
    if (index < 0 || !m_proposals[static_cast<size_t>(index)])
        return nullptr;
    return &*m_proposals[static_cast<size_t>(index)];
}

std::vector<LevelSummary> StudyProposals::levels(const LoadedStudy& study) const
{
    std::vector<LevelSummary> out;
    for (size_t s = 0; s < study.series.size(); ++s) {
        const auto& stacks = study.series[s].pixels.stacks;
        for (size_t k = 0; k < stacks.size(); ++k) {
            LevelSummary row;
            row.series = static_cast<int>(s);
            row.stack = static_cast<int>(k);
            row.level = stacks[k].stack ? stacks[k].stack->level : std::nullopt;
            out.push_back(row);
        }
    }
    std::vector<std::vector<const SliceProposal*>> perRow(out.size());
    for (size_t i = 0; i < m_places.size(); ++i) {
        const SlicePlace& place = m_places[i];
        auto row = std::find_if(out.begin(), out.end(),
            [&](const LevelSummary& r) { return r.series == place.series && r.stack == place.stack; });
        if (row == out.end())
            continue;
        ++row->slices;
        if (!m_proposals[i])
            continue;
        ++row->proposed;
        const SliceProposal& p = *m_proposals[i];
        perRow[static_cast<size_t>(row - out.begin())].push_back(&p);
        row->canalFound += p.canalFound ? 1 : 0;
        const auto grade = gradeOf(p);
        if (!grade)
            continue;
        ++row->gradable;
        const double probability = p.grade[static_cast<size_t>(*grade)];
        if (worseFinding(*grade, probability, row->worstGrade, row->probability)) {
            row->worstGrade = grade;
            row->probability = probability;
            row->worstSlice = place;
        }
    }
    for (size_t r = 0; r < out.size(); ++r)
        if (out[r].proposed == out[r].slices && out[r].slices > 0)
            out[r].notGraded = QString::fromStdString(levelNotGradedReason(perRow[r]));
    return out;
}

} // namespace sg::ui
