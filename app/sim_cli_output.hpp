#pragma once
// JSON forms of the protocol results printed by secondheart-sim (one object per run).

#include "protocols.hpp"

#include <nlohmann/json.hpp>

namespace sh::app {

nlohmann::json to_json(const sim::AvpResult& r);
nlohmann::json to_json(const sim::ApgResult& r);
nlohmann::json to_json(const sim::SitResult& r);
nlohmann::json to_json(const sim::RefluxResult& r);

} // namespace sh::app
