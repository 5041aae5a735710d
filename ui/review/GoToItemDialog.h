#pragma once
// Navigate > Go to item… (Ctrl+G): type an item key ("S001 L4/L5 #3") or a SOP instance UID.
// The dialog asks `go` to show it; an unknown key keeps the dialog open with the reason, so
// what was typed is not lost. Whoever opens it decides what "show" means in its mode.
#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;

namespace sg::ui {

class GoToItemDialog : public QDialog {
    Q_OBJECT
public:
    // `go` shows the item and returns an empty string, or returns why it cannot.
    using Go = std::function<QString(const QString& text)>;
    GoToItemDialog(Go go, QWidget* parent = nullptr);

    QLineEdit* field() const { return m_field; }
    QLabel* error() const { return m_error; }

    void accept() override; // tries `go`; closes only when it worked

private:
    Go m_go;
    QLineEdit* m_field;
    QLabel* m_error;
};

} // namespace sg::ui
