// Scan + load of a 5-stack, 60-slice, 512x512 series beside `cat` of the same files to
// /dev/null (the I/O floor), and the peak memory of the load. Prints figures; no verdict.
//   bench_load [--dir DIR] [--size 512] [--slices-per-stack 12] [--runs 5] [--keep]
#include "core/dicom/DicomScanner.h"
#include "core/dicom/SeriesLoader.h"
#include "tests/support/SeriesFactory.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

double seconds(const std::chrono::steady_clock::time_point& start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long statusKb(const char* key)
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0)
            return std::atol(line.c_str() + std::strlen(key));
    return -1;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    std::string dir = (std::filesystem::temp_directory_path() / "spinegrade-bench-load").string();
    int size = 512, perStack = 12, runs = 5;
    bool keep = false;
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--keep")
            keep = true;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--dir")
            dir = argv[i + 1];
        else if (a == "--size")
            size = std::atoi(argv[i + 1]);
        else if (a == "--slices-per-stack")
            perStack = std::atoi(argv[i + 1]);
        else if (a == "--runs")
            runs = std::atoi(argv[i + 1]);
    }
    const long idleRss = statusKb("VmRSS:");
    std::filesystem::remove_all(dir);
    const auto written = sg::test::writeSeries(dir, sg::test::lumbarSeries(size, size, perStack));
    if (!written) {
        std::fprintf(stderr, "cannot write the series: %s\n", written.error().c_str());
        return 1;
    }
    std::vector<std::string> files;
    uintmax_t bytes = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        files.push_back(e.path().string());
        bytes += e.file_size();
    }
    std::printf(
        "series: %zu files, %dx%d, 5 stacks, %.1f MB in %s\n", files.size(), size, size, bytes / 1e6, dir.c_str());

    const std::string catCommand = "cat '" + dir + "'/* > /dev/null";
    std::vector<double> cat, scan, load, total;
    const long beforeLoadHwm = statusKb("VmHWM:");
    for (int r = 0; r < runs + 1; ++r) { // the first run warms the page cache and is dropped
        auto t0 = std::chrono::steady_clock::now();
        if (std::system(catCommand.c_str()) != 0)
            return 1;
        const double catS = seconds(t0);
        t0 = std::chrono::steady_clock::now();
        const sg::core::ScanResult result = sg::core::scanPath(dir);
        const double scanS = seconds(t0);
        t0 = std::chrono::steady_clock::now();
        const auto loaded = sg::core::loadSeries(result.studies.at(0).series.at(0));
        const double loadS = seconds(t0);
        if (!loaded.failed.empty() || result.sliceCount() != static_cast<int>(files.size())) {
            std::fprintf(stderr, "load failed\n");
            return 1;
        }
        if (r == 0)
            continue;
        cat.push_back(catS);
        scan.push_back(scanS);
        load.push_back(loadS);
        total.push_back(scanS + loadS);
    }
    const long peak = statusKb("VmHWM:");
    std::printf(
        "cat of the files to /dev/null (I/O floor): %7.1f ms (median of %d, warm cache)\n", median(cat) * 1e3, runs);
    std::printf("scan (headers, isolated readers):          %7.1f ms\n", median(scan) * 1e3);
    std::printf("load (pixels, isolated readers):           %7.1f ms\n", median(load) * 1e3);
    std::printf("scan + load:                               %7.1f ms = %.2fx the floor (aim: within 2.5x)\n",
        median(total) * 1e3, median(total) / median(cat));
    std::printf("peak memory: %.1f MB above idle (idle RSS %.1f MB, peak RSS %.1f MB; the stored 16-bit pixels: "
                "%.1f MB, as floats they would be %.1f MB)\n",
        (peak - idleRss) / 1024.0, idleRss / 1024.0, peak / 1024.0, files.size() * double(size) * size * 2 / 1e6,
        files.size() * double(size) * size * 4 / 1e6);
    (void)beforeLoadHwm;
    if (!keep)
        std::filesystem::remove_all(dir);
    return 0;
}
