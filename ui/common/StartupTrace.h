#pragma once
// SPINEGRADE_STARTUP_TRACE=1: the GUI prints one line per start-up phase to stderr,
// "startup <ms since the process started> <phase> (thread CPU <ms>)", so the time from start to the first
// frame can be split into its phases without a profiler (README, Figures). Unset, a mark
// costs one check of a flag read once.
namespace sg::ui {

void startupMark(const char* phase);

} // namespace sg::ui
