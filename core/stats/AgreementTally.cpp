#include "core/stats/AgreementTally.h"

#include <algorithm>
#include <numeric>

namespace sg::core {
namespace {

constexpr int kMaxHistogram = 8; // classes of any scale (4 at most), with room to spare

// A stored class as an int: -1 (no label) must stay negative, which is what the signed char is for.
int classValue(int8_t c)
{
    return c;
} // NOLINT(bugprone-signed-char-misuse)

// Pair (a, b), a < b, at b(b-1)/2 + a.
size_t pairIndex(int a, int b)
{
    return static_cast<size_t>(b) * static_cast<size_t>(b - 1) / 2 + static_cast<size_t>(a);
}

} // namespace

int64_t ConfusionMatrix::total() const
{
    return std::accumulate(cells.begin(), cells.end(), int64_t {0});
}

AgreementTally::AgreementTally(int classCount) : m_classes(classCount) { }

void AgreementTally::ensureRater(int rater)
{
    if (rater < raterSlots())
        return;
    while (raterSlots() <= rater) {
        const int b = raterSlots();
        m_raterCounts.emplace_back(static_cast<size_t>(m_classes), 0);
        for (int a = 0; a < b; ++a)
            m_pairs.emplace_back(static_cast<size_t>(m_classes * m_classes), 0);
    }
    const size_t groups = static_cast<size_t>(raterSlots()) + 1;
    m_groupItems.resize(groups, 0);
    m_groupSquares.resize(groups, 0);
    m_groupTotals.resize(groups * static_cast<size_t>(m_classes), 0);
    m_groupCross.resize(groups * static_cast<size_t>(m_classes * m_classes), 0);
}

int64_t* AgreementTally::pairCells(int a, int b)
{
    return m_pairs[pairIndex(a, b)].data();
}

void AgreementTally::moveItemGroup(std::span<const int> histogram, int labels, int64_t weight)
{
    if (labels == 0)
        return;
    m_groupItems[static_cast<size_t>(labels)] += weight;
    int64_t* totals = m_groupTotals.data() + static_cast<size_t>(labels * m_classes);
    int64_t squares = 0;
    for (int c = 0; c < m_classes; ++c) {
        const int64_t n = histogram[static_cast<size_t>(c)];
        squares += n * n;
        totals[c] += weight * n;
    }
    m_groupSquares[static_cast<size_t>(labels)] += weight * squares;
    int64_t* cross = m_groupCross.data() + static_cast<size_t>(labels * m_classes * m_classes);
    for (int c = 0; c < m_classes; ++c)
        for (int d = 0; d < m_classes; ++d)
            cross[c * m_classes + d] += weight * histogram[static_cast<size_t>(c)] * histogram[static_cast<size_t>(d)];
}

void AgreementTally::change(std::span<const int8_t> before, int rater, int newClass)
{
    const int oldClass = rater < static_cast<int>(before.size()) ? before[static_cast<size_t>(rater)] : -1;
    if (oldClass == newClass)
        return;
    ensureRater(rater);

    int histogram[kMaxHistogram] = {};
    int labels = 0;
    for (int8_t c : before)
        if (c >= 0) {
            ++histogram[c];
            ++labels;
        }
    const int labelsAfter = labels + (oldClass < 0 ? 1 : 0) - (newClass < 0 ? 1 : 0);
    if (labels == 0)
        ++m_items;
    else if (labelsAfter == 0)
        --m_items;

    moveItemGroup(std::span<const int>(histogram, static_cast<size_t>(m_classes)), labels, -1);
    if (oldClass >= 0) {
        --m_raterCounts[static_cast<size_t>(rater)][static_cast<size_t>(oldClass)];
        --histogram[oldClass];
    }
    if (newClass >= 0) {
        ++m_raterCounts[static_cast<size_t>(rater)][static_cast<size_t>(newClass)];
        ++histogram[newClass];
    }
    moveItemGroup(std::span<const int>(histogram, static_cast<size_t>(m_classes)), labelsAfter, +1);

    for (int s = 0; s < static_cast<int>(before.size()); ++s) {
        const int otherClass = classValue(before[static_cast<size_t>(s)]);
        if (s == rater || otherClass < 0)
            continue;
        int64_t* cells = rater < s ? pairCells(rater, s) : pairCells(s, rater);
        // Cell index with the lower rater's class as the row.
        auto cell = [&](int mine) { return rater < s ? mine * m_classes + otherClass : otherClass * m_classes + mine; };
        if (oldClass >= 0)
            --cells[cell(oldClass)];
        if (newClass >= 0)
            ++cells[cell(newClass)];
    }
}

void AgreementTally::addItem(std::span<const int8_t> labels, int64_t weight)
{
    int histogram[kMaxHistogram] = {};
    int count = 0;
    for (size_t r = 0; r < labels.size(); ++r) {
        const int c = classValue(labels[r]);
        if (c < 0)
            continue;
        ensureRater(static_cast<int>(r));
        ++histogram[c];
        ++count;
        m_raterCounts[r][static_cast<size_t>(c)] += weight;
        for (size_t s = 0; s < r; ++s)
            if (labels[s] >= 0) // pair (s, r), s < r: row = class of s
                pairCells(static_cast<int>(s), static_cast<int>(r))[labels[s] * m_classes + c] += weight;
    }
    if (count == 0)
        return;
    m_items += weight;
    moveItemGroup(std::span<const int>(histogram, static_cast<size_t>(m_classes)), count, weight);
}

int64_t AgreementTally::raterTotal(int rater) const
{
    if (rater >= raterSlots())
        return 0;
    const auto& c = m_raterCounts[static_cast<size_t>(rater)];
    return std::accumulate(c.begin(), c.end(), int64_t {0});
}

std::vector<int64_t> AgreementTally::raterCounts(int rater) const
{
    if (rater >= raterSlots())
        return std::vector<int64_t>(static_cast<size_t>(m_classes), 0);
    return m_raterCounts[static_cast<size_t>(rater)];
}

ConfusionMatrix AgreementTally::confusion(int reference, int other) const
{
    ConfusionMatrix m {m_classes, std::vector<int64_t>(static_cast<size_t>(m_classes * m_classes), 0)};
    if (reference == other || reference >= raterSlots() || other >= raterSlots())
        return m;
    const int a = std::min(reference, other);
    const int b = std::max(reference, other);
    const auto& cells = m_pairs[pairIndex(a, b)];
    for (int i = 0; i < m_classes; ++i)
        for (int j = 0; j < m_classes; ++j) // stored with rater a as the row: transpose if a is "other"
            m.cells[cellIndex(i, j, m_classes)] =
                reference == a ? cells[cellIndex(i, j, m_classes)] : cells[cellIndex(j, i, m_classes)];
    return m;
}

FleissSums AgreementTally::fleissSums(int labelsPerItem) const
{
    FleissSums sums {0, 0, std::vector<int64_t>(static_cast<size_t>(m_classes), 0)};
    if (labelsPerItem <= 0 || labelsPerItem >= static_cast<int>(m_groupItems.size()))
        return sums;
    const auto m = static_cast<size_t>(labelsPerItem);
    sums.items = m_groupItems[m];
    sums.sumSquares = m_groupSquares[m];
    std::copy_n(m_groupTotals.begin() + static_cast<std::ptrdiff_t>(m * static_cast<size_t>(m_classes)), m_classes,
        sums.classTotals.begin());
    return sums;
}

std::vector<double> AgreementTally::coincidences() const
{
    const auto k = static_cast<size_t>(m_classes);
    std::vector<double> o(k * k, 0.0);
    for (size_t m = 2; m < m_groupItems.size(); ++m)
        for (size_t c = 0; c < k; ++c)
            for (size_t d = 0; d < k; ++d) {
                int64_t pairs = m_groupCross[(m * k + c) * k + d];
                if (c == d) // a value is not paired with itself
                    pairs -= m_groupTotals[m * k + c];
                o[c * k + d] += static_cast<double>(pairs) / static_cast<double>(m - 1);
            }
    return o;
}

} // namespace sg::core
