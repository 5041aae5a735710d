#pragma once
// manifest.json beside a model's weights: what the networks expect (grid sizes, spacings,
// normalisation, class names, output layout), what the model is called and how it was
// trained. Reading it checks everything the program relies on, so a mismatched model is
// refused with a message instead of producing nonsense.
#include "core/util/Result.h"

#include <string>
#include <vector>

namespace sg::core {

// The layouts every model must produce (native and external TorchScript alike).
// Localizer: input N x 1 x S x S, output N x 3 = canal logit, canal column, canal row (cells).
// Classifier: input N x 1 x P x P on the crop, output N x 9 = canal centre offset column, row
// (cells of the crop, from its centre), patch side (mm / 40), rootlet/cord logits, A-D logits.
inline constexpr int kLocalizerOutputs = 3;
inline constexpr int kClassifierOutputs = 9;
// Grids of a native model (written to its manifest).
inline constexpr int kLocalizerSize = 96;
inline constexpr double kLocalizerSpacingMm = 3.2;
inline constexpr int kClassifierSize = 64;
inline constexpr double kClassifierSpacingMm = 0.75;
inline const std::vector<std::string> kCanalClasses {"rootlet", "cord"};
inline const std::vector<std::string> kGradeClasses {"A", "B", "C", "D"};

struct StageManifest {
    std::string file; // relative to the model directory, and inside it
    int inputSize = 0;
    double spacingMm = 0;
    std::string sha256; // of the weight file, lowercase hex; checked before the weights are loaded
};

struct ModelManifest {
    std::string name;
    std::string version;
    std::string description;
    std::string format; // "native" (trained by spinegrade-cli train) or "torchscript"
    StageManifest localizer;
    StageManifest classifier;
    std::string normalisation = "percentile-2-99.5";
    double defaultPatchMm = 44; // when a classifier's side output is unusable
    std::string trainingData;
    std::string trainingCommand;
    std::string trainedOn; // "synthetic" or "project"
    std::string project;
    std::string analyzer;
    std::string qualityJson; // measured figures, a JSON object as text (may be empty)
};

// Reads and checks DIRECTORY/manifest.json; the error names the file and the problem.
// A weight file must be named by a relative path inside the folder, with its sha256.
Result<ModelManifest> readModelManifest(const std::string& directory);
// The bytes of a stage's weight file, after checking that it lies inside DIRECTORY (symlinks
// resolved) and that its SHA-256 is the manifest's: a changed or swapped file is refused with
// its path. The bytes are what gets loaded, so the file checked is the file used.
Result<std::string> readVerifiedWeights(const std::string& directory, const StageManifest& stage);
// Writes DIRECTORY/manifest.json with the SHA-256 of each stage's weight file as it is in
// DIRECTORY now (so train writes it after the weights); the error names the file.
Result<bool> writeModelManifest(const std::string& directory, const ModelManifest& manifest);

} // namespace sg::core
