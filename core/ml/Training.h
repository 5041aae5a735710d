#pragma once
// Trains the localizer and the classifier of a native model from training samples and writes
// weights + manifest. Torch-free interface; seeded and reproducible (same samples, options
// and thread count -> the same weights).
#include "core/ml/ModelManifest.h"
#include "core/ml/TrainingData.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sg::core {

struct TrainOptions {
    uint64_t seed = 1;
    int epochs = 14;
    int batchSize = 32;
    double learningRate = 2e-3;
    int threads = 0; // 0: every core
    std::string initFrom; // a native model folder to fine-tune from; empty: random weights
    std::function<void(const std::string&)> log; // one line per epoch
    Progress* progress = nullptr; // hears (epochs done, epochs); cancelled: stops between batches
};

// Writes DIR/localizer.pt, DIR/classifier.pt and DIR/manifest.json (`manifest` completed
// with the native grids and file names). The error names the file or the problem.
Result<bool> trainProposalModel(const std::vector<TrainingSample>& samples, const TrainOptions& options,
    ModelManifest manifest, const std::string& directory);

} // namespace sg::core
