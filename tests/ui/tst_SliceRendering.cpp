// The slice view under a real X server: radiological orientation, window/level on the
// GPU, and a reviewed baseline of the whole view.
#include "tests/support/ImageCompare.h"
#include "tests/support/TestData.h"
#include "ui/viewer/SliceRenderer.h"
#include "ui/viewer/SliceView.h"
#include "ui/viewer/SliceViewModel.h"

#include <QApplication>
#include <QTest>
#include <QWheelEvent>

using namespace sg::core;
using sg::ui::SliceView;

namespace {

// 64 rows x 80 columns: background 100, a bright marker (1000) near row 0 / column 0,
// a mid-grey band (550) along the last rows.
SliceImage pattern(const Orientation& o)
{
    SliceImage img;
    img.rows = 64;
    img.columns = 80;
    img.orientation = o;
    img.pixels.assign(64 * 80, 100.0f);
    for (int r = 4; r < 16; ++r)
        for (int c = 4; c < 20; ++c)
            img.pixels[static_cast<size_t>(r) * 80 + c] = 1000.0f;
    for (int r = 52; r < 62; ++r)
        for (int c = 10; c < 70; ++c)
            img.pixels[static_cast<size_t>(r) * 80 + c] = 550.0f;
    return img;
}

// The same pattern as a loaded slice holds it: 16-bit stored values and a rescale that maps
// them back to the pattern's values (stored = (value - intercept) / slope).
SliceImage storedPattern(PixelType type, double slope, double intercept)
{
    SliceImage img = pattern({});
    img.type = type;
    img.rescaleSlope = slope;
    img.rescaleIntercept = intercept;
    for (float v : img.pixels) {
        const long stored = std::lround((v - intercept) / slope);
        img.stored.push_back(static_cast<uint16_t>(type == PixelType::Int16 ? static_cast<int16_t>(stored) : stored));
    }
    img.pixels.clear();
    return img;
}

// Centre of the white pixels, as fractions of the image size.
QPointF whiteCentroid(const QImage& image)
{
    double sx = 0, sy = 0, n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (qRed(p) > 220 && qGreen(p) > 220 && qBlue(p) > 220) {
                sx += x;
                sy += y;
                ++n;
            }
        }
    return n > 0 ? QPointF(sx / n / image.width(), sy / n / image.height()) : QPointF(-1, -1);
}

} // namespace

class TestSliceRendering : public QObject {
    Q_OBJECT
    std::unique_ptr<SliceView> m_view;

