#pragma once
// The GUI runs the CNN beside its own drawing on few cores. LibTorch's OpenMP threads spin
// after every parallel region by default and take the cores the GUI (and llvmpipe) draws
// with; measured on the demo study with the GUI running: every slice proposed in 1.7 s
// spinning, 0.46 s passive. libgomp reads OMP_WAIT_POLICY once, in its initialiser, and it is
// loaded at start even though LibTorch is a plugin now: Debian's libQt6Core needs libb2,
// which needs libgomp. So the policy is set from the program's .preinit_array, which the
// dynamic loader runs before any library's initialiser (the program used to re-execute
// itself for this).
namespace sg::ui {

// Call first thing in main(). Linking it brings in the pre-initialiser that sets
// OMP_WAIT_POLICY=PASSIVE for libgomp unless the user set it (their setting is kept); this
// call sets it again for main() and child processes, since libc resets the environment it
// hands to main() after the pre-initialisers have run.
void usePassiveInferenceThreads();

} // namespace sg::ui
