#include "core/ml/TorchVersion.h"

// torch/version.h holds only macros: cheap, unlike <torch/torch.h>, and it links nothing, so
// Help > About names the LibTorch the plugin is built with before the plugin is loaded.
// Named by its path under /usr/include: sg_ml does not get Torch's include folders.
#include <torch/csrc/api/include/torch/version.h>

namespace sg::core {

std::string torchVersion()
{
    return TORCH_VERSION;
}

} // namespace sg::core
