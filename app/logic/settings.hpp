#pragma once
// The user's settings file: kiosk PIN, display, idle times, particle count, palette, text size.
// Lives in $XDG_CONFIG_HOME/secondheart/settings.json (~/.config/... when unset). A corrupt or
// half-valid file is reported and defaults are used for what is wrong; saving is atomic (write a
// temporary file in the same folder, flush, rename), so a crash never leaves half a file.

#include <optional>
#include <string>
#include <vector>

namespace sh::app {

struct Settings {
    std::string kiosk_pin = ""; // empty: the kiosk cannot be left from inside the app
    int display = 0;
    double idle_s = 75;
    double countdown_s = 12;
    int particles = 0;            // 0: scale to the device
    std::string palette = "dark"; // dark, light, projector (= light), cvd (= dark for now)
    double text_scale = 1.0;
    double touch_mm = 9.0;   // smallest touch target side in the kiosk and patient modes
    double screen_dpi = 0.0; // 0: SDL's figure (96 assumed when it has none); set it for
                             // large panels, whose reported DPI is often wrong
    // A language code (en, es, de; app/i18n); empty: the system's (LANG), else English.
    std::string language;
    // How much the leg's visible swelling is exaggerated (app/logic/leg_swelling): 1 (true
    // scale) to 10. Above 1 the screen always says so ("Swelling shown x5").
    double swelling_exaggeration = 1.0;
    // Screenshots, recordings and CSV exports go here; empty: the default folder
    // (app/logic/export_files.hpp: ~/Pictures/SecondHeart or ~/.local/share/secondheart/exports).
    std::string export_dir;
};

std::string default_settings_path();

// Reads `path`. A missing file gives the defaults silently; every problem (unreadable JSON, a
// wrong type, an out-of-range value, an unknown key) is added to `problems` with the file and
// key named, and that value keeps its default.
Settings load_settings(const std::string& path, std::vector<std::string>& problems);
// Atomic save; returns an error message on failure (nothing is left half-written).
std::optional<std::string> save_settings(const Settings& s, const std::string& path);

} // namespace sh::app
