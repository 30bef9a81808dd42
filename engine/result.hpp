// Result<T>: either a value or an error message with the detailed reasons behind it (for
// device selection: why each device was rejected). Setup code returns Result instead of
// throwing so that callers and tests can inspect failures; value() on an error throws a
// std::logic_error carrying the message, so a result can never be unwrapped into garbage.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sh {

struct Error {
    std::string message;
    std::vector<std::string> reasons; // one line each, most specific last

    // "message\n  - reason\n  - reason" for logs and exception texts.
    std::string describe() const {
        std::string text = message;
        for (const std::string& reason : reasons) text += "\n  - " + reason;
        return text;
    }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool has_value() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & {
        check();
        return std::get<0>(state_);
    }
    const T& value() const& {
        check();
        return std::get<0>(state_);
    }
    // Moves the value out (for move-only owners such as Device).
    T take() {
        check();
        return std::move(std::get<0>(state_));
    }

    const Error& error() const {
        if (has_value()) throw std::logic_error("Result::error() called on a value");
        return std::get<1>(state_);
    }

private:
    void check() const {
        if (!has_value()) {
            throw std::logic_error("unwrapped a failed Result: " + std::get<1>(state_).describe());
        }
    }

    std::variant<T, Error> state_;
};

} // namespace sh
