// The chart painters, rendered into QImages: pixels and geometry that would come out
// differently if a plot were wrong, the text a chart writes (through a recording paint
// engine), and one reviewed baseline of all four charts.
#include "tests/support/ImageCompare.h"
#include "ui/charts/ChartStyle.h"
#include "ui/charts/ConfusionHeatmap.h"
#include "ui/charts/DistributionBars.h"
#include "ui/charts/KappaForest.h"
#include "ui/charts/LevelBreakdown.h"

#include <QGuiApplication>
#include <QPaintEngine>
#include <QPainter>
#include <QTest>

#include <cmath>

using namespace sg::ui;

namespace {

// A paint device that keeps every string drawn on it, to check what a chart writes.
class TextRecorder : public QPaintDevice {
public:
    class Engine : public QPaintEngine {
    public:
        QStringList texts;
        bool begin(QPaintDevice*) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState&) override { }
        void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override { }
        void drawTextItem(const QPointF&, const QTextItem& item) override { texts << item.text(); }
        // Shapes are not recorded (the base class would turn each into polygons, endlessly).
        void drawPolygon(const QPointF*, int, PolygonDrawMode) override { }
        void drawPath(const QPainterPath&) override { }
        void drawRects(const QRectF*, int) override { }
        void drawLines(const QLineF*, int) override { }
        void drawEllipse(const QRectF&) override { }
        Type type() const override { return QPaintEngine::User; }
    };
    QPaintEngine* paintEngine() const override { return &m_engine; }
    QStringList texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth: return 800;
        case PdmHeight: return 600;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY: return 96;
        case PdmDepth: return 32;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return static_cast<int>(QPaintDevice::devicePixelRatioFScale());
        default: return 1000;
        }
    }

private:
    mutable Engine m_engine;
};

template <typename Paint>
QImage render(QSize size, Paint paint)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter, QRectF(QPointF(0, 0), QSizeF(size)));
    return image;
}

template <typename Paint>
QStringList textsOf(Paint paint)
{
    TextRecorder device;
    {
        QPainter painter(&device);
        paint(painter, QRectF(0, 0, 800, 600));
    }
    return device.texts();
}

double luminance(QRgb c)
{
    return 0.2126 * qRed(c) + 0.7152 * qGreen(c) + 0.0722 * qBlue(c);
}

bool near(QRgb a, const QColor& b, int tolerance = 6)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance &&
        std::abs(qBlue(a) - b.blue()) <= tolerance;
}

HeatmapData sampleHeatmap()
{
    HeatmapData d;
    d.title = QStringLiteral("grade: ana vs bob");
    d.reference = QStringLiteral("ana");
    d.other = QStringLiteral("bob");
    d.classes = {"A", "B", "C", "D"};
    d.counts = {{61, 7, 1, 0}, {5, 12, 3, 0}, {0, 2, 4, 1}, {0, 0, 1, 2}};
    return d;
}

DistributionData sampleDistribution()
{
    DistributionData d;
    d.title = QStringLiteral("Distribution: grade");
    d.classes = {"A", "B", "C", "D"};
    d.series = {{"ana", {394, 77, 21, 8}}, {"bob", {372, 93, 30, 10}}, {"cnn", {410, 60, 25, 5}}};
    return d;
}

KappaForestData sampleForest()
{
    KappaForestData d;
    d.title = QStringLiteral("Cohen's kappa (unweighted), grade, 95% CI");
    d.rows = {{"ana vs bob", 0.71, std::array {0.62, 0.80}}, {"ana vs cnn", 0.45, std::nullopt},
        {"bob vs cnn", std::nullopt, std::nullopt}, {"ana vs consensus", -0.12, std::array {-0.35, 0.11}}};
    return d;
}

LevelBreakdownData sampleLevels()
{
    LevelBreakdownData d;
    d.title = QStringLiteral("Per level, grade: ana vs bob");
    d.levels = {{"L1/L2", 40, 0.95, std::nullopt}, {"L2/L3", 40, 0.90, 0.62}, {"L3/L4", 40, 0.85, 0.55},
        {"L4/L5", 40, 0.80, 0.58}, {"L5/S1", 0, std::nullopt, std::nullopt}};
    return d;
}

} // namespace

