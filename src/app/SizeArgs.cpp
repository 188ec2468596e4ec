// Parsing of --size WxH. Strict: digits only, no signs or spaces, so that a typo is an error
// rather than a surprising image.
#include "app/SizeArgs.h"

#include <charconv>

#include "core/Error.h"

namespace tb::app {
namespace {

// Parses a run of decimal digits into `value`; false if empty, not all digits or too long.
bool parseSide(std::string_view digits, long long& value) {
  if (digits.empty() || digits.size() > 9) return false;
  for (char c : digits)
    if (c < '0' || c > '9') return false;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return ec == std::errc() && end == digits.data() + digits.size();
}

}  // namespace

ImageSize parseImageSize(const std::string& text) {
  const std::string expected = "expected WIDTHxHEIGHT in pixels (e.g. 1920x1080), got \"" + text + "\"";
  const auto x = text.find_first_of("xX");
  if (x == std::string::npos) throw Error("--size", expected);
  long long w = 0, h = 0;
  const std::string_view all(text);
  if (!parseSide(all.substr(0, x), w) || !parseSide(all.substr(x + 1), h)) throw Error("--size", expected);
  if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide)
    throw Error("--size", "each side must be 1.." + std::to_string(kMaxImageSide) + " pixels, got \"" + text + "\"");
  return {static_cast<int>(w), static_cast<int>(h)};
}

}  // namespace tb::app
