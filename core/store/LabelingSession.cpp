#include "core/store/LabelingSession.h"

namespace sg::core {

Result<std::unique_ptr<LabelingSession>> LabelingSession::start(
    const std::string& projectPath, const std::string& analyzerName, OpenOptions options)
{
    auto store = ProjectStore::open(projectPath, options);
    if (!store)
        return Error {store.error()};
    auto who = (*store)->ensureAnalyzer(analyzerName, Role::Analyzer);
    if (!who)
        return Error {who.error()};
    return std::unique_ptr<LabelingSession>(new LabelingSession(std::move(*store), *who));
}

Result<Label> LabelingSession::save(Label label)
{
    label.analyzerId = m_who.id;
    return m_store->saveLabel(m_who, label);
}

} // namespace sg::core
