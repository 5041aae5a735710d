#pragma once
// Fixture for tools.IncludeCyclesRefused: included by both, includes neither (no cycle).
