// The training loop of a native model (LibTorch, in the ML plugin). Both networks learn from the same shuffled
// batches; every random choice (initial weights, order, augmentation) comes from the seed.
#include "core/ml/torch/TorchBackend.h"

#include "core/ml/SliceSampler.h"
#include "core/ml/torch/Networks.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <thread>

namespace sg::core {
namespace {

namespace fs = std::filesystem;

double uniform(std::mt19937_64& rng, double a, double b)
{
    return std::uniform_real_distribution<double>(a, b)(rng);
}

// Contrast, offset and noise on a normalised input: the per-slice scale removes most of a
// scanner's scaling, this covers what is left (bias fields, other noise levels).
void augmentIntensity(float* values, size_t n, std::mt19937_64& rng)
{
    const auto gain = static_cast<float>(uniform(rng, 0.85, 1.15));
    const auto offset = static_cast<float>(uniform(rng, -0.05, 0.05));
    std::normal_distribution<float> noise(0.0f, static_cast<float>(uniform(rng, 0.0, 0.04)));
    for (size_t i = 0; i < n; ++i)
        values[i] = values[i] * gain + offset + noise(rng);
}

struct Batch {
    torch::Tensor coarse, fine; // N x 1 x S x S
    torch::Tensor present; // N (float 0/1)
    torch::Tensor canalCells, coarseHeatIndex; // N x 2, N (long; -1: no target)
    torch::Tensor offsetCells, fineHeatIndex, side; // N x 2, N, N
    torch::Tensor canal, grade; // N (long; -1: no target)
};

Batch makeBatch(const std::vector<TrainingSample>& samples, const std::vector<size_t>& order, size_t begin, size_t end,
    std::mt19937_64& rng, bool augment)
{
    const auto n = static_cast<int64_t>(end - begin);
    Batch b;
    b.coarse = torch::empty({n, 1, kLocalizerSize, kLocalizerSize});
    b.fine = torch::empty({n, 1, kClassifierSize, kClassifierSize});
    b.present = torch::zeros({n});
    b.canalCells = torch::zeros({n, 2});
    b.coarseHeatIndex = torch::full({n}, -1, torch::kLong);
    b.offsetCells = torch::zeros({n, 2});
    b.fineHeatIndex = torch::full({n}, -1, torch::kLong);
    b.side = torch::zeros({n});
    b.canal = torch::full({n}, -1, torch::kLong);
    b.grade = torch::full({n}, -1, torch::kLong);
    const IntensityScale identity {0, 1};
    const int coarseCells = kLocalizerSize / 4, fineCells = kClassifierSize / 4;
    for (int64_t i = 0; i < n; ++i) {
        const TrainingSample& s = samples[order[begin + static_cast<size_t>(i)]];
        // Whole slice: shifted up to 25 mm, rotated up to 12 degrees, zoomed 0.9-1.1.
        SampleGrid g = centredGrid(s.coarse, kLocalizerSize, kLocalizerSpacingMm);
        if (augment) {
            g.centreCol += uniform(rng, -8, 8);
            g.centreRow += uniform(rng, -8, 8);
            g.angle = uniform(rng, -0.21, 0.21);
            g.zoom = uniform(rng, 0.9, 1.1);
        }
        float* coarse = b.coarse[i].data_ptr<float>();
        sampleGrid(s.coarse, identity, g, coarse);
        if (augment)
            augmentIntensity(coarse, static_cast<size_t>(kLocalizerSize) * kLocalizerSize, rng);

        // Fine crop: centred up to 7 mm off the canal (what the localizer's first guess may
        // be off by), rotated and zoomed a little. Negatives: anywhere on their canvas.
        const double mid = 0.5 * (kFineCanvasSize - 1);
        const Point2 canal {
            mid + s.fineOffsetMm[0] / kClassifierSpacingMm, mid + s.fineOffsetMm[1] / kClassifierSpacingMm};
        SampleGrid f;
        f.size = kClassifierSize;
        f.spacingMm = kClassifierSpacingMm;
        f.centreCol = canal[0];
        f.centreRow = canal[1];
        if (augment) {
            const double r =
                7.0 / kClassifierSpacingMm * std::sqrt(uniform(rng, 0, 1)) * (uniform(rng, 0, 1) < 0.3 ? 0.25 : 1.0);
            const double t = uniform(rng, 0, 2 * M_PI);
            f.centreCol += r * std::cos(t);
            f.centreRow += r * std::sin(t);
            f.angle = uniform(rng, -0.21, 0.21);
            f.zoom = uniform(rng, 0.93, 1.07);
        }
        float* fine = b.fine[i].data_ptr<float>();
        sampleGrid(s.fine, identity, f, fine);
        if (augment)
            augmentIntensity(fine, static_cast<size_t>(kClassifierSize) * kClassifierSize, rng);

        if (!s.hasCanal)
            continue;
        b.present[i] = 1.0f;
        const Point2 cc = pixelToGrid(s.coarse, g, s.canalCells);
        b.canalCells[i][0] = cc[0];
        b.canalCells[i][1] = cc[1];
        const int hx = std::clamp(static_cast<int>(std::lround((cc[0] - 1.5) / 4)), 0, coarseCells - 1);
        const int hy = std::clamp(static_cast<int>(std::lround((cc[1] - 1.5) / 4)), 0, coarseCells - 1);
        b.coarseHeatIndex[i] = hy * coarseCells + hx;
        const Point2 fc = pixelToGrid(s.fine, f, canal);
        const double fineMid = 0.5 * (kClassifierSize - 1);
        b.offsetCells[i][0] = fc[0] - fineMid;
        b.offsetCells[i][1] = fc[1] - fineMid;
        const int fx = std::clamp(static_cast<int>(std::lround((fc[0] - 1.5) / 4)), 0, fineCells - 1);
        const int fy = std::clamp(static_cast<int>(std::lround((fc[1] - 1.5) / 4)), 0, fineCells - 1);
        b.fineHeatIndex[i] = fy * fineCells + fx;
        b.side[i] = s.sideMm / f.zoom / 40.0;
        if (s.canal)
            b.canal[i] = static_cast<int64_t>(*s.canal);
        if (s.grade)
            b.grade[i] = static_cast<int64_t>(*s.grade);
    }
    return b;
}

// Cross-entropy over the rows whose target is not -1 (0 when there are none).
torch::Tensor maskedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& target)
{
    const torch::Tensor mask = target >= 0;
    if (!mask.any().item<bool>())
        return torch::zeros({});
    return torch::nn::functional::cross_entropy(logits.index({mask}), target.index({mask}));
}

struct EpochFigures {
    double locLoss = 0, fineLoss = 0;
    int64_t canalRight = 0, canalTotal = 0, gradeRight = 0, gradeTotal = 0, presentRight = 0, total = 0;
};

} // namespace

