#pragma once
// Fixture for tools.IncludeCyclesRefused: alpha and beta include each other.
#include "ui/beta/Beta.h"
#include "ui/common/Shared.h"
