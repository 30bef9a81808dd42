#include "mode_events.hpp"

#include "sdl_window.hpp"

#include <cstdio>
#include <SDL.h>

namespace sh::app {

std::optional<KeyPress> key_from_sdl(const SDL_Event& event) {
    if (event.type != SDL_KEYDOWN) return std::nullopt;
    KeyPress k;
    const SDL_Keysym& s = event.key.keysym;
    k.ctrl = (s.mod & KMOD_CTRL) != 0;
    k.shift = (s.mod & KMOD_SHIFT) != 0;
    switch (s.sym) {
    case SDLK_PAGEDOWN:
        k.key = Key::PageDown;
        break;
    case SDLK_PAGEUP:
        k.key = Key::PageUp;
        break;
    case SDLK_RIGHT:
        k.key = Key::Right;
        break;
    case SDLK_LEFT:
        k.key = Key::Left;
        break;
    case SDLK_SPACE:
        k.key = Key::Space;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        k.key = Key::Enter;
        break;
    case SDLK_BACKSPACE:
        k.key = Key::Backspace;
        break;
    case SDLK_n:
        k.key = Key::N;
        break;
    case SDLK_p:
        k.key = Key::P;
        break;
    case SDLK_b:
        k.key = Key::B;
        break;
    case SDLK_PERIOD:
        k.key = Key::Period;
        break;
    case SDLK_F5:
        k.key = Key::F5;
        break;
    case SDLK_ESCAPE:
        k.key = Key::Escape;
        break;
    case SDLK_q:
        k.key = Key::Q;
        break;
    case SDLK_F12:
        k.key = Key::F12;
        break;
    default:
        if (s.sym >= SDLK_0 && s.sym <= SDLK_9) {
            k.key = Key::Digit;
            k.digit = s.sym - SDLK_0;
        } else if (s.sym >= SDLK_KP_1 && s.sym <= SDLK_KP_9) {
            k.key = Key::Digit;
            k.digit = s.sym - SDLK_KP_1 + 1;
        } else if (s.sym == SDLK_KP_0) {
            k.key = Key::Digit;
            k.digit = 0;
        }
        break;
    }
    return k; // Key::Other still counts as kiosk activity
}

void dispatch_mode_event(const SDL_Event& event, ModeController& modes, SdlWindow& window) {
    int w = 0, h = 0;
    SDL_GetWindowSize(window.get(), &w, &h);
    switch (event.type) {
    case SDL_KEYDOWN:
        if (event.key.repeat == 0) modes.on_key(*key_from_sdl(event));
        break;
    case SDL_MOUSEBUTTONDOWN:
        // Touches arrive as mouse events too (SDL's default); the finger events are not needed.
        modes.on_pointer_down(static_cast<float>(event.button.x),
                              static_cast<float>(event.button.y), static_cast<float>(w),
                              static_cast<float>(h));
        break;
    case SDL_MOUSEBUTTONUP:
        modes.on_pointer_up();
        break;
    case SDL_DISPLAYEVENT:
    case SDL_WINDOWEVENT:
        if (event.type == SDL_WINDOWEVENT &&
            (event.window.event != SDL_WINDOWEVENT_DISPLAY_CHANGED ||
             SDL_GetWindowDisplayIndex(window.get()) == window.display_in_use()))
            break; // only a move away from our display (our own re-placing lands on it)
        if (window.placement().fullscreen) {
            // A projector or kiosk panel was plugged, unplugged or changed mode: go fullscreen
            // again on the chosen display (the swapchain follows the new size by itself).
            const std::string note = window.reapply_placement();
            std::fprintf(stderr,
                         "secondheart: display change: fullscreen again on display %d%s%s\n",
                         window.display_in_use(), note.empty() ? "" : ": ", note.c_str());
        }
        break;
    default:
        break;
    }
}

} // namespace sh::app
