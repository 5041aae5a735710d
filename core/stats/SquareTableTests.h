#pragma once
// Tests of systematic bias between two raters on their k x k confusion matrix: Stuart-Maxwell's
// marginal homogeneity and Bowker's symmetry, as statsmodels' SquareTable(table,
// shift_zeros=False).homogeneity() and .symmetry() compute them. (statsmodels' default,
// shift_zeros=True, replaces every empty cell by 0.5 before testing, which changes the figures
// of sparse tables; SpineGrade tests the counts as they are.)
#include "core/stats/AgreementTally.h"

#include <optional>

namespace sg::core {

struct ChiSquareTest {
    double statistic = 0.0;
    int df = 0;
    double p = 1.0;
};

// Stuart-Maxwell: d = column minus row margins of the first k-1 classes, V its covariance
// under homogeneity, statistic n d' V^-1 d with k-1 df. Undefined (nullopt) without items, or
// where V is singular (statsmodels' LinAlgError: NaN): a class among the first k-1 that no
// disagreement involves, e.g. a class neither rater used. A 1 x 1 table gives 0, df 0, p 1.
std::optional<ChiSquareTest> stuartMaxwell(const ConfusionMatrix& m);

// Bowker: sum over i < j of (n_ij - n_ji)^2 / (n_ij + n_ji), df k(k-1)/2; a pair of cells
// both empty adds 0 and still counts in df (as statsmodels). Undefined without items.
std::optional<ChiSquareTest> bowker(const ConfusionMatrix& m);

// Upper tail of the chi-square distribution with integer df >= 1 (closed forms).
double chiSquareSurvival(double x, int df);

} // namespace sg::core
