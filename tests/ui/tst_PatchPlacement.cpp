// The canal patch through the real main window under Xvfb: a click lands on the stored pixel
// under it (also on a slice displayed mirrored), a drag draws between the pixels under its
// ends, arrows and +/- move and resize it as seen on screen, and the outline is drawn there.
#include "core/dicom/DicomWriter.h"
#include "tests/support/ImageCompare.h"
#include "tests/support/SeriesFactory.h"
#include "tests/ui/LabelingFixture.h"
#include "ui/labeling/LabelingController.h"
#include "ui/viewer/SliceViewModel.h"
#include "ui/viewer/ViewerState.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using sg::test::makeProjectOver;
using sg::test::openWindow;
using sg::ui::LabelingController;

namespace {

// One 64x64 slice whose rows run toward the patient's RIGHT: displayed mirrored.
bool writeMirroredSlice(const QString& dir)
{
    DicomSeriesInfo info;
    info.studyInstanceUid = "1.2.826.0.1.3680043.10.1341.77";
    info.seriesInstanceUid = info.studyInstanceUid + ".1";
    DicomSliceData d;
    d.rows = d.columns = 64;
    d.rowSpacing = d.columnSpacing = 5;
    d.orientation = {{-1, 0, 0}, {0, 1, 0}};
    d.sopInstanceUid = info.seriesInstanceUid + ".1";
    d.window = WindowLevel {600, 1200};
    d.pixels.assign(64 * 64, 500);
    return writeDicomSlice((dir + "/mirrored.dcm").toStdString(), info, d).ok();
}

// Stored pixel under a widget offset from the view's centre, from the fit geometry alone
// (a square image fits the view's height, 2 % margin): an independent check of the mapping.
QPointF expectedPixel(const sg::ui::SliceView& view, QPointF offset, bool mirrored)
{
    const double pxPerPixel = view.height() / (64 * 1.02);
    return {32 + (mirrored ? -1 : 1) * offset.x() / pxPerPixel, 32 + offset.y() / pxPerPixel};
}

QPointF patchCentre(const Patch& p)
{
    return {p.x + 0.5 * p.w, p.y + 0.5 * p.h};
}

// Clicks left of and below the view's centre; empty if the patch is centred on the stored
// pixel the fit geometry puts there, else what went wrong.
QString clickLandsOnItsPixel(sg::ui::MainWindow& window, bool mirrored)
{
    sg::ui::SliceView& view = window.sliceView();
    const QPoint centre(view.width() / 2, view.height() / 2);
    const QPoint offset(-40, 25);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, centre + offset);
    const auto& patch = window.labeling().controller().pending().patch;
    if (!patch)
        return "no patch after the click";
    const QPointF expected = expectedPixel(view, offset, mirrored);
    const QPointF got = patchCentre(*patch);
    if (std::abs(got.x() - expected.x()) > 1 || std::abs(got.y() - expected.y()) > 1)
        return QString("patch centre %1,%2 expected %3,%4")
            .arg(got.x())
            .arg(got.y())
            .arg(expected.x())
            .arg(expected.y());
    // Screen left of the centre is the stored left, or the stored right when mirrored.
    if ((got.x() < 32) == mirrored || got.y() <= 32)
        return QString("patch centre %1,%2 on the wrong side").arg(got.x()).arg(got.y());
    return {};
}

} // namespace

class TestPatchPlacement : public QObject {
    Q_OBJECT
private slots:
    // One project for all: these tests place patches but save no label.
    void initTestCase()
    {
        QVERIFY(sg::test::writeLabelingSeries(m_dir.path()));
        m_db = makeProjectOver(m_dir.path(), "patch.sgdb");
        QVERIFY(!m_db.empty());
    }

    void clickPlacesThePatchOnTheStoredPixelAndKeysMoveIt()
    {
        sg::ui::MainWindow window;
        QVERIFY(openWindow(window, m_db, "ann"));
        sg::ui::SliceView& view = window.sliceView();
        LabelingController& c = window.labeling().controller();
        const QString clicked = clickLandsOnItsPixel(window, false);
        QVERIFY2(clicked.isEmpty(), qPrintable(clicked));
        const QPoint centre(view.width() / 2, view.height() / 2);

        const Patch before = *c.pending().patch;
        QTest::keyClick(&window, Qt::Key_Right);
        QTest::keyClick(&window, Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(c.pending().patch->x, before.x + 1);
        QCOMPARE(c.pending().patch->y, before.y + 10);
        for (int i = 0; i < 20; ++i)
            QTest::keyClick(&window, Qt::Key_Minus);
        QCOMPARE(c.pending().patch->w, before.w - 40);
        QTest::keyClick(&window, Qt::Key_Plus);
        QCOMPARE(c.pending().patch->w, before.w - 38);

        // A drag draws the patch between the stored pixels under its ends.
        const QPoint a = centre + QPoint(-60, -50), b = centre + QPoint(30, 20);
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, a);
        QMouseEvent move(QEvent::MouseMove, b, view.mapToGlobal(b), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, b);
        const Patch drawn = *c.pending().patch;
        const QPointF pa = expectedPixel(view, a - centre, false), pb = expectedPixel(view, b - centre, false);
        // Ends are rounded outward to whole pixels: up to one pixel, plus the fit's rounding.
        QVERIFY2(std::abs(drawn.x - pa.x()) <= 1.2 && std::abs(drawn.x + drawn.w - pb.x()) <= 1.2 &&
                std::abs(drawn.y - pa.y()) <= 1.2 && std::abs(drawn.y + drawn.h - pb.y()) <= 1.2,
            qPrintable(QString("drawn %1,%2 %3x%4, ends expected %5,%6 and %7,%8")
                           .arg(drawn.x)
                           .arg(drawn.y)
                           .arg(drawn.w)
                           .arg(drawn.h)
                           .arg(pa.x())
                           .arg(pa.y())
                           .arg(pb.x())
                           .arg(pb.y())));

        // The outline is drawn where the patch is: orange pixels along its left edge.
        view.renderNow();
        const QImage frame = view.grabFramebuffer();
        const auto left = view.widgetPosOf({drawn.x, drawn.y + 0.5 * drawn.h});
        QVERIFY(left);
        int orange = 0;
        for (int dy = -5; dy <= 5; ++dy)
            for (int dx = -2; dx <= 2; ++dx) {
                const QColor px = frame.pixelColor(QPoint(int(left->x()) + dx, int(left->y()) + dy));
                orange += px.red() > 200 && px.green() > 90 && px.green() < 190 && px.blue() < 80;
            }
        QVERIFY2(orange >= 5, qPrintable(QString::number(orange)));
        frame.save(sg::test::testOutputDir() + "/labeling_patch.png");

        // Outside labeling mode, a left click places nothing and arrows step slices again.
        window.labeling().close();
        QVERIFY(!view.model()->editedPatch()); // the view shows the viewer's model again
    }

