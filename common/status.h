// Status and Result<T>: errors as values.
//
// Everything inside Yhdessä reports failure by returning a Status (or a Result<T>, which
// holds either a value or a non-ok Status). Exceptions thrown by third-party libraries are
// caught in the one module that calls the library and turned into a Status there, with a
// source position when there is one. A Status is cheap to copy when ok (no allocation).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace yhdessa {

/// Broad class of a failure; callers branch on this, users read the message.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad input from a user: content, config, a ballot, a flag
  kNotFound,            // a file, page, round or key that does not exist
  kAlreadyExists,       // a unique thing claimed twice (URL, code used)
  kFailedPrecondition,  // right input, wrong moment (round closed, rules frozen)
  kIoError,             // the operating system said no
  kInternal,            // a bug: an invariant did not hold
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg) {
    return {StatusCode::kAlreadyExists, std::move(msg)};
  }
  static Status FailedPrecondition(std::string msg) {
    return {StatusCode::kFailedPrecondition, std::move(msg)};
  }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

/// A value or the Status that explains why there is none. Never holds an ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace yhdessa

/// Returns from the enclosing function when `expr` (a Status) is not ok.
#define YH_RETURN_IF_ERROR(expr)             \
  do {                                       \
    ::yhdessa::Status yh_status_ = (expr);   \
    if (!yh_status_.ok()) return yh_status_; \
  } while (0)
