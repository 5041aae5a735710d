#include "ui/vtk/GlDriverPreload.h"

#include "ui/common/StartupTrace.h"

#include <QGuiApplication>

#include <dlfcn.h>
#include <link.h>

#include <climits>
#include <cstdlib>
#include <string>
#include <thread>
#include <unistd.h>

namespace sg::ui {
namespace {

// Where Mesa looks for its DRI drivers: $LIBGL_DRIVERS_PATH (its first folder), else the
// dri/ folder beside libGLX_mesa (Debian: /usr/lib/<multiarch>/dri; with a merged /usr the
// library may be found as /lib/<multiarch>).
std::string megadriverPath(void* glxMesa)
{
    if (const char* env = std::getenv("LIBGL_DRIVERS_PATH"); env && *env) {
        std::string first(env);
        first = first.substr(0, first.find(':'));
        return first + "/swrast_dri.so";
    }
    char origin[PATH_MAX] = {};
    if (dlinfo(glxMesa, RTLD_DI_ORIGIN, origin) != 0)
        return {};
    const std::string dir(origin);
    for (const std::string& candidate : {dir + "/dri/swrast_dri.so", "/usr" + dir + "/dri/swrast_dri.so"})
        if (::access(candidate.c_str(), R_OK) == 0)
            return candidate;
    return {};
}

void preload()
{
    // The flags Mesa's loader and libglvnd use, so their later dlopen finds the same object.
    void* glxMesa = dlopen("libGLX_mesa.so.0", RTLD_NOW | RTLD_GLOBAL);
    if (!glxMesa)
        return;
    const std::string driver = megadriverPath(glxMesa);
    if (!driver.empty())
        dlopen(driver.c_str(), RTLD_NOW | RTLD_GLOBAL); // never closed: Mesa uses it next
    startupMark("GL driver preloaded");
}

} // namespace

void preloadGlDriver()
{
    if (qEnvironmentVariableIsSet("SPINEGRADE_NO_GL_PRELOAD") || QGuiApplication::platformName() != u"xcb")
        return;
    std::thread(preload).detach();
}

} // namespace sg::ui
