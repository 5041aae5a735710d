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

// What a model's card says it may be used for. A manifest without "status" is research use;
// only "validated" with a "validated_on" text lifts the program's research-use banner.
inline constexpr const char* kResearchSyntheticStatus = "research use, trained on synthetic studies";
inline constexpr const char* kValidatedStatus = "validated";

// When a slice is out of distribution (OutOfDistribution.h), fitted by `spinegrade-cli calibrate` on held-out
// in-distribution studies. A manifest without them keeps the localizer's own 0.5 and checks
// only what needs no fitting (a blank slice).
struct OodLimits {
    double canalConfidenceMin = 0.5; // the localizer's canal probability below this: "no canal found"
    double roughnessMax = 0; // input texture (InputStatistics::roughness) above this: unlike training; 0: unchecked
    std::string fittedOn; // what the limits were fitted on (shown in the model card)
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
    std::string status; // "research use, ..." or "validated"; empty: not stated (research use)
    std::string validatedOn; // with status "validated": on what (shown in the dock)
    // Temperature scaling (Guo et al. 2017): probabilities are softmax(logits / T). 1: unscaled.
    double gradeTemperature = 1;
    double canalTemperature = 1;
    std::string calibrationJson; // how T was fitted and the ECE table, a JSON object as text (may be empty)
    OodLimits ood;
};

// True when the manifest lifts the research-use banner: status "validated" with a validated_on text.
bool manifestValidated(const ModelManifest& manifest);

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
