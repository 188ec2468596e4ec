// Private to scene/: a JSON file parsed with the byte position of every key and value, so that
// validation errors can say "file:line:col: /json/pointer: problem"; and a reader for one JSON
// object that rejects unknown keys and wrong types with exactly such errors.
#pragma once
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace tb::scene {

using nlohmann::json;

class JsonDocument {
 public:
  // Throws tb::Error("file:line:col", "problem") for unreadable files and syntax errors.
  static JsonDocument parseFile(const std::string& path);
  static JsonDocument parseText(std::string text, std::string file);

  const json& root() const { return root_; }
  const std::string& file() const { return file_; }
  // "file:line:col" of the value (or of the key naming it) at `pointer`; "file" if unknown.
  std::string where(const std::string& pointer, bool atKey = false) const;
  [[noreturn]] void fail(const std::string& pointer, const std::string& problem, bool atKey = false) const;

 private:
  friend class PositionRecorder;
  std::string file_;
  std::string text_;
  json root_;
  std::map<std::string, size_t> valueAt_, keyAt_;
};

std::string pointerJoin(const std::string& parent, const std::string& key);  // RFC 6901 escaping
std::string pointerJoin(const std::string& parent, size_t index);
std::string formatNumber(double v);  // 95, 1.5, 0.001

// As a number's minimum: the value must be greater than 0.
inline constexpr double kPositive = std::numeric_limits<double>::min();

// One JSON object at `pointer`: every key must be in `known`, every read checks the type.
class ObjectReader {
 public:
  ObjectReader(const JsonDocument& doc, const json& value, std::string pointer, std::initializer_list<const char*> known);

  bool has(const char* key) const { return obj_->contains(key); }
  const json& at(const char* key) const { return obj_->at(key); }
  std::string pointer(const char* key) const { return pointerJoin(pointer_, key); }
  const std::string& pointer() const { return pointer_; }
  const JsonDocument& doc() const { return *doc_; }

  std::string requiredString(const char* key) const;  // non-empty
  std::string optionalString(const char* key, const std::string& fallback = "") const;
  double requiredNumber(const char* key, double min, double max) const;
  double optionalNumber(const char* key, double fallback, double min, double max) const;
  std::optional<double> maybeNumber(const char* key, double min, double max) const;
  bool optionalBool(const char* key, bool fallback) const;
  const json& requiredArray(const char* key) const;
  ObjectReader object(const char* key, std::initializer_list<const char*> known) const;  // required
  [[noreturn]] void missing(const char* key) const;

 private:
  double checkedNumber(const char* key, double min, double max) const;
  const JsonDocument* doc_;
  const json* obj_;
  std::string pointer_;
};

}  // namespace tb::scene
