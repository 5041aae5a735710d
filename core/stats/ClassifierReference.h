#pragma once
// A classifier judged against every reference: each analyzer, the lead's consensus, the
// analyzers' majority where one exists (a strict majority of at least two analyzers' grades),
// and last the analyzers' Dawid-Skene estimate (each item's most probable grade, DawidSkene.h)
// where it is defined.
// How much the model's figures depend on the reference chosen is the point (docs/domain.md).
#include "core/stats/ClassifierMetrics.h"
#include "core/stats/DawidSkene.h"
#include "core/stats/PairStatistics.h"

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sg::core {

class RatingTable;

// A classifier's grade probabilities (A, B, C, D) by item key, where its grade is read.
struct ClassifierScores {
    std::string classifier;
    std::vector<std::pair<std::string, std::array<double, 4>>> items;
};

// View 0: A vs B-D (any stenosis, positive B-D); view 1: A-B vs C-D (severe, positive C-D).
struct ClassifierVsReference {
    std::string classifier;
    std::string reference; // a rater's name, "majority" or "dawid_skene"
    int64_t n = 0; // items with the reference's grade and the classifier's grade and probabilities
    std::array<std::optional<double>, 2> sensitivity, specificity; // of the classifier's grade
    std::array<AurocEstimate, 2> auroc; // scores P(B-D) = 1 - P(A), P(C-D) = P(C) + P(D)
    std::optional<double> rsnaWeightedLogLoss; // A normal/mild, B moderate, C/D severe; 1, 2, 4
    // The classifier's grade against the reference's as a pair of raters (reference = rows):
    // the kappas and macro-F1 as PairStatistics computes them, so the majority and Dawid-Skene
    // references have the figures the analyzers have as pairs.
    KappaEstimate kappaUnweighted, kappaLinear, kappaQuadratic;
    std::optional<double> f1Macro;
};

inline constexpr const char* kMajorityReference = "majority";
inline constexpr const char* kDawidSkeneReference = "dawid_skene";

// For each classifier, against each of `references` (analyzers and consensus, by name), the
// majority of `analyzers`, and the MAP grades of `dawidSkene` where it has a fit; sorted by
// classifier, then reference (the majority, then Dawid-Skene, last).
std::vector<ClassifierVsReference> classifierVsReferences(const RatingTable& table,
    const std::vector<std::string>& references, const std::vector<std::string>& analyzers,
    const std::vector<ClassifierScores>& scores, const DawidSkeneReport* dawidSkene = nullptr);

} // namespace sg::core
