#include "test_hooks.hpp"

#include "mode_events.hpp"

#include <SDL.h>

namespace sh::app {
namespace {
constexpr std::uint32_t k_test_minimise_frames = 20; // frames the hook keeps it minimised
} // namespace

void TestHooks::window_events(std::uint32_t i, SdlWindow& window) {
    const Options& o = *o_;
    if (o.test_resize_frame && *o.test_resize_frame == i)
        SDL_SetWindowSize(window.get(), static_cast<int>(o.test_resize_to.width),
                          static_cast<int>(o.test_resize_to.height));
    if (o.test_minimise_frame && *o.test_minimise_frame == i) {
        SDL_MinimizeWindow(window.get());
        restore_at_ = i + k_test_minimise_frames;
    }
    if (restore_at_ && *restore_at_ == i) SDL_RestoreWindow(window.get());
    if (o.test_display_change_frame && *o.test_display_change_frame == i) {
        // As if a display had been plugged in: the next poll re-places the window.
        SDL_Event e{};
        e.type = SDL_DISPLAYEVENT;
        e.display.event = SDL_DISPLAYEVENT_CONNECTED;
        SDL_PushEvent(&e);
    }
}

bool TestHooks::inject_keys(std::uint32_t i, ModeController& modes) {
    bool quit = false;
    for (; next_key_ < o_->test_keys.size() && o_->test_keys[next_key_].frame <= i; ++next_key_) {
        const KeyPress& k = o_->test_keys[next_key_].press;
        if (modes.mode() != AppMode::Desktop)
            modes.on_key(k);
        else
            quit = quit || map_key(AppMode::Desktop, k) == ModeAction::Quit;
    }
    return quit;
}

VkExtent2D TestHooks::drawable_size(std::uint32_t i, VkExtent2D size) const {
    if (restore_at_ && i < *restore_at_) return {0, 0};
    return size;
}

} // namespace sh::app
