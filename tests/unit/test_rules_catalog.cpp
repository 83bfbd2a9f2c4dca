#include "planck/rules/catalog.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace planck;

TEST_CASE("rule catalogue")
{
  SUBCASE("every integer option has a documented minimum, and its default meets it")
  {
    for (const auto& info : rule_infos()) {
      for (const auto& option : info.options) {
        if (option.type != OptionType::integer) {
          continue;
        }
        CAPTURE(std::string(info.id) + "." + std::string(option.name));
        REQUIRE(option.minimum.has_value());
        CHECK(std::stoll(std::string(option.default_yaml)) >= *option.minimum);
      }
    }
  }

  SUBCASE("every rule has a check, but the two the engine reports itself")
  {
    for (const auto& entry : rule_catalogue()) {
      CAPTURE(std::string(entry.info.id));
      const bool by_engine = entry.info.id == k_unused_suppression || entry.info.id == k_invalid_document;
      CHECK((entry.check == nullptr) == by_engine);
    }
  }
}
