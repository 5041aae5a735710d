#include "core/ml/ProposalQuality.h"

#include "core/ml/TrainingData.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace sg::core {

double ProposalQualityFigures::centreErrorPercentile(double p) const
{
    if (centreErrorsMm.empty())
        return 0;
    const auto k = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(centreErrorsMm.size())));
    return centreErrorsMm[std::clamp<size_t>(k, 1, centreErrorsMm.size()) - 1];
}

std::string ProposalQualityFigures::text() const
{
    char buf[1024];
    std::snprintf(buf, sizeof buf,
        "spine slices %d, canal missed %d\n"
        "canal centre error mm: median %.2f, p95 %.2f, p99 %.2f, max %.2f\n"
        "rootlet/cord accuracy %.4f (n %lld)\n"
        "grade on rootlet slices: accuracy %.4f, macro-F1 %.4f, quadratic kappa %.4f (n %lld)\n"
        "non-spine slices %d: canal claimed on %d, highest grade probability there %.3f\n"
        "inference %.2f ms per slice",
        slices, canalMissed, centreErrorPercentile(50), centreErrorPercentile(95), centreErrorPercentile(99),
        centreErrorsMm.empty() ? 0.0 : centreErrorsMm.back(), canalAccuracy, static_cast<long long>(canal.n),
        grade.percentAgreement.value_or(0), grade.f1Macro.value_or(0), grade.kappaQuadratic.value.value_or(0),
        static_cast<long long>(grade.n), negatives, negativesFound, negativeMaxGrade, 1000 * secondsPerSlice);
    return buf;
}

std::string ProposalQualityFigures::json() const
{
    char buf[768];
    std::snprintf(buf, sizeof buf,
        "{\"spine_slices\":%d,\"canal_missed\":%d,\"centre_error_mm\":{\"median\":%.3f,\"p95\":%.3f,\"p99\":%.3f,"
        "\"max\":%.3f},\"rootlet_cord_accuracy\":%.4f,\"grade_accuracy\":%.4f,\"grade_macro_f1\":%.4f,"
        "\"grade_n\":%lld,\"non_spine_slices\":%d,\"non_spine_canal_claimed\":%d}",
        slices, canalMissed, centreErrorPercentile(50), centreErrorPercentile(95), centreErrorPercentile(99),
        centreErrorsMm.empty() ? 0.0 : centreErrorsMm.back(), canalAccuracy, grade.percentAgreement.value_or(0),
        grade.f1Macro.value_or(0), static_cast<long long>(grade.n), negatives, negativesFound);
    return buf;
}

Result<ProposalQualityFigures> measureProposalQuality(ProposalModel& model, const QualityRun& run)
{
    ProposalQualityFigures q;
    ConfusionMatrix canal {2, std::vector<int64_t>(4, 0)};
    ConfusionMatrix grade {4, std::vector<int64_t>(16, 0)};
    double seconds = 0;
    int inferred = 0;
    for (int i = 0; i < run.studies; ++i) {
        PhantomOptions o;
        o.seed = run.firstSeed + static_cast<uint64_t>(i);
        o.size = run.sizes.empty() ? 512 : run.sizes[static_cast<size_t>(i) % run.sizes.size()];
        o.prevalence = {0.3, 0.25, 0.25, 0.2}; // every grade often enough for a stable F1
        const PhantomStudy study = renderPhantomStudy(o, 0);
        std::vector<SliceImage> images;
        for (const PhantomSlice& s : study.slices)
            images.push_back(phantomSliceImage(s));
        std::vector<const SliceImage*> pointers;
        for (const SliceImage& img : images)
            pointers.push_back(&img);
        const auto started = std::chrono::steady_clock::now();
        Result<std::vector<SliceProposal>> proposals = model.proposeBatch(pointers);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        inferred += static_cast<int>(images.size());
        if (!proposals)
            return Error {proposals.error()};
        for (size_t k = 0; k < images.size(); ++k) {
            const PhantomSliceTruth& t = study.slices[k].truth;
            const SliceProposal& p = (*proposals)[k];
            ++q.slices;
            if (!p.canalFound || !p.patch) {
                ++q.canalMissed;
                continue;
            }
            q.centreErrorsMm.push_back(
                std::hypot((p.canalCol - t.canalCol) * t.columnSpacing, (p.canalRow - t.canalRow) * t.rowSpacing));
            const int truthCanal = t.cord ? 1 : 0;
            const int modelCanal = p.canal[1] > p.canal[0] ? 1 : 0;
            ++canal.cells[cellIndex(truthCanal, modelCanal, 2)];
            if (t.grade && !t.cord) {
                const int g = static_cast<int>(std::max_element(p.grade.begin(), p.grade.end()) - p.grade.begin());
                ++grade.cells[cellIndex(static_cast<int>(*t.grade), g, 4)];
            }
        }
    }
    std::mt19937_64 rng(run.firstSeed ^ 0x5eed);
    for (int i = 0; i < run.negatives; ++i) {
        const SliceImage neg = syntheticNegativeSlice(rng);
        Result<SliceProposal> p = model.propose(neg);
        if (!p)
            return Error {p.error()};
        ++q.negatives;
        if (p->canalFound) {
            ++q.negativesFound;
            q.negativeMaxGrade = std::max(q.negativeMaxGrade, *std::max_element(p->grade.begin(), p->grade.end()));
        }
    }
    std::sort(q.centreErrorsMm.begin(), q.centreErrorsMm.end());
    q.canal = computePairStatistics(canal, 0);
    q.grade = computePairStatistics(grade, 0);
    q.canalAccuracy = q.canal.percentAgreement.value_or(0);
    q.secondsPerSlice = inferred > 0 ? seconds / inferred : 0;
    return q;
}

} // namespace sg::core
