#pragma once
// A two-analyzer project for the review tests, over real DICOM (15 64x64 slices, three per
// level, written by the test): analyzers "ana" and "bob" label every item; they disagree on a
// grade by two (B vs D), a grade by one (A vs B), the canal (rootlet vs cord) and a patch
// (same grade, centres 6 mm apart), and agree elsewhere; a classifier "cnn" differs from both
// on one item they agree on (the analyzer-vs-CNN kind, off by default). The lead is "lead".
#include "tests/ui/LabelingFixture.h"

#include <QString>

#include <map>
#include <string>
#include <vector>

namespace sg::test {

struct ReviewProject {
    std::string db;
    std::vector<Item> items; // by id
    std::map<std::int64_t, std::string> sopUids; // item id -> SOP Instance UID in clear (the project keeps a hash)
    // Items of each disagreement, by kind.
    std::int64_t gradeByTwo = 0, gradeByOne = 0, canal = 0, patch = 0, cnnOnly = 0;
};

inline ReviewProject makeReviewProject(const QString& dir)
{
    ReviewProject p;
    if (!writeSeries(dir.toStdString(), lumbarSeries(64, 64, 3)).ok())
        return p;
    const std::string db = makeProjectOver(dir, "review.sgdb");
    auto store = ProjectStore::open(db);
    if (db.empty() || !store)
        return p;
    auto items = (*store)->items();
    auto ana = (*store)->ensureAnalyzer("ana");
    auto bob = (*store)->ensureAnalyzer("bob");
    if (!items || items->size() < 15 || !ana || !bob)
        return p;
    p.items = *items;
    for (const Study& study : scanPath(dir.toStdString()).studies)
        for (const Series& series : study.series)
            for (const Stack& stack : series.stacks)
                for (const SliceRef& slice : stack.slices)
                    if (auto found = (*store)->findItem(slice.sopInstanceUid); found && *found)
                        p.sopUids[(*found)->id] = slice.sopInstanceUid;
    p.gradeByTwo = p.items[1].id;
    p.gradeByOne = p.items[4].id;
    p.canal = p.items[7].id;
    p.patch = p.items[10].id;
    p.cnnOnly = p.items[13].id;
    auto label = [](std::int64_t item, const Analyzer& who, std::optional<Canal> canal, std::optional<Grade> grade,
                     Patch patch, std::string comment = {}) {
        Label l;
        l.itemId = item;
        l.analyzerId = who.id;
        l.canal = canal;
        l.grade = grade;
        l.patch = patch;
        l.comment = std::move(comment);
        l.secondsSpent = 12;
        return l;
    };
    const Patch centre {20, 20, 24, 24};
    for (const Item& item : p.items) {
        Grade a = Grade::A, b = Grade::A;
        std::optional<Canal> canalB = Canal::Rootlet;
        Patch patchB = centre;
        if (item.id == p.gradeByTwo)
            a = Grade::B, b = Grade::D;
        else if (item.id == p.gradeByOne)
            b = Grade::B;
        else if (item.id == p.canal)
            canalB = Canal::Cord;
        else if (item.id == p.patch)
            patchB = {30, 20, 24, 24}; // 10 px at 0.6 mm: 6 mm apart
        if (!(*store)->saveLabel(*ana, label(item.id, *ana, Canal::Rootlet, a, centre, "ana's note")))
            return p;
        const std::optional<Grade> gradeB = canalB == Canal::Cord ? std::nullopt : std::optional<Grade>(b);
        if (!(*store)->saveLabel(*bob, label(item.id, *bob, canalB, gradeB, patchB)))
            return p;
        Prediction cnn;
        cnn.itemId = item.id;
        cnn.modelName = "cnn";
        cnn.modelVersion = "1";
        cnn.patch = Patch {22, 22, 24, 24};
        cnn.canalProbabilities = {0.95, 0.05};
        cnn.gradeProbabilities = item.id == p.cnnOnly ? std::vector<double> {0.05, 0.05, 0.85, 0.05}
                                                      : std::vector<double> {0.85, 0.05, 0.05, 0.05};
        if (!(*store)->savePrediction(cnn))
            return p;
    }
    p.db = db;
    return p;
}

} // namespace sg::test
