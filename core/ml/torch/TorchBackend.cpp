// The ML plugin's entry points (see core/ml/MlBackend.h). Only these two symbols are exported:
// the plugin is built with hidden visibility, so its copy of LibTorch's users stays its own.
#include "core/ml/torch/TorchBackend.h"

#include <torch/version.h>

namespace sg::core::ml {
namespace {

class TorchBackend final : public MlBackend {
public:
    std::string torchVersion() const override { return std::string("LibTorch ") + TORCH_VERSION; }

    Result<std::unique_ptr<ProposalModel>> loadProposalModel(const ModelManifest& manifest, ModelInfo info,
        const std::string& directory, const std::string& localizerWeights,
        const std::string& classifierWeights) override
    {
        return loadTorchProposalModel(manifest, std::move(info), directory, localizerWeights, classifierWeights);
    }

    Result<std::unique_ptr<StageRunner>> loadStageRunner(const ModelManifest& manifest, const std::string& directory,
        ModelStage stage, const std::string& weights) override
    {
        return loadTorchStageRunner(manifest, directory, stage, weights);
    }

    Result<bool> trainWeights(
        const std::vector<TrainingSample>& samples, const TrainOptions& options, const std::string& directory) override
    {
        return trainNativeWeights(samples, options, directory);
    }
};

} // namespace
} // namespace sg::core::ml

extern "C" __attribute__((visibility("default"))) std::uint64_t sg_ml_plugin_abi()
{
    return sg::core::kMlPluginAbi;
}

extern "C" __attribute__((visibility("default"))) sg::core::MlBackend* sg_ml_plugin_backend()
{
    static sg::core::ml::TorchBackend backend; // lives until the process ends, as the plugin does
    return &backend;
}
