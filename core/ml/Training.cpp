// trainProposalModel as the program sees it: the folder and the manifest are written here
// (Torch-free); the training loop is the ML plugin's (core/ml/torch/TorchTraining.cpp).
#include "core/ml/Training.h"

#include "core/ml/MlPlugin.h"

#include <filesystem>

namespace sg::core {

Result<bool> trainProposalModel(const std::vector<TrainingSample>& samples, const TrainOptions& options,
    ModelManifest manifest, const std::string& directory)
{
    if (samples.empty())
        return Error {"no training samples"};
    Result<MlBackend*> backend = mlBackend();
    if (!backend)
        return Error {backend.error()};
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec)
        return Error {directory + ": cannot create the model folder (" + ec.message() + ")"};
    if (Result<bool> trained = (*backend)->trainWeights(samples, options, directory); !trained)
        return trained;
    manifest.format = "native";
    manifest.localizer = {
        "localizer.pt", kLocalizerSize, kLocalizerSpacingMm, {}}; // sha256: written by writeModelManifest
    manifest.classifier = {"classifier.pt", kClassifierSize, kClassifierSpacingMm, {}};
    return writeModelManifest(directory, manifest);
}

} // namespace sg::core
