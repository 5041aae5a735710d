// Reader kits: export of an analyzer's kit (reading every slice's DICOM file, compressing its
// pixels, copying the rows, VACUUM) and import of a kit's labels. Prints figures only.
//   bench_kit [DIR] [--slices N] [--size S]
// DIR (default: the current directory; use a real disk) keeps the generated studies between
// runs (DIR/bench_kit_studies_S); the project and kits are written anew each run.
#include "core/phantom/PhantomWriter.h"
#include "core/store/ProjectSetup.h"
#include "core/store/ProjectStore.h"
#include "core/store/ReaderKit.h"
#include "core/store/Worklist.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace sg::core;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

int countFiles(const fs::path& dir)
{
    int n = 0;
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir, ec))
        n += e.is_regular_file() && e.path().extension() == ".dcm";
    return n;
}

int fail(const std::string& what)
{
    std::fprintf(stderr, "bench_kit: %s\n", what.c_str());
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    std::string dir = ".";
    int slices = 1000;
    int size = 512;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--slices" && i + 1 < argc)
            slices = std::stoi(argv[++i]);
        else if (a == "--size" && i + 1 < argc)
            size = std::stoi(argv[++i]);
        else
            dir = a;
    }
    const fs::path studies = fs::path(dir) / ("bench_kit_studies_" + std::to_string(size));
    // Synthetic patients (about 20 slices each) until there are enough slices.
    PhantomOptions phantom;
    phantom.size = size;
    for (int patient = 0; countFiles(studies) < slices; ++patient) {
        const fs::path out = studies / ("patient" + std::to_string(patient));
        if (fs::exists(out))
            continue;
        if (Status s = generatePhantomStudy(phantom, out.string(), patient); !s)
            return fail(s.error());
    }
    const std::string db = (fs::path(dir) / "bench_kit.sgdb").string();
    const std::string kit = (fs::path(dir) / "bench_kit_ann.sgkit").string();
    for (const std::string& f : {db, kit})
        for (const char* suffix : {"", "-wal", "-shm", ".part"})
            fs::remove(f + suffix);
    ProjectSetupOptions o;
    o.dicomFolder = studies.string();
    o.projectFile = db;
    o.leadName = "lead";
    auto setUp = setUpProject(o);
    if (!setUp)
        return fail(setUp.error());
    auto store = ProjectStore::open(db);
    if (!store)
        return fail(store.error());
    if (!(*store)->ensureAnalyzer("ann"))
        return fail("cannot add ann");
    const int items = static_cast<int>((*store)->items()->size());

    auto t0 = Clock::now();
    auto exported = exportReaderKit(**store, "ann", kit);
    const double exportSeconds = secondsSince(t0);
    if (!exported)
        return fail(exported.error());
    const double rawMb = static_cast<double>(items) * size * size * 2 / (1024.0 * 1024.0);
    std::printf("kit export: %d slices of %dx%d (%.1f MB of 16-bit pixels): %.1f MB kit in %.2f s\n", items, size, size,
        rawMb, static_cast<double>(exported->bytes) / (1024.0 * 1024.0), exportSeconds);

    // The analyzer labels every item in the kit (not timed), then the lead receives it.
    {
        auto k = ProjectStore::open(kit, OpenOptions {false, false});
        if (!k)
            return fail(k.error());
        const Analyzer ann = **(*k)->findAnalyzer("ann");
        auto order = worklistOrder(**k, ann);
        for (std::int64_t id : *order) {
            Label l;
            l.itemId = id;
            l.analyzerId = ann.id;
            l.canal = Canal::Rootlet;
            l.grade = Grade::B;
            l.patch = Patch {100, 100, 60, 50};
            if (!(*k)->saveLabel(ann, l))
                return fail("cannot label the kit");
        }
    }
    const Analyzer lead = **(*store)->findAnalyzer("lead");
    t0 = Clock::now();
    auto received = importReaderKit(**store, kit, lead);
    const double importSeconds = secondsSince(t0);
    if (!received)
        return fail(received.error());
    std::printf("kit import: %d labels (%d history rows) checked and merged in %.2f s\n", received->changedLabels,
        received->mergedRows, importSeconds);
    t0 = Clock::now();
    auto again = importReaderKit(**store, kit, lead);
    std::printf(
        "kit import again (nothing new): %d rows in %.2f s\n", again ? again->mergedRows : -1, secondsSince(t0));
    return 0;
}
