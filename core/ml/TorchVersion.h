#pragma once
// The LibTorch version the CNN runs on, for Help > About. Torch-free header.
#include <string>

namespace sg::core {

std::string torchVersion(); // TORCH_VERSION, e.g. "1.13.0"

} // namespace sg::core
