#include "core/ml/TrainingData.h"

#include "core/ml/ModelManifest.h"

#include <algorithm>
#include <cmath>

namespace sg::core {

TrainingSample makeTrainingSample(const SliceImage& slice, std::optional<Point2> canalPixel, double sideMm,
    std::optional<Canal> canal, std::optional<Grade> grade, Point2 fineCentrePixel)
{
    TrainingSample t;
    const IntensityScale scale = robustIntensityScale(slice);
    const SampleGrid coarse = centredGrid(slice, kLocalizerSize, kLocalizerSpacingMm);
    std::vector<float> values(static_cast<size_t>(kLocalizerSize) * kLocalizerSize);
    sampleGrid(slice, scale, coarse, values.data());
    t.coarse = canvasImage(std::move(values), kLocalizerSize, kLocalizerSpacingMm);
    SampleGrid fine;
    fine.size = kFineCanvasSize;
    fine.spacingMm = kClassifierSpacingMm;
    fine.centreCol = fineCentrePixel[0];
    fine.centreRow = fineCentrePixel[1];
    values.assign(static_cast<size_t>(kFineCanvasSize) * kFineCanvasSize, 0.0f);
    sampleGrid(slice, scale, fine, values.data());
    t.fine = canvasImage(std::move(values), kFineCanvasSize, kClassifierSpacingMm);
    t.hasCanal = canalPixel.has_value();
    if (canalPixel) {
        t.canalCells = pixelToGrid(slice, coarse, *canalPixel);
        t.fineOffsetMm = {((*canalPixel)[0] - fineCentrePixel[0]) * slice.columnSpacing,
            ((*canalPixel)[1] - fineCentrePixel[1]) * slice.rowSpacing};
    }
    t.sideMm = sideMm;
    t.canal = canal;
    t.grade = grade;
    return t;
}

SliceImage phantomSliceImage(const PhantomSlice& slice)
{
    const DicomSliceData& d = slice.dicom;
    SliceImage img;
    img.rows = d.rows;
    img.columns = d.columns;
    img.rowSpacing = d.rowSpacing;
    img.columnSpacing = d.columnSpacing;
    img.origin = d.position;
    img.orientation = d.orientation;
    img.headerWindow = d.window;
    img.pixels.resize(d.pixels.size());
    for (size_t i = 0; i < d.pixels.size(); ++i)
        img.pixels[i] = static_cast<float>(d.pixels[i] * d.rescaleSlope + d.rescaleIntercept);
    return img;
}

namespace {

double uniform(std::mt19937_64& rng, double a, double b)
{
    return std::uniform_real_distribution<double>(a, b)(rng);
}

// Adds an ellipse of `value` (mm, centred on the image centre) to img.
void addEllipse(SliceImage& img, double cx, double cy, double ax, double ay, double angle, float value, bool replace)
{
    const double c = std::cos(angle), s = std::sin(angle);
    for (int r = 0; r < img.rows; ++r) {
        for (int col = 0; col < img.columns; ++col) {
            const double x = (col - 0.5 * img.columns) * img.columnSpacing - cx;
            const double y = (r - 0.5 * img.rows) * img.rowSpacing - cy;
            const double u = (c * x + s * y) / ax, v = (-s * x + c * y) / ay;
            if (u * u + v * v <= 1) {
                float& p = img.pixels[static_cast<size_t>(r) * img.columns + col];
                p = replace ? value : p + value;
            }
        }
    }
}

} // namespace

SliceImage syntheticNegativeSlice(std::mt19937_64& rng)
{
    SliceImage img;
    const int sizes[] = {64, 128, 192, 256};
    img.rows = img.columns = sizes[std::uniform_int_distribution<int>(0, 3)(rng)];
    const double fov = uniform(rng, 20, 360); // a small-FOV test image up to a body coil's
    img.rowSpacing = img.columnSpacing = fov / img.rows;
    img.pixels.assign(static_cast<size_t>(img.rows) * img.columns, 0.0f);
    const double gain = uniform(rng, 50, 2000);
    const int kind = std::uniform_int_distribution<int>(0, 9)(rng);
    const double half = 0.5 * fov;
    if (kind <= 5) { // a head: scalp, skull, brain, bright CSF in ventricles and sulci
        const double a = half * uniform(rng, 0.5, 0.95), b = a * uniform(rng, 0.75, 1.0);
        const double cx = uniform(rng, -0.1, 0.1) * fov, cy = uniform(rng, -0.1, 0.1) * fov;
        const double rot = uniform(rng, -0.3, 0.3);
        addEllipse(img, cx, cy, a, b, rot, float(gain * uniform(rng, 0.5, 0.9)), true);
        addEllipse(img, cx, cy, a * 0.92, b * 0.92, rot, float(gain * 0.05), true); // skull
        addEllipse(img, cx, cy, a * 0.86, b * 0.86, rot, float(gain * uniform(rng, 0.35, 0.55)), true);
        const int sulci = std::uniform_int_distribution<int>(5, 40)(rng);
        for (int i = 0; i < sulci; ++i) {
            const double t = uniform(rng, 0, 6.283), rr = uniform(rng, 0.2, 0.85);
            addEllipse(img, cx + rr * a * std::cos(t), cy + rr * b * std::sin(t), a * uniform(rng, 0.02, 0.08),
                a * uniform(rng, 0.01, 0.04), uniform(rng, 0, 3.14), float(gain * uniform(rng, 0.6, 1.0)), true);
        }
        if (uniform(rng, 0, 1) < 0.8) { // lateral ventricles, third ventricle
            for (int side : {-1, 1})
                addEllipse(img, cx + side * a * uniform(rng, 0.08, 0.2), cy + b * uniform(rng, -0.2, 0.1),
                    a * uniform(rng, 0.05, 0.12), b * uniform(rng, 0.15, 0.35), side * uniform(rng, 0, 0.4),
                    float(gain * uniform(rng, 0.8, 1.0)), true);
            addEllipse(img, cx, cy + b * uniform(rng, 0.1, 0.3), a * 0.03, b * 0.08, 0, float(gain), true);
        }
    } else if (kind <= 7) { // blobs of any contrast
        const int blobs = std::uniform_int_distribution<int>(1, 12)(rng);
        for (int i = 0; i < blobs; ++i)
            addEllipse(img, uniform(rng, -half, half), uniform(rng, -half, half), uniform(rng, 2, half),
                uniform(rng, 2, half), uniform(rng, 0, 3.14), float(gain * uniform(rng, 0.1, 1.0)),
                uniform(rng, 0, 1) < 0.5);
    } // else blank: only the noise below
    std::normal_distribution<float> noise(0.0f, float(gain * uniform(rng, 0.0, 0.06)));
    for (float& p : img.pixels)
        p = std::abs(p + noise(rng));
    return img;
}

std::vector<TrainingSample> phantomTrainingSamples(
    const PhantomTrainingSet& set, const std::function<void(int, int)>& progress)
{
    std::vector<TrainingSample> out;
    std::mt19937_64 rng(set.seed * 7919 + 17);
    for (int i = 0; i < set.studies; ++i) {
        PhantomOptions options;
        options.seed = set.seed + static_cast<uint64_t>(i);
        options.size = set.sizes.empty() ? 512 : set.sizes[static_cast<size_t>(i) % set.sizes.size()];
        // Balanced grades: the shipped prevalence (mostly A) would starve C and D.
        options.prevalence = {0.3, 0.25, 0.25, 0.2};
        const PhantomStudy study = renderPhantomStudy(options, 0);
        for (const PhantomSlice& s : study.slices) {
            const SliceImage img = phantomSliceImage(s);
            const PhantomSliceTruth& t = s.truth;
            const Point2 centre {t.canalCol, t.canalRow};
            // The phantom's patch: 2.5 sac widths, clipped at the image edge only rarely.
            const double side = std::max(t.patchW * t.columnSpacing, t.patchH * t.rowSpacing);
            std::optional<Grade> grade;
            if (t.grade)
                grade = static_cast<Grade>(static_cast<int>(*t.grade));
            out.push_back(makeTrainingSample(img, centre, side, t.cord ? Canal::Cord : Canal::Rootlet, grade, centre));
        }
        for (int k = 0; k < set.negativesPerStudy; ++k) {
            const SliceImage neg = syntheticNegativeSlice(rng);
            const Point2 at {uniform(rng, 0, neg.columns - 1), uniform(rng, 0, neg.rows - 1)};
            out.push_back(makeTrainingSample(neg, std::nullopt, 0, std::nullopt, std::nullopt, at));
        }
        if (progress)
            progress(i + 1, set.studies);
    }
    return out;
}

} // namespace sg::core
