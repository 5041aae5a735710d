#pragma once
// Keeps the report's tables whole on printed pages. Qt's rich text honours
// page-break-before but not page-break-inside: a table that reaches the bottom of a page
// goes on over the break (its rows are moved whole, the table is not). This moves each
// table that would straddle a page, with the heading and short caption just above it, to the
// next page, one table at a time in document order (moving one only moves what follows).
// A paragraph or figure that would run over a break moves whole too (with a heading just
// above it), and so does a heading left at the bottom of a page.
#include <QSizeF>

class QTextDocument;

namespace sg::ui {

struct TablePagination {
    int tables = 0; // tables in the document
    int moved = 0; // tables (with their headings) moved to the next page
    int split = 0; // tables taller than a page: they break between rows, never inside one
    int blocksMoved = 0; // paragraphs and figures (with their headings) moved to the next page
};

// `doc` must have its page size set; it is laid out again after each move.
TablePagination keepTablesWhole(QTextDocument& doc);

// For tests: how many tables of a laid-out document cross a page boundary.
int tablesCrossingPages(QTextDocument& doc);

} // namespace sg::ui
