#include "core/labels/Rsna.h"

#include "core/labels/LabelCsv.h"
#include "core/util/PrintableText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <set>

namespace sg::core {
namespace {

namespace fs = std::filesystem;

// Outside text in a message: one printable line, quoted.
std::string quoted(const std::string& cell)
{
    return "'" + printableText(cell) + "'";
}

// A parsed CSV file: its records and where each named column is.
struct Table {
    std::string path;
    std::vector<CsvRecord> records; // data records, the header excluded
    std::map<std::string, size_t> columns;
};

Result<Table> readTable(const std::string& path, std::uint64_t limitBytes, const std::vector<std::string>& required)
{
    auto text = readCsvFile(path, limitBytes);
    if (!text)
        return Error {text.error()};
    Table table;
    table.path = path;
    CsvReader reader(*text);
    CsvRecord record;
    if (!reader.next(record))
        return Error {path + ": " + (reader.error().empty() ? "empty file (no header)" : reader.error())};
    for (size_t i = 0; i < record.fields.size(); ++i)
        table.columns.emplace(record.fields[i], i); // a repeated column: the first counts
    for (const std::string& name : required)
        if (!table.columns.count(name))
            return Error {path + ": no column " + name + " (the header is line " + std::to_string(record.line) + ")"};
    while (reader.next(record))
        table.records.push_back(record);
    if (!reader.error().empty())
        return Error {path + ": " + reader.error()};
    return table;
}

const std::string& cell(const Table& table, const CsvRecord& record, const std::string& column)
{
    static const std::string empty;
    const size_t i = table.columns.at(column);
    return i < record.fields.size() ? record.fields[i] : empty;
}

std::string lineError(const Table& table, const CsvRecord& record, const std::string& what)
{
    return table.path + " line " + std::to_string(record.line) + ": " + what;
}

// A pixel coordinate: finite, not negative, and not absurdly large (a whole-body image is
// under 10,000 pixels wide; the image check later is exact).
std::optional<double> parseCoordinate(const std::string& text)
{
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value) || value < 0 || value > 1e6)
        return std::nullopt;
    return value;
}

// Numeric order of ids of up to 18 digits without leading zeros: shorter is smaller.
bool idLess(const std::string& a, const std::string& b)
{
    return a.size() != b.size() ? a.size() < b.size() : a < b;
}

} // namespace

std::string rsnaCrosswalkText()
{
    return "RSNA severity <-> Schizas grade: Normal/Mild -> A, Moderate -> B, Severe -> C on import "
           "(RSNA's Severe does not tell C from D, so D is never imported); A -> Normal/Mild, B -> Moderate, "
           "C and D -> Severe on export";
}

std::optional<Grade> gradeFromRsnaSeverity(std::string_view severity)
{
    if (severity == "Normal/Mild")
        return Grade::A;
    if (severity == "Moderate")
        return Grade::B;
    if (severity == "Severe")
        return Grade::C;
    return std::nullopt;
}

std::string_view rsnaSeverity(Grade grade)
{
    switch (grade) {
    case Grade::A: return "Normal/Mild";
    case Grade::B: return "Moderate";
    case Grade::C:
    case Grade::D: break;
    }
    return "Severe";
}

std::string_view rsnaLevelName(Level level)
{
    return levelName(level); // "L4/L5", RSNA's spelling too
}

