// The LibTorch adapter of ProposalModel (ML plugin): loads native or TorchScript weights from
// bytes the program has verified, runs the localizer on the whole slice and the classifier twice on a fine crop (the
// first pass corrects the localizer's centre, the second classifies the re-centred crop). Every c10::Error stops here
// and becomes an error value naming the file.
#include "core/ml/torch/TorchBackend.h"

#include "core/ml/ModelManifest.h"
#include "core/ml/SliceSampler.h"
#include "core/ml/torch/Networks.h"

#include <ATen/Parallel.h>
#include <torch/script.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <thread>

namespace sg::core {
namespace {

namespace fs = std::filesystem;

// One network, native or scripted, behind the manifest's input/output contract.
class Stage {
public:
    virtual ~Stage() = default;
    virtual torch::Tensor run(const torch::Tensor& input) = 0;
};

template <typename Net>
class NativeStage : public Stage {
public:
    explicit NativeStage(Net net) : m_net(std::move(net)) { m_net->eval(); }
    torch::Tensor run(const torch::Tensor& input) override { return m_net->forward(input); }

private:
    Net m_net;
};

class ScriptStage : public Stage {
public:
    explicit ScriptStage(torch::jit::Module module) : m_module(std::move(module)) { m_module.eval(); }
    torch::Tensor run(const torch::Tensor& input) override
    {
        const torch::IValue out = m_module.forward({input});
        if (!out.isTensor())
            throw std::runtime_error("the model's forward() does not return one tensor");
        return out.toTensor();
    }

private:
    torch::jit::Module m_module;
};

// Every call, not only the first: a scripted model may answer a test input well and a real
// one badly (another batch size, NaN from one slice). Throws; the callers turn it into an error.
torch::Tensor checkedRun(Stage& stage, const torch::Tensor& input, int64_t outputs, const char* which)
{
    const torch::Tensor out = stage.run(input);
    if (out.dim() != 2 || out.size(0) != input.size(0) || out.size(1) != outputs)
        throw std::runtime_error(std::string("the ") + which + " gives output " + c10::str(out.sizes()) +
            " for a batch of " + std::to_string(input.size(0)) + ", its layout needs [N, " + std::to_string(outputs) +
            "]");
    if (out.scalar_type() != torch::kFloat)
        throw std::runtime_error(std::string("the ") + which + " gives " +
            std::string(c10::toString(out.scalar_type())) + " outputs, not float");
    if (!torch::isfinite(out).all().item<bool>())
        throw std::runtime_error(std::string("the ") + which + " gives non-finite outputs (NaN or infinite)");
    return out.contiguous();
}

Result<std::unique_ptr<Stage>> loadStage(
    const ModelManifest& m, const std::string& dir, bool localizer, const std::string& bytes)
{
    const StageManifest& s = localizer ? m.localizer : m.classifier;
    const std::string path = (fs::path(dir) / s.file).string();
    const int64_t outputs = localizer ? kLocalizerOutputs : kClassifierOutputs;
    try {
        std::istringstream weights(bytes);
        std::unique_ptr<Stage> stage;
        if (m.format == "native") {
            if (localizer) {
                ml::LocalizerNet net;
                torch::load(net, weights);
                stage = std::make_unique<NativeStage<ml::LocalizerNet>>(net);
            } else {
                ml::ClassifierNet net;
                torch::load(net, weights);
                stage = std::make_unique<NativeStage<ml::ClassifierNet>>(net);
            }
        } else {
            stage = std::make_unique<ScriptStage>(torch::jit::load(weights));
        }
        // One dry run on the manifest's input size proves the contract before the model is used.
        torch::InferenceMode guard;
        const torch::Tensor out = stage->run(torch::zeros({2, 1, s.inputSize, s.inputSize}));
        if (out.dim() != 2 || out.size(0) != 2 || out.size(1) != outputs)
            return Error {path + ": the network gives output " + c10::str(out.sizes()) + " for input_size " +
                std::to_string(s.inputSize) + ", the manifest's " + (localizer ? "localizer" : "classifier") +
                " layout needs [N, " + std::to_string(outputs) + "]"};
        if (!torch::isfinite(out).all().item<bool>())
            return Error {path + ": the network gives non-finite outputs"};
        return stage;
    } catch (const c10::Error& e) {
        const std::string what = e.what_without_backtrace();
        return Error {path +
            ": cannot load the weights (corrupt, truncated or not this network): " + what.substr(0, what.find('\n'))};
    } catch (const std::exception& e) {
        return Error {path + ": cannot load the weights: " + e.what()};
    }
}

std::string checkSlice(const SliceImage& s)
{
    if (s.rows <= 0 || s.columns <= 0 || s.empty())
        return "the slice has no pixels";
    if (s.pixelCount() != static_cast<size_t>(s.rows) * static_cast<size_t>(s.columns))
        return "the slice's pixel buffer does not match its rows x columns";
    if (!(s.rowSpacing > 0.01 && s.rowSpacing < 50 && s.columnSpacing > 0.01 && s.columnSpacing < 50))
        return "the slice's pixel spacing is absurd";
    return {};
}

class TorchProposalModel final : public ProposalModel {
public:
    TorchProposalModel(
        ModelManifest manifest, ModelInfo info, std::unique_ptr<Stage> localizer, std::unique_ptr<Stage> classifier)
        : m_manifest(std::move(manifest)),
          m_info(std::move(info)),
          m_localizer(std::move(localizer)),
          m_classifier(std::move(classifier))
    {
    }

