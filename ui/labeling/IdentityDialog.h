#pragma once
// "Who are you?" when a labeling project opens: the project's analyzers in an editable
// combo (a new name becomes a new analyzer), the role shown, the last name remembered.
// A typed name is judged by the store's rules (core/labels/RaterName.h) while typing: a
// look-alike of an existing analyzer signs in as that analyzer, a refused name says why here
// and cannot start.
#include "core/store/ProjectTypes.h"

#include <QDialog>

#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;

namespace sg::ui {

class IdentityDialog : public QDialog {
    Q_OBJECT
public:
    // `models`: the model names of the project's predictions (raters a new name must not pass for).
    IdentityDialog(const QString& projectPath, std::vector<sg::core::Analyzer> analyzers, QWidget* parent = nullptr,
        std::vector<std::string> models = {});

    // The name that signs in: an existing analyzer's exact name for a look-alike of it.
    QString name() const;
    // Why the typed name cannot sign in (empty when it can).
    QString refusal() const;
    QLabel* roleLabel() const { return m_role; }
    QPushButton* startButton() const { return m_start; }
    QComboBox* nameBox() const { return m_name; }

    // The name last signed in with (QSettings), and remembering a new one.
    static QString rememberedName();
    static void remember(const QString& name);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateRole();
    void fitRole();
    const sg::core::Analyzer* existing() const; // the analyzer the typed name means, if any

    std::vector<sg::core::Analyzer> m_analyzers;
    std::vector<std::string> m_models;
    QComboBox* m_name;
    QLabel* m_role;
    QPushButton* m_start = nullptr;
};

} // namespace sg::ui
