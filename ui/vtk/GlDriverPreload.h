#pragma once
// Loads Mesa's OpenGL driver on a thread of its own while the main window is being built.
// Showing the window creates its GL context, and the first context loads the driver: with
// llvmpipe (no GPU) that is libLLVM, whose relocation and static initialisers were the largest
// single part of the GUI thread's start (README, Figures). Loaded ahead, Mesa's own dlopen of
// the same file later only finds it there.
//
// Mesa installs one "megadriver" under every driver's name (swrast_dri.so, iris_dri.so,
// radeonsi_dri.so, ... are links to one file, and dlopen knows a file by its inode), so
// loading it by one name loads whichever driver Mesa then picks. A system whose GL is not
// Mesa's pays a few mapped files, on a worker thread, for nothing.
namespace sg::ui {

// Call after QApplication exists. Only on the xcb platform (other platforms, offscreen tests
// among them, make no GLX context at start) and unless SPINEGRADE_NO_GL_PRELOAD is set.
// Returns at once; the thread is detached.
void preloadGlDriver();

} // namespace sg::ui
