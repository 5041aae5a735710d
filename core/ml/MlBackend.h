#pragma once
// What the ML plugin (libspinegrade-ml.so, core/ml/torch) offers the program. LibTorch's static
// initialisers cost about 0.65 s at every start of a process that links it, so nothing but the
// plugin links Torch: core/ml loads it with dlopen on first use (MlPlugin.h) and talks to it
// through this interface, which carries project types only. The plugin exports two C symbols:
//   uint64_t sg_ml_plugin_abi();           must return kMlPluginAbi as the program computes it
//   sg::core::MlBackend* sg_ml_plugin_backend(); the backend, alive until the process ends
// Program and plugin are built from one tree with one compiler; the ABI value still catches a
// plugin left over from another build whose shared types have another layout.
#include "core/ml/ModelManifest.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/StageRunner.h"
#include "core/ml/Training.h"
#include "core/ml/TrainingData.h"
#include "core/util/Result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sg::core {

// Bump kMlPluginInterfaceVersion when MlBackend's functions change. The sizes of the types that
// cross the boundary are folded in, so a changed struct (e.g. SliceImage's pixels) is refused too.
inline constexpr std::uint64_t kMlPluginInterfaceVersion =
    3; // 2: 16-bit stored pixels, Progress; 3: pixels in PixelMemory
inline constexpr std::uint64_t kMlPluginAbi = (kMlPluginInterfaceVersion << 48) ^ (sizeof(SliceImage) << 36) ^
    (sizeof(TrainingSample) << 24) ^ (sizeof(ModelManifest) << 12) ^ (sizeof(TrainOptions) << 4) ^
    sizeof(SliceProposal);

inline constexpr const char* kMlPluginAbiSymbol = "sg_ml_plugin_abi";
inline constexpr const char* kMlPluginBackendSymbol = "sg_ml_plugin_backend";

class MlBackend {
public:
    virtual ~MlBackend() = default;

    // "LibTorch 1.13.1" or the like: shown by --version and the logs.
    virtual std::string torchVersion() const = 0;

    // The networks of a checked manifest, from weight bytes the program has already verified
    // (readVerifiedWeights). `directory` is for messages. Errors name the weight file.
    virtual Result<std::unique_ptr<ProposalModel>> loadProposalModel(const ModelManifest& manifest, ModelInfo info,
        const std::string& directory, const std::string& localizerWeights, const std::string& classifierWeights) = 0;
    virtual Result<std::unique_ptr<StageRunner>> loadStageRunner(
        const ModelManifest& manifest, const std::string& directory, ModelStage stage, const std::string& weights) = 0;

    // Trains both networks and writes DIRECTORY/localizer.pt and DIRECTORY/classifier.pt (the
    // program writes the manifest after them). The folder exists; `samples` is not empty.
    virtual Result<bool> trainWeights(
        const std::vector<TrainingSample>& samples, const TrainOptions& options, const std::string& directory) = 0;
};

} // namespace sg::core
