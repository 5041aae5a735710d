#pragma once
// The window's Log dock: one timestamped line per event the user may want to read later (files
// skipped and why, studies and projects opened, exports written), and for labeling one line a
// minute saying how many labels were saved, not one per label.
#include <QPlainTextEdit>

class QTimer;

namespace sg::ui {

class ActivityLog : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit ActivityLog(QWidget* parent = nullptr);

    // Adds "HH:mm:ss  line" and scrolls to it; control characters in `line` are escaped.
    void append(const QString& line);
    // A label was saved: counted, and said in the log once a minute.
    void countSavedLabel();
    // The saves counted so far are logged now (the session that made them ends).
    void flushSavedLabels();

private:
    QTimer* m_saves;
    int m_savedLabels = 0; // since the last line about saves
};

} // namespace sg::ui
