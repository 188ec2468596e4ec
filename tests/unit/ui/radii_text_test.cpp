// Range ring radii typed in the Analysis panel.
#include <gtest/gtest.h>

#include "ui/AnalysisUi.h"

namespace tb::ui {
namespace {

TEST(RadiiText, KilometresSeparatedBySpacesOrCommas) {
  std::string error;
  const auto r = parseRadiiKm("5, 10.5 17", error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(*r, (std::vector<double>{5000.0, 10500.0, 17000.0}));
}

TEST(RadiiText, GarbageZeroNegativeAndEmptyAreRefusedWithTheWord) {
  for (const char* bad : {"5 x", "0", "-3", "", "  ", "1e999", "nan"}) {
    std::string error;
    EXPECT_FALSE(parseRadiiKm(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
  std::string error;
  parseRadiiKm("5 ten", error);
  EXPECT_NE(error.find("\"ten\""), std::string::npos) << error;
}

}  // namespace
}  // namespace tb::ui
