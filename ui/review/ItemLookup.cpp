#include "ui/review/ItemLookup.h"

#include "core/labels/ItemKey.h"
#include "core/store/ProjectItemKeys.h"
#include "core/store/ProjectStore.h"
#include "ui/common/ImportRoots.h"

#include <QFileInfo>
#include <QObject>

namespace sg::ui {

using namespace sg::core;

Result<FoundItem> findItemByKey(const QString& projectPath, const QString& text)
{
    const QString typed = text.simplified();
    auto store = ProjectStore::open(projectPath.toStdString(), projectOpenOptions(projectPath, true));
    if (!store)
        return Error {store.error()};
    auto keys = readItemKeys(**store);
    if (!keys)
        return Error {keys.error()};
    const QString project = QFileInfo(projectPath).fileName();
    const auto id = keys->find(typed.toStdString());
    if (!id) {
        if (parseItemKey(typed.toStdString()))
            return Error {QObject::tr("There is no item %1 in %2.").arg(typed, project).toStdString()};
        return Error {QObject::tr("\"%1\" is neither an item key (like S001 L4/L5 #3) nor the SOP instance UID of "
                                  "a slice of %2.")
                          .arg(typed, project)
                          .toStdString()};
    }
    return FoundItem {*id, QString::fromStdString(keys->key(*id))};
}

} // namespace sg::ui
