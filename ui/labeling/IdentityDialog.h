#pragma once
// "Who are you?" when a labeling project opens: the project's analyzers in an editable
// combo (a new name becomes a new analyzer), the role shown, the last name remembered.
#include "core/store/ProjectTypes.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;

namespace sg::ui {

class IdentityDialog : public QDialog {
    Q_OBJECT
public:
    IdentityDialog(const QString& projectPath, std::vector<sg::core::Analyzer> analyzers, QWidget* parent = nullptr);

    QString name() const;
    QComboBox* nameBox() const { return m_name; }

    // The name last signed in with (QSettings), and remembering a new one.
    static QString rememberedName();
    static void remember(const QString& name);

private:
    void updateRole();

    std::vector<sg::core::Analyzer> m_analyzers;
    QComboBox* m_name;
    QLabel* m_role;
};

} // namespace sg::ui
