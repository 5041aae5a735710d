#include "ui/main/AboutDialog.h"

#include "core/ml/ModelManifest.h"
#include "core/ml/ProposalModel.h"
#include "core/ml/TorchVersion.h"
#include "core/util/LibraryVersions.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

#include <vtkVersion.h>

#ifndef SG_VERSION
#define SG_VERSION "unknown"
#endif

namespace sg::ui {

QString shippedModelDescription()
{
    // A few hundred bytes of JSON, read when the dialog opens.
    auto manifest = sg::core::readModelManifest(sg::core::defaultModelDirectory());
    if (!manifest)
        return QObject::tr("not found (%1)").arg(QString::fromStdString(manifest.error()));
    return QStringLiteral("%1 %2").arg(
        QString::fromStdString(manifest->name), QString::fromStdString(manifest->version));
}

QString aboutHtml()
{
    // The version the program was built as; the application may carry a longer one (git describe).
    QString version = QCoreApplication::applicationVersion();
    if (version.isEmpty())
        version = QStringLiteral(SG_VERSION);
    auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;%2</td></tr>").arg(name, value.toHtmlEscaped());
    };
    QString html;
    html += QStringLiteral("<h2>SpineGrade %1</h2>").arg(version.toHtmlEscaped());
    html += QObject::tr("<p>Grading lumbar spinal stenosis on axial MRI: two blinded analyzers, their "
                        "agreement, and a CNN that proposes.</p>");
    html += QObject::tr("<p><b>Libraries</b></p><table>");
    html += row(QStringLiteral("Qt"), QString::fromLatin1(qVersion()));
    html += row(QStringLiteral("VTK"), QString::fromLatin1(vtkVersion::GetVTKVersion()));
    html += row(QStringLiteral("ITK / GDCM"),
        QStringLiteral("%1 / %2").arg(
            QString::fromStdString(sg::core::itkVersion()), QString::fromStdString(sg::core::gdcmVersion())));
    html += row(QStringLiteral("LibTorch"), QString::fromStdString(sg::core::torchVersion()));
    html += row(QStringLiteral("SQLite"), QString::fromStdString(sg::core::sqliteVersion()));
    html += QStringLiteral("</table>");
    html += QObject::tr("<p><b>Model</b>: %1</p>").arg(shippedModelDescription().toHtmlEscaped());
    html += QObject::tr("<p><b>Licence</b>: MIT License. Copyright (c) 2026 The SpineGrade developers.</p>");
    return html;
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName("aboutDialog");
    setWindowTitle(tr("About SpineGrade"));
    auto* text = new QLabel(aboutHtml(), this);
    text->setObjectName("aboutText");
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse); // a bug report can copy it
    text->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

} // namespace sg::ui
