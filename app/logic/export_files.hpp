#pragma once
// Where exports (screenshots, recordings, CSV time series) go, and how they are written: never
// over an existing file, and atomically (a reader never sees half a file).
//
// The export folder, first that applies:
//   1. the settings key "export_dir" (settings.json), when not empty;
//   2. $XDG_PICTURES_DIR/SecondHeart, when that variable names an existing folder;
//   3. ~/Pictures/SecondHeart, when ~/Pictures exists;
//   4. $XDG_DATA_HOME/secondheart/exports (~/.local/share/secondheart/exports when unset).
// The folder itself is created on the first export.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <variant>

namespace sh::app {

std::filesystem::path default_export_dir(const std::string& export_dir_setting);

// "secondheart-2026-11-24_03-45-12" for that local time.
std::string timestamped_stem(const std::string& prefix, std::chrono::system_clock::time_point t);

// A written file, or why not (a sentence that names the path and the cause).
struct ExportOutcome {
    std::filesystem::path path;
    std::string error;
    bool ok() const { return error.empty(); }
};

// Creates `dir` if needed and checks that a file can be created there. `what` names the folder
// in the message; for the export folder the message also points at the settings key.
ExportOutcome prepare_export_dir(const std::filesystem::path& dir,
                                 const std::string& what = "export folder");

// A path in `dir` named `stem` + `ext` (".png") that does not exist yet: stem, stem-2, stem-3...
std::filesystem::path unused_path(const std::filesystem::path& dir, const std::string& stem,
                                  const std::string& ext);

// Writes a file through `write(temporary path)` (which returns an error message, or "" on
// success), then gives it its final name `dir/stem[-N]ext` with link(2), which refuses to
// replace an existing file: a name taken in the meantime moves on to the next number.
ExportOutcome write_export(const std::filesystem::path& dir, const std::string& stem,
                           const std::string& ext,
                           const std::function<std::string(const std::filesystem::path&)>& write);

// Same, for text content (flushed and fsync'ed before it gets its name).
ExportOutcome write_text_export(const std::filesystem::path& dir, const std::string& stem,
                                const std::string& ext, const std::string& text);

} // namespace sh::app
