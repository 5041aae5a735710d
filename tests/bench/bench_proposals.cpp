// CNN proposals, figures only (no verdict):
//  1. screening a 60-slice 512x512 study end to end (scan, load, localizer + classifier) on
//     the cores Torch is given;
//  2. per-slice inference of the same two networks with the same weights here (LibTorch)
//     and in PyTorch from Python (tests/bench/proposal_reference.py), in one run, checking
//     both give the same outputs;
//  3. quality on generated studies from seeds never used in training.
//   bench_proposals [--model DIR] [--threads N] [--runs R] [--quality-studies K] [--dir DIR]
#include "core/dicom/DicomScanner.h"
#include "core/dicom/DicomWriter.h"
#include "core/dicom/SeriesLoader.h"
#include "core/ml/ModelManifest.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/ProposalQuality.h"
#include "core/ml/SliceSampler.h"
#include "core/ml/StageRunner.h"
#include "core/ml/TrainingData.h"
#include "core/phantom/PhantomStudy.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace sg::core;
namespace fs = std::filesystem;

namespace {

double seconds(const std::chrono::steady_clock::time_point& start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// 60 slices of generated patients written as ONE study and series (stacks per patient and
// level, 400 mm apart along z so they never mix).
std::vector<PhantomSlice> writeSixtySliceStudy(const std::string& dir)
{
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::vector<PhantomSlice> all;
    PhantomOptions o;
    o.size = 512;
    DicomSeriesInfo series;
    for (uint64_t seed = 510000; all.size() < 60; ++seed) {
        o.seed = seed;
        PhantomStudy study = renderPhantomStudy(o, 0);
        if (all.empty())
            series = study.series;
        for (PhantomSlice& s : study.slices) {
            if (all.size() == 60)
                break;
            s.dicom.position[2] += 400.0 * static_cast<double>(seed - 510000);
            s.dicom.instanceNumber = static_cast<int>(all.size()) + 1;
            all.push_back(std::move(s));
        }
    }
    for (const PhantomSlice& s : all)
        if (const Status st =
                writeDicomSlice(dir + "/" + std::to_string(s.dicom.instanceNumber) + ".dcm", series, s.dicom);
            !st)
            std::fprintf(stderr, "write failed: %s\n", st.error().c_str());
    return all;
}

bool writeFloats(const std::string& path, const std::vector<float>& v)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(float)));
    return static_cast<bool>(out);
}

std::vector<float> readFloats(const std::string& path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::vector<float> v(static_cast<size_t>(in.tellg()) / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(float)));
    return v;
}

} // namespace

