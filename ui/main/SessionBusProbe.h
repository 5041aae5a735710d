#pragma once
// Without a D-Bus session bus address, libdbus "autolaunches" a bus: it forks this process
// and looks for dbus-launch (its own bin folder, then every PATH folder). Qt's accessibility
// bridge asks for the session bus while the main window is built, and the GUI thread waits
// for that fork and search (tens of milliseconds; about 90 ms on a busy 2-core machine). Where
// no bus can come of it (no address, no $XDG_RUNTIME_DIR/bus, no dbus-launch to run), the
// program says so in DBUS_SESSION_BUS_ADDRESS ("disabled:", which libdbus refuses at once):
// the outcome is the same (no bus, accessibility off as before), without the fork.
namespace sg::ui {

// Call first thing in main(), before any thread exists (it may set an environment variable).
void skipHopelessSessionBusAutolaunch();

} // namespace sg::ui
