#include "core/ml/ModelCalibration.h"

#include "core/ml/OutOfDistribution.h"
#include "core/ml/TrainingData.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <sstream>

namespace sg::core {
namespace {

struct Collected {
    std::vector<LogitSample> grade, canal;
    std::vector<double> canalConfidence; // spine slices, the localizer's
    std::vector<double> roughness; // every input
    std::vector<std::pair<SliceProposal, InputStatistics>> spine; // for counting out-of-distribution calls
};

template <size_t N>
LogitSample sample(const std::array<double, N>& logits, int label)
{
    return LogitSample {std::vector<double>(logits.begin(), logits.end()), label};
}

// Every spine slice of `studies` studies from `firstSeed` under `shift`, through the model.
Result<bool> collect(
    ProposalModel& model, const CalibrationRun& run, uint64_t firstSeed, int studies, ImageShift shift, Collected& out)
{
    for (int i = 0; i < studies; ++i) {
        PhantomOptions o;
        o.seed = firstSeed + static_cast<uint64_t>(i);
        o.size = run.sizes.empty() ? 512 : run.sizes[static_cast<size_t>(i) % run.sizes.size()];
        o.prevalence = {0.3, 0.25, 0.25, 0.2}; // every grade often enough to measure
        const PhantomStudy study = renderPhantomStudy(o, 0);
        std::mt19937_64 rng(o.seed * 31 + static_cast<uint64_t>(shift));
        std::vector<SliceImage> images;
        for (const PhantomSlice& s : study.slices)
            images.push_back(applyImageShift(phantomSliceImage(s), shift, rng));
        std::vector<const SliceImage*> pointers;
        for (const SliceImage& img : images)
            pointers.push_back(&img);
        Result<std::vector<SliceProposal>> proposals = model.proposeBatch(pointers);
        if (!proposals)
            return Error {proposals.error()};
        for (size_t k = 0; k < images.size(); ++k) {
            const PhantomSliceTruth& t = study.slices[k].truth;
            const SliceProposal& p = (*proposals)[k];
            out.canal.push_back(sample(p.canalLogits, t.cord ? 1 : 0));
            if (t.grade && !t.cord)
                out.grade.push_back(sample(p.gradeLogits, static_cast<int>(*t.grade)));
            out.canalConfidence.push_back(p.canalConfidence);
            const InputStatistics stats = inputStatistics(images[k]);
            out.roughness.push_back(stats.roughness);
            out.spine.emplace_back(p, stats);
        }
        if (run.log)
            run.log("  " + imageShiftName(shift) + ": study " + std::to_string(i + 1) + "/" + std::to_string(studies));
    }
    return true;
}

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto k = static_cast<size_t>(std::clamp(q * static_cast<double>(v.size() - 1), 0.0, double(v.size() - 1)));
    return v[k];
}

// Would the fitted limits call this slice out of distribution? (finishProposal's rule.)
bool outOfDistribution(const SliceProposal& p, const InputStatistics& stats, const OodLimits& limits)
{
    if (stats.blank || (limits.roughnessMax > 0 && stats.roughness > limits.roughnessMax))
        return true;
    return !p.canalFound || p.canalConfidence < limits.canalConfidenceMin;
}

} // namespace

Result<CalibrationResult> calibrateProposalModel(ProposalModel& model, const CalibrationRun& run)
{
    CalibrationResult r;
    // Fit: temperatures on every condition pooled (in distribution and shifted), the
    // out-of-distribution limits on the in-distribution studies only.
    Collected fit, fitClean;
    for (ImageShift shift : allImageShifts()) {
        Collected c;
        if (auto ok = collect(model, run, run.fitSeed, run.fitStudies, shift, c); !ok)
            return Error {ok.error()};
        fit.grade.insert(fit.grade.end(), c.grade.begin(), c.grade.end());
        fit.canal.insert(fit.canal.end(), c.canal.begin(), c.canal.end());
        if (shift == ImageShift::None)
            fitClean = std::move(c);
    }
    r.fitGradeN = static_cast<int>(fit.grade.size());
    r.fitCanalN = static_cast<int>(fit.canal.size());
    r.gradeTemperature = fitTemperature(fit.grade);
    r.canalTemperature = fitTemperature(fit.canal);
    // The 0.5th percentile of the localizer's confidence on in-distribution spine slices (never
    // above the localizer's own 0.5, which a canal it finds always passes); the noise-like texture
    // limit at twice the highest in-distribution roughness: far outside, not at its edge.
    r.ood.canalConfidenceMin = std::min(0.5, quantile(fitClean.canalConfidence, 0.005));
    r.ood.roughnessMax = 2.0 * quantile(fitClean.roughness, 1.0);
    r.ood.fittedOn = std::to_string(run.fitStudies) + " held-out generated studies, seeds " +
        std::to_string(run.fitSeed) + ".." + std::to_string(run.fitSeed + run.fitStudies - 1) +
        ": canal confidence 0.5th percentile (at most 0.5), roughness 2x the maximum";

    for (ImageShift shift : allImageShifts()) {
        Collected c;
        if (auto ok = collect(model, run, run.testSeed, run.testStudies, shift, c); !ok)
            return Error {ok.error()};
        ShiftFigures f;
        f.shift = shift;
        f.gradeN = static_cast<int>(c.grade.size());
        f.canalN = static_cast<int>(c.canal.size());
        f.gradeAccuracy = topLabelAccuracy(c.grade);
        f.gradeEceBefore = expectedCalibrationError(c.grade, 1);
        f.gradeEceAfter = expectedCalibrationError(c.grade, r.gradeTemperature);
        f.canalEceBefore = expectedCalibrationError(c.canal, 1);
        f.canalEceAfter = expectedCalibrationError(c.canal, r.canalTemperature);
        for (const auto& [p, stats] : c.spine)
            f.notGraded += outOfDistribution(p, stats, r.ood) ? 1 : 0;
        r.shifts.push_back(f);
    }
    // Non-spine inputs: the generator's negatives (brain-like heads, blobs, blank), pure noise.
    std::mt19937_64 rng(run.testSeed ^ 0x00d);
    std::vector<SliceImage> negatives;
    for (int i = 0; i < run.negatives; ++i)
        negatives.push_back(syntheticNegativeSlice(rng));
    for (int i = 0; i < 10; ++i) {
        SliceImage img;
        img.rows = img.columns = 256;
        img.rowSpacing = img.columnSpacing = 0.8;
        img.pixels.resize(256 * 256);
        std::normal_distribution<float> gauss(500, 100);
        std::uniform_real_distribution<float> flat(0, 1000);
        for (float& v : img.pixels)
            v = i % 2 ? std::abs(gauss(rng)) : flat(rng);
        negatives.push_back(std::move(img));
    }
    for (const SliceImage& img : negatives) {
        Result<SliceProposal> p = model.propose(img);
        if (!p)
            return Error {p.error()};
        ++r.negatives;
        r.negativesNotGraded += outOfDistribution(*p, inputStatistics(img), r.ood) ? 1 : 0;
    }
    return r;
}