    const ModelInfo& info() const override { return m_info; }

    Result<std::vector<SliceProposal>> proposeBatch(const std::vector<const SliceImage*>& slices) override
    {
        for (size_t i = 0; i < slices.size(); ++i) {
            const std::string problem = slices[i] ? checkSlice(*slices[i]) : "no slice";
            if (!problem.empty())
                return Error {
                    "slice " + std::to_string(i + 1) + " of " + std::to_string(slices.size()) + ": " + problem};
        }
        if (slices.empty())
            return std::vector<SliceProposal> {};
        // One or two slices: the networks are too small to share, and a second Torch thread only
        // spin-waits at every layer (measured: 20-300 ms per slice on a busy 2-core machine).
        const int threads = at::get_num_threads();
        if (slices.size() <= 2)
            at::set_num_threads(1);
        struct RestoreThreads {
            int count;
            ~RestoreThreads() { at::set_num_threads(count); }
        } restore {threads};
        try {
            return run(slices);
        } catch (const c10::Error& e) {
            const std::string what = e.what_without_backtrace();
            return Error {m_info.directory + ": the model failed on this slice: " + what.substr(0, what.find('\n'))};
        } catch (const std::exception& e) {
            return Error {m_info.directory + ": the model failed on this slice: " + e.what()};
        }
    }

private:
    std::vector<SliceProposal> run(const std::vector<const SliceImage*>& slices)
    {
        torch::InferenceMode guard;
        const auto n = static_cast<int64_t>(slices.size());
        // Resampling runs on Torch's own worker threads (at::parallel_for): serial work here
        // would leave those threads spin-waiting against it, which on a busy 2-core machine
        // made a batch many times slower than its networks.
        std::vector<IntensityScale> scales(slices.size());
        const int ls = m_manifest.localizer.inputSize;
        torch::Tensor input = torch::empty({n, 1, ls, ls});
        std::vector<SampleGrid> grids(slices.size());
        float* in = input.data_ptr<float>();
        at::parallel_for(0, n, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                scales[i] = robustIntensityScale(*slices[i]);
                grids[i] = centredGrid(*slices[i], ls, m_manifest.localizer.spacingMm);
                sampleGrid(*slices[i], scales[i], grids[i], in + i * ls * ls);
            }
        });
        const torch::Tensor loc = checkedRun(*m_localizer, input, kLocalizerOutputs, "localizer");
        const auto la = loc.accessor<float, 2>();
        std::vector<Point2> centres;
        for (int64_t i = 0; i < n; ++i)
            centres.push_back(gridToPixel(*slices[i], grids[i], {la[i][1], la[i][2]}));

        torch::Tensor fine;
        for (int pass = 0; pass < 2; ++pass) {
            fine = classify(slices, scales, centres);
            const auto fa = fine.accessor<float, 2>();
            for (int64_t i = 0; i < n; ++i) {
                const double dx = fa[i][0] * m_manifest.classifier.spacingMm;
                const double dy = fa[i][1] * m_manifest.classifier.spacingMm;
                if (std::isfinite(dx) && std::isfinite(dy)) {
                    centres[i][0] += dx / slices[i]->columnSpacing;
                    centres[i][1] += dy / slices[i]->rowSpacing;
                }
            }
        }
        const torch::Tensor canal = torch::softmax(fine.slice(1, 3, 5), 1).contiguous();
        const torch::Tensor grade = torch::softmax(fine.slice(1, 5, 9), 1).contiguous();
        const auto fa = fine.accessor<float, 2>();
        const auto ca = canal.accessor<float, 2>();
        const auto ga = grade.accessor<float, 2>();
        std::vector<SliceProposal> out(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            SliceProposal& p = out[static_cast<size_t>(i)];
            const SliceImage& s = *slices[i];
            p.canalConfidence = 1.0 / (1.0 + std::exp(-static_cast<double>(la[i][0])));
            p.canalFound = p.canalConfidence >= 0.5 && centres[i][0] >= 0 && centres[i][1] >= 0 &&
                centres[i][0] <= s.columns - 1 && centres[i][1] <= s.rows - 1;
            // Raw logits too: the program applies the manifest's temperature (finishProposal).
            for (int k = 0; k < 2; ++k) {
                p.canal[static_cast<size_t>(k)] = ca[i][k];
                p.canalLogits[static_cast<size_t>(k)] = fa[i][3 + k];
            }
            for (int k = 0; k < 4; ++k) {
                p.grade[static_cast<size_t>(k)] = ga[i][k];
                p.gradeLogits[static_cast<size_t>(k)] = fa[i][5 + k];
            }
            if (p.canalFound) {
                p.patch = patchAround(s, centres[i], fa[i][2] * 40.0);
                p.canalCol = centres[i][0];
                p.canalRow = centres[i][1];
            }
        }
        return out;
    }

