#pragma once
// Fixture for tools.IncludeCyclesRefused: closes the circle alpha -> beta -> alpha.
#include "ui/common/Shared.h"
