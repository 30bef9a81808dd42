// SIGTERM and SIGINT end a run cleanly instead of killing it: the first one asks the frame loop
// to make the frame in flight the last (it is then captured for --screenshot, the recording is
// flushed and closed, the summary printed) and the program exits normally; a second signal
// exits at once, as before. A kiosk stopped by its service manager, or Ctrl+C on a headless
// --record, so never leaves a cut-off file behind.
//
// SDL installs its own SIGINT/SIGTERM handlers only where none is set, so these stay in force in
// a window too.
#pragma once

namespace sh::app {

// Installs the handlers (once; later calls do nothing).
void install_shutdown_signals();

// True once SIGTERM or SIGINT has arrived. The first call that sees it prints one line saying
// which signal and what happens next (printing is not allowed in the handler itself).
bool shutdown_requested();

} // namespace sh::app
