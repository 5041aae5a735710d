#pragma once
// The two small CNNs of a native model. Internal to the ML plugin (core/ml/torch, it includes LibTorch): the
// program sees ProposalModel.h only. Layer names are the weights' keys in the archive, and
// tests/bench/proposal_reference.py rebuilds the same layers in Python; change both together.
#include "core/ml/ModelManifest.h"

#include <torch/torch.h>

namespace sg::core::ml {

// Soft-argmax of a heat map N x 1 x H x W whose cell (i, j) sits at input pixel
// (stride * j + centre, stride * i + centre): the expected (column, row) in input pixels.
inline torch::Tensor softArgmax(const torch::Tensor& heat, double stride, double centre)
{
    const auto n = heat.size(0), h = heat.size(2), w = heat.size(3);
    const torch::Tensor p = torch::softmax(heat.reshape({n, h * w}), 1).reshape({n, h, w});
    const torch::Tensor xs = torch::arange(w, heat.options()) * stride + centre;
    const torch::Tensor ys = torch::arange(h, heat.options()) * stride + centre;
    const torch::Tensor x = (p.sum(1) * xs).sum(1);
    const torch::Tensor y = (p.sum(2) * ys).sum(1);
    return torch::stack({x, y}, 1);
}

struct NetOutput {
    torch::Tensor out; // the manifest's output layout
    torch::Tensor heat; // heat-map logits N x (H*W), for the training loss
};

// Whole slice on a coarse grid -> is there a canal, and where (stride-4 heat map).
struct LocalizerNetImpl : torch::nn::Module {
    LocalizerNetImpl()
    {
        c1 = register_module("c1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 8, 3).padding(1)));
        c2 = register_module("c2", torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 16, 3).padding(1)));
        c3 = register_module("c3", torch::nn::Conv2d(torch::nn::Conv2dOptions(16, 24, 3).padding(1)));
        c4 = register_module("c4", torch::nn::Conv2d(torch::nn::Conv2dOptions(24, 24, 3).padding(2).dilation(2)));
        c5 = register_module("c5", torch::nn::Conv2d(torch::nn::Conv2dOptions(24, 24, 3).padding(4).dilation(4)));
        for (int i = 0; i < 5; ++i)
            bn.push_back(register_module("b" + std::to_string(i + 1), torch::nn::BatchNorm2d(kWidths[i])));
        heat = register_module("heat", torch::nn::Conv2d(torch::nn::Conv2dOptions(24, 1, 1)));
        presence = register_module("presence", torch::nn::Linear(48, 1));
    }
    NetOutput heads(torch::Tensor x)
    {
        x = torch::max_pool2d(torch::relu(bn[0]->forward(c1->forward(x))), 2);
        x = torch::max_pool2d(torch::relu(bn[1]->forward(c2->forward(x))), 2);
        x = torch::relu(bn[2]->forward(c3->forward(x)));
        x = torch::relu(bn[3]->forward(c4->forward(x)));
        x = torch::relu(bn[4]->forward(c5->forward(x)));
        const torch::Tensor h = heat->forward(x);
        const torch::Tensor pooled = torch::cat({x.amax({2, 3}), x.mean({2, 3})}, 1);
        const torch::Tensor logit = presence->forward(pooled);
        return {torch::cat({logit, softArgmax(h, 4, 1.5)}, 1), h.flatten(1)};
    }
    torch::Tensor forward(const torch::Tensor& x) { return heads(x).out; }
    static constexpr int kWidths[5] = {8, 16, 24, 24, 24};
    torch::nn::Conv2d c1 {nullptr}, c2 {nullptr}, c3 {nullptr}, c4 {nullptr}, c5 {nullptr}, heat {nullptr};
    std::vector<torch::nn::BatchNorm2d> bn;
    torch::nn::Linear presence {nullptr};
};
TORCH_MODULE(LocalizerNet);

// A fine crop around the localizer's estimate -> the centre correction, the patch side,
// rootlet/cord and the Schizas grade.
struct ClassifierNetImpl : torch::nn::Module {
    ClassifierNetImpl()
    {
        c1 = register_module("c1", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 8, 3).padding(1)));
        c2 = register_module("c2", torch::nn::Conv2d(torch::nn::Conv2dOptions(8, 16, 3).padding(1)));
        c3 = register_module("c3", torch::nn::Conv2d(torch::nn::Conv2dOptions(16, 32, 3).padding(1)));
        heat = register_module("heat", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 1, 1)));
        for (int i = 0; i < 5; ++i)
            bn.push_back(register_module("b" + std::to_string(i + 1), torch::nn::BatchNorm2d(kWidths[i])));
        c4 = register_module("c4", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 48, 3).padding(1)));
        c5 = register_module("c5", torch::nn::Conv2d(torch::nn::Conv2dOptions(48, 48, 3).padding(1)));
        fc1 = register_module("fc1", torch::nn::Linear(96, 64));
        fc2 = register_module("fc2", torch::nn::Linear(64, 7));
    }
    NetOutput heads(torch::Tensor x)
    {
        const double centre = 0.5 * static_cast<double>(x.size(3) - 1);
        x = torch::max_pool2d(torch::relu(bn[0]->forward(c1->forward(x))), 2);
        x = torch::max_pool2d(torch::relu(bn[1]->forward(c2->forward(x))), 2);
        x = torch::relu(bn[2]->forward(c3->forward(x)));
        const torch::Tensor h = heat->forward(x);
        const torch::Tensor offset = softArgmax(h, 4, 1.5) - centre;
        x = torch::max_pool2d(torch::relu(bn[3]->forward(c4->forward(x))), 2);
        x = torch::relu(bn[4]->forward(c5->forward(x)));
        const torch::Tensor pooled = torch::cat({x.amax({2, 3}), x.mean({2, 3})}, 1);
        const torch::Tensor logits = fc2->forward(torch::relu(fc1->forward(pooled)));
        return {torch::cat({offset, logits}, 1), h.flatten(1)};
    }
    torch::Tensor forward(const torch::Tensor& x) { return heads(x).out; }
    static constexpr int kWidths[5] = {8, 16, 32, 48, 48};
    torch::nn::Conv2d c1 {nullptr}, c2 {nullptr}, c3 {nullptr}, heat {nullptr}, c4 {nullptr}, c5 {nullptr};
    std::vector<torch::nn::BatchNorm2d> bn; // after each convolution, before its ReLU
    torch::nn::Linear fc1 {nullptr}, fc2 {nullptr};
};
TORCH_MODULE(ClassifierNet);

} // namespace sg::core::ml
