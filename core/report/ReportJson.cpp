#include "core/report/ReportJson.h"

#include "core/stats/AgreementJson.h"

#include <nlohmann/json.hpp>

namespace sg::core {

std::string projectReportToJson(const ProjectReport& report, int indent)
{
    using Json = nlohmann::ordered_json;
    // Intervals in "tasks" are the engine's raw ones (a kappa's may pass 1), as `stats --json`;
    // the HTML and PDF print them bounded to the statistic's range.
    // Re-parsed rather than rebuilt, so "tasks" is byte for byte what `stats --json` says.
    Json j = Json::parse(agreementReportToJson(report.agreement, -1));

    Json progress = Json::array();
    for (const AnalyzerProgressRow& p : report.progress)
        progress.push_back(
            {{"analyzer", p.name}, {"role", p.lead ? "lead" : "analyzer"}, {"done", p.done}, {"total", p.total}});
    j["project"] = Json {{"generated_at", report.generatedAt}, {"items", report.items}, {"studies", report.studyKeys},
        {"analyzers", report.analyzers}, {"models", report.models}, {"consensus", report.hasConsensus},
        {"raters", report.raters}, {"analyzer_raters", report.analyzerRaters}, {"levels", report.levels},
        {"setting", report.assisted ? "assisted" : "blind"}, {"consensus_items", report.consensusItems},
        {"software_version", report.softwareVersion}, {"progress", progress}};

    Json disagreements = Json::array();
    for (const Disagreement& d : report.disagreements) {
        Json labels = Json::object();
        for (size_t i = 0; i < report.raters.size(); ++i)
            labels[report.raters[i]] = d.labels[i] ? Json(*d.labels[i]) : Json(nullptr);
        disagreements.push_back({{"item", d.itemKey}, {"level", d.level.empty() ? Json(nullptr) : Json(d.level)},
            {"task", std::string(taskName(d.task))}, {"labels", labels},
            {"consensus", d.consensus ? Json(*d.consensus) : Json(nullptr)},
            {"reason_code", d.reasonCode ? Json(std::string(consensusReasonName(*d.reasonCode))) : Json(nullptr)},
            {"reason", d.consensus ? Json(d.reason) : Json(nullptr)}});
    }
    j["disagreements"] = disagreements;
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace sg::core
