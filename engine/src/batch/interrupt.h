// SIGINT / SIGTERM during a batch: the first one asks the batch to stop taking new members,
// finish those in flight and write its report; the handler then steps aside, so a second
// signal ends the process at once (outputs are atomic, so nothing partial looks finished).
#pragma once

#include <signal.h>

namespace ccdafhir::batch {

class InterruptHandlers {
 public:
  InterruptHandlers();   // installs the handlers
  ~InterruptHandlers();  // restores what was there before
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

// True once SIGINT or SIGTERM arrived while handlers were installed.
bool interrupt_requested();
// Clears the flag (a new batch in the same process starts uninterrupted).
void clear_interrupt();

}  // namespace ccdafhir::batch