std::string CalibrationResult::text() const
{
    std::ostringstream s;
    char line[256];
    std::snprintf(line, sizeof line, "temperature: grade %.3f, rootlet/cord %.3f (fitted on %d + %d held-out slices)\n",
        gradeTemperature, canalTemperature, fitGradeN, fitCanalN);
    s << line;
    std::snprintf(line, sizeof line, "%-36s %5s %7s %13s %13s %6s %13s %13s %s\n", "condition", "n", "acc",
        "grade ECE raw", "grade ECE T", "n", "canal ECE raw", "canal ECE T", "not graded");
    s << line;
    for (const ShiftFigures& f : shifts) {
        std::snprintf(line, sizeof line, "%-36s %5d %7.3f %13.4f %13.4f %6d %13.4f %13.4f %d/%d\n",
            imageShiftName(f.shift).c_str(), f.gradeN, f.gradeAccuracy, f.gradeEceBefore, f.gradeEceAfter, f.canalN,
            f.canalEceBefore, f.canalEceAfter, f.notGraded, f.canalN);
        s << line;
    }
    std::snprintf(line, sizeof line,
        "non-spine inputs (brain-like, blobs, blank, noise): %d of %d not graded\n"
        "out-of-distribution limits: canal confidence >= %.4g, roughness <= %.4f\n",
        negativesNotGraded, negatives, ood.canalConfidenceMin, ood.roughnessMax);
    s << line;
    return s.str();
}

std::string CalibrationResult::markdown() const
{
    std::ostringstream s;
    char line[256];
    s << "| condition | rootlet slices | grade accuracy | grade ECE before | grade ECE after | spine slices | "
         "rootlet/cord ECE before | rootlet/cord ECE after | not graded |\n"
         "|---|---|---|---|---|---|---|---|---|\n";
    for (const ShiftFigures& f : shifts) {
        std::snprintf(line, sizeof line, "| %s | %d | %.3f | %.4f | %.4f | %d | %.4f | %.4f | %d |\n",
            imageShiftName(f.shift).c_str(), f.gradeN, f.gradeAccuracy, f.gradeEceBefore, f.gradeEceAfter, f.canalN,
            f.canalEceBefore, f.canalEceAfter, f.notGraded);
        s << line;
    }
    return s.str();
}

std::string CalibrationResult::json() const
{
    std::ostringstream s;
    char buf[512];
    std::snprintf(buf, sizeof buf,
        "{\"method\":\"temperature scaling, NLL minimised by golden-section search on log T over held-out generated "
        "studies in distribution and under noise, bias field, contrast, resolution and motion shifts\","
        "\"grade_temperature\":%.6f,\"canal_temperature\":%.6f,\"fit_slices\":{\"grade\":%d,\"canal\":%d},"
        "\"ece_bins\":15,\"ece\":[",
        gradeTemperature, canalTemperature, fitGradeN, fitCanalN);
    s << buf;
    for (size_t i = 0; i < shifts.size(); ++i) {
        const ShiftFigures& f = shifts[i];
        std::snprintf(buf, sizeof buf,
            "%s{\"condition\":\"%s\",\"grade_n\":%d,\"grade_accuracy\":%.4f,\"grade_before\":%.4f,"
            "\"grade_after\":%.4f,\"canal_n\":%d,\"canal_before\":%.4f,\"canal_after\":%.4f,\"not_graded\":%d}",
            i ? "," : "", imageShiftName(f.shift).c_str(), f.gradeN, f.gradeAccuracy, f.gradeEceBefore, f.gradeEceAfter,
            f.canalN, f.canalEceBefore, f.canalEceAfter, f.notGraded);
        s << buf;
    }
    std::snprintf(buf, sizeof buf, "],\"non_spine\":{\"n\":%d,\"not_graded\":%d}}", negatives, negativesNotGraded);
    s << buf;
    return s.str();
}

} // namespace sg::core