int main(int argc, char** argv)
{
    std::string modelDir = defaultModelDirectory();
    std::string dir = (fs::temp_directory_path() / "spinegrade-bench-proposals").string();
    int threads = 2, runs = 7, qualityStudies = 30;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--model")
            modelDir = argv[i + 1];
        else if (a == "--threads")
            threads = std::atoi(argv[i + 1]);
        else if (a == "--runs")
            runs = std::atoi(argv[i + 1]);
        else if (a == "--quality-studies")
            qualityStudies = std::atoi(argv[i + 1]);
        else if (a == "--dir")
            dir = argv[i + 1];
    }
    // Python gets the same thread count as LibTorch (ProposalModel::load gives Torch every
    // core of the machine: run on a machine with `--threads` cores, or under taskset).

    // 1. End to end.
    const std::vector<PhantomSlice> written = writeSixtySliceStudy(dir);
    auto model = ProposalModel::load(modelDir);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().c_str());
        return 1;
    }
    std::printf("model %s %s (%s), torch threads %d\n", (*model)->info().name.c_str(), (*model)->info().version.c_str(),
        modelDir.c_str(), threads);
    std::vector<double> total, inference;
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const ScanResult scan = scanPath(dir);
        // As `screen` does: read every slice, then one batch.
        std::vector<LoadedSeries> loaded;
        for (const Series& series : scan.studies.at(0).series)
            loaded.push_back(loadSeries(series));
        std::vector<const SliceImage*> images;
        for (const LoadedSeries& series : loaded)
            for (const LoadedStack& stack : series.stacks)
                for (const SliceImage& s : stack.slices)
                    images.push_back(&s);
        const auto t = std::chrono::steady_clock::now();
        auto p = (*model)->proposeBatch(images);
        const double inferSeconds = seconds(t);
        if (!p) {
            std::fprintf(stderr, "%s\n", p.error().c_str());
            return 1;
        }
        const int slices = static_cast<int>(p->size());
        total.push_back(seconds(start));
        inference.push_back(inferSeconds);
        if (r == 0)
            std::printf("screen: %zu studies, %d slices\n", scan.studies.size(), slices);
    }
    std::printf(
        "screen 60 slices 512x512 end to end: median %.3f s (proposals alone %.3f s, %.2f ms/slice) over %d runs\n",
        median(total), median(inference), 1000 * median(inference) / 60, runs);

    // Batch size: the GUI proposes a few slices at a time, `screen` a stack, quality a study.
    {
        std::vector<SliceImage> images;
        for (const PhantomSlice& s : written)
            images.push_back(phantomSliceImage(s));
        for (const int batch : {1, 4, 20, 60}) {
            std::vector<double> perSlice;
            for (int r = 0; r < 3; ++r) {
                const auto t = std::chrono::steady_clock::now();
                for (int first = 0; first + batch <= 60; first += batch) {
                    std::vector<const SliceImage*> part;
                    for (int k = first; k < first + batch; ++k)
                        part.push_back(&images[static_cast<size_t>(k)]);
                    (void)(*model)->proposeBatch(part);
                }
                perSlice.push_back(seconds(t) / (60 / batch * batch));
            }
            std::printf("proposeBatch of %d slices: %.2f ms/slice (median of 3)\n", batch, 1000 * median(perSlice));
        }
    }

    // 2. The networks alone, LibTorch beside PyTorch, on identical inputs.
    auto loc = StageRunner::load(modelDir, ModelStage::Localizer);
    auto cls = StageRunner::load(modelDir, ModelStage::Classifier);
    if (!loc || !cls) {
        std::fprintf(stderr, "%s\n", (!loc ? loc.error() : cls.error()).c_str());
        return 1;
    }
    const auto manifest = readModelManifest(modelDir);
    const int n = 60;
    std::vector<float> locIn, clsIn;
    for (int i = 0; i < n; ++i) {
        const SliceImage img = phantomSliceImage(written[static_cast<size_t>(i)]);
        const IntensityScale scale = robustIntensityScale(img);
        std::vector<float> buf(static_cast<size_t>((*loc)->inputSize()) * (*loc)->inputSize());
        sampleGrid(img, scale, centredGrid(img, (*loc)->inputSize(), manifest->localizer.spacingMm), buf.data());
        locIn.insert(locIn.end(), buf.begin(), buf.end());
        SampleGrid g;
        g.size = (*cls)->inputSize();
        g.spacingMm = manifest->classifier.spacingMm;
        g.centreCol = written[static_cast<size_t>(i)].truth.canalCol;
        g.centreRow = written[static_cast<size_t>(i)].truth.canalRow;
        buf.assign(static_cast<size_t>(g.size) * g.size, 0.0f);
        sampleGrid(img, scale, g, buf.data());
        clsIn.insert(clsIn.end(), buf.begin(), buf.end());
    }
    std::vector<double> tl, tc;
    std::vector<float> yl, yc;
    (void)(*loc)->run(locIn, n); // warm-up, as Python's side does
    (void)(*cls)->run(clsIn, n);
    for (int r = 0; r < runs; ++r) {
        auto t = std::chrono::steady_clock::now();
        yl = *(*loc)->run(locIn, n);
        tl.push_back(seconds(t));
        t = std::chrono::steady_clock::now();
        yc = *(*cls)->run(clsIn, n);
        tc.push_back(seconds(t));
    }
    const std::string prefix = dir + "/bench";
    writeFloats(prefix + "_loc_in.f32", locIn);
    writeFloats(prefix + "_cls_in.f32", clsIn);
    const std::string script = std::string(SG_SOURCE_DIR) + "/tests/bench/proposal_reference.py";
    const std::string command = "/usr/bin/python3 " + script + " " + modelDir + " " + prefix + "_loc_in.f32 " +
        std::to_string(n) + " " + prefix + "_cls_in.f32 " + std::to_string(n) + " " + prefix + "_py " +
        std::to_string(runs) + " " + std::to_string(threads);
    std::printf("python: %s\n", command.c_str());
    std::fflush(stdout);
    if (std::system(command.c_str()) != 0) {
        std::fprintf(stderr, "the Python reference failed\n");
        return 1;
    }
    const std::vector<float> pl = readFloats(prefix + "_py_localizer.f32");
    const std::vector<float> pc = readFloats(prefix + "_py_classifier.f32");
    auto maxDiff = [](const std::vector<float>& a, const std::vector<float>& b) {
        if (a.size() != b.size())
            return INFINITY;
        float d = 0;
        for (size_t i = 0; i < a.size(); ++i)
            d = std::max(d, std::abs(a[i] - b[i]));
        return d;
    };
    std::printf("LibTorch (C++), batch of %d: localizer %.3f ms/slice, classifier %.3f ms/slice (median of %d)\n", n,
        1000 * median(tl) / n, 1000 * median(tc) / n, runs);
    std::printf("outputs agree with PyTorch: max |difference| localizer %.2e, classifier %.2e\n", maxDiff(yl, pl),
        maxDiff(yc, pc));

    // 3. Quality on unseen seeds.
    QualityRun run;
    run.firstSeed = 700000;
    run.studies = qualityStudies;
    run.negatives = 100;
    auto q = measureProposalQuality(**model, run);
    if (!q) {
        std::fprintf(stderr, "%s\n", q.error().c_str());
        return 1;
    }
    std::printf("quality on %d unseen studies (seeds %llu..%llu, sizes 256/384/512):\n%s\n", qualityStudies,
        static_cast<unsigned long long>(run.firstSeed),
        static_cast<unsigned long long>(run.firstSeed + qualityStudies - 1), q->text().c_str());
    fs::remove_all(dir);
    return 0;
}
