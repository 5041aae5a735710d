#include "core/ml/ModelManifest.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace sg::core {
namespace {

using nlohmann::json;

inline constexpr int kManifestVersion = 1;

json stageJson(const StageManifest& s)
{
    return {{"file", s.file}, {"input_size", s.inputSize}, {"spacing_mm", s.spacingMm}};
}

std::string readStage(const json& j, const char* key, StageManifest& out)
{
    if (!j.contains(key) || !j[key].is_object())
        return std::string("no \"") + key + "\" section";
    const json& s = j[key];
    out.file = s.value("file", "");
    out.inputSize = s.value("input_size", 0);
    out.spacingMm = s.value("spacing_mm", 0.0);
    if (out.file.empty() || out.file.find("..") != std::string::npos)
        return std::string(key) + ".file is missing or leaves the model folder";
    if (out.inputSize < 16 || out.inputSize > 512 || out.inputSize % 8 != 0)
        return std::string(key) + ".input_size " + std::to_string(out.inputSize) +
            " is not supported (a multiple of 8 from 16 to 512)";
    if (!(out.spacingMm > 0.05 && out.spacingMm < 20))
        return std::string(key) + ".spacing_mm is missing or out of range";
    return {};
}

std::string checkClasses(const json& j, const char* key, const std::vector<std::string>& expected)
{
    if (!j.contains("classes") || !j["classes"].contains(key))
        return std::string("no classes.") + key;
    std::vector<std::string> got;
    for (const json& c : j["classes"][key])
        got.push_back(c.is_string() ? c.get<std::string>() : std::string("?"));
    if (got != expected) {
        std::string want, have;
        for (const auto& c : expected)
            want += (want.empty() ? "" : ",") + c;
        for (const auto& c : got)
            have += (have.empty() ? "" : ",") + c;
        return std::string("classes.") + key + " is [" + have + "], the program needs [" + want + "]";
    }
    return {};
}

} // namespace

Result<ModelManifest> readModelManifest(const std::string& directory)
{
    const std::string path = (std::filesystem::path(directory) / "manifest.json").string();
    std::ifstream in(path);
    if (!in)
        return Error {path + ": no model manifest here (missing or unreadable)"};
    json j;
    try {
        j = json::parse(in);
    } catch (const json::exception& e) {
        return Error {path + ": not valid JSON (" + e.what() + ")"};
    }
    auto fail = [&path](const std::string& what) { return Error {path + ": " + what}; };
    try {
        if (!j.is_object())
            return fail("not a JSON object");
        if (j.value("manifest_version", 0) != kManifestVersion)
            return fail("manifest_version must be " + std::to_string(kManifestVersion));
        ModelManifest m;
        m.name = j.value("name", "");
        m.version = j.value("version", "");
        m.description = j.value("description", "");
        m.format = j.value("format", "");
        if (m.name.empty() || m.version.empty())
            return fail("name and version are required");
        if (m.format != "native" && m.format != "torchscript")
            return fail("format \"" + m.format + "\" is neither \"native\" nor \"torchscript\"");
        for (const char* key : {"localizer", "classifier"}) {
            const std::string problem = readStage(j, key, key[0] == 'l' ? m.localizer : m.classifier);
            if (!problem.empty())
                return fail(problem);
        }
        for (const auto& [key, classes] : {std::pair {"canal", &kCanalClasses}, std::pair {"grade", &kGradeClasses}}) {
            const std::string problem = checkClasses(j, key, *classes);
            if (!problem.empty())
                return fail(problem);
        }
        if (j.contains("normalisation") && j["normalisation"].is_string())
            m.normalisation = j["normalisation"].get<std::string>();
        if (m.normalisation != "percentile-2-99.5")
            return fail("normalisation \"" + m.normalisation + "\" is not supported (percentile-2-99.5)");
        m.defaultPatchMm = j.value("patch_mm", 44.0);
        if (!(m.defaultPatchMm > 1 && m.defaultPatchMm < 200))
            return fail("patch_mm out of range");
        if (j.contains("training") && j["training"].is_object()) {
            const json& t = j["training"];
            m.trainingData = t.value("data", "");
            m.trainingCommand = t.value("command", "");
            m.trainedOn = t.value("trained_on", "");
            m.project = t.value("project", "");
            m.analyzer = t.value("analyzer", "");
        }
        if (j.contains("quality"))
            m.qualityJson = j["quality"].dump();
        return m;
    } catch (const json::exception& e) {
        return fail(std::string("a field has the wrong type (") + e.what() + ")");
    }
}

Result<bool> writeModelManifest(const std::string& directory, const ModelManifest& m)
{
    json j {{"manifest_version", kManifestVersion}, {"name", m.name}, {"version", m.version},
        {"description", m.description}, {"format", m.format}, {"localizer", stageJson(m.localizer)},
        {"classifier", stageJson(m.classifier)}, {"normalisation", m.normalisation}, {"patch_mm", m.defaultPatchMm},
        {"classes", {{"canal", kCanalClasses}, {"grade", kGradeClasses}}},
        {"outputs",
            {{"localizer", {"canal_logit", "canal_col_cells", "canal_row_cells"}},
                {"classifier",
                    {"offset_col_cells", "offset_row_cells", "patch_side_mm_over_40", "rootlet", "cord", "A", "B", "C",
                        "D"}}}},
        {"training",
            {{"data", m.trainingData}, {"command", m.trainingCommand}, {"trained_on", m.trainedOn},
                {"project", m.project}, {"analyzer", m.analyzer}}}};
    if (!m.qualityJson.empty())
        j["quality"] = json::parse(m.qualityJson, nullptr, false);
    const std::string path = (std::filesystem::path(directory) / "manifest.json").string();
    std::ofstream out(path);
    out << j.dump(2) << '\n';
    out.close();
    if (!out)
        return Error {path + ": could not write the model manifest"};
    return true;
}

} // namespace sg::core