    torch::Tensor classify(const std::vector<const SliceImage*>& slices, const std::vector<IntensityScale>& scales,
        const std::vector<Point2>& centres)
    {
        const int cs = m_manifest.classifier.inputSize;
        const auto n = static_cast<int64_t>(slices.size());
        torch::Tensor input = torch::empty({n, 1, cs, cs});
        float* in = input.data_ptr<float>();
        at::parallel_for(0, n, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                SampleGrid g;
                g.size = cs;
                g.spacingMm = m_manifest.classifier.spacingMm;
                g.centreCol = centres[i][0];
                g.centreRow = centres[i][1];
                sampleGrid(*slices[i], scales[i], g, in + i * cs * cs);
            }
        });
        return checkedRun(*m_classifier, input, kClassifierOutputs, "classifier");
    }

    // A square of the predicted side around the centre, clipped to the slice as an analyzer's
    // is. Not rounded to whole pixels: that alone would move the centre by up to half a pixel.
    Patch patchAround(const SliceImage& s, Point2 centre, double sideMm) const
    {
        if (!(sideMm > 5 && sideMm < 150))
            sideMm = m_manifest.defaultPatchMm;
        const double w = sideMm / s.columnSpacing, h = sideMm / s.rowSpacing;
        const double x0 = std::clamp(centre[0] - 0.5 * w, 0.0, double(s.columns - 1));
        const double y0 = std::clamp(centre[1] - 0.5 * h, 0.0, double(s.rows - 1));
        const double x1 = std::clamp(centre[0] + 0.5 * w, x0 + 1, double(s.columns));
        const double y1 = std::clamp(centre[1] + 0.5 * h, y0 + 1, double(s.rows));
        return Patch {x0, y0, x1 - x0, y1 - y0};
    }

    ModelManifest m_manifest;
    ModelInfo m_info;
    std::unique_ptr<Stage> m_localizer;
    std::unique_ptr<Stage> m_classifier;
};

class TorchStageRunner final : public StageRunner {
public:
    TorchStageRunner(std::unique_ptr<Stage> stage, int inputSize, int outputs)
        : m_stage(std::move(stage)), m_inputSize(inputSize), m_outputs(outputs)
    {
    }
    int inputSize() const override { return m_inputSize; }
    int outputs() const override { return m_outputs; }
    Result<std::vector<float>> run(const std::vector<float>& input, int n) override
    {
        if (n <= 0 || input.size() != static_cast<size_t>(n) * m_inputSize * m_inputSize)
            return Error {
                "input size does not match " + std::to_string(n) + " x " + std::to_string(m_inputSize) + "^2"};
        try {
            torch::InferenceMode guard;
            const torch::Tensor in =
                torch::from_blob(const_cast<float*>(input.data()), {n, 1, m_inputSize, m_inputSize});
            const torch::Tensor out = checkedRun(*m_stage, in, m_outputs, "network");
            return std::vector<float>(out.data_ptr<float>(), out.data_ptr<float>() + out.numel());
        } catch (const c10::Error& e) {
            const std::string what = e.what_without_backtrace();
            return Error {what.substr(0, what.find('\n'))};
        } catch (const std::exception& e) {
            return Error {e.what()};
        }
    }

private:
    std::unique_ptr<Stage> m_stage;
    int m_inputSize;
    int m_outputs;
};

void useEveryCore()
{
    // Torch uses one thread unless told; a worker gets every core of the machine.
    at::set_num_threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

} // namespace

namespace ml {

Result<std::unique_ptr<StageRunner>> loadTorchStageRunner(
    const ModelManifest& manifest, const std::string& directory, ModelStage stage, const std::string& weights)
{
    useEveryCore();
    const bool localizer = stage == ModelStage::Localizer;
    Result<std::unique_ptr<Stage>> s = loadStage(manifest, directory, localizer, weights);
    if (!s)
        return Error {s.error()};
    return std::unique_ptr<StageRunner>(std::make_unique<TorchStageRunner>(std::move(*s),
        localizer ? manifest.localizer.inputSize : manifest.classifier.inputSize,
        localizer ? kLocalizerOutputs : kClassifierOutputs));
}

Result<std::unique_ptr<ProposalModel>> loadTorchProposalModel(const ModelManifest& manifest, ModelInfo info,
    const std::string& directory, const std::string& localizerWeights, const std::string& classifierWeights)
{
    useEveryCore();
    Result<std::unique_ptr<Stage>> localizer = loadStage(manifest, directory, true, localizerWeights);
    if (!localizer)
        return Error {localizer.error()};
    Result<std::unique_ptr<Stage>> classifier = loadStage(manifest, directory, false, classifierWeights);
    if (!classifier)
        return Error {classifier.error()};
    return std::unique_ptr<ProposalModel>(
        std::make_unique<TorchProposalModel>(manifest, std::move(info), std::move(*localizer), std::move(*classifier)));
}

} // namespace ml
} // namespace sg::core
