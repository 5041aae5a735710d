#pragma once
// The GUI runs the CNN beside its own drawing on few cores. LibTorch's OpenMP threads spin
// after every parallel region by default and take the cores the GUI (and llvmpipe) draws
// with; measured on the demo study with the GUI running: every slice proposed in 1.7 s
// spinning, 0.46 s passive. libgomp reads the policy once, when it is loaded (before main),
// so the only way to set it from inside the program is to restart once with it set.
namespace sg::ui {

// Call first thing in main(). If OMP_WAIT_POLICY is not set, sets it to PASSIVE and
// re-executes the program with the same arguments (a user's own setting is kept). Returns
// only when no restart was needed or the restart failed (the program then runs as it is).
void restartWithPassiveInferenceThreads(char** argv);

} // namespace sg::ui
