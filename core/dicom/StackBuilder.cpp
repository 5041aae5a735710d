#include "core/dicom/StackBuilder.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace sg::core {
namespace {

// Slices join a stack only if they share size, pixel spacing and orientation: mixed ones
// split, never merge.
bool sameFrame(const SliceHeader& a, const SliceHeader& b)
{
    return a.rows == b.rows && a.columns == b.columns && std::abs(a.rowSpacing - b.rowSpacing) < 1e-4 &&
        std::abs(a.columnSpacing - b.columnSpacing) < 1e-4 && a.orientation.approxEquals(b.orientation);
}

SliceRef toRef(const SliceHeader& h)
{
    return SliceRef {h.file, h.sopInstanceUid, h.instanceNumber, h.position, h.rescaleSlope, h.rescaleIntercept,
        h.window, h.compressed, h.native};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Sorts one frame-compatible group along its normal and cuts it where the spacing breaks
// (two discs acquired with the same tilt, or a repeated position).
std::vector<Stack> splitAlongNormal(std::vector<const SliceHeader*> group)
{
    const Orientation o = group.front()->orientation;
    const Vec3 n = o.normal();
    std::stable_sort(group.begin(), group.end(),
        [&](const SliceHeader* a, const SliceHeader* b) { return dot(a->position, n) < dot(b->position, n); });
    std::vector<double> gaps;
    for (size_t i = 1; i < group.size(); ++i)
        gaps.push_back(dot(group[i]->position - group[i - 1]->position, n));
    std::vector<double> positive;
    for (double g : gaps)
        if (g > 1e-3)
            positive.push_back(g);
    const double typical = median(positive);

    std::vector<Stack> stacks;
    auto startStack = [&](const SliceHeader* h) {
        Stack s;
        s.orientation = o;
        s.rows = h->rows;
        s.columns = h->columns;
        s.rowSpacing = h->rowSpacing;
        s.columnSpacing = h->columnSpacing;
        stacks.push_back(std::move(s));
    };
    startStack(group.front());
    stacks.back().slices.push_back(toRef(*group.front()));
    for (size_t i = 1; i < group.size(); ++i) {
        const double g = gaps[i - 1];
        const bool brk = g < 1e-3 || (typical > 0 && (g > 1.5 * typical || g < 0.5 * typical));
        if (brk)
            startStack(group[i]);
        stacks.back().slices.push_back(toRef(*group[i]));
    }
    for (Stack& s : stacks) {
        std::vector<double> d;
        for (size_t i = 1; i < s.slices.size(); ++i)
            d.push_back(dot(s.slices[i].position - s.slices[i - 1].position, n));
        s.sliceSpacing = median(d);
    }
    return stacks;
}

} // namespace

void assignLevels(Series& series)
{
    for (Stack& s : series.stacks)
        s.level.reset();
    const size_t count = series.stacks.size();
    if (count < 2 || count > kAllLevels.size())
        return;
    std::vector<Stack*> order;
    for (Stack& s : series.stacks) {
        // Axial means the normal is within 45 degrees of the patient's long axis.
        if (std::abs(s.orientation.normal()[2]) < std::sqrt(0.5))
            return;
        order.push_back(&s);
    }
    // LPS: +z is superior, so the most caudal stack has the lowest centre z.
    std::sort(order.begin(), order.end(), [](Stack* a, Stack* b) { return a->center()[2] < b->center()[2]; });
    for (size_t i = 1; i < order.size(); ++i) {
        const double step = order[i]->center()[2] - order[i - 1]->center()[2];
        if (step < 10.0 || step > 80.0) // adjacent lumbar discs lie ~25-50 mm apart
            return;
    }
    for (size_t i = 0; i < order.size(); ++i)
        order[i]->level = kAllLevels[kAllLevels.size() - 1 - i];
}

ScanResult buildStudies(const std::vector<SliceHeader>& headers)
{
    ScanResult result;
    // Deterministic order: by study, then series number, then series UID.
    std::map<std::string, std::map<std::tuple<int, std::string>, std::vector<const SliceHeader*>>> tree;
    std::map<std::string, const SliceHeader*> firstOfStudy;
    std::map<std::string, int> sopSeen;
    for (const SliceHeader& h : headers) {
        // Without a position and orientation a slice has no place in a stack (and a NaN
        // position would poison the sort along the normal).
        if (!h.hasGeometry) {
            result.skipped.push_back({h.file,
                "no usable geometry: ImagePositionPatient / ImageOrientationPatient missing, not finite or not "
                "orthonormal"});
            continue;
        }
        if (sopSeen[h.sopInstanceUid]++ > 0) {
            result.skipped.push_back({h.file, "duplicate SOP instance UID " + h.sopInstanceUid});
            continue;
        }
        tree[h.studyInstanceUid][{h.seriesNumber, h.seriesInstanceUid}].push_back(&h);
        firstOfStudy.emplace(h.studyInstanceUid, &h);
    }
    for (auto& [studyUid, seriesMap] : tree) {
        const SliceHeader& first = *firstOfStudy[studyUid];
        Study study;
        study.studyInstanceUid = studyUid;
        study.description = first.studyDescription;
        study.patientName = first.patientName;
        study.patientId = first.patientId;
        study.studyDate = first.studyDate;
        study.patientSex = first.patientSex;
        study.patientBirthDate = first.patientBirthDate;
        study.patientAge = first.patientAge;
        study.studyTime = first.studyTime;
        study.studyId = first.studyId;
        study.accessionNumber = first.accessionNumber;
        study.referringPhysician = first.referringPhysician;
        study.specificCharacterSet = first.specificCharacterSet;
        for (auto& [key, slices] : seriesMap) {
            const SliceHeader& s0 = *slices.front();
            Series series {s0.seriesInstanceUid, s0.seriesDescription, s0.modality, s0.seriesNumber, {}};
            std::vector<std::vector<const SliceHeader*>> groups;
            for (const SliceHeader* h : slices) {
                auto it = std::find_if(
                    groups.begin(), groups.end(), [&](const auto& g) { return sameFrame(*g.front(), *h); });
                if (it == groups.end())
                    groups.push_back({h});
                else
                    it->push_back(h);
            }
            for (auto& g : groups)
                for (Stack& st : splitAlongNormal(std::move(g)))
                    series.stacks.push_back(std::move(st));
            // Stacks in a stable order along the spine, feet first.
            std::stable_sort(series.stacks.begin(), series.stacks.end(),
                [](const Stack& a, const Stack& b) { return a.center()[2] < b.center()[2]; });
            assignLevels(series);
            study.series.push_back(std::move(series));
        }
        result.studies.push_back(std::move(study));
    }
    return result;
}

} // namespace sg::core
