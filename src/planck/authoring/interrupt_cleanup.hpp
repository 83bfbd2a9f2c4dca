#pragma once

#include <signal.h>
#include <string>

namespace planck {

/// Removes the file at `path` should the process be stopped by SIGINT, SIGTERM, SIGHUP or SIGQUIT
/// before `forget_on_interrupt(path)`, then stops as that signal would have stopped it: a lock or a
/// temporary file does not outlive a Ctrl-C. A signal the process ignores stays ignored.
void remove_on_interrupt(const std::string& path);

/// Undoes `remove_on_interrupt(path)`.
void forget_on_interrupt(const std::string& path);

/// Holds back SIGINT, SIGTERM, SIGHUP and SIGQUIT while alive; one that arrives meanwhile is
/// delivered when it is destroyed. Steps that belong together (the renames of one transaction, a
/// lock's creation and its registration) are not split by a signal.
class DeferInterrupts
{
public:
  DeferInterrupts();
  ~DeferInterrupts();
  DeferInterrupts(const DeferInterrupts&) = delete;
  DeferInterrupts& operator=(const DeferInterrupts&) = delete;

private:
  sigset_t m_previous{};
};

} // namespace planck
