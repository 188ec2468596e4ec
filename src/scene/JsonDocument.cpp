// JSON parsing with positions: nlohmann's SAX interface builds the document while a counting
// input iterator tells where each key and value starts, so errors can point at line:col.
#include "scene/JsonDocument.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <vector>

#include "core/Error.h"

namespace tb::scene {

// Reports how many bytes the parser has consumed so far; nlohmann reads one byte at a time.
struct CountingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;
  const char* p = nullptr;
  const char* base = nullptr;
  size_t* consumed = nullptr;
  reference operator*() const { return *p; }
  CountingIterator& operator++() {
    ++p;
    *consumed = static_cast<size_t>(p - base);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return p == o.p; }
  bool operator!=(const CountingIterator& o) const { return p != o.p; }
};

// Builds the DOM like nlohmann's own SAX DOM parser, and records positions. A token starts at the
// first byte after the previous event that is not whitespace or a separator (the lexer's one-byte
// look-ahead after numbers can only swallow such a byte or a closing bracket).
class PositionRecorder : public nlohmann::json_sax<json> {
 public:
  PositionRecorder(JsonDocument& doc, const size_t& consumed) : doc_(doc), consumed_(consumed) {}

  bool null() override { return value(nullptr); }
  bool boolean(bool v) override { return value(v); }
  bool number_integer(number_integer_t v) override { return value(v); }
  bool number_unsigned(number_unsigned_t v) override { return value(v); }
  bool number_float(number_float_t v, const string_t&) override { return value(v); }
  bool string(string_t& v) override { return value(v); }
  bool binary(binary_t& v) override { return value(json::binary(v)); }
  bool start_object(std::size_t) override { return open(json::object()); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    const size_t at = tokenStart();
    Frame& top = stack_.back();
    const std::string ptr = pointerJoin(top.pointer, k);
    if (top.node->contains(k)) {
      duplicate_ = ptr;
      duplicateAt_ = at;
      return false;
    }
    doc_.keyAt_[ptr] = at;
    key_ = k;
    return true;
  }
  bool parse_error(std::size_t position, const std::string& lastToken, const nlohmann::detail::exception& ex) override {
    syntaxError_ = ex.what();
    // nlohmann counts up to the end of the offending token; point at its start instead.
    syntaxAt_ = position >= lastToken.size() ? position - lastToken.size() : 0;
    return false;
  }

  std::string syntaxError_;
  size_t syntaxAt_ = 0;
  std::string duplicate_;
  size_t duplicateAt_ = 0;

 private:
  struct Frame {
    json* node;
    std::string pointer;
  };

  size_t tokenStart() {
    size_t i = scanned_;
    const std::string& t = doc_.text_;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r' || t[i] == ',' || t[i] == ':'))
      ++i;
    scanned_ = consumed_;
    return i;
  }

  // Places `v` into the current container; returns it and its pointer.
  std::pair<json*, std::string> place(json&& v) {
    const size_t at = tokenStart();
    json* slot;
    std::string ptr;
    if (stack_.empty()) {
      doc_.root_ = std::move(v);
      slot = &doc_.root_;
    } else if (stack_.back().node->is_array()) {
      json& arr = *stack_.back().node;
      ptr = pointerJoin(stack_.back().pointer, arr.size());
      arr.push_back(std::move(v));
      slot = &arr.back();
    } else {
      ptr = pointerJoin(stack_.back().pointer, key_);
      slot = &((*stack_.back().node)[key_] = std::move(v));
    }
    doc_.valueAt_[ptr] = at;
    return {slot, ptr};
  }
  bool value(json&& v) {
    place(std::move(v));
    return true;
  }
  bool open(json&& v) {
    // Each level keeps its JSON pointer, so depth costs memory quadratically: a megabyte of "["
    // would take terabytes. Our formats nest a few levels; GeoJSON coordinates a few more.
    if (stack_.size() >= kMaxDepth) {
      syntaxError_ = "nested deeper than " + std::to_string(kMaxDepth) + " levels";
      syntaxAt_ = tokenStart();
      return false;
    }
    auto [slot, ptr] = place(std::move(v));
    stack_.push_back({slot, ptr});
    return true;
  }
  bool close() {
    scanned_ = consumed_;
    stack_.pop_back();
    return true;
  }

  static constexpr size_t kMaxDepth = 64;
  JsonDocument& doc_;
  const size_t& consumed_;
  size_t scanned_ = 0;
  std::vector<Frame> stack_;
  std::string key_;
};

static std::string lineCol(const std::string& text, size_t offset) {
  size_t line = 1, lineStart = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line, lineStart = i + 1;
  return std::to_string(line) + ":" + std::to_string(offset - lineStart + 1);
}

