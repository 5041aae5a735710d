#include "ui/main/ActivityLog.h"

#include "core/util/PrintableText.h"

#include <QScrollBar>
#include <QTime>
#include <QTimer>

namespace sg::ui {
namespace {
constexpr int kSaveLogMs = 60 * 1000; // the log says how many labels were saved once a minute
} // namespace

ActivityLog::ActivityLog(QWidget* parent) : QPlainTextEdit(parent), m_saves(new QTimer(this))
{
    setReadOnly(true);
    setMaximumBlockCount(10000);
    setPlaceholderText(tr("Files that could not be used are listed here with the reason."));
    m_saves->setInterval(kSaveLogMs);
    connect(m_saves, &QTimer::timeout, this, [this] {
        if (m_savedLabels > 0)
            append(tr("%n label(s) saved in the last minute", nullptr, m_savedLabels));
        m_savedLabels = 0;
    });
}

void ActivityLog::append(const QString& line)
{
    // One event, one line: the program's own lines never break, so a break can only come from
    // a name it quotes (a folder named "x\n12:00:00  Opened"), and is escaped here, once for all.
    const QString oneLine = QString::fromStdString(sg::core::printableText(line.toStdString()));
    appendPlainText(QStringLiteral("%1  %2").arg(QTime::currentTime().toString("HH:mm:ss"), oneLine));
    // The newest line shows, also when the user had scrolled up to read an older one.
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ActivityLog::countSavedLabel()
{
    ++m_savedLabels;
    if (!m_saves->isActive())
        m_saves->start();
}

void ActivityLog::flushSavedLabels()
{
    if (m_savedLabels > 0)
        append(tr("%n label(s) saved in the last minute", nullptr, m_savedLabels));
    m_savedLabels = 0;
    m_saves->stop();
}

} // namespace sg::ui
