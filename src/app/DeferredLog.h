// Holds back log messages until the command's outcome is known: a failed command prints exactly
// one line on stderr (the error), a successful one prints the warnings it collected. With TB_LOG
// set, messages go straight to stderr instead (debugging wants them as they happen).
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace tb::app {

class DeferredLog {
 public:
  DeferredLog();  // call after tb::log::init()
  ~DeferredLog();
  void flushToStderr();  // on success
  void discard();        // on failure

 private:
  struct Sink;
  std::shared_ptr<Sink> sink_;
};

}  // namespace tb::app
