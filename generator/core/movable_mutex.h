// MovableMutex: a std::mutex that lets the class holding it keep its defaulted moves.
//
// The build's caches are filled from several threads (so they hold a mutex) and are moved
// as values before a build uses them (Decode returns them in a Result). Moving a mutex is
// meaningless: a moved-to MovableMutex is simply a fresh, unlocked one. Moving an object
// while another thread holds its lock is as wrong as ever.
#pragma once

#include <mutex>

namespace yhdessa {

class MovableMutex : public std::mutex {
 public:
  MovableMutex() = default;
  MovableMutex(MovableMutex&&) noexcept {}
  MovableMutex& operator=(MovableMutex&&) noexcept { return *this; }
};

}  // namespace yhdessa