namespace ml {

Result<bool> trainNativeWeights(
    const std::vector<TrainingSample>& samples, const TrainOptions& options, const std::string& directory)
{
    auto log = [&options](const std::string& line) {
        if (options.log)
            options.log(line);
    };
    try {
        at::set_num_threads(options.threads > 0 ? options.threads
                                                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
        torch::manual_seed(options.seed);
        std::mt19937_64 rng(options.seed);
        ml::LocalizerNet localizer;
        ml::ClassifierNet classifier;
        if (!options.initFrom.empty()) {
            const fs::path from(options.initFrom);
            torch::load(localizer, (from / "localizer.pt").string());
            torch::load(classifier, (from / "classifier.pt").string());
        }
        torch::optim::Adam locOpt(localizer->parameters(), torch::optim::AdamOptions(options.learningRate));
        torch::optim::Adam fineOpt(classifier->parameters(), torch::optim::AdamOptions(options.learningRate));
        localizer->train();
        classifier->train();
        std::vector<size_t> order(samples.size());
        std::iota(order.begin(), order.end(), 0);
        const auto started = std::chrono::steady_clock::now();
        for (int epoch = 0; epoch < options.epochs; ++epoch) {
            // Step decay: full rate for 60% of the epochs, then 0.3x, then 0.09x for the last 15%.
            const double progress = static_cast<double>(epoch) / options.epochs;
            const double lr = options.learningRate * (progress < 0.6 ? 1.0 : progress < 0.85 ? 0.3 : 0.09);
            for (auto* opt : {&locOpt, &fineOpt})
                for (auto& group : opt->param_groups())
                    static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
            std::shuffle(order.begin(), order.end(), rng);
            EpochFigures fig;
            for (size_t begin = 0; begin < order.size(); begin += static_cast<size_t>(options.batchSize)) {
                if (options.progress && options.progress->cancelled())
                    return Error {"training cancelled"};
                const size_t end = std::min(order.size(), begin + static_cast<size_t>(options.batchSize));
                const Batch b = makeBatch(samples, order, begin, end, rng, true);
                const torch::Tensor pos = b.present > 0.5;
                const bool anyPos = pos.any().item<bool>();

                const ml::NetOutput lo = localizer->heads(b.coarse);
                torch::Tensor locLoss =
                    torch::nn::functional::binary_cross_entropy_with_logits(lo.out.select(1, 0), b.present);
                if (anyPos) {
                    locLoss = locLoss + maskedCrossEntropy(lo.heat, b.coarseHeatIndex) +
                        torch::nn::functional::smooth_l1_loss(
                            lo.out.index({pos}).slice(1, 1, 3), b.canalCells.index({pos}));
                }
                locOpt.zero_grad();
                locLoss.backward();
                locOpt.step();

                const ml::NetOutput fo = classifier->heads(b.fine);
                torch::Tensor fineLoss = torch::zeros({});
                if (anyPos) {
                    const torch::Tensor p = fo.out.index({pos});
                    fineLoss = maskedCrossEntropy(fo.heat, b.fineHeatIndex) +
                        // L1, not smooth L1: sub-millimetre errors still pull (the 2 mm target is tight).
                        torch::nn::functional::l1_loss(p.slice(1, 0, 2), b.offsetCells.index({pos})) +
                        2 * torch::nn::functional::smooth_l1_loss(p.select(1, 2), b.side.index({pos}));
                }
                fineLoss = fineLoss + maskedCrossEntropy(fo.out.slice(1, 3, 5), b.canal) +
                    maskedCrossEntropy(fo.out.slice(1, 5, 9), b.grade);
                const torch::Tensor neg = ~pos;
                if (neg.any().item<bool>()) // no canal: no confident class (uniform target)
                    fineLoss = fineLoss - 0.5 * torch::log_softmax(fo.out.index({neg}).slice(1, 5, 9), 1).mean() -
                        0.5 * torch::log_softmax(fo.out.index({neg}).slice(1, 3, 5), 1).mean();
                fineOpt.zero_grad();
                fineLoss.backward();
                fineOpt.step();

                torch::NoGradGuard noGrad;
                const auto n = static_cast<int64_t>(end - begin);
                fig.locLoss += locLoss.item<double>() * n;
                fig.fineLoss += fineLoss.item<double>() * n;
                fig.total += n;
                fig.presentRight += ((lo.out.select(1, 0) > 0) == pos).sum().item<int64_t>();
                const torch::Tensor cm = b.canal >= 0, gm = b.grade >= 0;
                fig.canalRight += (fo.out.slice(1, 3, 5).argmax(1) == b.canal).logical_and(cm).sum().item<int64_t>();
                fig.canalTotal += cm.sum().item<int64_t>();
                fig.gradeRight += (fo.out.slice(1, 5, 9).argmax(1) == b.grade).logical_and(gm).sum().item<int64_t>();
                fig.gradeTotal += gm.sum().item<int64_t>();
            }
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            char line[256];
            std::snprintf(line, sizeof line,
                "epoch %d/%d  localizer loss %.4f  classifier loss %.4f  canal found %.3f  rootlet/cord %.3f  grade "
                "%.3f  "
                "(training batches, augmented)  %.0f s",
                epoch + 1, options.epochs, fig.locLoss / fig.total, fig.fineLoss / fig.total,
                double(fig.presentRight) / fig.total, fig.canalTotal ? double(fig.canalRight) / fig.canalTotal : 0.0,
                fig.gradeTotal ? double(fig.gradeRight) / fig.gradeTotal : 0.0, seconds);
            log(line);
            if (options.progress)
                options.progress->report(epoch + 1, options.epochs, line);
        }
        localizer->eval();
        classifier->eval();
        torch::save(localizer, (fs::path(directory) / "localizer.pt").string());
        torch::save(classifier, (fs::path(directory) / "classifier.pt").string());
        return true;
    } catch (const c10::Error& e) {
        const std::string what = e.what_without_backtrace();
        return Error {"training failed: " + what.substr(0, what.find('\n'))};
    } catch (const std::exception& e) {
        return Error {std::string("training failed: ") + e.what()};
    }
}

} // namespace ml
} // namespace sg::core
