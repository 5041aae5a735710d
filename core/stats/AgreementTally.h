#pragma once
// The counts every agreement figure of one scale derives from, kept up to date label by label:
// per-rater class counts, one confusion matrix per unordered pair of raters, the number of
// items labeled by anyone, and Fleiss' sums. A change of one label touches the R-1 pair
// matrices of its rater and two Fleiss groups: O(R + k), i.e. O(1) for a fixed set of raters.
#include <cstdint>
#include <span>
#include <vector>

namespace sg::core {

// Row-major index of a cell of a classes x classes matrix.
inline size_t cellIndex(int row, int col, int classes)
{
    return static_cast<size_t>(row) * static_cast<size_t>(classes) + static_cast<size_t>(col);
}

// Rows = reference rater, columns = other rater, classes in scale order.
struct ConfusionMatrix {
    int classes = 0;
    std::vector<int64_t> cells; // row-major classes x classes
    int64_t at(int row, int col) const { return cells[cellIndex(row, col, classes)]; }
    int64_t total() const;
};

// Fleiss' kappa needs, over the items labeled by all R raters: how many there are, the sum
// over those items of sum_c n_ic^2, and the per-class totals. Items are grouped by how many
// labels they hold, so "labeled by all" can be read for whatever R is when asked.
struct FleissSums {
    int64_t items = 0;
    int64_t sumSquares = 0;
    std::vector<int64_t> classTotals;
};

class AgreementTally {
public:
    explicit AgreementTally(int classCount);

    int classCount() const { return m_classes; }
    // Applies one change of one rater's label of one item. `before` holds every rater's
    // class for the item before the change (-1: no label; raters past its end have none),
    // in this tally's classes. newClass -1 removes the label.
    void change(std::span<const int8_t> before, int rater, int newClass);

    // Adds (weight +1) or removes (-1) all of one item's labels at once: what a bulk load or a
    // level move needs, with the histogram and the pairs walked once for the whole item.
    // A weight w counts w items with these labels at once (every count is linear in it).
    void addItem(std::span<const int8_t> labels, int64_t weight = +1);

    int64_t itemCount() const { return m_items; } // items with a label from at least one rater
    int raterSlots() const { return static_cast<int>(m_raterCounts.size()); }
    int64_t raterTotal(int rater) const; // items the rater labeled
    std::vector<int64_t> raterCounts(int rater) const;
    ConfusionMatrix confusion(int reference, int other) const;
    FleissSums fleissSums(int labelsPerItem) const; // items holding exactly that many labels
    // Krippendorff's coincidence matrix over every item holding two labels or more (missing
    // labels allowed): o_cd = sum_u n_uc (n_ud - [c = d]) / (m_u - 1), row-major k x k.
    std::vector<double> coincidences() const;

private:
    void ensureRater(int rater);
    int64_t* pairCells(int a, int b); // a < b
    void moveItemGroup(std::span<const int> histogram, int labels, int64_t weight);

    int m_classes;
    int64_t m_items = 0;
    std::vector<std::vector<int64_t>> m_raterCounts; // [rater][class]
    // Pair (a, b), a < b, at index b(b-1)/2 + a: adding rater b appends its pairs, so
    // existing matrices never move. Cell [class of a][class of b].
    std::vector<std::vector<int64_t>> m_pairs;
    // Sums over the items holding m labels, m = 1..raters: flat arrays indexed by m (and class),
    // sized when a rater is added, so a change does no allocation and no size checks.
    std::vector<int64_t> m_groupItems;
    std::vector<int64_t> m_groupSquares;
    std::vector<int64_t> m_groupTotals; // [m * classes + c]
    std::vector<int64_t> m_groupCross; // [(m * classes + c) * classes + d]: sum of n_c n_d
};

} // namespace sg::core
