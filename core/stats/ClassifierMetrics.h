#pragma once
// How a classifier's probabilities fare against a reference's labels, beyond its argmax:
// AUROC with DeLong's 95% CI for a binarised grade, and the RSNA 2024-style sample-weighted
// log loss over normal/mild (A), moderate (B) and severe (C/D).
#include <array>
#include <optional>
#include <span>
#include <vector>

namespace sg::core {

struct AurocEstimate {
    std::optional<double> value; // undefined without a positive and a negative item
    std::optional<double> se; // DeLong; undefined with fewer than two of either
    std::optional<std::array<double, 2>> ci95; // value -/+ 1.96 SE, bounded to [0, 1]
};

// AUROC of `scores` (higher = more likely positive) against `positive` (sklearn's
// roc_auc_score; ties count one half), with the variance of DeLong, DeLong & Clarke-Pearson
// (1988) from the structural components, computed through midranks (Sun & Xu 2014).
AurocEstimate aurocDeLong(std::span<const double> scores, const std::vector<bool>& positive);

// RSNA 2024 Lumbar Spine Degenerative Classification metric for one condition: the log loss of
// the probabilities of (normal/mild, moderate, severe) for the true class, with sample weights
// 1, 2, 4 by the true class, as sklearn's log_loss(y, p, sample_weight=w, labels=[0, 1, 2]):
// probabilities clipped to [eps, 1 - eps] (double's eps) and each row renormalised. `truth` in
// 0..2. Undefined without items, or with a row that is not finite or sums to 0.
std::optional<double> rsnaWeightedLogLoss(
    std::span<const std::array<double, 3>> probabilities, std::span<const int> truth);

// The RSNA bridge from a grade's probabilities (A, B, C, D) to (normal/mild, moderate, severe).
std::array<double, 3> rsnaClasses(std::span<const double> gradeProbabilities);
// ... and from a grade (0..3) to the RSNA class (A 0, B 1, C/D 2).
int rsnaClass(int grade);

} // namespace sg::core
