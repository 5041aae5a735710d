#pragma once
// The page every PDF of the program is printed on (the agreement report, the screening report):
// A4 portrait at 300 dpi, margins 15 mm (12 mm at the foot), written into memory. It is painted
// in CSS pixels (1/96 inch), the unit the HTML forms size their plots and images in, scaled to
// the writer's resolution. Qt Gui only (sg_charts).
#include <QBuffer>
#include <QByteArray>
#include <QPainter>
#include <QPdfWriter>
#include <QSizeF>
#include <QString>

#include <memory>

namespace sg::ui {

class PdfPageWriter {
public:
    explicit PdfPageWriter(const QString& title);
    PdfPageWriter(const PdfPageWriter&) = delete;
    PdfPageWriter& operator=(const PdfPageWriter&) = delete;

    // The area inside the margins, in CSS pixels.
    QSizeF pageSize() const { return m_page; }
    // Paints in CSS pixels from the top left corner inside the margins; begun on first use.
    QPainter& painter();
    void newPage();
    // Ends painting; the PDF's bytes.
    QByteArray finish();

private:
    QByteArray m_bytes;
    QBuffer m_buffer;
    std::unique_ptr<QPdfWriter> m_writer; // after the buffer is open
    QPainter m_painter; // ended before the writer goes
    QSizeF m_page;
    double m_scale = 1;
};

} // namespace sg::ui
