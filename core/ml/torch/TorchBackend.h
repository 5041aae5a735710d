#pragma once
// Internal to the ML plugin (core/ml/torch): the LibTorch implementations behind MlBackend.
#include "core/ml/MlBackend.h"

namespace sg::core::ml {

Result<std::unique_ptr<ProposalModel>> loadTorchProposalModel(const ModelManifest& manifest, ModelInfo info,
    const std::string& directory, const std::string& localizerWeights, const std::string& classifierWeights);
Result<std::unique_ptr<StageRunner>> loadTorchStageRunner(
    const ModelManifest& manifest, const std::string& directory, ModelStage stage, const std::string& weights);
Result<bool> trainNativeWeights(
    const std::vector<TrainingSample>& samples, const TrainOptions& options, const std::string& directory);

} // namespace sg::core::ml