    // Labeling draws its own model: a right-drag changes labeling's window, never the viewer's
    // (it once did both), and that window stays for the series' next items until reset.
    void aWindowDragWhileLabelingStaysInLabelingAndForTheSeries()
    {
        sg::ui::MainWindow window;
        // The viewer holds a study first, so it has a window a stray drag could change.
        QSignalSpy loaded(&window, &sg::ui::MainWindow::studyLoaded);
        window.openStudy(m_dir.path());
        QVERIFY(loaded.wait(sg::test::kHangBoundMs));
        const WindowLevel viewer = window.state().window();
        QVERIFY(viewer.valid());
        QVERIFY(openWindow(window, m_db, "wl"));
        sg::ui::SliceView& view = window.sliceView();
        sg::ui::SliceViewModel& model = window.labeling().model();
        QCOMPARE(view.model(), &model);
        const WindowLevel start = model.window();

        const QPoint from(view.width() / 2, view.height() / 2), to = from + QPoint(40, -20);
        QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, from);
        QMouseEvent move(QEvent::MouseMove, to, view.mapToGlobal(to), Qt::NoButton, Qt::RightButton, Qt::NoModifier);
        QApplication::sendEvent(&view, &move);
        QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, to);
        const WindowLevel dragged = model.window();
        QVERIFY(dragged.width > start.width);
        QVERIFY(dragged.center > start.center);
        QCOMPARE(window.state().window().width, viewer.width);
        QCOMPARE(window.state().window().center, viewer.center);
        QCOMPARE(
            model.cornerTexts()[3], QString("W %1  L %2").arg(dragged.width, 0, 'f', 0).arg(dragged.center, 0, 'f', 0));

        // The next item of the same series keeps the dragged window.
        LabelingController& c = window.labeling().controller();
        const std::int64_t first = c.item()->id;
        QVERIFY(c.order().size() > 1);
        QVERIFY(c.jumpTo(c.order()[c.order()[0] == first ? 1 : 0]));
        QTRY_VERIFY_WITH_TIMEOUT(model.image() && model.cornerTexts()[1].isEmpty(), sg::test::kHangBoundMs);
        QVERIFY(c.item()->id != first);
        QCOMPARE(model.window().width, dragged.width);
        QCOMPARE(model.window().center, dragged.center);

        // The user resets it: View > Reset window/level (0) gives the series' default back.
        QTest::keyClick(&window, Qt::Key_0);
        QCOMPARE(model.window().width, start.width);
        QCOMPARE(model.window().center, start.center);

        // Back to viewing: the view shows the viewer's model, its window as it was.
        window.labeling().close();
        QCOMPARE(view.model(), &window.state().model());
        QCOMPARE(window.state().window().width, viewer.width);
    }

    void clickOnAMirroredSliceLandsOnTheMirroredStoredPixel()
    {
        QTemporaryDir dir;
        QVERIFY(writeMirroredSlice(dir.path()));
        const std::string db = makeProjectOver(dir.path(), "mirrored.sgdb");
        QVERIFY(!db.empty());
        sg::ui::MainWindow window;
        QVERIFY(openWindow(window, db, "ann"));
        LabelingController& c = window.labeling().controller();
        const QString clicked = clickLandsOnItsPixel(window, true);
        QVERIFY2(clicked.isEmpty(), qPrintable(clicked));
        // Right arrow moves the patch right on screen: toward lower stored columns.
        const double x = c.pending().patch->x;
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(c.pending().patch->x, x - 1);
    }

private:
    QTemporaryDir m_dir;
    std::string m_db;
};

int main(int argc, char** argv)
{
    sg::ui::VtkViewport::setDefaultSurfaceFormat();
    QApplication app(argc, argv);
    TestPatchPlacement test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_PatchPlacement.moc"
