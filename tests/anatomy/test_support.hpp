#pragma once

#include "anatomy/mesh.hpp"
#include "anatomy/mesh_loader.hpp"

#include <filesystem>
#include <string>

namespace sh::anatomy::test {

inline std::filesystem::path asset_dir() {
    return SH_ANATOMY_ASSET_DIR;
}
inline std::filesystem::path manifest_path() {
    return asset_dir() / "manifest.json";
}

inline const LoadedLeg& default_leg_from_files() {
    static const LoadedLeg leg = load_leg(manifest_path(), {});
    return leg;
}

inline const Mesh& mesh_of(const LoadedLeg& leg, const std::string& role) {
    for (const auto& m : leg.meshes) {
        if (m.role == role) return m;
    }
    static const Mesh none;
    return none;
}

// A fresh, empty folder under the system's temporary directory.
inline std::filesystem::path scratch_dir(const std::string& name) {
    const auto p = std::filesystem::temp_directory_path() / ("sh_anatomy_test_" + name);
    std::error_code ec;
    std::filesystem::remove_all(p, ec);
    std::filesystem::create_directories(p, ec);
    return p;
}

} // namespace sh::anatomy::test
