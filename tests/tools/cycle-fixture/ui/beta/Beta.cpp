// Fixture for tools.IncludeCyclesRefused: closes the circle alpha -> beta -> alpha.
#include "ui/alpha/Alpha.h"
