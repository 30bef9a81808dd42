// The default leg in a cache folder shared by every secondheart process of the user (the app
// regenerates it on each start, see app/leg_content). Several processes may start at once
// (parallel tests, a lecture kiosk restarting), so the folder is never written in place: the
// set is generated into a private temporary folder beside it and renamed into place in one
// step. A reader that opens the folder sees either a complete set or none at all.
#pragma once

#include "anatomy/leggen.hpp"

#include <filesystem>

namespace sh::anatomy {

// Generates the default leg at `detail` and publishes it as `dir`:
//  - `dir` absent: the temporary folder is renamed to `dir` (atomic);
//  - `dir` already holds the same files byte for byte (another process, or an earlier run
//    of this build): it is kept, the temporary folder removed;
//  - `dir` holds something else (an older generator): it is renamed aside, the new set
//    renamed in, and the old one removed. Only in that case can a reader starting in
//    between find no folder for an instant (it then falls back to the built-in structures).
// Leaves no temporary folder behind. The result's error names the folder and what failed.
LeggenResult publish_default_leg(const std::filesystem::path& dir, double detail = 1.0);

// True when every regular file in `a` exists in `b` with the same bytes (and `a` has one).
bool same_files(const std::filesystem::path& a, const std::filesystem::path& b);

} // namespace sh::anatomy
