#pragma once
// File > New labeling project: what a study lead chooses to set one up (the DICOM folder,
// the project file, their name, how many slices per level, assisted or blind).
#include "core/store/ProjectSetup.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

namespace sg::ui {

class NewProjectDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget* parent = nullptr);

    sg::core::ProjectSetupOptions options() const;
    // For tests and for callers that know the values already.
    void setFolder(const QString& folder);
    void setProjectFile(const QString& file);
    void setLeadName(const QString& name);

private:
    void browseFolder();
    void browseFile();
    void updateOk();

    QLineEdit* m_folder;
    QLineEdit* m_file;
    QLineEdit* m_lead;
    QSpinBox* m_perLevel;
    QSpinBox* m_seed;
    QCheckBox* m_assisted;
    QDialogButtonBox* m_buttons;
};

} // namespace sg::ui
