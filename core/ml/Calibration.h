#pragma once
// Temperature scaling (Guo et al., "On calibration of modern neural networks", 2017): one
// scalar T per head divides the logits before the softmax. T > 1 softens an over-confident
// model without changing which class it calls. Fitted by minimising the negative
// log-likelihood on held-out data; judged by the expected calibration error (ECE).
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace sg::core {

// softmax(logits / temperature): the one function that turns a head's logits into the
// probabilities the program shows (GUI dock, screen, reports, stored predictions).
template <size_t N>
std::array<double, N> calibratedProbabilities(const std::array<double, N>& logits, double temperature)
{
    const double t = temperature > 0 ? temperature : 1.0;
    double top = logits[0];
    for (double v : logits)
        top = std::max(top, v);
    std::array<double, N> p {};
    double sum = 0;
    for (size_t k = 0; k < N; ++k)
        sum += (p[k] = std::exp((logits[k] - top) / t));
    for (double& v : p)
        v /= sum;
    return p;
}

// One held-out example of a head: its logits and the true class.
struct LogitSample {
    std::vector<double> logits;
    int label = 0;
};

// Mean negative log-likelihood of the labels under softmax(logits / T).
double negativeLogLikelihood(const std::vector<LogitSample>& samples, double temperature);

// The T in [0.05, 50] that minimises the NLL: golden-section search on log T (the NLL is
// unimodal in T for a fixed set of logits). 1 for an empty set.
double fitTemperature(const std::vector<LogitSample>& samples);

// Expected calibration error, top-label, `bins` equal-width confidence bins (15 as in Guo et
// al.): sum over bins of (bin size / n) * |accuracy - mean confidence|. 0 for an empty set.
double expectedCalibrationError(const std::vector<LogitSample>& samples, double temperature, int bins = 15);

// Fraction of samples whose most probable class is the label.
double topLabelAccuracy(const std::vector<LogitSample>& samples);

} // namespace sg::core
