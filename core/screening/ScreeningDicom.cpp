#include "core/screening/ScreeningDicom.h"

#include "core/dicom/Uid.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <random>

namespace sg::core {
namespace {

// A fresh UID: the study's, the time to the nanosecond and random bits as the key.
std::string freshUid(const std::string& studyUid, const std::string& role)
{
    static std::random_device device;
    const auto now = std::chrono::system_clock::now().time_since_epoch().count();
    return uidFromKey(studyUid + "|" + role + "|" + std::to_string(now) + "|" + std::to_string(device()) + "|" +
        std::to_string(device()));
}

DicomDerivedSeries seriesFrom(const ScreeningReport& report, const std::string& version)
{
    const Study& s = report.study;
    DicomDerivedSeries d;
    d.specificCharacterSet = s.specificCharacterSet;
    d.patientName = s.patientName;
    d.patientId = s.patientId;
    d.patientBirthDate = s.patientBirthDate;
    d.patientSex = s.patientSex;
    d.studyInstanceUid = s.studyInstanceUid;
    d.studyDate = s.studyDate;
    d.studyTime = s.studyTime;
    d.referringPhysician = s.referringPhysician;
    d.studyId = s.studyId;
    d.accessionNumber = s.accessionNumber;
    d.studyDescription = s.description;
    d.softwareVersion = version;
    char date[16] = {}, time[16] = {};
    const std::time_t now = std::time(nullptr);
    std::tm local {};
    if (localtime_r(&now, &local)) {
        std::strftime(date, sizeof date, "%Y%m%d", &local);
        std::strftime(time, sizeof time, "%H%M%S", &local);
    }
    d.contentDate = date;
    d.contentTime = time;
    return d;
}

std::string fileLevelName(const std::string& level)
{
    std::string out;
    for (char c : level)
        out += (c == '/' ? '-' : c);
    return out;
}

} // namespace

Result<ScreeningDicomFiles> writeScreeningDicom(const std::string& dir, const ScreeningReport& report,
    const std::vector<RgbPicture>& keyImages, const std::vector<uint8_t>& pdf, const std::string& softwareVersion)
{
    namespace fs = std::filesystem;
    const std::string& studyUid = report.study.studyInstanceUid;
    if (studyUid.empty() || studyUid.front() == '(') // the scanner's "(no study UID)"
        return Error {"the study has no StudyInstanceUID: its screening cannot join it in PACS"};
    if (keyImages.size() != report.levels.size())
        return Error {"one key image per level is needed"};
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
        return Error {"cannot create " + dir + ": " + (ec ? ec.message() : std::string("not a folder"))};

    ScreeningDicomFiles out;
    DicomDerivedSeries keys = seriesFrom(report, softwareVersion);
    keys.seriesInstanceUid = out.keyImageSeriesUid = freshUid(studyUid, "key-series");
    keys.seriesNumber = 9901; // high: after the scanner's series in a PACS list
    keys.seriesDescription = "SpineGrade screening key images";
    DicomDerivedSeries doc = seriesFrom(report, softwareVersion);
    doc.seriesInstanceUid = out.reportSeriesUid = freshUid(studyUid, "report-series");
    doc.seriesNumber = 9902;
    doc.seriesDescription = "SpineGrade screening report";

    DicomPdfDocument document;
    int instance = 0;
    for (size_t i = 0; i < report.levels.size(); ++i) {
        const ScreeningLevel& level = report.levels[i];
        const RgbPicture& picture = keyImages[i];
        if (!level.grade || picture.rgb.empty())
            continue;
        DicomRgbImage image;
        image.rows = picture.rows;
        image.columns = picture.columns;
        image.rgb = picture.rgb;
        image.sopInstanceUid = freshUid(studyUid, "key-" + level.level);
        image.instanceNumber = ++instance;
        image.derivationDescription = level.level + ": CNN patch burned in; worst grade " + gradeLetter(*level.grade) +
            " (p " + std::to_string(static_cast<int>(level.probability * 100 + 0.5)) + "%), slice " +
            std::to_string(level.sliceNumber);
        if (level.modality == "MR" && !level.sopInstanceUid.empty())
            image.sources.push_back({kMrImageStorage, level.sopInstanceUid});
        const std::string file = (fs::path(dir) / ("SC_" + fileLevelName(level.level) + ".dcm")).string();
        if (const Status s = writeSecondaryCapture(file, keys, image); !s)
            return Error {s.error()};
        out.keyImages.push_back(file);
        document.sources.push_back({kSecondaryCaptureStorage, image.sopInstanceUid});
    }
    document.pdf = pdf;
    document.sopInstanceUid = freshUid(studyUid, "report");
    document.instanceNumber = 1;
    document.title = "SpineGrade screening report";
    out.report = (fs::path(dir) / "REPORT_PDF.dcm").string();
    if (const Status s = writeEncapsulatedPdf(out.report, doc, document); !s)
        return Error {s.error()};
    return out;
}

} // namespace sg::core
