#include "planck/authoring/interrupt_cleanup.hpp"

#include <unistd.h>

#include <array>
#include <cstring>
#include <limits.h>

namespace planck {

namespace {

constexpr std::array<int, 4> k_signals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// The handler may only touch what is fixed in size and async-signal-safe to read: plain arrays,
// changed only while the signals are held back.
constexpr std::size_t k_slots = 32;
char g_paths[k_slots][PATH_MAX];
volatile sig_atomic_t g_used[k_slots];

void on_interrupt(int signal)
{
  for (std::size_t slot = 0; slot < k_slots; ++slot) {
    if (g_used[slot] != 0) {
      ::unlink(g_paths[slot]);
    }
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

// Looked at on every registration rather than once: a handler set meanwhile by someone else (a
// test framework, say) would otherwise silently take over.
void install()
{
  for (const int signal : k_signals) {
    struct sigaction previous
    {
    };
    if (::sigaction(signal, nullptr, &previous) != 0 || previous.sa_handler == SIG_IGN ||
        previous.sa_handler == on_interrupt) {
      continue;
    }
    struct sigaction action
    {
    };
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    for (const int other : k_signals) {
      sigaddset(&action.sa_mask, other);
    }
    ::sigaction(signal, &action, nullptr);
  }
}

} // namespace

void remove_on_interrupt(const std::string& path)
{
  if (path.size() >= PATH_MAX) {
    return; // left for the next run's clean-up
  }
  const DeferInterrupts defer;
  install();
  for (std::size_t slot = 0; slot < k_slots; ++slot) {
    if (g_used[slot] == 0) {
      std::memcpy(g_paths[slot], path.c_str(), path.size() + 1);
      g_used[slot] = 1;
      return;
    }
  }
}

void forget_on_interrupt(const std::string& path)
{
  const DeferInterrupts defer;
  for (std::size_t slot = 0; slot < k_slots; ++slot) {
    if (g_used[slot] != 0 && path == g_paths[slot]) {
      g_used[slot] = 0;
    }
  }
}

DeferInterrupts::DeferInterrupts()
{
  sigset_t interrupts;
  sigemptyset(&interrupts);
  for (const int signal : k_signals) {
    sigaddset(&interrupts, signal);
  }
  ::sigprocmask(SIG_BLOCK, &interrupts, &m_previous);
}

DeferInterrupts::~DeferInterrupts()
{
  ::sigprocmask(SIG_SETMASK, &m_previous, nullptr);
}

} // namespace planck
