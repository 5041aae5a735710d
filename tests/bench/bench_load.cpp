// Scan + load of a 5-stack, 60-slice, 512x512 series beside `cat` of the same files to
// /dev/null (the I/O floor), and the peak memory of the load. Prints figures; no verdict.
//   bench_load [--dir DIR] [--size 512] [--slices-per-stack 12] [--runs 5] [--keep] [--readers-only]
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
    bool keep = false, readersOnly = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--keep")
            keep = true;
        else if (a == "--readers-only") // every slice decoded by a reader, as before the native copy
            readersOnly = true;
        else if (a == "--dir" && hasValue)
            dir = argv[++i];
        else if (a == "--size" && hasValue)
            size = std::atoi(argv[++i]);
        else if (a == "--slices-per-stack" && hasValue)
            perStack = std::atoi(argv[++i]);
        else if (a == "--runs" && hasValue)
            runs = std::atoi(argv[++i]);
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
    std::vector<double> cat, scan, load, total, readReused, readFresh;
    // Writing the series loaded the DICOM writer plugin (ITK, GDCM) into this process: its
    // libraries and buffers are not the load's. Start the peak over here (clear_refs 5 resets
    // VmHWM, Linux 4.0+) and count the load's peak from the resident size before it.
    const long afterWriteRss = statusKb("VmRSS:");
    const long afterWriteHwm = statusKb("VmHWM:");
    const bool hwmReset = static_cast<bool>(std::ofstream("/proc/self/clear_refs") << "5");
    const long beforeLoadRss = statusKb("VmRSS:");
    for (int r = 0; r < runs + 1; ++r) { // the first run warms the page cache and is dropped
        auto t0 = std::chrono::steady_clock::now();
        if (std::system(catCommand.c_str()) != 0)
            return 1;
        const double catS = seconds(t0);
        t0 = std::chrono::steady_clock::now();
        const sg::core::ScanResult result = sg::core::scanPath(dir);
        const double scanS = seconds(t0);
        sg::core::Series series = result.studies.at(0).series.at(0);
        if (readersOnly)
            for (sg::core::Stack& st : series.stacks)
                for (sg::core::SliceRef& ref : st.slices)
                    ref.native.reset();
        t0 = std::chrono::steady_clock::now();
        const auto loaded = sg::core::loadSeries(series);
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
    for (int r = 0; r < runs; ++r) {
        // For reference only (the ratio stays against `cat`): the same bytes read in this
        // process, into one reused 128 kB buffer as cat does, and into fresh memory per file as
        // any load must (page faults included).
        auto t0 = std::chrono::steady_clock::now();
        {
            std::vector<char> buffer(128 * 1024);
            for (const std::string& f : files) {
                std::FILE* in = std::fopen(f.c_str(), "rb");
                if (!in)
                    return 1;
                while (std::fread(buffer.data(), 1, buffer.size(), in) == buffer.size()) { }
                std::fclose(in);
            }
        }
        const double reusedS = seconds(t0);
        t0 = std::chrono::steady_clock::now();
        {
            std::vector<std::vector<char>> fresh;
            for (const std::string& f : files) {
                std::ifstream in(f, std::ios::binary);
                std::vector<char>& b = fresh.emplace_back(std::filesystem::file_size(f));
                in.read(b.data(), static_cast<std::streamsize>(b.size()));
            }
        }
        const double freshS = seconds(t0);
        readReused.push_back(reusedS);
        readFresh.push_back(freshS);
    }
    // Without the reset, the figure above idle includes the writer plugin (what was printed
    // before this bench separated the two).
    const long peakSinceIdle = hwmReset ? std::max(peak, afterWriteHwm) : peak;
    std::printf(
        "cat of the files to /dev/null (I/O floor): %7.1f ms (median of %d, warm cache)\n", median(cat) * 1e3, runs);
    std::printf("scan (headers, isolated readers):          %7.1f ms\n", median(scan) * 1e3);
    std::printf("load (pixels, isolated readers):           %7.1f ms\n", median(load) * 1e3);
    std::printf("scan + load:                               %7.1f ms = %.2fx the floor (aim: within 2.5x)\n",
        median(total) * 1e3, median(total) / median(cat));
    std::printf("  for reference, the files read in this process: into one 128 kB buffer %.1f ms, into fresh memory "
                "%.1f ms\n",
        median(readReused) * 1e3, median(readFresh) * 1e3);
    const double pixelsMb = files.size() * double(size) * size * 2 / 1048576.0;
    if (hwmReset)
        std::printf("peak memory of scan + load: %.1f MiB above the RSS before it (%.1f MiB; peak RSS %.1f MiB); "
                    "the stored 16-bit pixels: %.1f MiB, as floats %.1f MiB\n",
            (peak - beforeLoadRss) / 1024.0, beforeLoadRss / 1024.0, peak / 1024.0, pixelsMb, 2 * pixelsMb);
    std::printf("peak memory since start: %.1f MiB above idle (idle RSS %.1f MiB, after writing the series with "
                "the writer plugin %.1f MiB, peak RSS %.1f MiB)\n",
        (peakSinceIdle - idleRss) / 1024.0, idleRss / 1024.0, afterWriteRss / 1024.0, peakSinceIdle / 1024.0);
    if (!keep)
        std::filesystem::remove_all(dir);
    return 0;
}
