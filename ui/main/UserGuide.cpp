#include "ui/main/UserGuide.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sg::ui {

QStringList UserGuide::roles()
{
    return {QStringLiteral("annotator"), QStringLiteral("clinician"), QStringLiteral("lead")};
}

QUrl UserGuide::pageUrl(const QString& role)
{
    return QUrl(QStringLiteral("qrc:/guide/guide/%1.html").arg(role));
}

UserGuide::UserGuide(QWidget* parent) : QDialog(parent), m_role(new QComboBox(this)), m_browser(new QTextBrowser(this))
{
    setObjectName("userGuide");
    setWindowTitle(tr("SpineGrade user guide"));
    m_role->addItem(tr("Annotator (labeling slices)"), QStringLiteral("annotator"));
    m_role->addItem(tr("Clinician (viewing a study)"), QStringLiteral("clinician"));
    m_role->addItem(tr("Study lead (projects and agreement)"), QStringLiteral("lead"));
    m_browser->setOpenExternalLinks(true);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Guide for:"), this));
    top->addWidget(m_role);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_browser);
    connect(m_role, &QComboBox::currentIndexChanged, this,
        [this] { m_browser->setSource(pageUrl(m_role->currentData().toString())); });
    m_browser->setSource(pageUrl(roles().first()));
    resize(820, 760);
}

void UserGuide::showRole(const QString& role)
{
    const int i = m_role->findData(role);
    if (i >= 0)
        m_role->setCurrentIndex(i);
}

} // namespace sg::ui
