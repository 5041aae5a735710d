#include "core/dicom/ScanJson.h"

#include "core/labels/ItemKey.h"

#include <nlohmann/json.hpp>

namespace sg::core {

std::string scanResultToJson(const ScanResult& result, int indent, bool deidentify)
{
    using nlohmann::json;
    json studies = json::array();
    for (const Study& study : result.studies) {
        json series = json::array();
        for (const Series& se : study.series) {
            json stacks = json::array();
            for (const Stack& st : se.stacks) {
                const Orientation& o = st.orientation;
                stacks.push_back({
                    {"level", st.level ? json(std::string(levelName(*st.level))) : json(nullptr)},
                    {"slices", st.slices.size()},
                    {"rows", st.rows},
                    {"columns", st.columns},
                    {"pixel_spacing", {st.rowSpacing, st.columnSpacing}},
                    {"slice_spacing", st.sliceSpacing},
                    {"orientation", {o.row[0], o.row[1], o.row[2], o.column[0], o.column[1], o.column[2]}},
                });
            }
            if (deidentify)
                series.push_back({{"number", se.seriesNumber}, {"modality", se.modality}, {"stacks", stacks}});
            else
                series.push_back({{"series_uid", se.seriesInstanceUid}, {"description", se.description},
                    {"modality", se.modality}, {"stacks", stacks}});
        }
        if (deidentify)
            studies.push_back({{"study", studyKeyName(static_cast<int>(studies.size()) + 1)}, {"series", series}});
        else
            studies.push_back({{"study_uid", study.studyInstanceUid}, {"series", series}});
    }
    if (deidentify)
        return json {{"studies", studies}, {"skipped", result.skipped.size()}}.dump(
            indent, ' ', false, json::error_handler_t::replace);
    json skipped = json::array();
    for (const SkippedFile& s : result.skipped)
        skipped.push_back({{"file", s.file}, {"reason", s.reason}});
    // Names and paths may hold bytes that are not UTF-8: replace rather than throw.
    return json {{"studies", studies}, {"skipped", skipped}}.dump(indent, ' ', false, json::error_handler_t::replace);
}

} // namespace sg::core
