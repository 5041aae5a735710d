#include "ui/report/ReportPagination.h"

#include <QAbstractTextDocumentLayout>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>

#include <cmath>
#include <vector>

namespace sg::ui {
namespace {

std::vector<QTextTable*> tablesOf(QTextDocument& doc)
{
    std::vector<QTextTable*> out;
    for (QTextFrame* frame : doc.rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame))
            out.push_back(table);
    return out;
}

int pageOf(double y, double pageHeight)
{
    return static_cast<int>(std::floor(y / pageHeight));
}

bool crossesPage(const QRectF& r, double pageHeight)
{
    // A hair inside the bottom: a table that ends exactly at the break does not cross it.
    return pageOf(r.top(), pageHeight) != pageOf(r.bottom() - 0.5, pageHeight);
}

// The block that should start the next page with `table`: the table's heading and a short
// caption just above it (a heading or a block of at most two lines, up to two blocks back),
// so that no heading is left alone at the bottom of a page.
QTextBlock leadingBlock(QTextDocument& doc, QTextTable* table)
{
    const auto inBody = [&](const QTextBlock& b) {
        return b.isValid() && doc.frameAt(b.position()) == doc.rootFrame();
    };
    const auto isHeading = [](const QTextBlock& b) { return b.blockFormat().headingLevel() > 0; };
    QTextBlock block = doc.findBlock(table->firstPosition()).previous(); // the first cell's, then before it
    while (inBody(block) && block.text().trimmed().isEmpty() && !isHeading(block))
        block = block.previous(); // the empty block Qt keeps between frames
    QTextBlock lead;
    for (int steps = 0; steps < 2 && inBody(block); ++steps, block = block.previous()) {
        if (!isHeading(block) && (!block.layout() || block.layout()->lineCount() > 2))
            break;
        lead = block;
        if (isHeading(block))
            break; // a heading opens the group: what is above it belongs to something else
    }
    return lead;
}

} // namespace

TablePagination keepTablesWhole(QTextDocument& doc)
{
    TablePagination result;
    const double pageHeight = doc.pageSize().height();
    if (pageHeight <= 0)
        return result;
    QAbstractTextDocumentLayout* layout = doc.documentLayout();
    const auto tables = tablesOf(doc);
    result.tables = static_cast<int>(tables.size());
    for (QTextTable* table : tables) {
        doc.pageCount(); // lays the document out after the last move
        const QRectF box = layout->frameBoundingRect(table);
        if (box.height() > pageHeight) {
            result.split += crossesPage(box, pageHeight) ? 1 : 0;
            continue;
        }
        // Qt moves a table whose first row does not fit by itself, leaving its heading behind:
        // that is a straddle too.
        const QTextBlock lead = leadingBlock(doc, table);
        const bool leadBehind = lead.isValid() &&
            pageOf(layout->blockBoundingRect(lead).top(), pageHeight) != pageOf(box.top(), pageHeight);
        if (!crossesPage(box, pageHeight) && !leadBehind)
            continue;
        if (lead.isValid()) {
            QTextCursor cursor(lead);
            QTextBlockFormat format = lead.blockFormat();
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            cursor.setBlockFormat(format);
        } else {
            QTextFrameFormat format = table->frameFormat();
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            table->setFrameFormat(format);
        }
        ++result.moved;
    }
    doc.pageCount();
    return result;
}

int tablesCrossingPages(QTextDocument& doc)
{
    const double pageHeight = doc.pageSize().height();
    doc.pageCount();
    int crossing = 0;
    for (QTextTable* table : tablesOf(doc))
        crossing += crossesPage(doc.documentLayout()->frameBoundingRect(table), pageHeight) ? 1 : 0;
    return crossing;
}

} // namespace sg::ui
