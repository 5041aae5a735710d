#include "app/cli/ScreenOutputs.h"

#include "app/Version.h"
#include "app/cli/CliCommands.h"
#include "app/cli/OffscreenGui.h"
#include "core/screening/ScreeningDicom.h"
#include "ui/report/ScreeningReportExport.h"

#include <QImage>

#include <iostream>

namespace sg::cli {
namespace {

core::RgbPicture pictureOf(const QImage& image)
{
    core::RgbPicture p;
    if (image.isNull())
        return p;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    p.rows = rgb.height();
    p.columns = rgb.width();
    p.rgb.resize(static_cast<size_t>(p.rows) * p.columns * 3);
    for (int r = 0; r < p.rows; ++r) // scan lines are padded to 4 bytes; the DICOM rows are not
        std::copy_n(rgb.constScanLine(r), p.columns * 3, p.rgb.begin() + static_cast<ptrdiff_t>(r) * p.columns * 3);
    return p;
}

} // namespace

int writeScreenOutputs(const core::ScreeningReport& report, const std::string& reportPath, const std::string& dicomDir)
{
    std::optional<ui::ScreeningFormat> format;
    if (!reportPath.empty()) {
        format = ui::screeningFormatFromPath(QString::fromStdString(reportPath));
        if (!format)
            return reportError("cannot tell the report format from '" + reportPath + "': name it .pdf or .html");
    }
    const OffscreenGui gui;
    if (format) {
        if (const core::Status s = ui::writeScreeningReport(report, QString::fromStdString(reportPath), *format); !s)
            return reportError(s.error());
        std::cerr << "spinegrade-cli screen: screening report written to " << reportPath << '\n';
    }
    if (!dicomDir.empty()) {
        std::vector<core::RgbPicture> keys;
        // Twice the slice's size: the patch's line stays thin beside the anatomy.
        for (const core::ScreeningLevel& level : report.levels)
            keys.push_back(pictureOf(ui::screeningKeyImage(level, 2, 3)));
        const QByteArray pdf = ui::screeningPdf(report);
        const auto written = core::writeScreeningDicom(
            dicomDir, report, keys, std::vector<uint8_t>(pdf.begin(), pdf.end()), SG_VERSION_STRING);
        if (!written)
            return reportError(written.error());
        for (const std::string& f : written->keyImages)
            std::cerr << "spinegrade-cli screen: key image (Secondary Capture) written to " << f << '\n';
        std::cerr << "spinegrade-cli screen: report (Encapsulated PDF) written to " << written->report << '\n';
    }
    return 0;
}

} // namespace sg::cli
