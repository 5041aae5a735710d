#pragma once
// Loads a SpineGrade plugin: a shared object the programs dlopen on first use, so a process
// that never needs what it links (LibTorch, ITK/GDCM's writer) never pays its start-up.
// Every plugin exports two C symbols: one returns the ABI value the program expects (the
// interface version with the sizes of the types that cross folded in), one returns the
// plugin's object. Errors name the file and what is wrong with it.
#include "core/util/InstalledFile.h"
#include "core/util/Result.h"

#include <cstdint>
#include <string>

namespace sg::core {

struct PluginSpec {
    std::string name; // "ML plugin": messages say "the ML plugin", "not a SpineGrade ML plugin"
    InstalledFileSearch search; // where it may be; `what` defaults to "the <name>", `usable` to "is a file"
    const char* abiSymbol = nullptr; // uint64_t () : must return `abi`
    std::uint64_t abi = 0;
    const char* entrySymbol = nullptr; // T* () : the plugin's object, never null
};

// The plugin's file, by spec.search (see InstalledFile.h).
Result<std::string> findPlugin(const PluginSpec& spec);

// dlopen(PATH) with RTLD_LOCAL (the plugin's libraries stay its own), the ABI check, then the
// address of the entry function. The handle is never closed: the object lives until the
// process ends (and LibTorch does not survive being unloaded). Never throws.
Result<void*> loadPluginEntry(const std::string& path, const PluginSpec& spec);

// The plugin's object: its entry function, of type T* (), called once.
template <typename T>
Result<T*> loadPlugin(const std::string& path, const PluginSpec& spec)
{
    Result<void*> entry = loadPluginEntry(path, spec);
    if (!entry)
        return Error {entry.error()};
    T* object = reinterpret_cast<T* (*)()>(*entry)();
    if (!object)
        return Error {path + ": the " + spec.name + " gave nothing"};
    return object;
}

} // namespace sg::core
