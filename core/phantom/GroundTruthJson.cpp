#include "core/phantom/GroundTruthJson.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace sg::core {
namespace {

using nlohmann::json;

// Two decimals are finer than any analyzer's click and keep the file readable.
double rounded(double v)
{
    return std::round(v * 100.0) / 100.0;
}

std::optional<SchizasGrade> parseGrade(const json& v)
{
    if (v.is_null())
        return std::nullopt;
    const std::string s = v.get<std::string>();
    if (s.size() != 1 || s[0] < 'A' || s[0] > 'D')
        throw std::runtime_error("grade must be A, B, C, D or null, got '" + s + "'");
    return static_cast<SchizasGrade>(s[0] - 'A');
}

} // namespace

std::string groundTruthToJson(const std::vector<PhantomSliceTruth>& slices)
{
    std::string text = "{\"slices\":[\n";
    bool first = true;
    for (const PhantomSliceTruth& t : slices) {
        json grade = t.grade ? json(std::string(1, gradeLetter(*t.grade))) : json(nullptr);
        json sub = t.subgrade > 0 ? json("A" + std::to_string(t.subgrade)) : json(nullptr);
        const json slice {{"sop_uid", t.sopInstanceUid}, {"level", std::string(levelName(t.level))},
            {"canal", t.cord ? "cord" : "rootlet"}, {"grade", grade}, {"subgrade", sub},
            {"canal_center_px", {rounded(t.canalCol), rounded(t.canalRow)}},
            {"patch_px", {{"x", t.patchX}, {"y", t.patchY}, {"w", t.patchW}, {"h", t.patchH}}},
            {"pixel_spacing", {t.rowSpacing, t.columnSpacing}}};
        // One slice a line: readable, and diffs show which slice changed.
        text += (first ? "" : ",\n") + slice.dump();
        first = false;
    }
    return text + "\n]}\n";
}

Result<std::vector<PhantomSliceTruth>> groundTruthFromJson(const std::string& text)
{
    try {
        const json doc = json::parse(text);
        std::vector<PhantomSliceTruth> out;
        for (const json& s : doc.at("slices")) {
            PhantomSliceTruth t;
            t.sopInstanceUid = s.at("sop_uid").get<std::string>();
            const auto level = parseLevel(s.at("level").get<std::string>());
            if (!level)
                return Error {"unknown level in ground truth: " + s.at("level").dump()};
            t.level = *level;
            t.cord = s.at("canal").get<std::string>() == "cord";
            t.grade = parseGrade(s.at("grade"));
            if (!s.at("subgrade").is_null())
                t.subgrade = std::stoi(s.at("subgrade").get<std::string>().substr(1));
            t.canalCol = s.at("canal_center_px").at(0).get<double>();
            t.canalRow = s.at("canal_center_px").at(1).get<double>();
            const json& p = s.at("patch_px");
            t.patchX = p.at("x").get<int>();
            t.patchY = p.at("y").get<int>();
            t.patchW = p.at("w").get<int>();
            t.patchH = p.at("h").get<int>();
            t.rowSpacing = s.at("pixel_spacing").at(0).get<double>();
            t.columnSpacing = s.at("pixel_spacing").at(1).get<double>();
            out.push_back(std::move(t));
        }
        return out;
    } catch (const std::exception& e) {
        return Error {std::string("bad ground truth: ") + e.what()};
    }
}

} // namespace sg::core
