// JSON parsing that can say where a number too large for a double sits. nlohmann::json throws
// out_of_range 406 ("number overflow parsing '1e999'") with neither the file nor the key; this
// parse remembers the last object key read, so the loaders (scenario, lesson, settings) can
// name both: "walk.json: key \"gait_speed_kmh\": the number 1e999 is out of range".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace sh::sim {

// Parses `text`; on json::out_of_range (a number overflow), `last_key` holds the key whose value
// could not be read, and the exception propagates. Other errors are nlohmann's own.
inline nlohmann::json parse_json_keyed(std::string_view text, std::string& last_key) {
    using nlohmann::json;
    last_key.clear();
    const json::parser_callback_t remember_key = [&last_key](int, json::parse_event_t event,
                                                             json& parsed) {
        if (event == json::parse_event_t::key) last_key = parsed.get<std::string>();
        return true;
    };
    return json::parse(text, remember_key);
}

// The sentence for that case: `key "speed": a number out of range (1e999 does not fit a double)`.
inline std::string number_overflow_message(const std::string& last_key,
                                           const nlohmann::json::out_of_range& e) {
    std::string what = e.what();
    const auto quote = what.find('\'');
    const std::string number = quote != std::string::npos
                                   ? what.substr(quote + 1, what.rfind('\'') - quote - 1)
                                   : std::string("a number");
    return "key \"" + (last_key.empty() ? std::string("(top level)") : last_key) +
           "\": the number " + number + " is out of range (largest about 1.8e308)";
}

} // namespace sh::sim
