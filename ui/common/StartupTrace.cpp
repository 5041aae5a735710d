#include "ui/common/StartupTrace.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace sg::ui {
namespace {

double nowBootMs()
{
    timespec t {};
    clock_gettime(CLOCK_BOOTTIME, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The process's start in CLOCK_BOOTTIME milliseconds (/proc/self/stat field 22, in clock
// ticks: 10 ms resolution, so phases are exact relative to each other, the origin to 10 ms).
double processStartMs()
{
    std::ifstream in("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')'); // the command name may hold spaces
    if (close == std::string::npos)
        return nowBootMs();
    std::istringstream fields(stat.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22)
            return std::stod(field) * 1e3 / static_cast<double>(sysconf(_SC_CLK_TCK));
    return nowBootMs();
}

struct Trace {
    bool on = std::getenv("SPINEGRADE_STARTUP_TRACE") != nullptr;
    double origin = on ? processStartMs() : 0;
};

Trace& trace()
{
    static Trace t;
    return t;
}

} // namespace

void startupMark(const char* phase)
{
    const Trace& t = trace();
    if (!t.on)
        return;
    // The first line names the origin on CLOCK_BOOTTIME too (`perf record -k CLOCK_BOOTTIME`
    // samples carry the same clock, so a profile can be cut at these marks).
    static const bool origin = [&t] {
        std::fprintf(stderr, "startup origin %.3f s CLOCK_BOOTTIME\n", t.origin / 1e3);
        return true;
    }();
    (void)origin;
    // With the CPU time of the thread that marks: on a busy machine wall time stretches, the
    // GUI thread's CPU time to the first frame does not (much).
    timespec cpu {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    const double cpuMs = static_cast<double>(cpu.tv_sec) * 1e3 + static_cast<double>(cpu.tv_nsec) / 1e6;
    std::fprintf(stderr, "startup %7.1f %s (thread CPU %.1f ms)\n", nowBootMs() - t.origin, phase, cpuMs);
}

} // namespace sg::ui