std::string rsnaLevelColumn(Level level)
{
    std::string name(levelName(level)); // "L4/L5" -> "l4_l5"
    std::transform(name.begin(), name.end(), name.begin(),
        [](char c) { return c == '/' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return "spinal_canal_stenosis_" + name;
}

bool isRsnaId(std::string_view text)
{
    if (text.empty() || text.size() > 18 || (text.size() > 1 && text[0] == '0'))
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string rsnaImagePath(const std::string& dir, const std::string& study, const std::string& series, int instance)
{
    return (fs::path(dir) / "train_images" / study / series / (std::to_string(instance) + ".dcm")).string();
}

Result<RsnaDataset> readRsnaDataset(const std::string& dir, std::uint64_t limitBytes)
{
    const auto in = [&](const char* name) { return (fs::path(dir) / name).string(); };
    std::vector<std::string> trainColumns {"study_id"};
    for (Level level : kAllLevels)
        trainColumns.push_back(rsnaLevelColumn(level));
    auto train = readTable(in(kRsnaTrainCsv), limitBytes, trainColumns);
    if (!train)
        return Error {train.error()};
    auto series = readTable(in(kRsnaSeriesCsv), limitBytes, {"study_id", "series_id", "series_description"});
    if (!series)
        return Error {series.error()};
    auto coords = readTable(in(kRsnaCoordinatesCsv), limitBytes,
        {"study_id", "series_id", "instance_number", "condition", "level", "x", "y"});
    if (!coords)
        return Error {coords.error()};

    // train.csv: every study's five severities (none where the cell is empty).
    std::map<std::string, std::array<std::optional<Grade>, 5>> severity;
    for (const CsvRecord& r : train->records) {
        const std::string& study = cell(*train, r, "study_id");
        if (!isRsnaId(study))
            return Error {lineError(*train, r, "study_id " + quoted(study) + " is not an RSNA id (1-18 digits)")};
        std::array<std::optional<Grade>, 5> grades;
        for (Level level : kAllLevels) {
            const std::string column = rsnaLevelColumn(level);
            const std::string& value = cell(*train, r, column);
            if (value.empty())
                continue;
            const auto grade = gradeFromRsnaSeverity(value);
            if (!grade)
                return Error {lineError(*train, r,
                    column + " " + quoted(value) + " is not one of Normal/Mild, Moderate, Severe (or empty)")};
            grades[static_cast<size_t>(level)] = grade;
        }
        if (!severity.emplace(study, grades).second)
            return Error {lineError(*train, r, "study " + study + " is in the file twice")};
    }
    // train_series_descriptions.csv
    std::map<std::pair<std::string, std::string>, std::string> description;
    for (const CsvRecord& r : series->records) {
        const std::string& study = cell(*series, r, "study_id");
        const std::string& id = cell(*series, r, "series_id");
        if (!isRsnaId(study) || !isRsnaId(id))
            return Error {lineError(*series, r,
                "study_id " + quoted(study) + " or series_id " + quoted(id) + " is not an RSNA id (1-18 digits)")};
        if (!description.emplace(std::make_pair(study, id), cell(*series, r, "series_description")).second)
            return Error {lineError(*series, r, "series " + id + " of study " + study + " is in the file twice")};
    }
    // train_label_coordinates.csv: the spinal canal rows of axial series.
    RsnaDataset data;
    data.coordinatesPath = coords->path;
    for (const CsvRecord& r : coords->records) {
        auto fail = [&](const std::string& what) { return Error {lineError(*coords, r, what)}; };
        const std::string& study = cell(*coords, r, "study_id");
        const std::string& seriesId = cell(*coords, r, "series_id");
        const std::string& instance = cell(*coords, r, "instance_number");
        if (!isRsnaId(study))
            return fail("study_id " + quoted(study) + " is not an RSNA id (1-18 digits)");
        if (!isRsnaId(seriesId))
            return fail("series_id " + quoted(seriesId) + " is not an RSNA id (1-18 digits)");
        if (!isRsnaId(instance) || instance.size() > 9)
            return fail("instance_number " + quoted(instance) + " is not a number from 1 to 999999999");
        if (cell(*coords, r, "condition") != kRsnaCanalCondition) {
            ++data.otherConditionRows;
            continue;
        }
        const auto desc = description.find({study, seriesId});
        if (desc == description.end())
            return fail("series " + seriesId + " of study " + study + " is not in " + series->path);
        if (desc->second != kRsnaAxialSeries) {
            ++data.otherSeriesRows;
            continue;
        }
        RsnaCanalPoint p;
        p.studyId = study;
        p.seriesId = seriesId;
        p.instanceNumber = std::stoi(instance);
        p.line = r.line;
        const std::string& levelText = cell(*coords, r, "level");
        const auto level = parseLevel(levelText);
        if (!level)
            return fail("level " + quoted(levelText) + " is not one of L1/L2, L2/L3, L3/L4, L4/L5, L5/S1");
        p.level = *level;
        const auto x = parseCoordinate(cell(*coords, r, "x"));
        const auto y = parseCoordinate(cell(*coords, r, "y"));
        if (!x || !y)
            return fail("x " + quoted(cell(*coords, r, "x")) + ", y " + quoted(cell(*coords, r, "y")) +
                " is not a point in pixels (finite numbers from 0 to 1000000)");
        p.x = *x;
        p.y = *y;
        const auto sev = severity.find(study);
        if (sev == severity.end())
            return fail("study " + study + " is not in " + train->path);
        const auto grade = sev->second[static_cast<size_t>(p.level)];
        if (!grade)
            return fail(train->path + " gives study " + study + " no " + rsnaLevelColumn(p.level));
        p.grade = *grade;
        data.points.push_back(std::move(p));
    }
    return data;
}

RsnaFiles formatRsnaDataset(std::vector<RsnaLevelLabel> labels)
{
    std::sort(labels.begin(), labels.end(), [](const RsnaLevelLabel& a, const RsnaLevelLabel& b) {
        if (a.studyId != b.studyId)
            return idLess(a.studyId, b.studyId);
        return a.level < b.level;
    });
    RsnaFiles files;
    files.train = "study_id";
    for (Level level : kAllLevels)
        files.train += "," + rsnaLevelColumn(level);
    files.train += "\n";
    files.coordinates = "study_id,series_id,instance_number,condition,level,x,y\n";
    files.series = "study_id,series_id,series_description\n";
    std::set<std::pair<std::string, std::string>> seriesWritten;
    for (size_t i = 0; i < labels.size();) {
        const std::string& study = labels[i].studyId;
        std::array<std::string, 5> cells;
        for (; i < labels.size() && labels[i].studyId == study; ++i) {
            const RsnaLevelLabel& l = labels[i];
            cells[static_cast<size_t>(l.level)] = rsnaSeverity(l.grade);
            if (l.point)
                files.coordinates += study + "," + l.seriesId + "," + std::to_string(l.instanceNumber) + "," +
                    kRsnaCanalCondition + "," + std::string(rsnaLevelName(l.level)) + "," +
                    exactNumber(l.point->first) + "," + exactNumber(l.point->second) + "\n";
            if (seriesWritten.insert({study, l.seriesId}).second)
                files.series += study + "," + l.seriesId + "," + kRsnaAxialSeries + "\n";
        }
        files.train += study;
        for (const std::string& c : cells)
            files.train += "," + c;
        files.train += "\n";
    }
    return files;
}

Status writeRsnaDataset(const std::string& dir, const std::vector<RsnaLevelLabel>& labels)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return Status::failure("cannot create the folder " + dir + ": " + ec.message());
    const RsnaFiles files = formatRsnaDataset(labels);
    const auto out = [&](const char* name) { return (fs::path(dir) / name).string(); };
    if (Status s = writeTextFile(out(kRsnaTrainCsv), files.train); !s)
        return s;
    if (Status s = writeTextFile(out(kRsnaCoordinatesCsv), files.coordinates); !s)
        return s;
    return writeTextFile(out(kRsnaSeriesCsv), files.series);
}

RsnaSubmissionRow rsnaSubmissionRow(
    const std::string& studyId, Level level, const std::optional<std::array<double, 4>>& gradeProbabilities)
{
    RsnaSubmissionRow row;
    row.rowId = studyId + "_" + rsnaLevelColumn(level);
    double p[3] = {1, 1, 1};
    if (gradeProbabilities) {
        const auto& g = *gradeProbabilities;
        p[0] = std::max(g[0], 0.0);
        p[1] = std::max(g[1], 0.0);
        p[2] = std::max(g[2], 0.0) + std::max(g[3], 0.0);
    }
    double sum = p[0] + p[1] + p[2];
    if (!(sum > 0) || !std::isfinite(sum)) {
        p[0] = p[1] = p[2] = 1;
        sum = 3;
    }
    row.normalMild = p[0] / sum;
    row.moderate = p[1] / sum;
    row.severe = p[2] / sum;
    return row;
}

std::string formatRsnaSubmission(const std::vector<RsnaSubmissionRow>& rows)
{
    std::string text = "row_id,normal_mild,moderate,severe\n";
    for (const RsnaSubmissionRow& r : rows)
        text += r.rowId + "," + exactNumber(r.normalMild) + "," + exactNumber(r.moderate) + "," +
            exactNumber(r.severe) + "\n";
    return text;
}

} // namespace sg::core