class TestChartPainters : public QObject {
    Q_OBJECT
private slots:
    void heatmapShadesCellsByCount()
    {
        const HeatmapData d = sampleHeatmap();
        const QRectF area(0, 0, 460, 460);
        const QImage image =
            render(area.size().toSize(), [&](QPainter& p, const QRectF& r) { paintConfusionHeatmap(p, r, d); });
        const HeatmapLayout layout = heatmapLayout(area, d);
        QCOMPARE(layout.cells.size(), size_t(4));
        QVERIFY(layout.grid.width() > 250);
        // Sample each cell in its corner, away from the text: more counts must be darker.
        std::vector<std::pair<std::int64_t, double>> cells;
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c) {
                const QPointF p = layout.cells[r][c].topLeft() + QPointF(4, 4);
                cells.push_back({d.counts[r][c], luminance(image.pixel(p.toPoint()))});
            }
        for (const auto& [countA, lumA] : cells)
            for (const auto& [countB, lumB] : cells)
                if (countA > countB)
                    QVERIFY2(lumA < lumB,
                        qPrintable(QStringLiteral("count %1 is not darker than count %2").arg(countA).arg(countB)));
        // The largest count is the darkest end of the ramp, an empty cell the lightest.
        QVERIFY(
            near(image.pixel((layout.cells[0][0].topLeft() + QPointF(4, 4)).toPoint()), chart::sequentialColor(1.0)));
        QVERIFY(
            near(image.pixel((layout.cells[0][3].topLeft() + QPointF(4, 4)).toPoint()), chart::sequentialColor(0.0)));

