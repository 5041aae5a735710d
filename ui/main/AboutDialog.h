#pragma once
// Help > About: the version, the libraries with the versions actually built in (Qt, VTK,
// ITK/GDCM, LibTorch, SQLite), the shipped model and the licence. The text is one function
// so a bug report can quote it and a test can read it.
#include <QDialog>
#include <QString>

namespace sg::ui {

// The About text as HTML.
QString aboutHtml();
// The shipped CNN model's name and version ("spinegrade-synthetic 1"), or why it cannot be read.
QString shippedModelDescription();

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace sg::ui
