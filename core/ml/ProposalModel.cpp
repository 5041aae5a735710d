// ProposalModel and StageRunner as the program sees them: the manifest and the weights are
// read and checked here (Torch-free); the networks themselves are the ML plugin's.
#include "core/ml/ProposalModel.h"

#include "core/ml/MlPlugin.h"
#include "core/ml/ModelManifest.h"
#include "core/ml/OutOfDistribution.h"
#include "core/ml/StageRunner.h"

#include <cstdlib>
#include <filesystem>

namespace sg::core {

namespace fs = std::filesystem;

namespace {

// The plugin's networks, with what the manifest says about their outputs applied on this
// side of the plugin boundary: temperature scaling and the out-of-distribution limits. So
// every caller (GUI dock, screen, reports, stored predictions) gets the same probabilities.
class CalibratedProposalModel final : public ProposalModel {
public:
    CalibratedProposalModel(std::unique_ptr<ProposalModel> networks, ModelManifest manifest)
        : m_networks(std::move(networks)), m_manifest(std::move(manifest))
    {
    }
    const ModelInfo& info() const override { return m_networks->info(); }
    Result<std::vector<SliceProposal>> proposeBatch(const std::vector<const SliceImage*>& slices) override
    {
        Result<std::vector<SliceProposal>> out = m_networks->proposeBatch(slices);
        if (out && out->size() == slices.size())
            for (size_t i = 0; i < slices.size(); ++i)
                finishProposal((*out)[i], *slices[i], m_manifest);
        return out;
    }

private:
    std::unique_ptr<ProposalModel> m_networks;
    ModelManifest m_manifest;
};

} // namespace

std::string modelStatusBanner(const ModelInfo& info)
{
    if (info.status == kValidatedStatus && !info.validatedOn.empty())
        return {};
    if (info.trainedOn == "synthetic" || info.status == kResearchSyntheticStatus)
        return "Research use \u2014 trained on synthetic studies only";
    return "Research use \u2014 not validated" + (info.status.empty() ? std::string() : " (" + info.status + ")");
}

Result<std::unique_ptr<StageRunner>> StageRunner::load(const std::string& directory, ModelStage stage)
{
    Result<ModelManifest> manifest = readModelManifest(directory);
    if (!manifest)
        return Error {manifest.error()};
    Result<std::string> weights =
        readVerifiedWeights(directory, stage == ModelStage::Localizer ? manifest->localizer : manifest->classifier);
    if (!weights)
        return Error {weights.error()};
    Result<MlBackend*> backend = mlBackend();
    if (!backend)
        return Error {backend.error()};
    return (*backend)->loadStageRunner(*manifest, directory, stage, *weights);
}

Result<std::unique_ptr<ProposalModel>> ProposalModel::load(const std::string& directory)
{
    Result<ModelManifest> manifest = readModelManifest(directory);
    if (!manifest)
        return Error {manifest.error()};
    // Checked (inside the folder, SHA-256 as the manifest says) and loaded from the same bytes.
    Result<std::string> localizer = readVerifiedWeights(directory, manifest->localizer);
    if (!localizer)
        return Error {localizer.error()};
    Result<std::string> classifier = readVerifiedWeights(directory, manifest->classifier);
    if (!classifier)
        return Error {classifier.error()};
    Result<MlBackend*> backend = mlBackend();
    if (!backend)
        return Error {backend.error()};
    ModelInfo info;
    info.name = manifest->name;
    info.version = manifest->version;
    info.directory = directory;
    info.description = manifest->description;
    info.status = manifest->status;
    info.validatedOn = manifest->validatedOn;
    info.trainedOn = manifest->trainedOn;
    info.gradeTemperature = manifest->gradeTemperature;
    info.canalTemperature = manifest->canalTemperature;
    Result<std::unique_ptr<ProposalModel>> networks =
        (*backend)->loadProposalModel(*manifest, std::move(info), directory, *localizer, *classifier);
    if (!networks)
        return networks;
    return std::unique_ptr<ProposalModel>(
        std::make_unique<CalibratedProposalModel>(std::move(*networks), std::move(*manifest)));
}

std::string defaultModelDirectory()
{
    if (const char* env = std::getenv("SPINEGRADE_MODEL_DIR"); env && *env)
        return env;
    const std::string name = "spinegrade-synthetic";
    std::error_code ec;
    // Installed: <prefix>/bin/spinegrade-cli -> <prefix>/share/spinegrade/models/<name>.
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "spinegrade" / "models" / name;
        if (fs::is_regular_file(installed / "manifest.json", ec))
            return installed.string();
    }
    return (fs::path(SG_SOURCE_MODELS_DIR) / name).string();
}

} // namespace sg::core
