#include "ui/report/ReportExport.h"

#include "core/report/ReportCsv.h"
#include "core/report/ReportHtml.h"
#include "core/report/ReportJson.h"
#include "core/store/ProjectStore.h"
#include "ui/report/ReportPlotRenderer.h"

#include <QBuffer>
#include <QFileInfo>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <map>

namespace sg::ui {
using namespace sg::core;

namespace {

// Plots drawn once each; `keep` receives the images a PDF document needs as resources.
class PlotCache {
public:
    PlotCache(const ProjectReport& report, Progress& progress, int extraSteps)
        : m_report(report),
          m_progress(progress),
          m_specs(reportPlots(report)),
          m_total(static_cast<int>(m_specs.size()) + extraSteps)
    {
    }

    const std::vector<PlotSpec>& specs() const { return m_specs; }
    int total() const { return m_total; }
    // Counts a step done; false once the export is cancelled.
    bool step()
    {
        m_progress.report(++m_done, m_total);
        return !m_progress.cancelled();
    }

    // Renders every plot (a progress step each) and stops early when cancelled.
    bool renderAll()
    {
        for (const PlotSpec& spec : m_specs) {
            QImage image = renderReportPlot(m_report, spec);
            if (!image.isNull())
                m_images.emplace(spec.id, std::move(image));
            if (!step())
                return false;
        }
        return true;
    }

    const QImage* image(const std::string& id) const
    {
        const auto it = m_images.find(id);
        return it == m_images.end() ? nullptr : &it->second;
    }

private:
    const ProjectReport& m_report;
    Progress& m_progress;
    std::vector<PlotSpec> m_specs;
    std::map<std::string, QImage> m_images;
    int m_total = 0;
    int m_done = 0;
};

QByteArray pngBase64(const QImage& image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png.toBase64();
}

QByteArray html(const ProjectReport& report, PlotCache& plots)
{
    const PlotSource source = [&](const PlotSpec& spec) -> std::optional<HtmlImage> {
        const QImage* image = plots.image(spec.id);
        if (!image)
            return std::nullopt;
        const QSize shown = reportPlotSize(report, spec);
        return HtmlImage {"data:image/png;base64," + pngBase64(*image).toStdString(), shown.width(), shown.height()};
    };
    return QByteArray::fromStdString(projectReportToHtml(report, plots.specs(), source));
}

// Qt's rich text resolves <img src="plot:ID"> from the document's resources.
QByteArray pdf(const ProjectReport& report, PlotCache& plots)
{
    QTextDocument doc;
    doc.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
    const PlotSource source = [&](const PlotSpec& spec) -> std::optional<HtmlImage> {
        const QImage* image = plots.image(spec.id);
        if (!image)
            return std::nullopt;
        const std::string name = "plot:" + spec.id;
        doc.addResource(QTextDocument::ImageResource, QUrl(QString::fromStdString(name)), *image);
        const QSize shown = reportPlotSize(report, spec);
        return HtmlImage {name, shown.width(), shown.height()};
    };
    doc.setHtml(QString::fromStdString(projectReportToHtml(report, plots.specs(), source)));

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(QStringLiteral("SpineGrade agreement report"));
    writer.setCreator(QStringLiteral("SpineGrade"));
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 12), QPageLayout::Millimeter));
    // The document is laid out in CSS pixels (1/96 inch), as the HTML sizes its plots, and
    // painted scaled to the writer's resolution, page by page, with a footer line.
    const double scale = writer.resolution() / 96.0;
    const QSizeF paint = QSizeF(writer.pageLayout().paintRectPixels(writer.resolution()).size()) / scale;
    constexpr double kFooter = 24;
    const QSizeF page(paint.width(), paint.height() - kFooter);
    doc.setPageSize(page);
    const int pages = doc.pageCount();
    QPainter painter(&writer);
    painter.scale(scale, scale);
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        painter.save();
        painter.translate(0, -i * page.height());
        doc.drawContents(&painter, QRectF(QPointF(0, i * page.height()), page));
        painter.restore();
        QFont footer(QStringLiteral("DejaVu Sans"));
        footer.setPixelSize(9); // in the scaled CSS-pixel frame; a point size would be scaled twice
        painter.setFont(footer);
        painter.setPen(QColor(0x70, 0x70, 0x70));
        painter.drawText(QRectF(0, paint.height() - kFooter + 8, paint.width(), kFooter - 8),
            Qt::AlignRight | Qt::AlignVCenter,
            QStringLiteral("SpineGrade agreement report, page %1 of %2").arg(i + 1).arg(pages));
    }
    painter.end();
    return bytes;
}

} // namespace

std::optional<ReportFormat> reportFormatFromName(const QString& name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("html") || n == QLatin1String("htm"))
        return ReportFormat::Html;
    if (n == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    if (n == QLatin1String("csv"))
        return ReportFormat::Csv;
    if (n == QLatin1String("json"))
        return ReportFormat::Json;
    return std::nullopt;
}

std::optional<ReportFormat> reportFormatFromPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix();
    return suffix.isEmpty() ? std::nullopt : reportFormatFromName(suffix);
}

QByteArray renderReport(const ProjectReport& report, ReportFormat format, Progress& progress)
{
    const bool plotted = format == ReportFormat::Html || format == ReportFormat::Pdf;
    PlotCache plots(report, progress, 1);
    if (plotted && !plots.renderAll())
        return {};
    QByteArray bytes;
    switch (format) {
    case ReportFormat::Html: bytes = html(report, plots); break;
    case ReportFormat::Pdf: bytes = pdf(report, plots); break;
    case ReportFormat::Csv: bytes = QByteArray::fromStdString(projectReportToCsv(report)); break;
    case ReportFormat::Json: bytes = QByteArray::fromStdString(projectReportToJson(report) + "\n"); break;
    }
    if (!plots.step())
        return {};
    return bytes;
}

Status writeReport(const ProjectReport& report, const QString& path, ReportFormat format, Progress& progress)
{
    const QByteArray bytes = renderReport(report, format, progress);
    if (progress.cancelled())
        return Status::failure("the report was cancelled; " + path.toStdString() + " was not written");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Status::failure("cannot write " + path.toStdString() + ": " + file.errorString().toStdString());
    return Status::success();
}

Result<ProjectReport> readProjectReport(const QString& projectPath)
{
    OpenOptions readOnly;
    readOnly.readOnly = true; // a report only reads: never migrate or touch the file
    auto store = ProjectStore::open(projectPath.toStdString(), readOnly);
    if (!store)
        return Error {store.error()};
    return buildProjectReport(**store);
}

Status exportReport(const QString& projectPath, const QString& outPath, ReportFormat format, Progress& progress)
{
    progress.report(0, 1);
    const auto report = readProjectReport(projectPath);
    if (!report)
        return Status::failure(report.error());
    if (progress.cancelled())
        return Status::failure("The report was cancelled; nothing was written.");
    return writeReport(*report, outPath, format, progress);
}

} // namespace sg::ui
