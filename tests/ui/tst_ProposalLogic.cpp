// What the CNN runs first, how a level's worst grade is found and what the overlay may say:
// the proposal logic without a model or a window.
#include "tests/support/SeriesFactory.h"
#include "ui/common/ProposalText.h"
#include "ui/proposals/ProposalOrder.h"
#include "ui/proposals/StudyProposals.h"

#include "core/dicom/DicomScanner.h"
#include "ui/main/StudyLoader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sg::core;
using namespace sg::ui;

namespace {
SliceProposal rootletSlice(std::array<double, 4> grade)
{
    SliceProposal p;
    p.canalFound = true;
    p.canalConfidence = 0.99;
    p.patch = Patch {10, 10, 20, 20};
    p.canal = {0.9, 0.1};
    p.grade = grade;
    return p;
}
} // namespace

class TestProposalLogic : public QObject {
    Q_OBJECT
private slots:
    void viewerOrderStartsOnScreenThenItsStackThenNearLevels()
    {
        // Two series: series 0 has stacks of 3 slices at levels 0..2, series 1 one stack.
        std::vector<SlicePlace> places;
        for (int stack = 0; stack < 3; ++stack)
            for (int slice = 0; slice < 3; ++slice)
                places.push_back({0, stack, slice});
        places.push_back({1, 0, 0});
        const std::vector<int> order = viewerOrder(places, {0, 1, 2});
        QCOMPARE(order.size(), places.size());
        QCOMPARE(places[static_cast<size_t>(order[0])], (SlicePlace {0, 1, 2})); // on screen
        QCOMPARE(places[static_cast<size_t>(order[1])], (SlicePlace {0, 1, 1})); // its stack, nearest first
        QCOMPARE(places[static_cast<size_t>(order[2])], (SlicePlace {0, 1, 0}));
        for (int k = 3; k < 9; ++k) // the neighbouring levels of the same series
            QCOMPARE(places[static_cast<size_t>(order[static_cast<size_t>(k)])].series, 0);
        QCOMPARE(places[static_cast<size_t>(order[9])], (SlicePlace {1, 0, 0})); // other series last
    }

    void worklistOrderRunsTheCurrentItemThenWhatComesNext()
    {
        QCOMPARE(worklistOrder(5, 2), (std::vector<int> {2, 3, 4, 1, 0}));
        QCOMPARE(worklistOrder(3, 0), (std::vector<int> {0, 1, 2}));
        QCOMPARE(worklistOrder(3, 7), (std::vector<int> {2, 1, 0})); // clamped
        QVERIFY(worklistOrder(0, 0).empty());
    }

    void gradesOnlyRootletSlicesWithACanal()
    {
        SliceProposal p = rootletSlice({0.1, 0.2, 0.6, 0.1});
        QCOMPARE(gradeOf(p), std::optional<Grade>(Grade::C));
        p.canal = {0.2, 0.8}; // cord: no Schizas grade
        QVERIFY(!gradeOf(p));
        p = rootletSlice({0.1, 0.2, 0.6, 0.1});
        p.canalFound = false;
        QVERIFY(!gradeOf(p));
    }

    void overlayNeverShowsAGradeWithoutCanalOrPermission()
    {
        const SliceProposal graded = rootletSlice({0.05, 0.91, 0.03, 0.01});
        QCOMPARE(proposalOverlayText(graded, true), QString("CNN rootlet 90% · grade B 91%"));
        QCOMPARE(proposalOverlayText(graded, false), QString("CNN rootlet 90%"));
        SliceProposal none = graded;
        none.canalFound = false;
        QCOMPARE(proposalOverlayText(none, true), QString("CNN: no canal found"));
        QVERIFY(!proposalDetailText(none, true).contains("Grade"));

        // A stored prediction read by a blind analyzer: the patch only, no probabilities.
        Prediction blind {1, "canal-cnn", "3", Patch {1, 2, 3, 4}, {}, {}, {}};
        QCOMPARE(predictionOverlayText(blind), QString("CNN patch"));
        QVERIFY(predictionDetailText(blind).contains("hidden"));
        QVERIFY(!predictionDetailText(blind).contains("%"));
        Prediction lead = blind;
        lead.canalProbabilities = {0.9, 0.1};
        lead.gradeProbabilities = {0.05, 0.91, 0.03, 0.01};
        QCOMPARE(predictionOverlayText(lead), QString("CNN rootlet 90% · grade B 91%"));
        Prediction noCanal {1, "canal-cnn", "3", std::nullopt, {}, {}, {}};
        QCOMPARE(predictionOverlayText(noCanal), QString("CNN: no canal found"));
    }

    void levelSummaryKeepsEachLevelsWorstSlice()
    {
        // A real loaded study: five stacks (levels) of three slices.
        QTemporaryDir dir;
        QVERIFY(sg::test::writeSeries(dir.path().toStdString(), sg::test::lumbarSeries(48, 48, 3)).ok());
        auto study = loadStudy(dir.path());
        QCOMPARE(study->series.size(), size_t(1));
        StudyProposals proposals;
        proposals.reset(study.get());
        QCOMPARE(proposals.size(), 15);

        auto levels = proposals.levels(*study);
        QCOMPARE(levels.size(), size_t(5));
        for (const LevelSummary& l : levels) {
            QCOMPARE(l.slices, 3);
            QCOMPARE(l.proposed, 0);
            QVERIFY(!l.worstGrade);
        }
        const int stack = 3;
        proposals.set(proposals.indexOf({0, stack, 0}), rootletSlice({0.7, 0.2, 0.05, 0.05}));
        proposals.set(proposals.indexOf({0, stack, 1}), rootletSlice({0.1, 0.3, 0.55, 0.05})); // worst: C
        SliceProposal cordD = rootletSlice({0, 0, 0, 1});
        cordD.canal = {0.1, 0.9}; // a cord slice's "D" is no grade
        proposals.set(proposals.indexOf({0, stack, 2}), cordD);
        proposals.set(proposals.indexOf({0, 0, 0}), rootletSlice({0.2, 0.8, 0, 0}));
        QCOMPARE(proposals.proposedCount(), 4);
        levels = proposals.levels(*study);
        const LevelSummary& l = levels[stack];
        QCOMPARE(l.proposed, 3);
        QCOMPARE(l.gradable, 2);
        QCOMPARE(l.canalFound, 3);
        QCOMPARE(l.worstGrade, std::optional<Grade>(Grade::C));
        QCOMPARE(l.probability, 0.55);
        QCOMPARE(*l.worstSlice, (SlicePlace {0, stack, 1}));
        QCOMPARE(l.level, study->series[0].pixels.stacks[stack].stack->level);
        QCOMPARE(levels[0].worstGrade, std::optional<Grade>(Grade::B));
        QVERIFY(!levels[1].worstGrade);
        QVERIFY(proposals.at({0, stack, 1}));
        QVERIFY(!proposals.at({0, 2, 0}));
    }
};

QTEST_GUILESS_MAIN(TestProposalLogic)
#include "tst_ProposalLogic.moc"
