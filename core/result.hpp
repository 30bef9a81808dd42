// Result<T>: either a value or an Error (a code, a message, the detailed reasons behind it, and
// the VkResult when a Vulkan call failed). Setup code in engine/ and anatomy/ returns Result
// instead of throwing so that callers and tests can inspect failures; value() on an error
// throws a std::logic_error carrying the message, so a result can never be unwrapped into
// garbage. The convention per layer: docs/architecture.md, "Errors".
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sh {

// What kind of failure, for callers that react differently (a missing device is a skip, bad
// input a message to the user, a Vulkan failure a report with its VkResult).
enum class ErrorCode : std::uint8_t {
    Failed,       // anything else (the message says what)
    InvalidInput, // a file, key or value that is not what was expected (the message names it)
    NotFound,     // a file, device, layer or shader that is not there
    Io,           // reading or writing a file failed
    Unsupported,  // the device or driver lacks a feature or format
    Vulkan,       // a Vulkan call failed: vk_result holds its VkResult
};

struct Error {
    std::string message;
    std::vector<std::string> reasons; // one line each, most specific last
    ErrorCode code = ErrorCode::Failed;
    // The VkResult of the failed Vulkan call (code Vulkan), 0 (VK_SUCCESS) otherwise. An int32
    // so that layers without Vulkan (anatomy/) share this header.
    std::int32_t vk_result = 0;

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
