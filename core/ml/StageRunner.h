#pragma once
// One network of a model run on inputs already on its grid: for the benchmark beside
// PyTorch-from-Python and for checks that both give the same outputs. The program uses
// ProposalModel; this exposes no LibTorch types either.
#include "core/util/Result.h"

#include <memory>
#include <string>
#include <vector>

namespace sg::core {

enum class ModelStage { Localizer, Classifier };

class StageRunner {
public:
    virtual ~StageRunner() = default;
    static Result<std::unique_ptr<StageRunner>> load(const std::string& directory, ModelStage stage);
    virtual int inputSize() const = 0;
    virtual int outputs() const = 0;
    // `input` holds n * inputSize^2 values; the result n * outputs().
    virtual Result<std::vector<float>> run(const std::vector<float>& input, int n) = 0;
};

} // namespace sg::core
