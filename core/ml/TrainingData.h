#pragma once
// Training examples, torch-free: each slice is kept as two pre-sampled canvases (the whole
// slice on the localizer's grid, and a larger-than-needed fine crop around the canal) so the
// trainer can augment with rotations, shifts and zoom by resampling the small canvases
// instead of keeping full slices in memory.
#include "core/labels/Label.h"
#include "core/ml/SliceSampler.h"
#include "core/phantom/PhantomStudy.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace sg::core {

// Fine canvases are wider than the classifier's crop so shifted and rotated crops stay inside.
inline constexpr int kFineCanvasSize = 112;

struct TrainingSample {
    SliceImage coarse; // kLocalizerSize^2 cells, normalised, the slice centred
    SliceImage fine; // kFineCanvasSize^2 at the classifier's spacing, around the fine centre
    bool hasCanal = false;
    Point2 canalCells {}; // canal centre in coarse-canvas cells
    Point2 fineOffsetMm {}; // canal centre relative to the fine canvas centre, mm
    double sideMm = 0; // the patch side
    std::optional<Canal> canal;
    std::optional<Grade> grade;
};

// A slice with its truth (or an analyzer's label). No centre: a negative (no canal).
TrainingSample makeTrainingSample(const SliceImage& slice, std::optional<Point2> canalPixel, double sideMm,
    std::optional<Canal> canal, std::optional<Grade> grade, Point2 fineCentrePixel);

SliceImage phantomSliceImage(const PhantomSlice& slice);

struct PhantomTrainingSet {
    uint64_t seed = 1000; // study seeds seed, seed+1, ...
    int studies = 40;
    std::vector<int> sizes {256, 384, 512}; // cycled over the studies
    int negativesPerStudy = 4; // synthetic slices without a lumbar canal
};

// Renders the studies in memory (grades balanced so every class is learnt) plus negatives.
// `progress(done, total)` after each study.
std::vector<TrainingSample> phantomTrainingSamples(
    const PhantomTrainingSet& set, const std::function<void(int, int)>& progress = {});

// A synthetic slice with no lumbar canal: a brain-like head, blobs, noise or blank.
SliceImage syntheticNegativeSlice(std::mt19937_64& rng);

} // namespace sg::core
