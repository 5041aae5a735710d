#pragma once
// The CNN's proposal for one axial slice: where the spinal canal is (the patch), whether the
// slice shows rootlets or the cord, and the Schizas grade probabilities. This header is the
// whole interface the rest of the program sees; LibTorch stays inside the ML plugin
// (core/ml/torch, loaded on first use: MlPlugin.h).
#include "core/labels/Label.h"
#include "core/study/SliceImage.h"
#include "core/util/Result.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

// SliceProposal::notGraded when the localizer finds no canal (the commonest reason).
inline constexpr const char* kNoCanalReason = "no canal found";

struct SliceProposal {
    // False when the localizer finds no lumbar canal (a brain slice, an empty slice): then
    // there is no patch and the probabilities below are not to be shown or rated.
    bool canalFound = false;
    double canalConfidence = 0; // the localizer's probability that a canal is present
    std::optional<Patch> patch; // pixels of this slice (column/row frame), as labels have it
    double canalCol = 0, canalRow = 0; // the dural-sac centre (pixels) when canalFound
    std::array<double, 2> canal {}; // rootlet, cord (after the manifest's temperature scaling)
    std::array<double, 4> grade {}; // A, B, C, D (after the manifest's temperature scaling)
    // The classifier's raw outputs: what calibration is fitted on. The probabilities above are
    // calibratedProbabilities(logits, T) with the manifest's temperatures.
    std::array<double, 2> canalLogits {};
    std::array<double, 4> gradeLogits {};
    // Not empty: the slice is out of distribution ("no canal found", "input unlike the training
    // images: ...") and is not graded, however confident the classifier's outputs look.
    std::string notGraded;
};

// The grade a proposal calls: the most probable one, on a rootlet slice with a canal only
// (the cord/conus has no Schizas grade). Shared by the screen command and the GUI.
inline std::optional<Grade> proposedGrade(const SliceProposal& proposal)
{
    if (!proposal.canalFound || !proposal.notGraded.empty() || proposal.canal[0] < proposal.canal[1])
        return std::nullopt;
    size_t best = 0;
    for (size_t g = 1; g < proposal.grade.size(); ++g)
        if (proposal.grade[g] > proposal.grade[best])
            best = g;
    return static_cast<Grade>(best);
}

// A level's worst slice: a higher grade wins, and among equal grades the more probable call.
inline bool worseFinding(Grade grade, double probability, const std::optional<Grade>& worst, double worstProbability)
{
    return !worst || grade > *worst || (grade == *worst && probability > worstProbability);
}

// What the manifest beside the weights says, as the program shows and stores it.
struct ModelInfo {
    std::string name; // stored as the prediction's model name: the classifier rater's name
    std::string version;
    std::string directory; // where manifest.json was read
    std::string description;
    std::string status; // the manifest's status (empty: not stated)
    std::string validatedOn;
    std::string trainedOn; // "synthetic", "project" or empty
    double gradeTemperature = 1; // applied to every probability the model gives
    double canalTemperature = 1;
};

// The banner the program shows beside the model's proposals: "Research use — trained on
// synthetic studies only" for the shipped weights; empty only when the manifest says
// "status": "validated" with a "validated_on" text.
std::string modelStatusBanner(const ModelInfo& info);

class ProposalModel {
public:
    virtual ~ProposalModel() = default;

    // Reads DIRECTORY/manifest.json and the weights it names (native weights trained by
    // `spinegrade-cli train`, or an external TorchScript archive). A missing, corrupt or
    // mismatched model is an error value whose message names the file and what is wrong.
    static Result<std::unique_ptr<ProposalModel>> load(const std::string& directory);

    virtual const ModelInfo& info() const = 0;
    // Not thread-safe: one model per worker thread. Errors (never exceptions) for a slice
    // the model cannot take (empty pixels, absurd spacing).
    // One slice is a batch of one (an implementation may do better).
    virtual Result<SliceProposal> propose(const SliceImage& slice)
    {
        Result<std::vector<SliceProposal>> all = proposeBatch({&slice});
        if (!all)
            return Error {all.error()};
        return all->front();
    }
    virtual Result<std::vector<SliceProposal>> proposeBatch(const std::vector<const SliceImage*>& slices) = 0;
};

// The shipped model's folder: $SPINEGRADE_MODEL_DIR if set, else the installed
// share/spinegrade/models/..., else the source tree's models/... (for a build tree).
std::string defaultModelDirectory();

} // namespace sg::core
