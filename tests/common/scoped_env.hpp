// Sets (or unsets) an environment variable for one scope and restores it afterwards.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

namespace sh::testing {

struct ScopedEnv {
    std::string name;
    std::optional<std::string> old;
    ScopedEnv(const char* n, const std::optional<std::string>& value) : name(n) {
        if (const char* v = std::getenv(n)) old = v;
        if (value)
            ::setenv(n, value->c_str(), 1);
        else
            ::unsetenv(n);
    }
    ~ScopedEnv() {
        if (old)
            ::setenv(name.c_str(), old->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;
};

} // namespace sh::testing
