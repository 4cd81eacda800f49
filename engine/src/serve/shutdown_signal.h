// SIGTERM and SIGINT as an orderly stop. The signals are blocked in every thread (call
// block_termination_signals() before starting any) and taken synchronously by sigwait, so the
// stop runs as ordinary code, not inside a signal handler.
#pragma once

namespace ccdafhir::serve {

void block_termination_signals();
// Returns the signal number once SIGTERM or SIGINT arrives.
int wait_for_termination_signal();

}  // namespace ccdafhir::serve
