#include "ui/main/SessionBusProbe.h"

#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace sg::ui {
namespace {

bool isSet(const char* name)
{
    const char* value = std::getenv(name);
    return value && *value;
}

bool exists(const std::string& path)
{
    struct stat st { };
    return ::stat(path.c_str(), &st) == 0;
}

// Where libdbus would find dbus-launch: its install folder, then PATH.
bool dbusLaunchAvailable()
{
    if (::access("/usr/bin/dbus-launch", X_OK) == 0)
        return true;
    const char* path = std::getenv("PATH");
    if (!path)
        return false;
    std::string folders(path);
    size_t start = 0;
    while (start <= folders.size()) {
        const size_t end = std::min(folders.find(':', start), folders.size());
        const std::string folder = end > start ? folders.substr(start, end - start) : std::string(".");
        if (::access((folder + "/dbus-launch").c_str(), X_OK) == 0)
            return true;
        start = end + 1;
    }
    return false;
}

} // namespace

void skipHopelessSessionBusAutolaunch()
{
    if (isSet("DBUS_SESSION_BUS_ADDRESS"))
        return; // a bus is named: it is used
    if (isSet("XDG_RUNTIME_DIR") && exists(std::string(std::getenv("XDG_RUNTIME_DIR")) + "/bus"))
        return; // libdbus finds the user's bus there
    if (dbusLaunchAvailable())
        return; // autolaunch may start one
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
}

} // namespace sg::ui
