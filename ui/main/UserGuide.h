#pragma once
// Help > User guide: a short HTML guide for each role (annotator, clinician, study lead),
// bundled as a Qt resource with the README's screenshots, shown in a QTextBrowser.
#include <QDialog>
#include <QStringList>
#include <QUrl>

class QComboBox;
class QTextBrowser;

namespace sg::ui {

class UserGuide : public QDialog {
    Q_OBJECT
public:
    explicit UserGuide(QWidget* parent = nullptr);

    static QStringList roles(); // "annotator", "clinician", "lead"
    static QUrl pageUrl(const QString& role); // qrc:/guide/guide/<role>.html
    void showRole(const QString& role);
    QTextBrowser* browser() const { return m_browser; }

private:
    QComboBox* m_role;
    QTextBrowser* m_browser;
};

} // namespace sg::ui
