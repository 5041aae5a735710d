#include "core/ml/TorchVersion.h"

// torch/version.h holds only macros: cheap, unlike <torch/torch.h>.
#include <torch/version.h>

namespace sg::core {

std::string torchVersion()
{
    return TORCH_VERSION;
}

} // namespace sg::core