        const QStringList texts = textsOf([&](QPainter& p, const QRectF& r) { paintConfusionHeatmap(p, r, d); });
        QVERIFY(texts.contains("61"));
        QVERIFY(texts.contains("88.4%")); // 61 of the reference's 69 A
        QVERIFY(texts.contains("ana"));
        QVERIFY(texts.contains("bob"));
    }

    void distributionBarHeightsFollowPercentages()
    {
        const DistributionData d = sampleDistribution();
        const QRectF area(0, 0, 640, 380);
        const QImage image =
            render(area.size().toSize(), [&](QPainter& p, const QRectF& r) { paintDistributionBars(p, r, d); });
        const DistributionLayout layout = distributionLayout(area, d);
        QCOMPARE(layout.maxPercent, 100.0); // the largest share is 82%
        const int bottom = static_cast<int>(std::floor(layout.plot.bottom())) - 1;
        for (size_t s = 0; s < d.series.size(); ++s) {
            std::int64_t total = 0;
            for (auto v : d.series[s].counts)
                total += v;
            const QColor color = chart::seriesColor(static_cast<int>(s));
            for (size_t c = 0; c < 4; ++c) {
                // Measure the bar in the image: its colour's run up from the axis.
                const int x = static_cast<int>(layout.bars[s][c].center().x());
                int height = 0;
                while (bottom - height >= 0 && near(image.pixel(x, bottom - height), color))
                    ++height;
                const double percent = 100.0 * double(d.series[s].counts[c]) / double(total);
                const double expected = layout.plot.height() * percent / layout.maxPercent;
                QVERIFY2(std::abs(height - expected) <= 2.0,
                    qPrintable(QStringLiteral("%1 %2: bar %3 px, expected %4 px")
                                   .arg(d.series[s].name)
                                   .arg(c)
                                   .arg(height)
                                   .arg(expected)));
            }
        }
        // Bars of one class stand side by side in legend order.
        QVERIFY(layout.bars[0][0].right() <= layout.bars[1][0].left() + 0.5);
        QVERIFY(layout.bars[1][0].right() <= layout.bars[2][0].left() + 0.5);
        const QStringList texts = textsOf([&](QPainter& p, const QRectF& r) { paintDistributionBars(p, r, d); });
        QVERIFY(texts.contains("394"));
        QVERIFY(texts.contains("ana (n=500)"));
    }

    void forestPlacesKappaOnTheAxisAndWritesUndefined()
    {
        const KappaForestData d = sampleForest();
        const QRectF area(0, 0, 720, 260);
        const QImage image =
            render(area.size().toSize(), [&](QPainter& p, const QRectF& r) { paintKappaForest(p, r, d); });
        const KappaForestLayout layout = kappaForestLayout(area, d);
        QCOMPARE(layout.xMin, -0.4); // the CI down to -0.35 widens the axis
        const QColor mark = chart::seriesColor(0);
        auto markPixels = [&](size_t row) {
            std::vector<QPoint> points;
            const QRect r = layout.rows[row].toRect();
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x)
                    if (near(image.pixel(x, y), mark, 30))
                        points.push_back({x, y});
            return points;
        };
        // Row 1 has a dot and no CI: its centre is at the value.
        const auto dot = markPixels(1);
        QVERIFY(dot.size() > 40);
        double sumX = 0;
        for (const QPoint& p : dot)
            sumX += p.x();
        QVERIFY2(std::abs(sumX / double(dot.size()) - layout.xOf(0.45)) < 1.5, "the dot is not at 0.45");
        // Row 0: the CI runs from 0.62 to 0.80.
        const auto ci = markPixels(0);
        int lo = 100000, hi = -1;
        for (const QPoint& p : ci) {
            lo = std::min(lo, p.x());
            hi = std::max(hi, p.x());
        }
        QVERIFY(std::abs(lo - layout.xOf(0.62)) <= 2.0);
        QVERIFY(std::abs(hi - layout.xOf(0.80)) <= 2.0);
        // Row 2 is undefined: no mark at all (in particular none at 0), the word instead.
        QCOMPARE(markPixels(2).size(), size_t(0));
        const QStringList texts = textsOf([&](QPainter& p, const QRectF& r) { paintKappaForest(p, r, d); });
        QCOMPARE(texts.count("undefined"), 1);
        QVERIFY(texts.contains("0.710 [0.620, 0.800]"));
        // Band names stand in their bands when they fit; when one does not, a key names them all.
        QVERIFY(texts.contains("substantial"));
        QVERIFY(!texts.join(' ').contains("Landis & Koch"));
        const QStringList narrow =
            textsOf([&](QPainter& p, const QRectF&) { paintKappaForest(p, QRectF(0, 0, 480, 260), d); });
        QVERIFY(!narrow.contains("substantial"));
        QVERIFY(narrow.join(QLatin1Char(' ')).contains("substantial, 0.8-1 almost perfect"));
    }

    // A large-sample kappa CI can pass 1; the dashboard's forest shows it bounded, as the
    // report and the text print it.
    void forestBoundsIntervalsToTheKappaRange()
    {
        sg::core::ScaleReport report;
        sg::core::PairReport pair;
        pair.reference = "ann";
        pair.other = "bob";
        pair.stats.kappaUnweighted.value = 0.8;
        pair.stats.kappaUnweighted.ci95 = std::array<double, 2> {0.45, 1.15};
        report.pairs.push_back(pair);
        const KappaForestData d = kappaForestData(report, sg::core::KappaWeights::Unweighted);
        QCOMPARE(d.rows.size(), size_t(1));
        QVERIFY(d.rows[0].ci95);
        QCOMPARE((*d.rows[0].ci95)[0], 0.45);
        QCOMPARE((*d.rows[0].ci95)[1], 1.0);
    }

    void levelBreakdownBarsAndUndefined()
    {
        const LevelBreakdownData d = sampleLevels();
        const QRectF area(0, 0, 640, 320);
        const QImage image =
            render(area.size().toSize(), [&](QPainter& p, const QRectF& r) { paintLevelBreakdown(p, r, d); });
        const LevelBreakdownLayout layout = levelBreakdownLayout(area, d);
        auto barHeight = [&](const QRectF& slot, const QColor& color) {
            const int x = static_cast<int>(slot.center().x());
            int count = 0;
            for (int y = static_cast<int>(slot.top()); y < static_cast<int>(slot.bottom()); ++y)
                if (near(image.pixel(x, y), color))
                    ++count;
            return count;
        };
        const QColor agreement = chart::seriesColor(0), kappa = chart::seriesColor(1);
        const double unit = layout.plot.height() / (layout.yMax - layout.yMin);
        QVERIFY(std::abs(barHeight(layout.agreementSlots[0], agreement) - 0.95 * unit) <= 2);
        QVERIFY(std::abs(barHeight(layout.kappaSlots[1], kappa) - 0.62 * unit) <= 2);
        // L1/L2's kappa and all of L5/S1 (n = 0) are undefined: no bar, not a bar of 0.
        QCOMPARE(barHeight(layout.kappaSlots[0], kappa), 0);
        QCOMPARE(barHeight(layout.agreementSlots[4], agreement), 0);
        const QStringList texts = textsOf([&](QPainter& p, const QRectF& r) { paintLevelBreakdown(p, r, d); });
        QCOMPARE(texts.count("undefined"), 3);
        QVERIFY(texts.contains("n=0"));
    }

    void emptyDataSaysUndefined()
    {
        const QStringList heat =
            textsOf([](QPainter& p, const QRectF& r) { paintConfusionHeatmap(p, r, HeatmapData {}); });
        QVERIFY(heat.contains("undefined"));
        const QStringList bars =
            textsOf([](QPainter& p, const QRectF& r) { paintDistributionBars(p, r, DistributionData {}); });
        QVERIFY(bars.contains("undefined"));
        const QStringList forest =
            textsOf([](QPainter& p, const QRectF& r) { paintKappaForest(p, r, KappaForestData {}); });
        QVERIFY(forest.contains("undefined"));
    }

    void allChartsMatchTheReviewedBaseline()
    {
        const QImage image = render(QSize(1100, 760), [](QPainter& p, const QRectF& r) {
            const qreal w = r.width() / 2, h = r.height() / 2;
            paintConfusionHeatmap(p, QRectF(0, 0, w, h).adjusted(8, 8, -8, -8), sampleHeatmap());
            paintDistributionBars(p, QRectF(w, 0, w, h).adjusted(8, 8, -8, -8), sampleDistribution());
            paintKappaForest(p, QRectF(0, h, w, h).adjusted(8, 8, -8, -8), sampleForest());
            paintLevelBreakdown(p, QRectF(w, h, w, h).adjusted(8, 8, -8, -8), sampleLevels());
        });
        const QString mismatch = sg::test::matchBaseline(image, "chart_painters");
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
};

QTEST_MAIN(TestChartPainters)
#include "tst_ChartPainters.moc"