    QImage render(const SliceImage& img, const WindowLevel& wl)
    {
        m_view->model()->setImage(std::make_shared<const SliceImage>(img), {});
        m_view->model()->setWindow(wl);
        m_view->resetView();
        return m_view->grabFramebuffer();
    }

private slots:
    void initTestCase()
    {
        m_view = std::make_unique<SliceView>();
        m_view->resize(320, 240);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get(), sg::test::kHangBoundMs));
        m_view->model()->setCornerTexts({}, {}, {});
    }
    void cleanupTestCase() { m_view.reset(); }

    void showsPatientRightOnScreenLeftAndAnteriorUp_data()
    {
        QTest::addColumn<Vec3>("row");
        QTest::addColumn<Vec3>("column");
        QTest::addColumn<bool>("markerLeft");
        QTest::addColumn<bool>("markerTop");
        // The marker sits at stored row 0 / column 0.
        QTest::newRow("standard axial") << Vec3 {1, 0, 0} << Vec3 {0, 1, 0} << true << true;
        QTest::newRow("rows run to the right") << Vec3 {-1, 0, 0} << Vec3 {0, 1, 0} << false << true;
        QTest::newRow("columns run anterior") << Vec3 {1, 0, 0} << Vec3 {0, -1, 0} << true << false;
        QTest::newRow("both reversed") << Vec3 {-1, 0, 0} << Vec3 {0, -1, 0} << false << false;
        QTest::newRow("tilted 15 degrees") << Vec3 {1, 0, 0} << Vec3 {0, 0.9659, -0.2588} << true << true;
    }
    void showsPatientRightOnScreenLeftAndAnteriorUp()
    {
        QFETCH(Vec3, row);
        QFETCH(Vec3, column);
        QFETCH(bool, markerLeft);
        QFETCH(bool, markerTop);
        const QImage shot = render(pattern({row, column}), {550, 900});
        const QPointF c = whiteCentroid(shot);
        QVERIFY2(c.x() >= 0, "the bright marker is not on screen");
        QCOMPARE(c.x() < 0.5, markerLeft);
        QCOMPARE(c.y() < 0.5, markerTop);
        const auto markers = sg::ui::orientationMarkers({row, column}, sg::ui::radiologicalFlip({row, column}));
        QCOMPARE(markers[0], QString("R"));
        QCOMPARE(markers[2], QString("A"));
    }

    void appliesWindowAndLevel_data()
    {
        QTest::addColumn<double>("center");
        QTest::addColumn<double>("width");
        QTest::addColumn<int>("storage"); // 0 floats, 1 int16, 2 uint16, 3 int16 with a negative slope
        for (int storage = 0; storage < 4; ++storage) {
            const char* name[] = {"float", "int16 rescaled", "uint16 rescaled", "int16 negative slope"};
            QTest::addRow("mid, %s", name[storage]) << 550.0 << 900.0 << storage;
            QTest::addRow("narrow high, %s", name[storage]) << 700.0 << 600.0 << storage;
            QTest::addRow("wide, %s", name[storage]) << 500.0 << 3000.0 << storage;
        }
    }
    void appliesWindowAndLevel()
    {
        QFETCH(double, center);
        QFETCH(double, width);
        QFETCH(int, storage);
        // The window is in output units whatever the storage: stored slices are mapped
        // through their rescale in the renderer.
        const SliceImage img = storage == 0 ? pattern({})
            : storage == 1                  ? storedPattern(PixelType::Int16, 2.0, -300.0)
            : storage == 2                  ? storedPattern(PixelType::UInt16, 0.5, 50.0)
                                            : storedPattern(PixelType::Int16, -1.0, 0.0);
        const QImage shot = render(img, {center, width});
        // The band (550) sits at rows 52..61 of 64; sample its middle on screen.
        const QImage wide = shot.convertToFormat(QImage::Format_RGB32);
        // Image extent on screen: height-limited fit, centred.
        const double expected = std::clamp((550.0 - (center - width / 2)) / width, 0.0, 1.0) * 255.0;
        const int x = wide.width() / 2, y = static_cast<int>(wide.height() * (0.5 + (56.5 - 32) / 64.0 / 1.02));
        const int grey = qGray(wide.pixel(x, y));
        QVERIFY2(std::abs(grey - expected) <= 4, qPrintable(QString("grey %1, expected %2").arg(grey).arg(expected)));
    }

    void shiftDragPansAndWheelZooms()
    {
        const QPointF c0 = whiteCentroid(render(pattern({}), {550, 900}));
        QTest::mousePress(m_view.get(), Qt::LeftButton, Qt::ShiftModifier, QPoint(100, 100));
        QTest::mouseMove(m_view.get(), QPoint(160, 110));
        QTest::mouseRelease(m_view.get(), Qt::LeftButton, Qt::ShiftModifier, QPoint(160, 110));
        const QPointF c1 = whiteCentroid(m_view->grabFramebuffer());
        QVERIFY2(std::abs((c1.x() - c0.x()) * 320 - 60) < 1.5, qPrintable(QString::number((c1.x() - c0.x()) * 320)));
        QVERIFY2(std::abs((c1.y() - c0.y()) * 240 - 10) < 1.5, qPrintable(QString::number((c1.y() - c0.y()) * 240)));

        m_view->resetView();
        QWheelEvent wheel(QPointF(160, 120), m_view->mapToGlobal(QPointF(160, 120)), {}, QPoint(0, 120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view.get(), &wheel);
        QVERIFY(std::abs(m_view->zoomFactor() - 1.15) < 1e-6);
        const QPointF c2 = whiteCentroid(m_view->grabFramebuffer());
        // Zooming about the centre scales the marker's distance from it by the zoom.
        QVERIFY(std::abs((c2.x() - 0.5) / (c0.x() - 0.5) - 1.15) < 0.03);
        QVERIFY(std::abs((c2.y() - 0.5) / (c0.y() - 0.5) - 1.15) < 0.03);
        m_view->resetView();
        QVERIFY(std::abs(m_view->zoomFactor() - 1.0) < 1e-9);
    }

    // The renderer's actors follow the model's overlays: added, restyled, hidden, removed.
    void overlaysAreDrawnFromTheModel()
    {
        sg::ui::SliceViewModel& model = *m_view->model();
        auto countColour = [](const QImage& shot, QColor want) {
            int n = 0;
            const QImage rgb = shot.convertToFormat(QImage::Format_RGB32);
            for (int y = 0; y < rgb.height(); ++y)
                for (int x = 0; x < rgb.width(); ++x) {
                    const QColor c = rgb.pixelColor(x, y);
                    n += std::abs(c.red() - want.red()) < 40 && std::abs(c.green() - want.green()) < 40 &&
                        std::abs(c.blue() - want.blue()) < 40;
                }
            return n;
        };
        const QColor green(0, 255, 0), magenta(255, 0, 255);
        // The background (100) is black at this window: only the outlines are coloured.
        QCOMPARE(countColour(render(pattern({}), {550, 900}), green), 0);
        sg::ui::PatchOverlay* r1 = model.addPatchOverlay(green, false, "R1");
        r1->setPatch(Patch {30, 20, 24, 20});
        sg::ui::PatchOverlay* cnn = model.addPatchOverlay(magenta, true, "CNN");
        cnn->setPatch(Patch {28, 18, 30, 26});
        cnn->setCaption("CNN rootlet 90%");
        QImage shot = render(pattern({}), {550, 900});
        const int greenSolid = countColour(shot, green);
        QVERIFY2(greenSolid > 100, qPrintable(QString::number(greenSolid)));
        QVERIFY(countColour(shot, magenta) > 20);
        auto drawn = m_view->renderer().drawnOverlays();
        QCOMPARE(drawn.size(), size_t(2));
        QVERIFY(drawn[0].box && !drawn[0].dashed);
        QCOMPARE(drawn[0].colour, green);
        QCOMPARE(drawn[0].legend, QString("--- R1"));
        QVERIFY(drawn[1].box && drawn[1].dashed);
        QCOMPARE(drawn[1].legend, QString("- - CNN"));
        QCOMPARE(drawn[1].caption, QString("CNN rootlet 90%"));

        // Dashed draws fewer pixels than solid; toggled off draws none and leaves the legend.
        r1->setDashed(true);
        shot = render(pattern({}), {550, 900});
        QVERIFY(countColour(shot, green) < greenSolid * 3 / 4);
        r1->setVisible(false);
        shot = render(pattern({}), {550, 900});
        QCOMPARE(countColour(shot, green), 0);
        drawn = m_view->renderer().drawnOverlays();
        QVERIFY(!drawn[0].box);
        QVERIFY(drawn[0].legend.isEmpty());
        QVERIFY(drawn[1].box);
        r1->setVisible(true);
        r1->setColour(magenta);
        QCOMPARE(countColour(render(pattern({}), {550, 900}), green), 0);
        QCOMPARE(m_view->renderer().drawnOverlays()[0].colour, magenta);

        model.removeOverlay(r1);
        QCOMPARE(m_view->renderer().drawnOverlays().size(), size_t(1));
        model.clearOverlays();
        QVERIFY(m_view->renderer().drawnOverlays().empty());
        QVERIFY(countColour(render(pattern({}), {550, 900}), magenta) == 0);
    }

    // The view draws the model it is given and sends a right-drag to that model only.
    void switchingTheModelSwapsWhatIsDrawnAndWhereInputGoes()
    {
        sg::ui::SliceViewModel a, b;
        a.setImage(std::make_shared<const SliceImage>(pattern({})), {});
        a.setWindow({550, 900});
        b.setImage(std::make_shared<const SliceImage>(pattern({})), {});
        b.setWindow({550, 900});
        b.addPatchOverlay(QColor(0, 255, 0), false, "B")->setPatch(Patch {30, 20, 24, 20});
        m_view->setModel(&a);
        QVERIFY(m_view->renderer().drawnOverlays().empty());
        QTest::mousePress(m_view.get(), Qt::RightButton, Qt::NoModifier, QPoint(100, 100));
        QTest::mouseMove(m_view.get(), QPoint(140, 100));
        QTest::mouseRelease(m_view.get(), Qt::RightButton, Qt::NoModifier, QPoint(140, 100));
        QVERIFY(a.window().width > 900);
        QCOMPARE(b.window().width, 900.0);
        m_view->setModel(&b);
        QCOMPARE(m_view->renderer().drawnOverlays().size(), size_t(1));
        m_view->setModel(nullptr); // back to its own
        QVERIFY(m_view->renderer().drawnOverlays().empty());
    }

    void matchesTheReviewedBaseline()
    {
        // The bottom-right corner is the model's window: "W 900  L 550".
        m_view->model()->setCornerTexts("T2 AX (pattern)", {}, "L4/L5\nSlice 2 / 4");
        const QImage shot = render(pattern({}), {550, 900});
        QCOMPARE(m_view->model()->cornerTexts()[3], QString("W 900  L 550"));
        m_view->model()->setCornerTexts({}, {}, {});
        const QString mismatch = sg::test::matchBaseline(shot, "slice_view_pattern", 3.0, 0.02);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    }
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestSliceRendering test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_SliceRendering.moc"
