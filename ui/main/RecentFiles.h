#pragma once
// File > Open Recent: the last ten projects and study folders opened, newest first, kept in
// QSettings so they survive a restart. A path that no longer exists stays listed (greyed,
// with its path: it may be on a drive not mounted now) until the user removes it.
#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;

namespace sg::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaximum = 10;

    // `settingsKey`: where the list lives in QSettings (tests pass their own).
    explicit RecentFiles(QObject* parent = nullptr, QString settingsKey = QStringLiteral("recent/paths"));

    QStringList paths() const; // newest first, absolute
    void add(const QString& path); // to the top; an older entry of the same path goes
    void remove(const QString& path);
    void removeMissing();
    void clear();

    // Fills `menu` with the entries (and Remove missing, Clear); call on aboutToShow.
    void fillMenu(QMenu* menu);

signals:
    void openRequested(const QString& path);
    void changed();

private:
    void store(const QStringList& paths);
    QAction* missingEntry(QMenu* menu, const QString& path);
    QString m_key;
};

} // namespace sg::ui
