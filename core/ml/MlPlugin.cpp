#include "core/ml/MlPlugin.h"

#include "core/util/PluginLoader.h"

#include <mutex>
#include <optional>

namespace sg::core {
namespace {

PluginSpec mlPluginSpec()
{
    PluginSpec spec;
    spec.name = "ML plugin";
    spec.search.fileName = kMlPluginName;
    spec.search.environmentVariable = "SPINEGRADE_ML_PLUGIN";
    spec.search.relativeToPrefix = "lib/spinegrade";
#ifdef SG_INSTALL_ML_PLUGIN_DIR
    spec.search.installDirectory = SG_INSTALL_ML_PLUGIN_DIR;
#endif
#ifdef SG_BUILD_ML_PLUGIN
    spec.search.buildPath = SG_BUILD_ML_PLUGIN;
#endif
    spec.abiSymbol = kMlPluginAbiSymbol;
    spec.abi = kMlPluginAbi;
    spec.entrySymbol = kMlPluginBackendSymbol;
    return spec;
}

} // namespace

Result<std::string> findMlPlugin()
{
    return findPlugin(mlPluginSpec());
}

Result<MlBackend*> loadMlPlugin(const std::string& path)
{
    return loadPlugin<MlBackend>(path, mlPluginSpec());
}

Result<MlBackend*> mlBackend()
{
    static std::once_flag once;
    static std::optional<Result<MlBackend*>> answer;
    std::call_once(once, [] {
        Result<std::string> path = findMlPlugin();
        answer = path ? loadMlPlugin(*path) : Result<MlBackend*>(Error {path.error()});
    });
    return *answer;
}

} // namespace sg::core
