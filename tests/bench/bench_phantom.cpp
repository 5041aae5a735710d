// bench_phantom [STUDIES]: seconds to render and write one synthetic study (5 levels,
// 3-5 slices each) at 512 and 256, on one core. Prints figures; never fails on time.
#include "core/phantom/PhantomStudy.h"
#include "core/phantom/PhantomWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace sg::core;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point since)
{
    return std::chrono::duration<double>(Clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int studies = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "sg_bench_phantom";
    std::printf("phantom benchmark: %d studies per size, one thread\n", studies);
    for (int size : {512, 256}) {
        PhantomOptions o;
        o.seed = 2024;
        o.size = size;
        int slices = 0;
        auto t0 = Clock::now();
        for (int p = 0; p < studies; ++p)
            slices += static_cast<int>(renderPhantomStudy(o, p).slices.size());
        const double render = seconds(t0);
        std::filesystem::remove_all(dir);
        t0 = Clock::now();
        const Status s = generatePhantomPatients(o, studies, dir.string());
        const double write = seconds(t0);
        std::filesystem::remove_all(dir);
        if (!s) {
            std::fprintf(stderr, "bench_phantom: %s\n", s.error().c_str());
            return 1;
        }
        std::printf("%4dx%-4d render only: %.3f s/study (%.1f ms/slice)   render+write DICOM: %.3f s/study\n", size,
            size, render / studies, 1000 * render / slices, write / studies);
    }
    return 0;
}
