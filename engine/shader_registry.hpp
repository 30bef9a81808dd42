// SPIR-V compiled from shaders/ at build time and embedded in the binary (cmake/Shaders.cmake
// generates the definitions), so no shader is ever read from disk at run time.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace sh {

// The SPIR-V words of a shader by source file name ("particles_flow.comp"); empty if unknown.
std::span<const std::uint32_t> shader_spirv(std::string_view name);

// Every embedded shader name (for diagnostics and tests).
std::vector<std::string_view> shader_names();

} // namespace sh
