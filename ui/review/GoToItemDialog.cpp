#include "ui/review/GoToItemDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace sg::ui {

GoToItemDialog::GoToItemDialog(Go go, QWidget* parent)
    : QDialog(parent), m_go(std::move(go)), m_field(new QLineEdit(this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Go to item"));
    setObjectName("goToItemDialog");
    auto* layout = new QVBoxLayout(this);
    auto* prompt = new QLabel(tr("Item key (e.g. S001 L4/L5 #3) or SOP instance UID:"), this);
    m_field->setPlaceholderText(QStringLiteral("S001 L4/L5 #3"));
    m_field->setMinimumWidth(320);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &GoToItemDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &GoToItemDialog::reject);
    layout->addWidget(prompt);
    layout->addWidget(m_field);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    prompt->setBuddy(m_field);
}

void GoToItemDialog::accept()
{
    const QString text = m_field->text().simplified();
    const QString why = text.isEmpty() ? tr("Type an item key or a SOP instance UID.") : m_go(text);
    if (!why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        m_field->selectAll();
        m_field->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace sg::ui
