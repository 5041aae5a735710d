#include "ui/report/PdfPageWriter.h"

#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>

namespace sg::ui {

PdfPageWriter::PdfPageWriter(const QString& title) : m_buffer(&m_bytes)
{
    m_buffer.open(QIODevice::WriteOnly);
    m_writer = std::make_unique<QPdfWriter>(&m_buffer);
    m_writer->setTitle(title);
    m_writer->setCreator(QStringLiteral("SpineGrade"));
    m_writer->setResolution(300);
    m_writer->setPageLayout(QPageLayout(
        QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 12), QPageLayout::Millimeter));
    m_scale = m_writer->resolution() / 96.0;
    m_page = QSizeF(m_writer->pageLayout().paintRectPixels(m_writer->resolution()).size()) / m_scale;
}

QPainter& PdfPageWriter::painter()
{
    if (!m_painter.isActive()) {
        m_painter.begin(m_writer.get());
        m_painter.scale(m_scale, m_scale);
    }
    return m_painter;
}

void PdfPageWriter::newPage()
{
    m_writer->newPage();
}

QByteArray PdfPageWriter::finish()
{
    if (m_painter.isActive())
        m_painter.end();
    return m_bytes;
}

} // namespace sg::ui
