#include "core/phantom/PhantomOptions.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace sg::core {
namespace {

Status checkPrevalence(const std::array<double, 4>& p)
{
    double sum = 0;
    for (double v : p) {
        if (!std::isfinite(v) || v < 0)
            return Status::failure("prevalence values must be non-negative numbers");
        sum += v;
    }
    if (sum <= 0)
        return Status::failure("prevalence values must not all be zero");
    return Status::success();
}

} // namespace

Status validatePhantomOptions(const PhantomOptions& options)
{
    if (options.size < kPhantomMinSize || options.size > kPhantomMaxSize)
        return Status::failure("size must be between " + std::to_string(kPhantomMinSize) + " and " +
            std::to_string(kPhantomMaxSize) + " pixels, got " + std::to_string(options.size));
    return checkPrevalence(options.prevalence);
}

Result<std::array<double, 4>> parsePrevalence(std::string_view text)
{
    const std::string usage =
        "prevalence must be four numbers A,B,C,D (e.g. 77,17,5,2), got '" + std::string(text) + "'";
    std::array<double, 4> p {};
    size_t count = 0;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const std::string_view field = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
        if (count == p.size())
            return Error {usage};
        const std::string f(field);
        char* end = nullptr;
        const double v = f.empty() ? 0 : std::strtod(f.c_str(), &end);
        if (f.empty() || end != f.c_str() + f.size())
            return Error {usage};
        p[count++] = v;
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    if (count != p.size())
        return Error {usage};
    if (Status s = checkPrevalence(p); !s)
        return Error {s.error() + ", got '" + std::string(text) + "'"};
    return p;
}

} // namespace sg::core

namespace sg::core {

PhantomOptions demoPhantomOptions()
{
    PhantomOptions options;
    options.seed = 2024;
    // L1/L2 .. L5/S1: normal above, worse toward the lumbosacral junction, as stenosis
    // gathers in patients; every grade appears once the L4/L5 D is counted.
    options.levelGrades = std::array<LevelGrade, 5> {
        {{SchizasGrade::A, 1}, {SchizasGrade::A, 2}, {SchizasGrade::B, 0}, {SchizasGrade::D, 0}, {SchizasGrade::C, 0}}};
    options.cordThroughL1L2 = true;
    return options;
}

} // namespace sg::core
