// An empty scratch folder for one test: <tmp>/secondheart-<group>-<pid>/<name>, emptied first.
#pragma once

#include <filesystem>
#include <string>
#include <unistd.h>

namespace sh::testing {

inline std::filesystem::path fresh_dir(const std::string& group, const std::string& name) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                      ("secondheart-" + group + "-" + std::to_string(::getpid())) /
                                      name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace sh::testing
