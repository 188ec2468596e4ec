// Small fields of user-made sites: a new category's colour (distinct and stable) and the
// precision field's text (empty when no precision is set, never "0").
#include <gtest/gtest.h>

#include "session/SiteEdits.h"

using namespace tb;
using namespace tb::session;

namespace {

float colourDistance(glm::vec4 a, glm::vec4 b) { return glm::distance(glm::vec3(a), glm::vec3(b)); }

TEST(CategoryColour, TheSameNameGetsTheSameColour) {
  SitesDocument doc;
  EXPECT_EQ(newCategoryColor(doc, "batteries"), newCategoryColor(doc, "batteries"));
}

TEST(CategoryColour, EachNewCategoryGetsAColourNotYetUsed) {
  // Add categories one by one as the Edit window does: every new one must differ from all before
  // it (the old code gave every new category the same orange).
  SitesDocument doc;
  doc.categories["my-places"] = {"My places", glm::vec4(0.91f, 0.64f, 0.24f, 1.0f)};
  const char* names[] = {"batteries", "factories", "town", "harbour", "bridges", "roads"};
  for (const char* name : names) {
    const glm::vec4 c = newCategoryColor(doc, name);
    for (const auto& [key, cat] : doc.categories)
      EXPECT_GE(colourDistance(c, cat.color), 0.2f) << name << " looks like " << key;
    doc.categories[name] = {name, c};
  }
}

TEST(CategoryColour, DifferentNamesStartFromDifferentColours) {
  SitesDocument doc;  // nothing taken: the colour comes from the name alone
  int distinct = 0;
  const glm::vec4 first = newCategoryColor(doc, "batteries");
  for (const char* name : {"factories", "town", "harbour", "bridges", "roads", "camps"})
    if (colourDistance(newCategoryColor(doc, name), first) > 0.01f) ++distinct;
  EXPECT_GE(distinct, 5);
}

TEST(PrecisionField, NoPrecisionIsEmptyNotZero) {
  EXPECT_EQ(precisionText(std::nullopt), "");
  EXPECT_EQ(precisionText(60.0), "60");
  EXPECT_EQ(precisionText(0.0), "");
}

TEST(PrecisionField, TextBackToPrecision) {
  EXPECT_EQ(precisionFromText("250"), 250.0);
  EXPECT_EQ(precisionFromText(" 12.5 "), 12.5);  // spaces around a number are fine
  EXPECT_EQ(precisionFromText(""), std::nullopt);
  EXPECT_EQ(precisionFromText("0"), std::nullopt);
  EXPECT_EQ(precisionFromText("-5"), std::nullopt);
  EXPECT_EQ(precisionFromText("abc"), std::nullopt);
  EXPECT_EQ(precisionFromText("12m"), std::nullopt);
}

}  // namespace
