#include "core/dicom/SliceHeaderJson.h"

#include <nlohmann/json.hpp>

namespace sg::core {

std::string sliceHeaderToJson(const SliceHeader& h)
{
    nlohmann::json j {
        {"file", h.file},
        {"study", h.studyInstanceUid},
        {"studyDescription", h.studyDescription},
        {"studyDate", h.studyDate},
        {"patientName", h.patientName},
        {"patientId", h.patientId},
        {"series", h.seriesInstanceUid},
        {"seriesDescription", h.seriesDescription},
        {"modality", h.modality},
        {"seriesNumber", h.seriesNumber},
        {"sop", h.sopInstanceUid},
        {"instance", h.instanceNumber},
        {"rows", h.rows},
        {"columns", h.columns},
        {"spacing", {h.rowSpacing, h.columnSpacing}},
        {"hasGeometry", h.hasGeometry},
        {"position", h.position},
        {"row", h.orientation.row},
        {"column", h.orientation.column},
        {"rescale", {h.rescaleSlope, h.rescaleIntercept}},
        {"compressed", h.compressed},
    };
    if (h.window)
        j["window"] = {h.window->center, h.window->width};
    // Header strings can hold any bytes; keep them rather than fail.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<SliceHeader> sliceHeaderFromJson(const std::string& text)
{
    try {
        const auto j = nlohmann::json::parse(text);
        SliceHeader h;
        h.file = j.at("file");
        h.studyInstanceUid = j.at("study");
        h.studyDescription = j.at("studyDescription");
        h.studyDate = j.at("studyDate");
        h.patientName = j.at("patientName");
        h.patientId = j.at("patientId");
        h.seriesInstanceUid = j.at("series");
        h.seriesDescription = j.at("seriesDescription");
        h.modality = j.at("modality");
        h.seriesNumber = j.at("seriesNumber");
        h.sopInstanceUid = j.at("sop");
        h.instanceNumber = j.at("instance");
        h.rows = j.at("rows");
        h.columns = j.at("columns");
        h.rowSpacing = j.at("spacing")[0];
        h.columnSpacing = j.at("spacing")[1];
        h.hasGeometry = j.at("hasGeometry");
        h.position = j.at("position");
        h.orientation.row = j.at("row");
        h.orientation.column = j.at("column");
        h.rescaleSlope = j.at("rescale")[0];
        h.rescaleIntercept = j.at("rescale")[1];
        h.compressed = j.at("compressed");
        if (j.contains("window"))
            h.window = WindowLevel {j["window"][0], j["window"][1]};
        return h;
    } catch (const std::exception& e) {
        return Error {std::string("bad header record: ") + e.what()};
    }
}

} // namespace sg::core
