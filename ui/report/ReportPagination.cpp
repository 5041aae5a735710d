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

// A section's heading and its short note just above a sub-heading ("A5. Per level", a note,
// "Grade per level") go with it: the higher heading, or `heading` itself.
QTextBlock withParentHeading(QTextDocument& doc, const QTextBlock& heading)
{
    QTextBlock block = heading.previous();
    for (int steps = 0; steps < 2 && block.isValid() && doc.frameAt(block.position()) == doc.rootFrame();
         ++steps, block = block.previous()) {
        const int level = block.blockFormat().headingLevel();
        if (level > 0)
            return level < heading.blockFormat().headingLevel() ? block : heading;
        if (!block.layout() || block.layout()->lineCount() > 3 || block.text().trimmed().isEmpty())
            break;
    }
    return heading;
}

// The block that should start the next page with an item (a table, a paragraph, a figure)
// whose body block just before it is `block`: the heading above the item and the short
// captions between (blocks of at most two lines, up to three blocks back), so that no heading
// or caption is left alone at the bottom of a page. Without a heading, a table still takes
// its captions; a paragraph or figure takes nothing (an invalid block).
QTextBlock leadingBlock(QTextDocument& doc, QTextBlock block, bool captionsWithoutHeading)
{
    const auto inBody = [&](const QTextBlock& b) {
        return b.isValid() && doc.frameAt(b.position()) == doc.rootFrame();
    };
    const auto isHeading = [](const QTextBlock& b) { return b.blockFormat().headingLevel() > 0; };
    while (inBody(block) && block.text().trimmed().isEmpty() && !isHeading(block))
        block = block.previous(); // the empty block Qt keeps between frames
    QTextBlock lead;
    for (int steps = 0; steps < 3 && inBody(block); ++steps, block = block.previous()) {
        if (isHeading(block))
            return withParentHeading(doc, block); // a heading opens the group
        if (!block.layout() || block.layout()->lineCount() > 2 || block.text().trimmed().isEmpty())
            break;
        lead = block;
    }
    return captionsWithoutHeading ? lead : QTextBlock();
}

QTextBlock leadingBlock(QTextDocument& doc, QTextTable* table)
{
    return leadingBlock(doc, doc.findBlock(table->firstPosition()).previous(), true); // before the first cell
}

} // namespace

namespace {

void breakBefore(QTextBlock block)
{
    QTextCursor cursor(block);
    QTextBlockFormat format = block.blockFormat();
    format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    cursor.setBlockFormat(format);
}

void breakBefore(QTextTable* table)
{
    QTextFrameFormat format = table->frameFormat();
    format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
    table->setFrameFormat(format);
}

// The span of a block's lines in document coordinates (its margins aside: a heading's top
// margin may cross a break its text does not).
QRectF linesOf(const QTextBlock& block)
{
    const QTextLayout* layout = block.layout();
    if (!layout || layout->lineCount() == 0)
        return {};
    const QPointF at = layout->position();
    const QTextLine first = layout->lineAt(0);
    const QTextLine last = layout->lineAt(layout->lineCount() - 1);
    return QRectF(at.x(), at.y() + first.y(), layout->boundingRect().width(), last.y() + last.height() - first.y());
}

bool isHeading(const QTextBlock& b)
{
    return b.blockFormat().headingLevel() > 0;
}

} // namespace

TablePagination keepTablesWhole(QTextDocument& doc)
{
    TablePagination result;
    const double pageHeight = doc.pageSize().height();
    if (pageHeight <= 0)
        return result;
    QAbstractTextDocumentLayout* layout = doc.documentLayout();
    QTextBlock previous; // the body block before the current one (a heading to keep with it)
    for (auto it = doc.rootFrame()->begin(); !it.atEnd(); ++it) {
        doc.pageCount(); // lays the document out after the last move
        if (auto* table = qobject_cast<QTextTable*>(it.currentFrame())) {
            ++result.tables;
            const QRectF box = layout->frameBoundingRect(table);
            previous = QTextBlock();
            if (box.height() > pageHeight) {
                result.split += crossesPage(box, pageHeight) ? 1 : 0;
                continue;
            }
            // Qt moves a table whose first row does not fit by itself, leaving its heading
            // behind: that is a straddle too.
            const QTextBlock lead = leadingBlock(doc, table);
            const bool leadBehind =
                lead.isValid() && pageOf(linesOf(lead).top(), pageHeight) != pageOf(box.top(), pageHeight);
            if (!crossesPage(box, pageHeight) && !leadBehind)
                continue;
            if (lead.isValid())
                breakBefore(lead);
            else
                breakBefore(table);
            ++result.moved;
            continue;
        }
        // A paragraph (or a figure with its caption) that runs over a break: Qt would paint
        // its lines of one page again, clipped, on the other, so their text would be in the PDF
        // outside the margins. A short one moves whole, with a heading just above it.
        const QTextBlock block = it.currentBlock();
        const QRectF lines = linesOf(block);
        const QTextBlock before = previous;
        previous = block;
        if (lines.isEmpty() || isHeading(block))
            continue;
        const QTextBlock heading = before.isValid() ? leadingBlock(doc, before, false) : QTextBlock();
        const bool crossing = crossesPage(lines, pageHeight) && lines.height() <= pageHeight / 2;
        const bool headingBehind =
            heading.isValid() && pageOf(linesOf(heading).top(), pageHeight) != pageOf(lines.top(), pageHeight);
        if (!crossing && !headingBehind)
            continue;
        breakBefore(heading.isValid() ? heading : block);
        ++result.blocksMoved;
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
