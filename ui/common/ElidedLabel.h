#pragma once
// A one-line label that never widens its parent: text that does not fit is cut at the end
// with "…", and the whole text is then its tooltip. text() is always the whole text. The status
// bar's messages (paths, file names with reasons) are long; cut silently they were unreadable.
#include <QLabel>
#include <QString>

namespace sg::ui {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    void setText(const QString& text); // hides QLabel::setText: one line, tooltip kept current
    // What is painted at the current width (the text, or its elided form).
    QString displayedText() const;
    bool isElided() const { return displayedText() != text(); }
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateToolTip();
};

} // namespace sg::ui
