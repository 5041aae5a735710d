// Navigation, levels and window/level of the viewer, without a window.
#include "ui/viewer/ViewerState.h"

#include "ui/viewer/SliceViewModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace sg::core;
using sg::ui::LoadedStudy;
using sg::ui::ViewerState;

namespace {

// Five stacks of three 4x4 slices, feet first, levels named like the scanner does.
std::shared_ptr<LoadedStudy> makeStudy(bool withHeaderWindow)
{
    auto study = std::make_shared<LoadedStudy>();
    Study st;
    st.studyInstanceUid = "1.2.3";
    Series se;
    se.description = "T2 AX";
    for (int s = 0; s < 5; ++s) {
        Stack stack;
        stack.level = kAllLevels[4 - s];
        stack.rows = stack.columns = 4;
        for (int k = 0; k < 3; ++k) {
            SliceRef ref;
            ref.position = {0, 0, -100.0 + 35 * s + 4 * k};
            if (withHeaderWindow)
                ref.window = WindowLevel {500, 1000};
            stack.slices.push_back(ref);
        }
        se.stacks.push_back(stack);
    }
    st.series.push_back(se);
    study->scan.studies.push_back(st);
    LoadedStudy::SeriesEntry entry;
    const Series& stored = study->scan.studies[0].series[0];
    std::vector<const SliceImage*> all;
    for (const Stack& stack : stored.stacks) {
        LoadedStack ls {&stack, {}};
        for (size_t k = 0; k < stack.slices.size(); ++k) {
            SliceImage img;
            img.rows = img.columns = 4;
            img.pixels.assign(16, float(100 * k));
            img.pixels[5] = 2000;
            ls.slices.push_back(img);
        }
        entry.pixels.stacks.push_back(std::move(ls));
    }
    for (const auto& ls : entry.pixels.stacks)
        for (const auto& img : ls.slices)
            all.push_back(&img);
    entry.stats = intensityStats(all);
    study->series.push_back(std::move(entry));
    return study;
}

} // namespace

class TestViewerState : public QObject {
    Q_OBJECT
private slots:
    void opensAtL4L5MiddleSlice()
    {
        ViewerState state;
        state.setStudy(makeStudy(true));
        QCOMPARE(state.stackCount(), 5);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L4L5));
        QCOMPARE(state.sliceIndex(), 1);
        QVERIFY(state.currentImage());
        // The header's window wins when it is valid.
        QCOMPARE(state.window().center, 500.0);
        QCOMPARE(state.window().width, 1000.0);
    }

    void fallsBackToTheHistogramWithoutAHeaderWindow()
    {
        ViewerState state;
        state.setStudy(makeStudy(false));
        QVERIFY(state.window().width > 0);
        QVERIFY(state.window().width < 2500);
        QVERIFY(!state.applyPreset(WindowPreset::Header));
        QVERIFY(state.applyPreset(WindowPreset::FullRange));
        QCOMPARE(state.window().width, 2000.0); // 0 .. 2000
    }

    void arrowsStepSlicesAndStopAtTheEnds()
    {
        ViewerState state;
        state.setStudy(makeStudy(true));
        QSignalSpy changed(&state, &ViewerState::sliceChanged);
        state.stepSlice(+1);
        QCOMPARE(state.sliceIndex(), 2);
        state.stepSlice(+1);
        QCOMPARE(state.sliceIndex(), 2);
        QCOMPARE(changed.count(), 1); // no signal when nothing moved
        state.stepSlice(-5);
        QCOMPARE(state.sliceIndex(), 0);
    }

    void pageUpGoesCranial()
    {
        ViewerState state;
        state.setStudy(makeStudy(true));
        state.stepLevel(+1);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L3L4));
        state.stepLevel(-2);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L5S1));
        state.stepLevel(-1);
        QCOMPARE(state.currentStack()->level, std::optional<Level>(Level::L5S1));
    }

    void rightDragWidensAndBrightens()
    {
        ViewerState state;
        state.setStudy(makeStudy(true));
        const WindowLevel before = state.window();
        state.dragWindow(20, 0);
        QVERIFY(state.window().width > before.width);
        state.dragWindow(0, -20);
        QVERIFY(state.window().center > before.center);
        state.dragWindow(-100000, 0);
        QVERIFY(state.window().width > 0);
    }

    // The window set on one slice stays while the series is browsed, and in the model the view
    // draws (with its corner), until the user resets it to the series' default.
    void theWindowStaysAcrossTheSeriesUntilReset()
    {
        ViewerState state;
        state.setStudy(makeStudy(true));
        sg::ui::SliceViewModel& model = state.model();
        QCOMPARE(model.image(), state.currentImage());
        state.dragWindow(40, -10);
        const WindowLevel set = state.window();
        QVERIFY(set.width > 1000);
        state.stepSlice(+1);
        state.stepLevel(+1);
        state.selectStack(0);
        QCOMPARE(model.image(), state.currentImage());
        QCOMPARE(state.window().width, set.width);
        QCOMPARE(state.window().center, set.center);
        QCOMPARE(model.cornerTexts()[3], QString("W %1  L %2").arg(set.width, 0, 'f', 0).arg(set.center, 0, 'f', 0));
        QCOMPARE(state.cornerTexts()[3], model.cornerTexts()[3]);
        model.resetWindow();
        QCOMPARE(state.window().width, 1000.0); // the header's
        QCOMPARE(state.window().center, 500.0);
        // Another study starts from its own window even with the same series.
        state.dragWindow(40, 0);
        state.setStudy(makeStudy(true));
        QCOMPARE(state.window().width, 1000.0);
    }

    void userCorrectsALevel()
    {
        ViewerState state;
        state.setStudy(makeStudy(true));
        QSignalSpy levels(&state, &ViewerState::levelsChanged);
        state.setStackLevel(0, std::nullopt);
        QCOMPARE(levels.count(), 1);
        QVERIFY(!state.study()->seriesAt(0).stacks[0].level);
        state.selectStack(0);
        QVERIFY(state.cornerTexts()[2].startsWith("Level unassigned"));
    }

    void emptyStudyShowsNothing()
    {
        ViewerState state;
        state.setStudy(std::make_shared<LoadedStudy>());
        QVERIFY(!state.currentImage());
        state.stepSlice(1);
        state.stepLevel(1);
        QCOMPARE(state.cornerTexts()[0], QString());
    }
};

QTEST_GUILESS_MAIN(TestViewerState)
#include "tst_ViewerState.moc"
