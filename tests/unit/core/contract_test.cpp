// TB_EXPECTS: a broken precondition stops the program with the function's name and the condition.
#include <gtest/gtest.h>

#include "core/Contract.h"

namespace {

int halve(int even) {
  TB_EXPECTS(even % 2 == 0);
  return even / 2;
}

TEST(ContractDeathTest, BrokenPreconditionNamesFunctionAndCondition) {
  EXPECT_EQ(halve(4), 2);
  EXPECT_DEATH(halve(3), "internal error: halve\\(\\): precondition failed: even % 2 == 0 \\(.*contract_test.cpp:");
}

}  // namespace
