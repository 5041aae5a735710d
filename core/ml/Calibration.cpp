#include "core/ml/Calibration.h"

#include <algorithm>

namespace sg::core {
namespace {

// Softmax of logits / T, written for any number of classes.
std::vector<double> softmax(const std::vector<double>& logits, double t)
{
    const double top = *std::max_element(logits.begin(), logits.end());
    std::vector<double> p(logits.size());
    double sum = 0;
    for (size_t k = 0; k < logits.size(); ++k)
        sum += (p[k] = std::exp((logits[k] - top) / t));
    for (double& v : p)
        v /= sum;
    return p;
}

bool usable(const LogitSample& s)
{
    return !s.logits.empty() && s.label >= 0 && static_cast<size_t>(s.label) < s.logits.size();
}

} // namespace

double negativeLogLikelihood(const std::vector<LogitSample>& samples, double temperature)
{
    double sum = 0;
    size_t n = 0;
    for (const LogitSample& s : samples) {
        if (!usable(s))
            continue;
        // log softmax computed stably: log p_y = z_y/T - top/T - log sum exp((z - top)/T)
        const double top = *std::max_element(s.logits.begin(), s.logits.end());
        double z = 0;
        for (double v : s.logits)
            z += std::exp((v - top) / temperature);
        sum -= (s.logits[static_cast<size_t>(s.label)] - top) / temperature - std::log(z);
        ++n;
    }
    return n ? sum / static_cast<double>(n) : 0;
}

double fitTemperature(const std::vector<LogitSample>& samples)
{
    if (std::none_of(samples.begin(), samples.end(), usable))
        return 1;
    double a = std::log(0.05), b = std::log(50.0);
    const double g = 0.5 * (std::sqrt(5.0) - 1);
    auto f = [&samples](double logT) { return negativeLogLikelihood(samples, std::exp(logT)); };
    double c = b - g * (b - a), d = a + g * (b - a);
    double fc = f(c), fd = f(d);
    for (int i = 0; i < 80 && b - a > 1e-6; ++i) {
        if (fc < fd) {
            b = d, d = c, fd = fc;
            c = b - g * (b - a), fc = f(c);
        } else {
            a = c, c = d, fc = fd;
            d = a + g * (b - a), fd = f(d);
        }
    }
    return std::exp(0.5 * (a + b));
}

double expectedCalibrationError(const std::vector<LogitSample>& samples, double temperature, int bins)
{
    bins = std::max(1, bins);
    std::vector<double> confidence(static_cast<size_t>(bins)), correct(static_cast<size_t>(bins));
    std::vector<size_t> count(static_cast<size_t>(bins));
    size_t n = 0;
    for (const LogitSample& s : samples) {
        if (!usable(s))
            continue;
        const std::vector<double> p = softmax(s.logits, temperature);
        const auto top = static_cast<size_t>(std::max_element(p.begin(), p.end()) - p.begin());
        // Bins (k/B, (k+1)/B]; a confidence of exactly 1 falls in the last.
        const auto bin = static_cast<size_t>(std::clamp(static_cast<int>(std::ceil(p[top] * bins)) - 1, 0, bins - 1));
        confidence[bin] += p[top];
        correct[bin] += top == static_cast<size_t>(s.label) ? 1 : 0;
        ++count[bin];
        ++n;
    }
    if (n == 0)
        return 0;
    double ece = 0;
    for (size_t k = 0; k < count.size(); ++k)
        if (count[k])
            ece += std::abs(correct[k] - confidence[k]) / static_cast<double>(n);
    return ece;
}

double topLabelAccuracy(const std::vector<LogitSample>& samples)
{
    size_t n = 0, right = 0;
    for (const LogitSample& s : samples) {
        if (!usable(s))
            continue;
        const auto top = std::max_element(s.logits.begin(), s.logits.end()) - s.logits.begin();
        right += top == s.label ? 1 : 0;
        ++n;
    }
    return n ? static_cast<double>(right) / static_cast<double>(n) : 0;
}

} // namespace sg::core