JsonDocument JsonDocument::parseText(std::string text, std::string file) {
  JsonDocument doc;
  doc.file_ = std::move(file);
  doc.text_ = std::move(text);
  size_t consumed = 0;
  PositionRecorder rec(doc, consumed);
  const char* b = doc.text_.data();
  CountingIterator first{b, b, &consumed}, last{b + doc.text_.size(), b, &consumed};
  const bool ok = json::sax_parse(first, last, &rec);
  if (!rec.duplicate_.empty())
    throw Error(doc.file_ + ":" + lineCol(doc.text_, rec.duplicateAt_), rec.duplicate_ + ": duplicate key");
  if (!ok) {
    // nlohmann says "[json.exception.parse_error.101] parse error at line 3, column 5: <problem>".
    std::string msg = rec.syntaxError_;
    const size_t lineAt = msg.find("at line "), colon = msg.find(": ", lineAt == std::string::npos ? 0 : lineAt);
    if (lineAt != std::string::npos && colon != std::string::npos) msg = msg.substr(colon + 2);
    throw Error(doc.file_ + ":" + lineCol(doc.text_, rec.syntaxAt_), "JSON " + msg);
  }
  return doc;
}

JsonDocument JsonDocument::parseFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the file (missing or unreadable)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parseText(ss.str(), path);
}

std::string JsonDocument::where(const std::string& pointer, bool atKey) const {
  const auto& table = atKey ? keyAt_ : valueAt_;
  auto it = table.find(pointer);
  if (it == table.end() && atKey) {
    it = valueAt_.find(pointer);
    if (it == valueAt_.end()) return file_;
  } else if (it == table.end()) {
    return file_;
  }
  return file_ + ":" + lineCol(text_, it->second);
}

void JsonDocument::fail(const std::string& pointer, const std::string& problem, bool atKey) const {
  throw Error(where(pointer, atKey), (pointer.empty() ? std::string("top level") : pointer) + ": " + problem);
}

std::string pointerJoin(const std::string& parent, const std::string& key) {
  std::string out = parent + "/";
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointerJoin(const std::string& parent, size_t index) { return parent + "/" + std::to_string(index); }

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

static const char* typeName(const json& v) {
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_boolean()) return "true/false";
  if (v.is_object()) return "an object";
  if (v.is_array()) return "an array";
  return "null";
}

ObjectReader::ObjectReader(const JsonDocument& doc, const json& value, std::string pointer,
                           std::initializer_list<const char*> known)
    : doc_(&doc), obj_(&value), pointer_(std::move(pointer)) {
  if (!value.is_object()) doc.fail(pointer_, std::string("expected an object, found ") + typeName(value));
  for (const auto& [key, v] : value.items()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      (void)v;
      throw Error(doc.where(pointerJoin(pointer_, key), true),
                  (pointer_.empty() ? std::string("top level") : pointer_) + ": unknown key \"" + key + "\" (known: " +
                      list + ")");
    }
  }
}

void ObjectReader::missing(const char* key) const { doc_->fail(pointer_, std::string("missing required key \"") + key + "\""); }

std::string ObjectReader::requiredString(const char* key) const {
  if (!has(key)) missing(key);
  std::string s = optionalString(key);
  if (s.empty()) doc_->fail(pointer(key), "must not be empty");
  return s;
}

std::string ObjectReader::optionalString(const char* key, const std::string& fallback) const {
  if (!has(key)) return fallback;
  const json& v = at(key);
  if (!v.is_string()) doc_->fail(pointer(key), std::string("expected a string, found ") + typeName(v));
  return v.get<std::string>();
}

double ObjectReader::checkedNumber(const char* key, double min, double max) const {
  const json& v = at(key);
  if (!v.is_number()) doc_->fail(pointer(key), std::string("expected a number, found ") + typeName(v));
  const double d = v.get<double>();
  if (!std::isfinite(d)) doc_->fail(pointer(key), "must be a finite number");
  if (min == kPositive && d <= 0)
    doc_->fail(pointer(key), formatNumber(d) + " must be greater than 0");
  if (d < min || d > max)
    doc_->fail(pointer(key), formatNumber(d) + " is outside " + formatNumber(min) + ".." + formatNumber(max));
  return d;
}

double ObjectReader::requiredNumber(const char* key, double min, double max) const {
  if (!has(key)) missing(key);
  return checkedNumber(key, min, max);
}

double ObjectReader::optionalNumber(const char* key, double fallback, double min, double max) const {
  return has(key) ? checkedNumber(key, min, max) : fallback;
}

std::optional<double> ObjectReader::maybeNumber(const char* key, double min, double max) const {
  if (!has(key)) return std::nullopt;
  return checkedNumber(key, min, max);
}

bool ObjectReader::optionalBool(const char* key, bool fallback) const {
  if (!has(key)) return fallback;
  const json& v = at(key);
  if (!v.is_boolean()) doc_->fail(pointer(key), std::string("expected true or false, found ") + typeName(v));
  return v.get<bool>();
}

const json& ObjectReader::requiredArray(const char* key) const {
  if (!has(key)) missing(key);
  const json& v = at(key);
  if (!v.is_array()) doc_->fail(pointer(key), std::string("expected an array, found ") + typeName(v));
  return v;
}

ObjectReader ObjectReader::object(const char* key, std::initializer_list<const char*> known) const {
  if (!has(key)) missing(key);
  return ObjectReader(*doc_, at(key), pointer(key), known);
}

}  // namespace tb::scene
