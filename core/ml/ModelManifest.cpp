#include "core/ml/ModelManifest.h"

#include "core/util/Sha256.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sg::core {
namespace {

using nlohmann::json;

inline constexpr int kManifestVersion = 1;

namespace fs = std::filesystem;

// Weight files of the networks here are a few MB; a gigabyte is a wrong file, not a model.
inline constexpr std::uintmax_t kMaxWeightBytes = 1ull << 30;

json stageJson(const StageManifest& s)
{
    return {{"file", s.file}, {"sha256", s.sha256}, {"input_size", s.inputSize}, {"spacing_mm", s.spacingMm}};
}

// A relative path with no ".." component: the manifest may only name files of its own folder.
bool staysInside(const std::string& file)
{
    const fs::path p(file);
    if (file.empty() || p.is_absolute() || p.has_root_name() || p.has_root_directory())
        return false;
    for (const fs::path& part : p)
        if (part == "..")
            return false;
    return true;
}

bool isSha256Hex(const std::string& s)
{
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Result<std::string> readWeightFile(const std::string& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return Error {path + ": the weights named by manifest.json are missing"};
    if (size > kMaxWeightBytes)
        return Error {path + ": the weight file is larger than 1 GB; not a SpineGrade model"};
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    if (!in || !(bytes << in.rdbuf()))
        return Error {path + ": cannot read the weights"};
    return bytes.str();
}

std::string readStage(const json& j, const char* key, StageManifest& out)
{
    if (!j.contains(key) || !j[key].is_object())
        return std::string("no \"") + key + "\" section";
    const json& s = j[key];
    out.file = s.value("file", "");
    out.sha256 = s.value("sha256", "");
    out.inputSize = s.value("input_size", 0);
    out.spacingMm = s.value("spacing_mm", 0.0);
    if (!staysInside(out.file))
        return std::string(key) + ".file is missing, absolute or leaves the model folder (\"" + out.file + "\")";
    if (!isSha256Hex(out.sha256))
        return std::string(key) + ".sha256 is missing or not 64 lowercase hex digits (the SHA-256 of " + out.file +
            ", as sha256sum prints it)";
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
        m.status = j.value("status", "");
        m.validatedOn = j.value("validated_on", "");
        if (j.contains("calibration") && j["calibration"].is_object()) {
            const json& c = j["calibration"];
            m.gradeTemperature = c.value("grade_temperature", 1.0);
            m.canalTemperature = c.value("canal_temperature", 1.0);
            // A temperature outside this range is a broken fit, not a calibration.
            for (double t : {m.gradeTemperature, m.canalTemperature})
                if (!(t >= 0.05 && t <= 50))
                    return fail("calibration temperatures must be from 0.05 to 50");
            m.calibrationJson = c.dump();
        }
        if (j.contains("out_of_distribution") && j["out_of_distribution"].is_object()) {
            const json& o = j["out_of_distribution"];
            m.ood.canalConfidenceMin = o.value("canal_confidence_min", 0.5);
            m.ood.roughnessMax = o.value("roughness_max", 0.0);
            m.ood.fittedOn = o.value("fitted_on", "");
            if (!(m.ood.canalConfidenceMin >= 0 && m.ood.canalConfidenceMin < 1) || !(m.ood.roughnessMax >= 0))
                return fail("out_of_distribution limits out of range");
        }
        return m;
    } catch (const json::exception& e) {
        return fail(std::string("a field has the wrong type (") + e.what() + ")");
    }
}

bool manifestValidated(const ModelManifest& manifest)
{
    return manifest.status == kValidatedStatus && !manifest.validatedOn.empty();
}

Result<std::string> readVerifiedWeights(const std::string& directory, const StageManifest& stage)
{
    const std::string path = (fs::path(directory) / stage.file).string();
    if (!staysInside(stage.file))
        return Error {path + ": the weights must be a file inside the model folder " + directory};
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error {path + ": the weights named by manifest.json are missing"};
    // A symlink may point anywhere: the resolved file must still be inside the resolved folder.
    const fs::path folder = fs::canonical(directory, ec);
    const fs::path file = ec ? fs::path() : fs::canonical(path, ec);
    if (ec)
        return Error {path + ": cannot resolve the weight file's path (" + ec.message() + ")"};
    const auto rel = file.lexically_relative(folder);
    if (rel.empty() || *rel.begin() == "..")
        return Error {path + ": the weight file resolves to " + file.string() + ", outside the model folder " +
            folder.string() + "; refused"};
    Result<std::string> bytes = readWeightFile(file.string());
    if (!bytes)
        return bytes;
    const std::string actual = sha256Hex(*bytes);
    if (actual != stage.sha256)
        return Error {path + ": the weights' SHA-256 is " + actual + ", but manifest.json says " + stage.sha256 +
            ": the file was changed or damaged after the manifest was written; refused"};
    return bytes;
}

Result<bool> writeModelManifest(const std::string& directory, const ModelManifest& given)
{
    ModelManifest m = given;
    for (StageManifest* stage : {&m.localizer, &m.classifier}) {
        const std::string path = (fs::path(directory) / stage->file).string();
        if (!staysInside(stage->file))
            return Error {path + ": a weight file must be inside the model folder"};
        Result<std::string> bytes = readWeightFile(path);
        if (!bytes)
            return Error {bytes.error()};
        stage->sha256 = sha256Hex(*bytes);
    }
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
    if (!m.status.empty())
        j["status"] = m.status;
    if (!m.validatedOn.empty())
        j["validated_on"] = m.validatedOn;
    json calibration = m.calibrationJson.empty() ? json::object() : json::parse(m.calibrationJson, nullptr, false);
    if (!calibration.is_object())
        calibration = json::object();
    calibration["grade_temperature"] = m.gradeTemperature;
    calibration["canal_temperature"] = m.canalTemperature;
    j["calibration"] = calibration;
    j["out_of_distribution"] = {{"canal_confidence_min", m.ood.canalConfidenceMin},
        {"roughness_max", m.ood.roughnessMax}, {"fitted_on", m.ood.fittedOn}};
    const std::string path = (std::filesystem::path(directory) / "manifest.json").string();
    std::ofstream out(path);
    out << j.dump(2) << '\n';
    out.close();
    if (!out)
        return Error {path + ": could not write the model manifest"};
    return true;
}

} // namespace sg::core
